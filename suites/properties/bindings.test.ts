// The property bindings against a scripted context: what each operation is pinned to, and what it gets before a request.

import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import { invalidRequests, validRequests, type GeneratedRequest } from "../../src/property/arbitraries.ts";
import { requestModel, type Pins } from "../../src/property/request-model.ts";
import { loadSpec, type LoadedSpec } from "../../src/spec/load.ts";
import type { Operation } from "../../src/spec/operations.ts";
import { GRAPH_IDS } from "../support/index.ts";
import { propertyBindings, type PropertyResources } from "./bindings.ts";

const PREFIX = "cf-test";

/** Answers every call as a server that has whatever it is asked for would; records the calls. */
function scriptedContext(
  spec: LoadedSpec,
  answers: Record<string, (calls: Step[]) => unknown> = {},
): { ctx: ScenarioContext; calls: Step[] } {
  const calls: Step[] = [];
  const answer = (step: Step): unknown => {
    if (step.op in answers) return answers[step.op]!(calls);
    switch (step.op) {
      case "POST /threads":
        return { thread_id: randomUUID(), metadata: { conformance_run: PREFIX } };
      case "POST /assistants":
        return { assistant_id: randomUUID(), graph_id: (step.body as { graph_id: string }).graph_id };
      case "POST /threads/{thread_id}/runs":
        return { run_id: randomUUID(), thread_id: step.params?.thread_id, status: "pending" };
      case "GET /threads/{thread_id}/runs/{run_id}":
        return { run_id: step.params?.run_id, status: "success" };
      case "GET /threads/{thread_id}/state":
        return { checkpoint: { checkpoint_id: `checkpoint-of-${step.params?.thread_id}` } };
      default:
        return {};
    }
  };
  const ctx = {
    prefix: PREFIX,
    metadata: { conformance_run: PREFIX },
    async call(step: Step): Promise<StepOutcome> {
      calls.push(step);
      const operation = spec.operations.find((o) => `${o.method} ${o.path}` === step.op)!;
      return { ok: true, status: 200, json: answer(step), operation } as StepOutcome;
    },
    has: () => false,
    claim: () => ({ owned: true }),
    defer: () => {},
    skip: (reason: string) => {
      throw new Error(reason);
    },
  };
  return { ctx: ctx as unknown as ScenarioContext, calls };
}

const shared = (): PropertyResources => ({
  prefix: PREFIX,
  assistant: "shared-assistant",
  subgraphAssistant: "subgraph-assistant",
  thread: "shared-thread",
  run: "shared-run",
  checkpoint: "shared-checkpoint",
  ownsAssistant: true,
  known: new Set(),
  scheduled: new Set(),
  runThreads: new Set(),
});

let spec: LoadedSpec;
const op = (id: string): Operation => spec.operations.find((o) => o.operationId === id)!;

beforeAll(async () => {
  spec = await loadSpec();
});

async function pinsOf(id: string, r = shared()) {
  const { ctx, calls } = scriptedContext(spec);
  const pins = (await propertyBindings.pins(op(id), r, ctx)) as Pins;
  expect(pins).not.toHaveProperty("skip");
  return { pins, calls, ctx, r };
}

const sample = (arb: fc.Arbitrary<GeneratedRequest> | undefined, numRuns = 300): GeneratedRequest[] =>
  fc.sample(arb!, { numRuns, seed: 7 });

describe("store namespaces in valid requests", () => {
  const MEMBERS = ["namespace", "namespace_prefix", "prefix", "suffix"];

  it("have no empty label and no label with a dot", async () => {
    for (const id of ["listStoreNamespaces", "searchStoreItems", "putStoreItem", "deleteStoreItem", "getStoreItem"]) {
      const { pins } = await pinsOf(id);
      const labels: string[][] = [];
      for (const r of sample(validRequests(requestModel(op(id), spec.dereferenced, pins)))) {
        const body = (r.body ?? {}) as Record<string, unknown>;
        for (const name of MEMBERS) if (Array.isArray(body[name])) labels.push(body[name] as string[]);
        if (typeof r.query.namespace === "string") labels.push(r.query.namespace.split("."));
      }
      expect([id, labels.length > 0]).toEqual([id, true]);
      for (const namespace of labels)
        for (const label of namespace) expect([id, label]).toEqual([id, expect.stringMatching(/^[^.]+$/)]);
    }
  });

  it("still vary where nothing pins them", async () => {
    const { pins } = await pinsOf("listStoreNamespaces");
    const suffixes = sample(validRequests(requestModel(op("listStoreNamespaces"), spec.dereferenced, pins)))
      .map((r) => (r.body as { suffix?: string[] }).suffix)
      .filter((s) => s !== undefined && s.length > 0);
    expect(new Set(suffixes.map((s) => JSON.stringify(s))).size).toBeGreaterThan(10);
  });
});

