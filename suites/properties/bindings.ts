// Bindings of the property phase to this API: ids name resources the suite created; unsafe members are never sent.

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import { runsGoingOn } from "../../src/engine/ownership.ts";
import type { Step } from "../../src/engine/session.ts";
import type { PropertyBindings } from "../../src/property/phase.ts";
import { DROP, type Pins, type Schema } from "../../src/property/request-model.ts";
import type { Operation } from "../../src/spec/operations.ts";
import {
  createAssistant,
  createThread,
  delay,
  graphAssistant,
  graphAssistantOf,
  GRAPH_IDS,
  listOf,
  need,
  owns,
  pick,
  runBody,
  settled,
  sleep,
} from "../support/index.ts";

/** Once a year, so no cron created here ever fires during a run. */
const SCHEDULE = "5 4 1 1 *";
const STORE_KEY = "k1";
/** How long the runs generated requests started may take to end (once cancelled) before cleanup goes ahead. */
const SETTLE_MS = 30_000;
/** Enough for every run generated requests can start on one thread. */
const LIST_LIMIT = 1000;
/** How long a run made for a cancel to act on would go on: far longer than the cancel takes to arrive. */
const LIVE_RUN_MS = 30_000;

/**
 * The metadata generated requests carry: the run's, and the phase's own mark, so that the threads the phase made can
 * be told from those of the scenarios running beside it (whose runs it must never cancel).
 */
const phaseMetadata = (prefix: string) => ({ conformance_run: prefix, conformance_phase: "property" });

export interface PropertyResources {
  prefix: string;
  assistant: string;
  subgraphAssistant: string;
  /** An assistant of the slow graph: made once the first operation that cancels runs is explored. */
  slowAssistant?: string;
  thread: string;
  run: string;
  /** Undefined where the target's state shows none: the operations that name one are skipped. */
  checkpoint?: string;
  /** Whether `assistant` is the run's own; where it is the graph's (the target made none), it is never changed. */
  ownsAssistant: boolean;
  cron?: string;
  /** Every id the suite made on purpose; anything else a generated request creates is cleaned up. */
  known: Set<string>;
  /** Cleanup already scheduled, by "METHOD path". */
  scheduled: Set<string>;
  /** Threads generated requests may have started runs on: those runs end before cleanup deletes anything. */
  runThreads: Set<string>;
}

/**
 * Members a schema allows but that must not be generated on someone else's server, or whose meaning depends on
 * state no schema can describe (a webhook would call out; a node name must exist; a delay would stall the run;
 * feedback keys make the server call LangSmith once the run is over, which holds a queue worker for as long as
 * that call takes, about 20 s where it cannot get through).
 */
