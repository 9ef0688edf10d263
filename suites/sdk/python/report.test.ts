// Recorded driver lines turned into SDK verdicts: each carries the client, the method and the exchange behind it.

import { describe, expect, it } from "vitest";
import { CHECKS } from "../../../src/checks/index.ts";
import { createFilter } from "../../../src/engine/filter.ts";
import { Ownership } from "../../../src/engine/ownership.ts";
import type { Scenario, ScenarioContext } from "../../../src/engine/scenario.ts";
import { ScenarioRun } from "../../../src/engine/scenario-context.ts";
import { Session } from "../../../src/engine/session.ts";
import { HttpClient } from "../../../src/http/client.ts";
import { createRedactor } from "../../../src/http/redact.ts";
import { loadSpec } from "../../../src/spec/load.ts";
import { catalogue } from "../../index.ts";
import type { CheckResult } from "../../../src/model.ts";
import { SDK, SDK_FLOW_METHODS } from "../rules.ts";
import { SdkVerdicts } from "../verdicts.ts";
import { parseDriverLine, type DriverLine } from "./lines.ts";
import { DriverReport } from "./report.ts";

const SECRET = "Bearer sk-very-secret";

/** A real scenario context on the bundled spec, for a scenario of the Python client; what it reports is kept. */
async function scenarioContext(): Promise<{ ctx: ScenarioContext; results: CheckResult[] }> {
  const results: CheckResult[] = [];
  const spec = await loadSpec();
  const redactor = createRedactor({ authorization: SECRET });
  const filter = createFilter({ only: [], skip: [] }, catalogue(spec.operations), spec.operations);
  const emit = async (result: CheckResult) => void results.push(result);
  const client = new HttpClient({ baseUrl: "http://t", headers: {}, timeoutMs: 1_000, redactor });
  const session = new Session({ spec, client, checks: CHECKS, filter, redactor, emit, fingerprint: NO_ROUTE });
  const scenario: Scenario = {
    id: "sdk.python.store",
    title: "Store through the Python client",
    covers: [],
    rules: [SDK.sdk_call, SDK.sdk_result],
    run: async () => undefined,
  };
  const run = new ScenarioRun(scenario, {
    session,
    filter,
    checks: CHECKS,
    redactor,
    capabilities: [],
    declared: {},
    identities: { self: false, other: false },
    ownership: new Ownership("cf-test"),
    report: emit,
    prefix: "cf-test",
    seed: 1,
    target: { url: "http://t", headers: { authorization: SECRET }, maxBodyBytes: 1_000_000 },
  });
  return { ctx: run.context, results };
}

/** How the target answers a route it does not have. */
const NO_ROUTE = { status: 404, body: "Not Found" };

const exchange = (status: number, body = "{}") => ({
  request: { method: "GET", url: "http://t/store/items?key=item", headers: { authorization: SECRET } },
  response: { status, headers: {}, body, durationMs: 1 },
});

const line = (value: Record<string, unknown>): DriverLine => {
  const parsed = parseDriverLine(JSON.stringify(value));
  if (!parsed) throw new Error(`not a driver line: ${JSON.stringify(value)}`);
  return parsed;
};

const get = { flow: "store", method: "store.get_item", op: "GET /store/items", call: "client.store.get_item" };

async function feed(lines: Record<string, unknown>[]): Promise<{ results: CheckResult[]; report: DriverReport }> {
  const { ctx, results } = await scenarioContext();
  const report = new DriverReport(ctx, new SdkVerdicts(ctx, "sdk.python.store", "python 0.2.4"));
  for (const l of lines) await report.line(line(l));
  return { results, report };
}