describe("runs started by generated requests", () => {
  const NEVER_SENT = ["webhook", "command", "checkpoint_id", "interrupt_before", "after_seconds", "feedback_keys"];

  it("never carry what must not be sent, and name the pinned assistant, whatever the body's allOf", async () => {
    for (const id of ["streamRun", "waitRun", "streamStatelessRun", "waitStatelessRun", "createRun"]) {
      const { pins } = await pinsOf(id);
      for (const r of sample(validRequests(requestModel(op(id), spec.dereferenced, pins)), 100)) {
        const body = r.body as Record<string, unknown>;
        expect([id, body.assistant_id]).toEqual([id, "shared-assistant"]);
        for (const name of NEVER_SENT) expect([id, name, name in body]).toEqual([id, name, false]);
        if ("checkpoint" in body) expect([id, body.checkpoint]).toEqual([id, { checkpoint_id: "shared-checkpoint" }]);
      }
    }
  });

  it("delete the thread a stateless run makes, which the suite could not delete itself", async () => {
    for (const id of ["createStatelessRun", "waitStatelessRun", "streamStatelessRun"]) {
      const { pins } = await pinsOf(id);
      const values = sample(validRequests(requestModel(op(id), spec.dereferenced, pins)), 100).map(
        (r) => (r.body as Record<string, unknown>).on_completion,
      );
      expect([id, new Set(values.filter((v) => v !== undefined))]).toEqual([id, new Set(["delete"])]);
    }
  });
});

describe("what a generated request answered", () => {
  const runOfAnotherThread = { run_id: randomUUID(), thread_id: randomUUID(), status: "running" };

  it("from a read, is not the phase's: no cleanup, no run to settle, even where it lists another thread's run", () => {
    const r = shared();
    expect(propertyBindings.created(op("listRuns"), [runOfAnotherThread], r)).toEqual([]);
    expect([...r.runThreads]).toEqual([]);
  });

  it("from a request that starts a run, gives its thread to settle and to delete once proven the run's", () => {
    const r = shared();
    const steps = propertyBindings.created(op("createStatelessRun"), runOfAnotherThread, r);
    expect(steps.map((s) => [s.op, s.params?.thread_id])).toEqual([
      ["DELETE /threads/{thread_id}", runOfAnotherThread.thread_id],
    ]);
    expect([...r.runThreads]).toEqual([runOfAnotherThread.thread_id]);
  });
});

describe("a state update", () => {
  it("acts on a thread of its own that a finished run gave a graph and a checkpoint", async () => {
    const { pins, calls } = await pinsOf("updateThreadState");
    const thread = pins.path.thread_id!;
    expect(thread).not.toBe("shared-thread");
    const onThread = calls.filter((c) => c.params?.thread_id === thread).map((c) => c.op);
    expect(onThread).toEqual(
      expect.arrayContaining(["POST /threads/{thread_id}/runs", "GET /threads/{thread_id}/runs/{run_id}/join"]),
    );
    expect(pins.body?.checkpoint).toEqual({ checkpoint_id: `checkpoint-of-${thread}` });
  });
});

