// The property phase against a faulty local server: both properties catch it, counterexamples shrink, seeds replay.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { on, startFaultyServer, type FaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { runConformance } from "../engine/run.ts";
import type { CheckResult } from "../model.ts";
import { loadSpec, type LoadedSpec } from "../spec/load.ts";
import { propertyPhase, type PropertyBindings } from "./phase.ts";

const SPEC = fileURLToPath(new URL("./testdata/things.yaml", import.meta.url));
const ID = "6f1f3a2e-1c3b-4b8e-9a43-0c1f1b2a3d4e";

/** Accepts whatever it is sent, and crashes on a valid body whose count is 7 or more. */
const faulty = [
  on("POST /things", (req) => {
    let body: { count?: unknown } | null = {};
    try {
      body = JSON.parse(req.body) as { count?: unknown } | null;
    } catch {
      // accepts malformed JSON too
    }
    return typeof body?.count === "number" && body.count >= 7
      ? { status: 500, body: { detail: "overflow" } }
      : { body: { id: ID } };
  }),
  on("GET /things/{id}", { body: { id: ID } }),
  on("GET /ping", { body: {} }),
];

const bindings: PropertyBindings<null> = {
  setup: async () => null,
  pins: async () => ({ path: { id: ID } }),
  created: () => [],
  destructive: () => false,
};

let spec: LoadedSpec;
let server: FaultyServer;

beforeAll(async () => {
  spec = await loadSpec(SPEC);
  server = await startFaultyServer(faulty);
});
afterAll(() => server.close());

async function phase(seed: number): Promise<CheckResult[]> {
  const { results } = await runConformance({
    spec,
    target: server.url,
    embedded: false,
    headers: {},
    timeoutMs: 2_000,
    seed,
    selection: { only: [], skip: [] },
    scenarios: [propertyPhase(spec, bindings, { seed, runs: 60, maxTimeMs: 10_000, workers: 2 })],
    listeners: [],
    prefix: "cf-test",
  });
  return results;
}

const failed = (results: CheckResult[], operationId: string, checkId: string) =>
  results.filter((r) => r.operationId === operationId && r.checkId === checkId && r.verdict.status === "failed");

describe("against a server that accepts invalid bodies and fails on some valid ones", () => {
  let results: CheckResult[];
  beforeAll(async () => {
    results = await phase(1234);
  });

  it("negative_data_rejection catches the accepted invalid requests, naming the violation", () => {
    const found = failed(results, "createThing", "negative_data_rejection");
    const messages = found.flatMap((r) =>
      r.verdict.status === "failed" ? r.verdict.findings.map((f) => f.message) : [],
    );
    expect(messages.some((m) => /^Received: 200 for a request with .+ \/ Documented: 422$/.test(m))).toBe(true);
    for (const r of found) {
      expect(r.seed).toBeTypeOf("number");
      expect(r.exchange?.curl).toMatch(/^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/things'/);
    }
    // An invalid body the server crashes on is not rejected either.
    for (const m of messages) expect(m).toMatch(/^Received: (200|500) for a request with .+ \/ Documented: 422$/);
  });

  it("not_a_server_error catches the crash with a shrunk, minimal counterexample", () => {
    const [crash] = failed(results, "createThing", "not_a_server_error").filter((r) => r.source === "property:valid");
    expect(crash?.step).toMatch(/^shrunk counterexample \(\d+ runs, \d+ shrinks\)$/);
    const body = JSON.parse(crash!.exchange!.request.body!) as { name: string; count: number; tags?: string[] };
    expect(body.count).toBe(7);
    expect(body.name).toHaveLength(1);
    expect(body.tags ?? []).toEqual([]);
  });

  it("judges the operations the server gets right as passed", () => {
    const get = results.filter(
      (r) => r.operationId === "getThing" && r.source === "property:valid" && r.checkId === "positive_data_acceptance",
    );
    expect(get.map((r) => r.verdict.status)).toEqual(["passed"]);
  });

  it("gives the same report for the same seed", async () => {
    const again = await phase(1234);
    const view = (rs: CheckResult[]) =>
      rs
        .filter((r) => r.source.startsWith("property"))
        .map((r) => [r.operationId, r.checkId, r.source, r.step, r.verdict.status, r.exchange?.curl, r.seed])
        .sort();
    expect(view(again)).toEqual(view(results));
  });
});

describe("an operation that documents no 4xx answer", () => {
  it("is sent no request that must be rejected, and says why", async () => {
    const results = await phase(99);
    const mine = results.filter((r) => r.operationId === "ping" && r.source === "property:invalid");
    expect(mine.map((r) => r.verdict)).toEqual([
      { status: "skipped", reason: "GET /ping documents no 4xx answer, so no request to it must be rejected" },
    ]);
    const sent = server.requests.filter((r) => r.path === "/ping").map((r) => r.query.get("depth"));
    expect(sent.length).toBeGreaterThan(0);
    for (const depth of sent) if (depth !== null) expect(depth).toMatch(/^\d+$/);
  });
});

describe("a binding that prepares each request", () => {
  it("sends the request as prepared", async () => {
    const OTHER = "0b6f0a43-5f6e-4b55-8f54-7a8e9e1c2d3f";
    const prepared: PropertyBindings<null> = {
      ...bindings,
      prepare: async (op, request, pins) =>
        op.operationId === "getThing" && request.params.id === pins.path.id
          ? { ...request, params: { ...request.params, id: OTHER } }
          : request,
    };
    const before = server.requests.length;
    await runConformance({
      spec,
      target: server.url,
      embedded: false,
      headers: {},
      timeoutMs: 2_000,
      seed: 3,
      selection: { only: ["getThing"], skip: [] },
      scenarios: [propertyPhase(spec, prepared, { seed: 3, runs: 10, maxTimeMs: 5_000, workers: 1 })],
      listeners: [],
      prefix: "cf-test",
    });
    const paths = server.requests.slice(before).map((r) => r.path);
    expect(paths).toContain(`/things/${OTHER}`);
    expect(paths).not.toContain(`/things/${ID}`);
  });
});

describe("a phase whose setup cannot run", () => {
  it("reports both properties skipped, with the reason, on every operation it would have explored", async () => {
    const broken: PropertyBindings<null> = { ...bindings, setup: async (ctx) => ctx.skip("no thread to explore with") };
    const { results } = await runConformance({
      spec,
      target: server.url,
      embedded: false,
      headers: {},
      timeoutMs: 2_000,
      seed: 1,
      selection: { only: [], skip: [] },
      scenarios: [propertyPhase(spec, broken, { seed: 1, runs: 5, maxTimeMs: 1_000, workers: 1 })],
      listeners: [],
      prefix: "cf-test",
    });
    const rows = results.map((r) => [r.operationId, r.checkId, r.verdict]);
    const skipped = { status: "skipped", reason: "no thread to explore with" };
    expect(rows).toEqual(
      ["createThing", "getThing", "ping"].flatMap((op) => [
        [op, "positive_data_acceptance", skipped],
        [op, "negative_data_rejection", skipped],
      ]),
    );
  });
});
