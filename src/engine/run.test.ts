// The scenario runner's bounds: a scenario out of time sends nothing more, and what it created is still deleted.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { on, startFaultyServer, type FaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { defineRules } from "../rules/rule.ts";
import { loadSpec, type LoadedSpec } from "../spec/load.ts";
import { runConformance, type RunOptions } from "./run.ts";
import type { Scenario } from "./scenario.ts";

const SPEC = fileURLToPath(new URL("../property/testdata/things.yaml", import.meta.url));
const ID = "6f1f3a2e-1c3b-4b8e-9a43-0c1f1b2a3d4e";

let spec: LoadedSpec;
let server: FaultyServer;

beforeAll(async () => {
  spec = await loadSpec(SPEC);
  // Creating a thing takes 400 ms: longer than the scenario below may take.
  server = await startFaultyServer([
    on("POST /things", { body: { id: ID }, holdMs: 400 }),
    on("GET /things/{id}", { body: { id: ID } }),
  ]);
});
afterAll(() => server.close());

describe("a scenario that runs out of time", () => {
  it("is reported as errored, sends nothing more, and the thing it was creating is still cleaned up", async () => {
    const scenario: Scenario = {
      id: "slow",
      title: "creates a thing, then reads it",
      covers: ["POST /things"],
      rules: [],
      timeoutMs: 100,
      async run(ctx) {
        await ctx.call({ op: "POST /things", step: "create", body: { name: "a", count: 1 } });
        ctx.defer({ op: "GET /things/{id}", step: "clean up the thing", params: { id: ID } });
        await ctx.call({ op: "GET /things/{id}", step: "read it back", params: { id: ID } });
      },
    };
    const { results } = await run([scenario]);
    const errored = results.filter((r) => r.verdict.status === "errored");
    expect(errored.length).toBeGreaterThan(0);
    expect(new Set(errored.map((r) => r.verdict.status === "errored" && r.verdict.message))).toEqual(
      new Set(["scenario did not finish within 100 ms"]),
    );
    // The read after the create never happened; the deferred cleanup did, once the create had returned.
    const reads = server.requests.filter((r) => r.method === "GET" && r.path === `/things/${ID}`);
    expect(reads).toHaveLength(1);
    expect(results.some((r) => r.step === "read it back")).toBe(false);
  });
});

const RULES = defineRules({
  thing_reads_back: {
    title: "a created thing reads back",
    severity: "major",
    level: "core",
    operations: ["GET /things/{id}"],
    ref: "spec#/paths",
  },
  thing_has_name: {
    title: "a thing keeps its name",
    severity: "major",
    level: "standard",
    operations: ["GET /things/{id}"],
    ref: "spec#/paths",
  },
});

const run = (scenarios: Scenario[], extra: Partial<RunOptions> = {}) =>
  runConformance({
    spec,
    target: server.url,
    embedded: false,
    headers: {},
    timeoutMs: 2_000,
    seed: 1,
    selection: { only: [], skip: [] },
    scenarios,
    listeners: [],
    prefix: "cf-test",
    ...extra,
  });

const scenarioOf = (id: string, body: Scenario["run"]): Scenario => ({
  id,
  title: id,
  covers: [],
  rules: [RULES.thing_reads_back, RULES.thing_has_name],
  run: body,
});

describe("a scenario that stops early reports every rule it declares", () => {
  it("skipped, with the reason, when it skips before its first call", async () => {
    const { results } = await run([scenarioOf("skips", async (ctx) => ctx.skip("nothing to test"))]);
    expect(results.map((r) => [r.checkId, r.verdict])).toEqual([
      ["thing_reads_back", { status: "skipped", reason: "nothing to test" }],
      ["thing_has_name", { status: "skipped", reason: "nothing to test" }],
    ]);
  });

  it("errored, with the message, when it throws before its first call; rules judged before keep their verdict", async () => {
    const { results } = await run([
      scenarioOf("throws", async (ctx) => {
        await ctx.holds(RULES.thing_reads_back, { ok: true });
        throw new TypeError("x is null");
      }),
    ]);
    expect(results.map((r) => [r.checkId, r.verdict.status])).toEqual([
      ["thing_reads_back", "passed"],
      ["thing_has_name", "errored"],
    ]);
    expect(results[1]?.verdict).toMatchObject({ message: expect.stringContaining("TypeError: x is null") });
  });

  it("a rule the scenario did not declare is a suite error", async () => {
    const { thing_has_name } = RULES;
    const scenario: Scenario = {
      ...scenarioOf("undeclared", async (ctx) => void (await ctx.holds(thing_has_name, { ok: true }))),
      rules: [],
    };
    const { results } = await run([scenario]);
    expect(results.every((r) => r.verdict.status === "errored")).toBe(true);
  });
});