describe("a cancel", () => {
  for (const id of ["cancelRun", "cancelRuns"]) {
    it(`${id} acts on a run of the slow graph started just before it, unless the request breaks what names it`, async () => {
      const { pins, calls, ctx, r } = await pinsOf(id);
      expect(r.slowAssistant).toBeDefined();
      const slow = calls.find((c) => c.op === "POST /assistants" && c.step.includes(GRAPH_IDS.slow));
      expect(slow).toBeDefined();
      const model = requestModel(op(id), spec.dereferenced, pins);
      const [valid] = sample(validRequests(model), 1);
      const before = calls.length;
      const prepared = await propertyBindings.prepare!(op(id), valid!, pins, r, ctx);
      const started = calls.slice(before);
      expect(started.map((c) => c.op)).toEqual(["POST /threads/{thread_id}/runs"]);
      expect(started[0]!.params?.thread_id).toBe(pins.path.thread_id ?? pins.body?.thread_id);
      expect(started[0]!.body).toMatchObject({
        assistant_id: r.slowAssistant,
        config: { configurable: { delay_ms: expect.any(Number) } },
      });
      const live = id === "cancelRun" ? prepared.params.run_id : (prepared.body as { run_ids: string[] }).run_ids[0];
      expect(live).not.toBe(pins.path.run_id ?? (pins.body?.run_ids as string[])[0]);
      expect(r.runThreads.has(String(started[0]!.params?.thread_id))).toBe(true);

      // A request whose run or thread is broken names no run of the pinned thread: nothing is started for it.
      const broken = sample(invalidRequests(model)!, 200).filter((g) =>
        /^(path parameter (thread_id|run_id)|body \/(thread_id|run_ids))/.test(g.violation ?? ""),
      );
      expect(broken.length).toBeGreaterThan(0);
      const count = calls.length;
      for (const g of broken) expect(await propertyBindings.prepare!(op(id), g, pins, r, ctx)).toEqual(g);
      expect(calls.length).toBe(count);
    });
  }
});

describe("settling before cleanup", () => {
  it("cancels and awaits only the runs that name the phase's thread, where the list shows other threads' runs too", async () => {
    const mine = randomUUID();
    const cancels = (calls: Step[]) => calls.filter((c) => c.op === "POST /threads/{thread_id}/runs/{run_id}/cancel");
    const { ctx, calls } = scriptedContext(spec, {
      "POST /threads/search": () => [],
      // Mine ends once cancelled; the others never do.
      "GET /threads/{thread_id}/runs": (sent) => [
        { run_id: "run-mine-going", thread_id: mine, status: cancels(sent).length > 0 ? "interrupted" : "running" },
        { run_id: "run-of-someone-else", thread_id: randomUUID(), status: "running" },
        { run_id: "run-without-thread", status: "pending" },
      ],
    });
    const started = Date.now();
    await propertyBindings.settle!({ ...shared(), runThreads: new Set([mine]) }, ctx);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(cancels(calls).map((c) => [c.params?.thread_id, c.params?.run_id])).toEqual([[mine, "run-mine-going"]]);
  });

  it("takes from a search only the busy threads the phase marked: not a scenario's beside it, nor someone else's", async () => {
    const mine = randomUUID();
    const { ctx, calls } = scriptedContext(spec, {
      // As a server that ignores the search's filter answers.
      "POST /threads/search": () => [
        { thread_id: mine, status: "busy", metadata: { conformance_run: PREFIX, conformance_phase: "property" } },
        { thread_id: randomUUID(), status: "busy", metadata: { conformance_run: PREFIX } },
        { thread_id: randomUUID(), status: "busy", metadata: { owner: "someone else" } },
      ],
      "GET /threads/{thread_id}/runs": () => [],
    });
    await propertyBindings.settle!(shared(), ctx);
    expect(calls.find((c) => c.op === "POST /threads/search")?.body).toMatchObject({
      metadata: { conformance_run: PREFIX, conformance_phase: "property" },
    });
    const listed = calls.filter((c) => c.op === "GET /threads/{thread_id}/runs").map((c) => c.params?.thread_id);
    expect(listed).toEqual([mine]);
  });

  it("ends at once when the only runs still going belong to other threads", async () => {
    const mine = randomUUID();
    const { ctx, calls } = scriptedContext(spec, {
      "POST /threads/search": () => [],
      "GET /threads/{thread_id}/runs": () => [
        { run_id: "run-mine", thread_id: mine, status: "success" },
        { run_id: "run-of-someone-else", thread_id: randomUUID(), status: "running" },
      ],
    });
    const started = Date.now();
    await propertyBindings.settle!({ ...shared(), runThreads: new Set([mine]) }, ctx);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls.filter((c) => c.op.endsWith("/cancel"))).toEqual([]);
  });
});