const NEVER_SEND = [
  "webhook",
  "feedback_keys",
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

/**
 * Namespaces as the store takes them: labels neither empty nor holding a `.` (both official servers refuse those
 * with 422, and the store rules say they must be refused), which the spec's `items: {type: string}` does not say.
 */
const NAMESPACE: Schema = {
  type: "array",
  items: { type: "string", minLength: 1, maxLength: 16, pattern: "^[^.]+$" },
};
const NAMESPACE_MEMBERS = ["namespace", "namespace_prefix", "prefix", "suffix"];

/** Operations that cancel the runs they name: each generated request gets a run of its own that is still going. */
const cancelsRuns = (op: Operation) => op.method === "POST" && /\/cancel$/.test(op.path);

/** Operations that write a thread's state: the thread needs a graph, which only a run on it gives it. */
const writesState = (op: Operation) => op.method === "POST" && op.path === "/threads/{thread_id}/state";

/** Operations that delete or stop what they name: they run last, one at a time, on resources of their own. */
const destructive = (op: Operation) => op.method === "DELETE" || /\/(prune|cancel)$/.test(op.path);

/**
 * Operations that change what other operations read (a thread's state or metadata, an assistant's config): they
 * act on resources of their own too, so that what the others read does not depend on the order of exploration.
 */
const changesShared = (op: Operation) =>
  (op.method === "POST" && op.path === "/threads/{thread_id}/state") ||
  (op.method === "PATCH" && (op.path === "/threads/{thread_id}" || op.path === "/assistants/{assistant_id}")) ||
  op.path === "/assistants/{assistant_id}/latest";

export const propertyBindings: PropertyBindings<PropertyResources> = {
  async setup(ctx) {
    const { id: assistant, owned: ownsAssistant } = await graphAssistantOf(ctx, GRAPH_IDS.echo);
    const subgraphAssistant = await graphAssistant(ctx, GRAPH_IDS.subgraph);
    const thread = await createThread(ctx);
    const { run, checkpoint } = await finishedRun(ctx, thread, assistant, "the property phase");
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
    const cron = await createCron(ctx, assistant);
    return {
      prefix: ctx.prefix,
      assistant,
      subgraphAssistant,
      thread,
      run,
      ...(checkpoint ? { checkpoint } : {}),
      ownsAssistant,
      ...(cron ? { cron } : {}),
      known: new Set([assistant, subgraphAssistant, thread, run, ...(cron ? [cron] : [])]),
      scheduled: new Set(),
      runThreads: new Set(),
    };
  },

  async pins(op, shared, ctx) {
    if (cancelsRuns(op)) shared.slowAssistant ??= await graphAssistant(ctx, GRAPH_IDS.slow);
    if (changesAssistant(op) && !shared.ownsAssistant) {
      return {
        skip: "the target made no assistant for this run, and the one it has for the graph is not the run's to change",
      };
    }
    // What a destructive operation deletes or cancels is its own: nothing another operation reads, no generated
    // run going on it (a server may stop running runs for good when a running run's thread or run is deleted).
    const r = destructive(op) || changesShared(op) ? await ownResources(op, shared, ctx) : shared;
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
      metadata: phaseMetadata(r.prefix),
      name: `${r.prefix}-generated`,
      schedule: SCHEDULE,
      as_node: "echo",
      checkpoint: r.checkpoint ? { checkpoint_id: r.checkpoint } : DROP,
      namespace: propertyNamespace(r.prefix),
      namespace_prefix: [r.prefix],
      prefix: [r.prefix],
      key: STORE_KEY,
      // Only pruning names threads by list: it gets one of its own to prune.
      ...(/\/prune$/.test(op.path) ? { thread_ids: [await ownThread(ctx, r)] } : {}),
      run_ids: [r.run],
      // A stateless run kept on completion leaves a thread the server made, which the run could not delete.
      ...(op.path.startsWith("/runs") && !op.path.includes("/crons") ? { on_completion: "delete" } : {}),
      ...Object.fromEntries(NEVER_SEND.map((name) => [name, DROP])),
    };
    const pins: Pins = {
      path,
      query: { key: STORE_KEY, namespace: propertyNamespace(r.prefix).join("."), before: DROP },
      body,
      ...(op.path.startsWith("/store/")
        ? { validBody: Object.fromEntries(NAMESPACE_MEMBERS.map((name) => [name, NAMESPACE])) }
        : {}),
    };
    // Cancelling by status would cancel every run on the server: only the form that names runs is generated.
    if (op.method === "POST" && op.path === "/runs/cancel") pins.bodyBranch = 1;
    return pins;
  },

  /**
   * A cancel that names the run pinned for it acts on a run of the slow graph started just before, still pending
   * or running when the cancel arrives (they queue on the operation's own thread); a cancel of a run that has
   * already ended would say nothing of how a server cancels.
   */
  async prepare(op, request, pins, r, ctx) {
    if (!cancelsRuns(op) || !r.slowAssistant) return request;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const thread = pins.path.thread_id ?? pins.body?.thread_id;
    const run = pins.path.run_id ?? (pins.body?.run_ids as string[] | undefined)?.[0];
    if (typeof thread !== "string" || typeof run !== "string") return request;
    const byPath = "run_id" in pins.path;
    const namesPinned = byPath
      ? request.params.thread_id === thread && request.params.run_id === run
      : body.thread_id === thread && isDeepStrictEqual(body.run_ids, [run]);
    if (!namesPinned) return request;
    const created = await ctx.call({
      op: "POST /threads/{thread_id}/runs",
      step: `start a slow run for ${op.operationId} to cancel`,
      params: { thread_id: thread },
      body: runBody(r.slowAssistant, { ...delay(LIVE_RUN_MS), metadata: phaseMetadata(r.prefix) }),
      expect: "any",
      report: false,
    });
    const live = pick(created.json, "run_id");
    if (!created.ok || typeof live !== "string") return request;
    r.known.add(live);
    return byPath
      ? { ...request, params: { ...request.params, run_id: live } }
      : { ...request, body: { ...body, run_ids: [live] } };
  },

  created(op, json, r) {
    // A read names what exists, maybe other people's runs and threads (a server may list every thread's runs).
    if (op.method === "GET") return [];
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
      // A run a generated request started: its thread is settled before cleanup deletes it.
      if (typeof ids.run_id === "string" && typeof ids.thread_id === "string") r.runThreads.add(ids.thread_id);
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

  destructive,

  /**
   * Before cleanup deletes threads and assistants, every run generated requests started is over: still-pending and
   * running ones are cancelled, then awaited (bounded). The official server loses a queue worker for good when a
   * running run's thread, run or assistant is deleted under it; once all are lost, it runs no run at all.
   */
  async settle(r, ctx) {
    const threads = new Set(r.runThreads);
    // Threads the phase does not know by id (a stateless streamed or awaited run kept on completion) carry its metadata.
    const busy = await ctx.call({
      op: "POST /threads/search",
      step: "find the phase's threads that still have runs going",
      body: { metadata: phaseMetadata(r.prefix), status: "busy", limit: LIST_LIMIT },
      expect: "any",
      report: false,
    });
    // Only a thread that shows the phase's mark is the phase's: the scenarios beside it mark theirs with the run's
    // alone, and a server may ignore the search's filter.
    const mark = phaseMetadata(r.prefix);
    for (const thread of listOf(busy) ?? []) {
      const metadata = (thread.metadata ?? {}) as Record<string, unknown>;
      const marked = Object.entries(mark).every(([key, value]) => metadata[key] === value);
      if (typeof thread.thread_id === "string" && marked) threads.add(thread.thread_id);
    }
    const cancelled = new Set<string>();
    const deadline = Date.now() + SETTLE_MS;
    let going = [...threads];
    let wait = 100;
    while (going.length > 0) {
      const still: string[] = [];
      for (const thread of going) {
        const list = await ctx.call({
          op: "GET /threads/{thread_id}/runs",
          step: "list the runs generated requests started on a thread",
          params: { thread_id: thread },
          query: { limit: LIST_LIMIT },
          expect: "any",
          report: false,
        });
        const active = runsGoingOn(list.json, thread);
        if (active.length === 0) continue;
        still.push(thread);
        for (const runId of active) {
          if (cancelled.has(runId)) continue;
          cancelled.add(runId);
          await ctx.call({
            op: "POST /threads/{thread_id}/runs/{run_id}/cancel",
            step: "cancel a run a generated request started, before cleanup",
            params: { thread_id: thread, run_id: runId },
            query: { action: "interrupt" },
            expect: "any",
            report: false,
          });
        }
      }
      if (still.length === 0 || Date.now() + wait > deadline) return;
      await sleep(wait);
      wait = Math.min(500, Math.round(wait * 1.5));
      going = still;
    }
  },
};

/** Operations that change or delete the assistant they name. */
const changesAssistant = (op: Operation): boolean =>
  op.path.startsWith("/assistants/{assistant_id}") &&
  (op.method === "PATCH" || op.method === "DELETE" || op.path.endsWith("/latest"));

/**
 * Fresh resources for one operation that deletes, stops or changes what it names, as many as it names: an
 * assistant, a thread (with a finished run and its checkpoint, where it names a run or writes the state), a cron.
 * Everything else (the store item) is shared.
 */
async function ownResources(op: Operation, r: PropertyResources, ctx: ScenarioContext): Promise<PropertyResources> {
  const names = new Set(op.parameters.filter((p) => p.in === "path").map((p) => p.name));
  const mine: PropertyResources = { ...r };
  if (names.has("assistant_id")) {
    mine.assistant = await createAssistant(ctx, GRAPH_IDS.echo);
    r.known.add(mine.assistant);
  }
  // Cancelling runs by list names a thread and a run in its body.
  const namesRun = names.has("run_id") || (op.method === "POST" && op.path === "/runs/cancel");
  if (namesRun || names.has("thread_id")) {
    mine.thread = await ownThread(ctx, r);
    // The shared thread's checkpoint is not one of this thread's.
    delete mine.checkpoint;
    // The runs started for the cancels to act on end (cancelled) before cleanup deletes the thread.
    if (cancelsRuns(op)) r.runThreads.add(mine.thread);
  }
  if (namesRun || writesState(op)) {
    const done = await finishedRun(ctx, mine.thread, r.assistant, op.operationId);
    mine.run = done.run;
    r.known.add(mine.run);
    if (done.checkpoint) mine.checkpoint = done.checkpoint;
  }
  if (names.has("cron_id")) {
    const cron = await createCron(ctx, r.assistant);
    if (cron) {
      r.known.add(cron);
      mine.cron = cron;
    } else delete mine.cron;
  }
  return mine;
}

/** Runs the echo graph to its end on a thread: the thread then has a graph, a state and a checkpoint. */
async function finishedRun(
  ctx: ScenarioContext,
  thread: string,
  assistant: string,
  purpose: string,
): Promise<{ run: string; checkpoint?: string }> {
  const created = await ctx.call({
    op: "POST /threads/{thread_id}/runs",
    step: `start a run for ${purpose}`,
    params: { thread_id: thread },
    body: runBody(assistant),
  });
  const run = need(ctx, created, "run_id");
  await ctx.call({
    op: "GET /threads/{thread_id}/runs/{run_id}/join",
    step: "wait for that run",
    params: { thread_id: thread, run_id: run },
  });
  await settled(ctx, thread, run, 10_000);
  const state = await ctx.call({
    op: "GET /threads/{thread_id}/state",
    step: "read the checkpoint it made",
    params: { thread_id: thread },
  });
  const shown = pick(state.json, "checkpoint.checkpoint_id");
  return { run, ...(typeof shown === "string" ? { checkpoint: shown } : {}) };
}

/** A thread of the suite's that nothing else uses. */
async function ownThread(ctx: ScenarioContext, r: PropertyResources): Promise<string> {
  const thread = await createThread(ctx);
  r.known.add(thread);
  return thread;
}

/** A cron that never fires, deleted at cleanup once proven the run's; undefined where the target makes none. */
async function createCron(ctx: ScenarioContext, assistant: string): Promise<string | undefined> {
  const cron = await ctx.call({
    op: "POST /runs/crons",
    step: "create a cron for the property phase",
    body: { assistant_id: assistant, schedule: SCHEDULE, metadata: ctx.metadata },
    expect: "any",
  });
  const cronId = cron.ok ? (cron.json as { cron_id?: string } | undefined)?.cron_id : undefined;
  if (!cronId || !(await owns(ctx, "cron", cronId, cron.json))) return undefined;
  ctx.defer({ op: "DELETE /runs/crons/{cron_id}", step: `delete cron ${cronId}`, params: { cron_id: cronId } });
  return cronId;
}

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
      const thread = await ownThread(ctx, r);
      r.runThreads.add(thread);
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
