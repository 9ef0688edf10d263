// The Python SDK flows against the in-memory fake (with the project's virtual environment; skipped, saying why, without
// it), the flows of a client that is not available, and the choice of clients a run drives.

import { describe, expect, it } from "vitest";
import { errored, ruleResults, runOnFake, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { startRunsFake } from "../../fixtures/fakes/runs.ts";
import { planSuite } from "../../src/suite-run.ts";
import { sdkScenarios } from "./flows.ts";
import { SDK_CLIENTS, withSdkClients } from "./index.ts";
import { pythonSdkAvailability } from "./python/process.ts";
import { pythonSdkScenarios } from "./python-flows.ts";
import { SDK_FLOW_METHODS } from "./rules.ts";

const available = await pythonSdkAvailability();
const [store, threads, assistants, runs] = pythonSdkScenarios();
const ONE_RUN_MS = 60_000;

describe.skipIf(!available.ok)(
  available.ok
    ? `the Python SDK ${available.sdk.version} against the fake`
    : `the Python SDK against the fake (skipped: ${available.reason})`,
  () => {
    const client = available.ok ? `python ${available.sdk.version}` : "";

    it.each([
      ["store", store!],
      ["threads", threads!],
      ["assistants", assistants!],
    ])(
      "%s: passes sdk_call for every method and every sdk_result, each naming the client and with its exchange",
      { timeout: ONE_RUN_MS },
      async (_, scenario) => {
        const outcome = await runOnFake([scenario]);
        expect(errored(outcome)).toEqual([]);
        const results = ruleResults(outcome);
        expect([...new Set(results.filter((r) => r.checkId === "sdk_call").map((r) => r.sdkMethod))].sort()).toEqual(
          [...(scenario.sdk ?? [])].sort(),
        );
        expect(results.filter((r) => r.verdict.status !== "passed")).toEqual([]);
        expect(results.every((r) => r.sdkClient === client)).toBe(true);
        expect(
          results.every(
            (r) => r.exchange?.curl.startsWith("curl") && r.exchange.request.url.startsWith(outcome.run.target),
          ),
        ).toBe(true);
      },
    );

    it(
      "a 500 on get_item fails sdk_call for store.get_item, with that answer as evidence",
      { timeout: ONE_RUN_MS },
      async () => {
        const outcome = await runOnFake([store!], ["500:GET /store/items"]);
        const failed = ruleResults(outcome).find((r) => r.checkId === "sdk_call" && r.verdict.status === "failed");
        expect(failed).toMatchObject({
          sdkMethod: "store.get_item",
          sdkClient: client,
          operationId: "getStoreItem",
          exchange: { response: { status: 500 }, curl: expect.stringMatching(/^curl .*\/store\/items/) },
        });
        expect(verdictsOf(outcome, "sdk_call", "store.search_items")).toEqual(["passed"]);
      },
    );

    it("an update that drops metadata fails sdk_result for assistants.update", { timeout: ONE_RUN_MS }, async () => {
      const outcome = await runOnFake([assistants!], ["assistant_update_drops_metadata"]);
      expect(verdictsOf(outcome, "sdk_call", "assistants.update")).toEqual(["passed"]);
      expect(verdictsOf(outcome, "sdk_result", "assistants.update")).toEqual(["failed"]);
    });

    it(
      "runs: passes on a correct server, and a cancel that answers its wait while the run goes on fails runs.get",
      { timeout: 2 * ONE_RUN_MS },
      async () => {
        const correct = await runOnFake([runs!], [], startRunsFake);
        expect(ruleResults(correct).filter((r) => r.verdict.status !== "passed")).toEqual([]);
        const early = await runOnFake([runs!], ["cancel_wait_answers_before_end"], startRunsFake);
        expect(verdictsOf(early, "sdk_call", "runs.cancel")).toEqual(["passed"]);
        expect(verdictsOf(early, "sdk_result", "runs.get")).toEqual(["passed", "failed"]);
      },
    );

    it("when create fails, the rest of the flow is skipped with the reason", { timeout: ONE_RUN_MS }, async () => {
      const outcome = await runOnFake([threads!], ["500:POST /threads"]);
      expect(verdictsOf(outcome, "sdk_call", "threads.create")).toEqual(["failed"]);
      const reason = "client.threads.create failed, so the other thread methods have no thread to work on";
      for (const method of ["threads.get", "threads.copy", "threads.delete"]) {
        const skipped = ruleResults(outcome).filter((r) => r.checkId === "sdk_call" && r.sdkMethod === method);
        expect(
          skipped.map((r) => [r.verdict, r.sdkClient]),
          method,
        ).toEqual([[{ status: "skipped", reason }, client]]);
      }
      expect(outcome.leftovers).toEqual([]);
    });
  },
);

const latest = await pythonSdkAvailability("latest");

describe.skipIf(!latest.ok)(
  latest.ok
    ? `the latest Python SDK (${latest.sdk.version}) against the fake`
    : `the latest Python SDK against the fake (skipped: ${latest.reason})`,
  () => {
    it("passes the store flow, each verdict naming that version", { timeout: ONE_RUN_MS }, async () => {
      const [latestStore] = pythonSdkScenarios({ variant: "latest" });
      expect(latestStore?.id).toBe("sdk.python-latest.store");
      const outcome = await runOnFake([latestStore!]);
      const results = ruleResults(outcome);
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((r) => r.verdict.status !== "passed")).toEqual([]);
      expect(new Set(results.map((r) => r.sdkClient))).toEqual(
        new Set([`python ${latest.ok ? latest.sdk.version : ""}`]),
      );
    });
  },
);

