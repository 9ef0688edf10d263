// The SDK suite against the in-memory fake: a verdict for every SDK method, and each planted fault reported with its HTTP exchange.

import { describe, expect, it } from "vitest";
import { startFake } from "../../fixtures/fakes/index.ts";
import { startRunsFake } from "../../fixtures/fakes/runs.ts";
import { errored, ruleResults, runOnFake, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { JS_CLIENT, recordingClient } from "./client.ts";
import { sdkScenarios } from "./flows.ts";
import { sdkArea } from "./index.ts";

const [store, threads, assistants, runs] = sdkScenarios;

describe.each([
  ["store", store!, startFake],
  ["threads", threads!, startFake],
  ["assistants", assistants!, startFake],
  ["runs", runs!, startRunsFake],
])("SDK %s scenario on a correct server", (_, scenario, start) => {
  const methods = scenario.sdk ?? [];
  it("passes sdk_call for every method and every sdk_result, each with its recorded exchange", async () => {
    const outcome = await runOnFake([scenario], [], start);
    expect(errored(outcome)).toEqual([]);
    const results = ruleResults(outcome);
    expect([...new Set(results.filter((r) => r.checkId === "sdk_call").map((r) => r.sdkMethod))].sort()).toEqual(
      [...methods].sort(),
    );
    expect(results.filter((r) => r.verdict.status !== "passed")).toEqual([]);
    expect(JS_CLIENT).toMatch(/^js \d+\.\d+\.\d+/);
    expect(results.every((r) => r.sdkClient === JS_CLIENT)).toBe(true);
    expect(
      results.every(
        (r) => r.exchange?.curl.startsWith("curl") && r.exchange.request.url.startsWith(outcome.run.target),
      ),
    ).toBe(true);
  });
});

describe("SDK failures are reported against the method, with the exchange that caused them", () => {
  it("a 500 on getItem fails sdk_call for store.get_item, with that answer as evidence", async () => {
    const outcome = await runOnFake([store!], ["500:GET /store/items"]);
    const failed = ruleResults(outcome).find((r) => r.checkId === "sdk_call" && r.verdict.status === "failed");
    expect(failed).toMatchObject({
      sdkMethod: "store.get_item",
      operationId: "getStoreItem",
      exchange: { response: { status: 500 } },
    });
    expect(verdictsOf(outcome, "sdk_call", "store.search_items")).toEqual(["passed"]);
  });

  it("a broken copy fails sdk_call for threads.copy", async () => {
    const outcome = await runOnFake([threads!], ["500:POST /threads/{thread_id}/copy"]);
    expect(verdictsOf(outcome, "sdk_call", "threads.copy")).toEqual(["failed"]);
  });

  it("an update that drops metadata fails sdk_result for assistants.update", async () => {
    const outcome = await runOnFake([assistants!], ["assistant_update_drops_metadata"]);
    expect(verdictsOf(outcome, "sdk_call", "assistants.update")).toEqual(["passed"]);
    expect(verdictsOf(outcome, "sdk_result", "assistants.update")).toEqual(["failed"]);
  });

  it("a cancel that answers its wait while the run goes on fails sdk_result for runs.get", async () => {
    const outcome = await runOnFake([runs!], ["cancel_wait_answers_before_end"], startRunsFake);
    expect(verdictsOf(outcome, "sdk_call", "runs.cancel")).toEqual(["passed"]);
    expect(verdictsOf(outcome, "sdk_result", "runs.get")).toEqual(["passed", "failed"]);
  });

  it("a thread's stream the target has no route for is not implemented, with the 404 as evidence", async () => {
    const outcome = await runOnFake([runs!], ["thread_stream_missing"], startRunsFake);
    const joined = ruleResults(outcome).filter((r) => r.sdkMethod === "threads.join_stream");
    expect(joined.map((r) => [r.checkId, r.verdict.status, r.exchange?.response?.status])).toEqual([
      ["sdk_call", "not_implemented", 404],
    ]);
    expect(verdictsOf(outcome, "sdk_call", "runs.cancel")).toEqual(["passed"]);
  });

  it("when create fails, the rest of the flow is skipped with the reason", async () => {
    const outcome = await runOnFake([threads!], ["500:POST /threads"]);
    expect(verdictsOf(outcome, "sdk_call", "threads.create")).toEqual(["failed"]);
    const reason = "client.threads.create failed, so the other thread methods have no thread to work on";
    for (const method of ["threads.get", "threads.copy", "threads.delete"]) {
      const skipped = ruleResults(outcome).filter((r) => r.checkId === "sdk_call" && r.sdkMethod === method);
      expect(
        skipped.map((r) => [r.verdict, r.sdkClient]),
        method,
      ).toEqual([[{ status: "skipped", reason }, JS_CLIENT]]);
    }
  });
});

provePlantedFaults(sdkArea);

describe("a state without a checkpoint", () => {
  it("skips only the SDK reads that need one, with the reason, and still reads the history", async () => {
    const outcome = await runOnFake([threads!], ["state_checkpoint_null"]);
    expect(errored(outcome)).toEqual([]);
    const atCheckpoint = ruleResults(outcome).filter(
      (r) => r.checkId === "sdk_call" && r.sdkMethod === "threads.get_state",
    );
    expect(atCheckpoint.map((r) => r.verdict.status).sort()).toEqual(["passed", "skipped", "skipped"]);
    expect(atCheckpoint.find((r) => r.verdict.status === "skipped")?.verdict).toMatchObject({
      reason: expect.stringContaining("getState showed no checkpoint id (checkpoint: null)"),
    });
    expect(verdictsOf(outcome, "sdk_call", "threads.get_history")).toEqual(["passed"]);
    expect(verdictsOf(outcome, "sdk_call", "threads.copy")).toEqual(["passed"]);
  });
});

describe("the SDK client sends the target's headers and none from the environment", () => {
  it("records the user's header and no x-api-key", async () => {
    const previous = process.env.LANGSMITH_API_KEY;
    process.env.LANGSMITH_API_KEY = "lsv2-from-the-environment";
    try {
      const server = await startFake();
      try {
        const recorded = recordingClient({ url: server.url, headers: { "x-tenant": "t1" }, maxBodyBytes: 1_000_000 });
        await recorded.client.store.putItem(["ns"], "k", { a: 1 });
        expect(server.requests.at(-1)?.headers["x-tenant"]).toBe("t1");
        expect(server.requests.at(-1)?.headers["x-api-key"]).toBeUndefined();
        expect(recorded.exchanges[0]).toMatchObject({
          request: { method: "PUT", url: `${server.url}/store/items` },
          response: { status: 204 },
        });
      } finally {
        await server.close();
      }
    } finally {
      if (previous === undefined) delete process.env.LANGSMITH_API_KEY;
      else process.env.LANGSMITH_API_KEY = previous;
    }
  });
});
