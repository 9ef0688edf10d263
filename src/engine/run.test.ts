// The scenario runner's bounds: a scenario out of time sends nothing more, and what it created is still deleted.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { on, startFaultyServer, type FaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { loadSpec, type LoadedSpec } from "../spec/load.ts";
import { runConformance } from "./run.ts";
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
      timeoutMs: 100,
      async run(ctx) {
        await ctx.call({ op: "POST /things", step: "create", body: { name: "a", count: 1 } });
        ctx.defer({ op: "GET /things/{id}", step: "clean up the thing", params: { id: ID } });
        await ctx.call({ op: "GET /things/{id}", step: "read it back", params: { id: ID } });
      },
    };
    const { results } = await runConformance({
      spec, target: server.url, embedded: false, headers: {}, timeoutMs: 2_000, seed: 1,
      selection: { only: [], skip: [] }, scenarios: [scenario], listeners: [], prefix: "cf-test",
    });
    const errored = results.filter((r) => r.verdict.status === "errored");
    expect(errored.map((r) => r.verdict.status === "errored" && r.verdict.message)).toEqual(["scenario did not finish within 100 ms"]);
    // The read after the create never happened; the deferred cleanup did, once the create had returned.
    const reads = server.requests.filter((r) => r.method === "GET" && r.path === `/things/${ID}`);
    expect(reads).toHaveLength(1);
    expect(results.some((r) => r.step === "read it back")).toBe(false);
  });
});