describe("a Python SDK that is not available", () => {
  it("skips the flow with the reason, every method of it named, for the Python client", async () => {
    const reason = "the Python SDK is not available: there is no virtual environment at /nowhere";
    const [unavailable] = pythonSdkScenarios({ availability: async () => ({ ok: false, reason }) });
    const outcome = await runOnFake([unavailable!]);
    const calls = ruleResults(outcome).filter((r) => r.checkId === "sdk_call" && r.sdkMethod !== undefined);
    expect(calls.map((r) => r.sdkMethod)).toEqual([...SDK_FLOW_METHODS.store]);
    expect(calls.every((r) => r.sdkClient === "python" && r.verdict.status === "skipped")).toBe(true);
    expect(calls[0]?.verdict).toEqual({ status: "skipped", reason });
    expect(outcome.phases?.find((p) => p.id === "sdk.python.store")?.outcome).toEqual({ status: "skipped", reason });
  });
});

describe("the SDK clients a run drives", () => {
  it("keeps the scenarios of the clients chosen, and every scenario of no client", () => {
    const other = { ...sdkScenarios[0]!, id: "elsewhere" };
    const python = pythonSdkScenarios();
    expect(withSdkClients([...python, other], ["js"]).map((s) => s.id)).toEqual(["elsewhere"]);
    expect(withSdkClients(python, ["python"])).toEqual(python);
    expect(withSdkClients([...sdkScenarios, other], ["python"]).map((s) => s.id)).toEqual(["elsewhere"]);
    expect(withSdkClients([...sdkScenarios, other], ["js"]).map((s) => s.id)).toEqual([
      ...sdkScenarios.map((s) => s.id),
      "elsewhere",
    ]);
    expect(SDK_CLIENTS).toEqual(["js", "python", "python-latest"]);
  });

  it("plans the JS flows alone with --sdk js, and refuses a client it does not know", async () => {
    const plan = await planSuite({ target: "http://127.0.0.1:1", sdk: ["js"], runs: 0 });
    const ids = plan.scenarios.map((s) => s.id);
    expect(ids).toContain("sdk.store");
    expect(ids.filter((id) => id.startsWith("sdk.python."))).toEqual([]);
    const both = await planSuite({ target: "http://127.0.0.1:1", sdk: ["js", "python"], runs: 0 });
    expect(both.scenarios.map((s) => s.id).filter((id) => id.startsWith("sdk.python."))).toEqual([
      "sdk.python.store",
      "sdk.python.threads",
      "sdk.python.assistants",
      "sdk.python.runs",
    ]);
    const latest = await planSuite({ target: "http://127.0.0.1:1", sdk: ["python-latest"], runs: 0 });
    expect(latest.scenarios.map((s) => s.id).filter((id) => id.startsWith("sdk."))).toEqual([
      "sdk.python-latest.store",
      "sdk.python-latest.threads",
      "sdk.python-latest.assistants",
      "sdk.python-latest.runs",
    ]);
    await expect(planSuite({ target: "http://127.0.0.1:1", sdk: ["ruby"] })).rejects.toThrow(
      "`--sdk` must name js, python, python-latest (comma-separated), but received ruby",
    );
  });
});
