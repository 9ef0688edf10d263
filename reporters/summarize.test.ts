// Tests for the pure summary: aggregation precedence, dedupe, verdicts, SDK methods, totals and exit codes.
import { describe, expect, it } from "vitest";
import { aggregateStatus, operationVerdict, summarize, UNKNOWN_TAG } from "./summarize.ts";
import { exchange, results, run, schemaFinding } from "./testdata.ts";
import type { CheckResult } from "../src/model.ts";

const summary = summarize(run, results);
const op = (id: string) => {
  const found = summary.operations.find((o) => o.operation.operationId === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe("summarize", () => {
  it("lists every operation in spec order, unknown operations last", () => {
    expect(summary.operations.map((o) => o.operation.operationId)).toEqual([
      "create_assistant",
      "search_assistants",
      "get_thread",
      "stream_run",
      "delete_thread",
      "cancel_run",
      "create_thread",
      "ghost_op",
    ]);
    expect(op("ghost_op").operation.tag).toBe(UNKNOWN_TAG);
  });

  it("groups operations by tag in order of first appearance", () => {
    expect(summary.tags.map((t) => [t.tag, t.operations.map((o) => o.operation.operationId)])).toEqual([
      ["Assistants", ["create_assistant", "search_assistants"]],
      ["Threads & <Stuff>", ["get_thread", "delete_thread", "create_thread"]],
      ["Runs", ["stream_run", "cancel_run"]],
      [UNKNOWN_TAG, ["ghost_op"]],
    ]);
  });

  it("gives each operation its verdict", () => {
    expect(Object.fromEntries(summary.operations.map((o) => [o.operation.operationId, o.verdict]))).toEqual({
      create_assistant: "failed",
      search_assistants: "passed",
      get_thread: "failed",
      stream_run: "not_covered",
      delete_thread: "not_implemented",
      cancel_run: "skipped",
      create_thread: "failed",
      ghost_op: "passed",
    });
    expect(op("stream_run").checks).toEqual([]);
  });

  it("aggregates a check's results by precedence and counts them", () => {
    const check = op("create_assistant").checks.find((c) => c.checkId === "response-schema")!;
    expect(check.status).toBe("failed");
    expect(check.results).toEqual({ passed: 1, failed: 2, skipped: 0, not_implemented: 0, errored: 0 });
    expect(check.title).toBe("Response matches schema");
    expect(check.durationMs).toBe(55);
    expect(op("create_assistant").counts).toEqual({ passed: 1, failed: 1, skipped: 0, not_implemented: 0, errored: 0 });
  });

  it("deduplicates findings by key and keeps the first exchange", () => {
    const check = op("create_assistant").checks.find((c) => c.checkId === "response-schema")!;
    expect(check.findings).toHaveLength(1);
    const [f] = check.findings;
    expect(f!.count).toBe(2);
    expect(f!.seed).toBe(7);
    expect(f!.resultIndex).toBe(2);
    expect(f!.step).toBe("create with generated body");
    expect(f!.curl).toContain("curl -X POST");
  });

  it("orders checks by catalogue, unknown checks after", () => {
    expect(op("create_thread").checks.map((c) => c.checkId)).toEqual(["status-code", "content-type", "custom-check"]);
  });

  it("makes up a finding for a failure that reported none", () => {
    const check = op("create_thread").checks.find((c) => c.checkId === "custom-check")!;
    expect(check.findings).toHaveLength(1);
    expect(check.findings[0]!.synthesized).toBe(true);
    expect(check.findings[0]!.finding.severity).toBe("major");
  });

  it("keeps skip and not-implemented reasons, deduplicated, and errors", () => {
    expect(op("search_assistants").checks[1]!.reasons).toMatchObject([
      { status: "skipped", reason: "no 2xx response to validate", count: 1 },
    ]);
    expect(op("delete_thread").checks.map((c) => c.reasons[0]!.reason)).toEqual([
      "server answered 404 for the route",
      "server answered 404 for the route",
    ]);
    expect(op("get_thread").checks[0]!.errors).toMatchObject([{ message: "fetch failed: ECONNRESET", count: 1 }]);
    expect(op("get_thread").checks[0]!.status).toBe("errored");
  });

  it("computes totals", () => {
    const t = summary.totals;
    expect(t.operations).toBe(8);
    expect(t.operationVerdicts).toEqual({ passed: 2, failed: 3, skipped: 1, not_implemented: 1, not_covered: 1 });
    expect(t.results).toEqual({ passed: 4, failed: 5, skipped: 2, not_implemented: 2, errored: 1, total: 14 });
    expect(t.checks).toEqual({ passed: 3, failed: 4, skipped: 2, not_implemented: 2, errored: 1, total: 12 });
    expect(t.findings).toEqual({ unique: 4, occurrences: 5, critical: 1, major: 2, minor: 1 });
    expect(t.errors).toEqual({ unique: 1, occurrences: 1 });
  });

  it("summarizes SDK methods in catalogue order, unknown methods appended", () => {
    expect(summary.sdkMethods.map((m) => [m.method, m.client, m.verdict, m.operations])).toEqual([
      ["assistants.create", "assistants", "failed", ["create_assistant"]],
      ["assistants.search", "assistants", "passed", ["search_assistants"]],
      ["threads.create", "threads", "failed", ["create_thread"]],
      ["threads.get", "threads", "failed", ["get_thread"]],
      ["threads.delete", "threads", "not_implemented", ["delete_thread"]],
      ["runs.stream", "runs", "not_covered", []],
      ["runs.cancel", "runs", "skipped", ["cancel_run"]],
      ["crons.create", "crons", "not_covered", []],
      ["store.put_item", "store", "not_covered", []],
      ["threads.update_state", "threads", "passed", ["ghost_op"]],
    ]);
    const create = summary.sdkMethods[0]!;
    expect(create.counts).toEqual({ passed: 2, failed: 2, skipped: 0, not_implemented: 0, errored: 0 });
    expect(create.findings).toHaveLength(1);
    expect(create.findings[0]).toMatchObject({ count: 2, resultIndex: 2, seed: 7, sdkMethod: "assistants.create" });
    // the content-type result carries no SDK method: only status-code and the synthesized custom-check finding
    expect(summary.sdkMethods[2]!.findings.map((f) => [f.finding.checkId, f.synthesized ?? false])).toEqual([
      ["status-code", false],
      ["custom-check", true],
    ]);
    expect(summary.sdkMethods[3]!.errors).toMatchObject([{ message: "fetch failed: ECONNRESET", count: 1 }]);
    expect(summary.sdkMethods[4]!.reasons).toMatchObject([
      { status: "not_implemented", reason: "server answered 404 for the route", count: 2 },
    ]);
    expect(summary.sdkMethods[5]).toEqual({
      method: "runs.stream",
      client: "runs",
      verdict: "not_covered",
      counts: { passed: 0, failed: 0, skipped: 0, not_implemented: 0, errored: 0 },
      operations: [],
      findings: [],
      errors: [],
      reasons: [],
      durationMs: 0,
      clients: [],
    });
  });

  it("aggregates an SDK method over every operation it touched, deduplicating findings by key", () => {
    const step = (operationId: string, verdict: CheckResult["verdict"], durationMs = 5): CheckResult => ({
      operationId,
      checkId: "response-schema",
      source: "scenario:join",
      step: `join via ${operationId}`,
      verdict,
      exchange: exchange("GET", "http://localhost:2024/x", durationMs),
      sdkMethod: "runs.join_stream",
    });
    const own = [
      step("stream_run", { status: "passed" }),
      step("get_thread", { status: "failed", findings: [schemaFinding] }),
      step("stream_run", { status: "failed", findings: [{ ...schemaFinding, operationId: "stream_run" }] }),
      step("cancel_run", { status: "not_implemented", reason: "404" }),
    ];
    const s = summarize(run, own);
    const join = s.sdkMethods.find((m) => m.method === "runs.join_stream")!;
    expect(s.sdkMethods.at(-1)).toBe(join);
    expect(join).toMatchObject({
      client: "runs",
      verdict: "failed",
      operations: ["stream_run", "get_thread", "cancel_run"],
      durationMs: 20,
    });
    expect(join.counts).toEqual({ passed: 1, failed: 2, skipped: 0, not_implemented: 1, errored: 0 });
    expect(join.findings).toHaveLength(1);
    expect(join.findings[0]).toMatchObject({ count: 2, resultIndex: 1, step: "join via get_thread" });
    // still counted under their operations
    expect(s.operations.find((o) => o.operation.operationId === "stream_run")!.verdict).toBe("failed");
    expect(s.operations.find((o) => o.operation.operationId === "cancel_run")!.verdict).toBe("not_implemented");
    // verdict rules: all not_implemented, or skipped beside not_implemented
    const only = (verdict: CheckResult["verdict"]) =>
      summarize({ ...run, sdkMethods: [] }, [step("stream_run", verdict)]).sdkMethods[0]!.verdict;
    expect(only({ status: "not_implemented", reason: "x" })).toBe("not_implemented");
    expect(only({ status: "skipped", reason: "x" })).toBe("skipped");
    expect(only({ status: "errored", message: "x" })).toBe("failed");
  });

  it("gives each SDK method a verdict per client, over the results naming that client", () => {
    const step = (sdkClient: string | undefined, verdict: CheckResult["verdict"]): CheckResult => ({
      operationId: "get_thread",
      checkId: "sdk_call",
      source: "scenario:sdk",
      step: "get",
      verdict,
      sdkMethod: "threads.get",
      ...(sdkClient ? { sdkClient } : {}),
    });
    const s = summarize({ ...run, sdkMethods: ["threads.get", "threads.copy"] }, [
      step("python 0.2.4", { status: "failed", findings: [schemaFinding] }),
      step("js 2.0.0", { status: "passed" }),
      step("python 0.2.4", { status: "passed" }),
      step(undefined, { status: "skipped", reason: "no client named" }),
    ]);
    const [get, copy] = s.sdkMethods;
    expect(get!.verdict).toBe("failed");
    expect(get!.clients.map((c) => [c.client, c.verdict, c.counts.passed, c.counts.failed])).toEqual([
      ["js 2.0.0", "passed", 1, 0],
      ["python 0.2.4", "failed", 1, 1],
    ]);
    expect(get!.counts.skipped).toBe(1);
    expect(copy!.clients).toEqual([]);
  });

  it("keeps the per-operation summary independent of SDK methods", () => {
    const stripped = summarize(
      { ...run, sdkMethods: [] },
      results.map(({ sdkMethod: _, ...r }) => r),
    );
    expect(stripped.sdkMethods).toEqual([]);
    const noSdk = (s: typeof summary) =>
      JSON.parse(JSON.stringify(s.operations).replace(/,"sdkMethod":"[^"]*"/g, "")) as unknown;
    expect(noSdk(stripped)).toEqual(noSdk(summary));
    expect(stripped.totals).toEqual(summary.totals);
  });

  it("does not change its inputs", () => {
    const before = JSON.stringify([run, results]);
    summarize(run, results);
    expect(JSON.stringify([run, results])).toBe(before);
  });
});

describe("verdict helpers", () => {
  it("applies the status precedence", () => {
    expect(aggregateStatus(["skipped", "passed"])).toBe("passed");
    expect(aggregateStatus(["passed", "not_implemented"])).toBe("not_implemented");
    expect(aggregateStatus(["not_implemented", "errored"])).toBe("errored");
    expect(aggregateStatus(["errored", "failed", "passed"])).toBe("failed");
    expect(aggregateStatus([])).toBe("not_covered");
  });

  it("derives operation verdicts from check counts", () => {
    const c = (o: Partial<Record<"passed" | "failed" | "skipped" | "not_implemented" | "errored", number>>) => ({
      passed: 0,
      failed: 0,
      skipped: 0,
      not_implemented: 0,
      errored: 0,
      ...o,
    });
    expect(operationVerdict(c({}))).toBe("not_covered");
    expect(operationVerdict(c({ passed: 2, errored: 1 }))).toBe("failed");
    expect(operationVerdict(c({ not_implemented: 2 }))).toBe("not_implemented");
    expect(operationVerdict(c({ not_implemented: 1, passed: 1 }))).toBe("passed");
    expect(operationVerdict(c({ not_implemented: 1, skipped: 1 }))).toBe("not_implemented");
    expect(operationVerdict(c({ skipped: 2 }))).toBe("skipped");
  });
});
