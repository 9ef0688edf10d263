// Bindings of the property phase to this API: ids name resources the suite created; unsafe members are never sent.

import { randomUUID } from "node:crypto";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step } from "../../src/engine/session.ts";
import type { PropertyBindings } from "../../src/property/phase.ts";
import { DROP, type Pins } from "../../src/property/request-model.ts";
import type { Operation } from "../../src/spec/operations.ts";
import { createAssistant, createThread, GRAPH_IDS, need, runBody } from "../support/index.ts";

/** Once a year, so no cron created here ever fires during a run. */
const SCHEDULE = "5 4 1 1 *";
const STORE_KEY = "k1";

export interface PropertyResources {
  prefix: string;
  assistant: string;
  subgraphAssistant: string;
  thread: string;
  run: string;
  checkpoint: string;
  cron?: string;
  /** Every id the suite made on purpose; anything else a generated request creates is cleaned up. */
  known: Set<string>;
  /** Cleanup already scheduled, by "METHOD path". */
  scheduled: Set<string>;
}

/**
 * Members a schema allows but that must not be generated on someone else's server, or whose meaning depends on
 * state no schema can describe (a webhook would call out; a node name must exist; a delay would stall the run).
 */
const NEVER_SEND = [
  "webhook",
  "after_seconds",
  "interrupt_before",
  "interrupt_after",
  "command",
  "checkpoint_id",
  "supersteps",
  "timezone",
  "before",
];

/** The store namespace the property phase works in. */
const propertyNamespace = (prefix: string) => [prefix, "prop"];

export const propertyBindings: PropertyBindings<PropertyResources> = {
  async setup(ctx) {
    const assistant = await createAssistant(ctx, GRAPH_IDS.echo);
    const subgraphAssistant = await createAssistant(ctx, GRAPH_IDS.subgraph);
    const thread = await createThread(ctx);
    const created = await ctx.call({
      op: "POST /threads/{thread_id}/runs",
      step: "start a run for the property phase",
      params: { thread_id: thread },
      body: runBody(assistant),
    });
    const run = need(ctx, created, "run_id");
    await ctx.call({
      op: "GET /threads/{thread_id}/runs/{run_id}/join",
      step: "wait for that run",
      params: { thread_id: thread, run_id: run },
    });
    const state = await ctx.call({
      op: "GET /threads/{thread_id}/state",
      step: "read the checkpoint it made",
      params: { thread_id: thread },
    });
    const checkpoint = need(ctx, state, "checkpoint.checkpoint_id");
    const namespace = propertyNamespace(ctx.prefix);
    await ctx.call({
      op: "PUT /store/items",
      step: "put a store item for the property phase",
      body: { namespace, key: STORE_KEY, value: { n: 1 } },
    });
    ctx.defer({
      op: "DELETE /store/items",
      step: "delete the property phase's store item",
      body: { namespace, key: STORE_KEY },
    });
    const cron = await ctx.call({
      op: "POST /runs/crons",
      step: "create a cron for the property phase",
      body: { assistant_id: assistant, schedule: SCHEDULE, metadata: ctx.metadata },
      expect: "any",
    });
    const cronId = cron.ok ? (cron.json as { cron_id?: string } | undefined)?.cron_id : undefined;
    if (cronId)
      ctx.defer({ op: "DELETE /runs/crons/{cron_id}", step: `delete cron ${cronId}`, params: { cron_id: cronId } });
    return {
      prefix: ctx.prefix,
      assistant,
      subgraphAssistant,
      thread,
      run,
      checkpoint,
      ...(cronId ? { cron: cronId } : {}),
      known: new Set([assistant, subgraphAssistant, thread, run, ...(cronId ? [cronId] : [])]),
      scheduled: new Set(),
    };
  },

  async pins(op, r, ctx) {
    const path: Record<string, string> = {};
    for (const p of op.parameters.filter((p) => p.in === "path")) {
      const value = await pathValue(op, p.name, r, ctx);
      if (value === undefined) return { skip: `no resource for path parameter ${p.name}` };
      path[p.name] = value;
    }
    const body: Record<string, unknown> = {
      assistant_id: op.path === "/assistants" && op.method === "POST" ? DROP : r.assistant,
      thread_id: op.path === "/threads" && op.method === "POST" ? DROP : r.thread,
      graph_id: GRAPH_IDS.echo,
      metadata: { conformance_run: r.prefix },
      name: `${r.prefix}-generated`,
      schedule: SCHEDULE,
      as_node: "echo",
      checkpoint: { checkpoint_id: r.checkpoint },
      namespace: propertyNamespace(r.prefix),
      namespace_prefix: [r.prefix],
      prefix: [r.prefix],
      key: STORE_KEY,
      // Only pruning names threads by list: it gets one of its own to prune.
      ...(/\/prune$/.test(op.path) ? { thread_ids: [await createThread(ctx)] } : {}),
      run_ids: [r.run],
      ...Object.fromEntries(NEVER_SEND.map((name) => [name, DROP])),
    };
    const pins: Pins = {
      path,
      query: { key: STORE_KEY, namespace: propertyNamespace(r.prefix).join("."), before: DROP },
      body,
    };
    // Cancelling by status would cancel every run on the server: only the form that names runs is generated.
    if (op.method === "POST" && op.path === "/runs/cancel") pins.bodyBranch = 1;
    return pins;
  },

  created(op, json, r) {
    const steps: Step[] = [];
    for (const item of Array.isArray(json) ? json : [json]) {
      if (!item || typeof item !== "object") continue;
      const ids = item as Record<string, unknown>;
      const add = (step: Step) => {
        const key = `${step.op} ${JSON.stringify(step.params)}`;
        if (!r.scheduled.has(key)) {
          r.scheduled.add(key);
          steps.push(step);
        }
      };
      if (typeof ids.cron_id === "string" && !r.known.has(ids.cron_id))
        add({ op: "DELETE /runs/crons/{cron_id}", step: "delete a generated cron", params: { cron_id: ids.cron_id } });
      if (typeof ids.thread_id === "string" && !r.known.has(ids.thread_id))
        add({
          op: "DELETE /threads/{thread_id}",
          step: "delete a generated thread",
          params: { thread_id: ids.thread_id },
        });
      if (op.path === "/assistants" && typeof ids.assistant_id === "string" && !r.known.has(ids.assistant_id)) {
        add({
          op: "DELETE /assistants/{assistant_id}",
          step: "delete a generated assistant",
          params: { assistant_id: ids.assistant_id },
        });
      }
    }
    return steps;
  },

  destructive(op) {
    return op.method === "DELETE" || /\/(prune|cancel)$/.test(op.path);
  },
};

/** Runs go on a thread of their own per operation, so a backlog of generated runs never delays another operation. */
async function pathValue(
  op: Operation,
  name: string,
  r: PropertyResources,
  ctx: ScenarioContext,
): Promise<string | undefined> {
  switch (name) {
    case "assistant_id":
      return op.path.includes("/subgraphs") ? r.subgraphAssistant : r.assistant;
    case "thread_id": {
      if (!(op.method === "POST" && /\/runs(\/(stream|wait|crons))?$/.test(op.path))) return r.thread;
      const thread = await createThread(ctx);
      r.known.add(thread);
      return thread;
    }
    case "run_id":
      return r.run;
    case "checkpoint_id":
      return r.checkpoint;
    case "cron_id":
      return r.cron ?? randomUUID();
    case "namespace":
      return "child";
    default:
      return undefined;
  }
}