describe("selection by rule id", () => {
  it("runs only the scenarios that declare the rule, and reports only it", async () => {
    let other = false;
    const judged = scenarioOf("judged", async (ctx) => {
      await ctx.call({ op: "GET /things/{id}", step: "read", params: { id: ID } });
      await ctx.holds(RULES.thing_reads_back, { ok: true });
      await ctx.holds(RULES.thing_has_name, { ok: false });
    });
    const unrelated: Scenario = {
      id: "unrelated",
      title: "unrelated",
      covers: ["GET /things/{id}"],
      rules: [],
      run: async () => void (other = true),
    };
    const { results } = await run([judged, unrelated], { selection: { only: ["thing_reads_back"], skip: [] } });
    expect(results.map((r) => [r.checkId, r.verdict.status])).toEqual([["thing_reads_back", "passed"]]);
    expect(other).toBe(false);
  });
});

describe("an interrupted run", () => {
  it("sends nothing more, cleans up what it created, runs no further scenario and says it was interrupted", async () => {
    const controller = new AbortController();
    let second = false;
    const first: Scenario = {
      id: "first",
      title: "first",
      covers: ["POST /things"],
      rules: [],
      async run(ctx) {
        ctx.defer({ op: "GET /things/{id}", step: "clean up the first thing", params: { id: ID } });
        controller.abort();
        await ctx.call({ op: "POST /things", step: "create after the interruption", body: { name: "b", count: 1 } });
      },
    };
    const later: Scenario = {
      id: "later",
      title: "later",
      covers: ["POST /things"],
      rules: [],
      run: async () => void (second = true),
    };
    const before = server.requests.length;
    const outcome = await run([first, later], { signal: controller.signal });
    expect(outcome.reason).toBe("interrupted");
    expect(second).toBe(false);
    const sent = server.requests
      .slice(before)
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !r.includes("no-such-route") && r !== "GET /info");
    expect(sent).toEqual([`GET /things/${ID}`]);
  });
});

describe("a scenario stopped by a route the target does not have", () => {
  it("reports the rules about that route not implemented, and the others skipped for that reason", async () => {
    const bare = await startFaultyServer([on("GET /things/{id}", { body: { id: ID } })]);
    try {
      const rules = defineRules({
        thing_creates: {
          title: "a thing is created",
          severity: "major",
          level: "core",
          operations: ["POST /things"],
          ref: "spec#/paths",
        },
        thing_reads: {
          title: "a thing reads",
          severity: "major",
          level: "core",
          operations: ["GET /things/{id}"],
          ref: "spec#/paths",
        },
      });
      const scenario: Scenario = {
        id: "needs-create",
        title: "needs a created thing",
        covers: [],
        rules: [rules.thing_creates, rules.thing_reads],
        async run(ctx) {
          const created = await ctx.call({
            op: "POST /things",
            step: "create",
            body: { name: "a", count: 1 },
            expect: "any",
          });
          if (!created.ok) ctx.skip("createThing failed, so there is nothing to read", created);
        },
      };
      const { results } = await run([scenario], { target: bare.url });
      const rows = results.filter((r) => r.checkId.startsWith("thing_")).map((r) => [r.checkId, r.verdict.status]);
      expect(rows).toEqual([
        ["thing_creates", "not_implemented"],
        ["thing_reads", "skipped"],
      ]);
    } finally {
      await bare.close();
    }
  });
});