describe("DriverReport", () => {
  it("passes sdk_call for a call that worked, naming the client and method, with its exchange redacted", async () => {
    const { results } = await feed([{ type: "call", ...get, ok: true, exchanges: [exchange(200)] }]);
    expect(results).toEqual([
      expect.objectContaining({
        checkId: "sdk_call",
        operationId: "getStoreItem",
        source: "scenario:sdk.python.store",
        sdkMethod: "store.get_item",
        sdkClient: "python 0.2.4",
        verdict: { status: "passed" },
      }),
    ]);
    expect(JSON.stringify(results)).not.toContain("sk-very-secret");
    expect(results[0]?.exchange?.curl).toMatch(/^curl .*http:\/\/t\/store\/items/);
  });

  it("fails sdk_call for a call that raised, with the error and the exchange that caused it", async () => {
    const { results } = await feed([
      { type: "call", ...get, ok: false, error: "HTTPStatusError: 500", exchanges: [exchange(500, "boom")] },
    ]);
    expect(results[0]).toMatchObject({
      checkId: "sdk_call",
      sdkClient: "python 0.2.4",
      exchange: { response: { status: 500, body: "boom" }, curl: expect.stringMatching(/^curl /) },
      verdict: { status: "failed", findings: [{ expected: "no error", actual: "HTTPStatusError: 500" }] },
    });
  });

  it("reports a call that hit a missing route as not implemented", async () => {
    const { results } = await feed([
      { type: "call", ...get, ok: false, error: "HTTPStatusError: 404", exchanges: [exchange(404, NO_ROUTE.body)] },
    ]);
    expect(results[0]?.verdict).toMatchObject({ status: "not_implemented", reason: expect.stringMatching(/404/) });
  });

  it("judges a claim as sdk_result with the exchange of its call", async () => {
    const { results } = await feed([
      { type: "call", ...get, ok: true, exchanges: [exchange(200, '{"value":{}}')] },
      { type: "claim", ...get, claim: "returns the item put", holds: false, expected: { a: 1 }, actual: { value: {} } },
    ]);
    expect(results[1]).toMatchObject({
      checkId: "sdk_result",
      sdkMethod: "store.get_item",
      sdkClient: "python 0.2.4",
      step: expect.stringContaining("python: client.store.get_item: returns the item put"),
      exchange: { response: { body: '{"value":{}}' } },
      verdict: { status: "failed", findings: [{ expected: { a: 1 }, actual: { value: {} } }] },
    });
    // the finding is the Python client's own: its key names the client, not its version
    const [finding] = (results[1]?.verdict as Extract<CheckResult["verdict"], { status: "failed" }>).findings;
    expect(finding?.message).toContain("(python: client.store.get_item: returns the item put)");
    expect(finding?.key).toBe("sdk_result:getStoreItem:python: client.store.get_item: returns the item put");
  });

  it("gives every method a stopped flow did not call the reason it stopped", async () => {
    const { results, report } = await feed([
      { type: "call", ...get, method: "store.put_item", op: "PUT /store/items", ok: false, error: "x", exchanges: [] },
      { type: "stop", flow: "store", reason: "client.store.put_item failed" },
      { type: "done", version: "0.2.4" },
    ]);
    await report.end(SDK_FLOW_METHODS.store, { status: "finished" });
    const skipped = results.filter((r) => r.verdict.status === "skipped");
    expect(skipped.map((r) => r.sdkMethod)).toEqual([
      "store.get_item",
      "store.search_items",
      "store.list_namespaces",
      "store.delete_item",
    ]);
    expect(skipped.every((r) => r.sdkClient === "python 0.2.4")).toBe(true);
    expect(skipped[0]?.verdict).toEqual({ status: "skipped", reason: "client.store.put_item failed" });
  });

  it("reports the methods a driver stopped at its time bound never called as errored, saying so", async () => {
    const { results, report } = await feed([{ type: "call", ...get, ok: true, exchanges: [] }]);
    await report.end(["store.get_item", "store.delete_item"], { status: "timed_out", afterMs: 500 });
    expect(results.map((r) => [r.sdkMethod, r.verdict])).toEqual([
      ["store.get_item", { status: "passed" }],
      [
        "store.delete_item",
        { status: "errored", message: "the Python client did not finish within 500 ms, so it was stopped" },
      ],
    ]);
  });

  it("reports the methods of a driver that broke as errored, with its message", async () => {
    const { results, report } = await feed([]);
    await report.end(["store.put_item"], { status: "broken", message: "the Python driver exited with code 1: boom" });
    expect(results[0]?.verdict).toEqual({ status: "errored", message: "the Python driver exited with code 1: boom" });
  });
});