describe("a hazard", () => {
  const hazard = (ran: { value: boolean }): Scenario => ({
    ...scenarioOf("hazard", async (ctx) => {
      ran.value = true;
      await ctx.holds(RULES.thing_reads_back, { ok: true });
    }),
    hazard: true,
  });

  it("runs after every other scenario, and only when the run allows hazards", async () => {
    const ran = { value: false };
    const other = scenarioOf("other", async (ctx) => void (await ctx.holds(RULES.thing_has_name, { ok: true })));
    const allowed = await run([hazard(ran), other], { hazards: true });
    expect(ran.value).toBe(true);
    expect(allowed.phases.map((p) => p.id)).toEqual(["other", "hazard"]);
  });

  it("is reported skipped, saying how to allow it, when the run does not", async () => {
    const ran = { value: false };
    const refused = await run([hazard(ran)]);
    expect(ran.value).toBe(false);
    const reasons = refused.results.map((r) => r.verdict.status === "skipped" && r.verdict.reason);
    expect(reasons[0]).toMatch(/runs only with --hazards/);
  });
});

describe("cleanup of a thread", () => {
  it("cancels the runs still going on it, and waits for them, before it deletes the thread; never another thread's", async () => {
    const thread = "1f0c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    const runId = "2f0c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    const agentSpec = await loadSpec();
    const target = await startFaultyServer([
      on(`GET /threads/${thread}/runs`, {
        body: [
          { run_id: runId, thread_id: thread, status: "running" },
          // Listed here by a server that shows other threads' runs too: not the run's to cancel.
          {
            run_id: "3f0c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            thread_id: "4f0c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            status: "running",
          },
        ],
      }),
      on(`POST /threads/${thread}/runs/${runId}/cancel`, { status: 204 }),
      on(`DELETE /threads/${thread}`, { status: 204 }),
    ]);
    try {
      const scenario: Scenario = {
        id: "leaves-a-run",
        title: "stopped with a run going",
        covers: ["DELETE /threads/{thread_id}"],
        rules: [],
        async run(ctx) {
          ctx.reserve("thread", thread);
          ctx.defer({ op: "DELETE /threads/{thread_id}", step: "delete the thread", params: { thread_id: thread } });
        },
      };
      await run([scenario], { spec: agentSpec, target: target.url });
      const sent = target.requests.map((r) => `${r.method} ${r.path}${r.query.toString() ? `?${r.query}` : ""}`);
      expect(sent.filter((r) => !r.includes("no-such-route") && r !== "GET /info")).toEqual([
        `GET /threads/${thread}/runs`,
        `POST /threads/${thread}/runs/${runId}/cancel?action=interrupt&wait=true`,
        `DELETE /threads/${thread}`,
      ]);
    } finally {
      await target.close();
    }
  });
});

describe("identities", () => {
  const SELF = { authorization: "Bearer token-of-alice-1234" };
  const OTHER = { authorization: "Bearer token-of-bob-5678" };

  it("send the run's credentials by default, and another identity's, none or given ones where a step asks", async () => {
    const before = server.requests.length;
    const seen: boolean[] = [];
    const scenario = scenarioOf("who", async (ctx) => {
      seen.push(ctx.identities.self, ctx.identities.other);
      const read = (step: string, as?: Parameters<typeof ctx.call>[0]["as"]) =>
        ctx.call({ op: "GET /things/{id}", step, params: { id: ID }, expect: "any", ...(as ? { as } : {}) });
      await read("as the run");
      await read("as the other identity", "other");
      await read("without credentials", "none");
      await read("with a malformed credential", { headers: { authorization: "Bearer" } });
    });
    const outcome = await run([scenario], { credentials: SELF, otherCredentials: OTHER });
    const sent = server.requests
      .slice(before)
      .filter((r) => r.path === `/things/${ID}`)
      .map((r) => r.headers.authorization);
    expect(sent).toEqual([SELF.authorization, OTHER.authorization, undefined, "Bearer"]);
    expect(seen).toEqual([true, true]);
    const reported = JSON.stringify(outcome.results);
    expect(reported).not.toContain("token-of-alice");
    expect(reported).not.toContain("token-of-bob");
  });
});
