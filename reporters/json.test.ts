// Tests for the JSON reporter: the document's shape, counts, dedupe, SDK methods, capabilities, raw results, file writing.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildJsonReport, jsonReporter, type JsonReport } from "./json.ts";
import { parseBaseline } from "../src/baseline.ts";
import { extras, noExtras, results, run, schemaFinding } from "./testdata.ts";
import type { RunEndExtras } from "./types.ts";
import type { CheckResult } from "../src/model.ts";
import type { Comparison } from "../src/compare/model.ts";
import type { SpecDiff } from "../src/spec/diff.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("json report", () => {
  const report = buildJsonReport(run, results, 1234, extras);

  it("has the documented top level", () => {
    expect(Object.keys(report)).toEqual([
      "schemaVersion",
      "tool",
      "run",
      "verdict",
      "because",
      "exitCode",
      "failOn",
      "level",
      "departures",
      "totals",
      "operations",
      "sdkMethods",
      "capabilities",
      "leftovers",
      "phases",
      "results",
    ]);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe("langgraph-agent-server-conformance");
    expect(report.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.run).toEqual({
      target: run.target,
      embedded: true,
      spec: run.spec,
      catalogueVersion: "0123456789ab",
      prefix: "conf-abc123",
      seed: 4242,
      startedAt: run.startedAt,
      durationMs: 1234,
      endReason: "finished",
    });
    expect(report.verdict).toBe("failed");
    expect(report.because).toBe("1 suite error");
    expect(report.exitCode).toBe(1);
    expect(report.failOn).toBe("minor");
    expect(report.totals.findings.unique).toBe(4);
  });

  it("states the level reached with per-level counts, and the departures grouped by cause first", () => {
    expect(report.level).toMatchObject({ reached: "core", partial: false });
    expect(report.level.counts.standard).toEqual({
      passed: 0,
      failed: 3,
      skipped: 0,
      not_implemented: 0,
      errored: 0,
      not_run: 0,
    });
    expect(report.departures.map((d) => [d.cause, d.status, d.operations.map((o) => o.operationId)])).toEqual([
      ["status-code:500", "new", ["create_thread"]],
      ["response-schema:/assistant_id:type", "new", ["create_assistant"]],
      ["custom-check:failed-without-findings", "new", ["create_thread"]],
      ["content-type:text/html", "new", ["create_thread"]],
    ]);
    expect(report.departures[1]!.operations[0]!.findings[0]).toMatchObject({ key: schemaFinding.key, count: 2 });
    expect("baseline" in report).toBe(false);
  });

  it("marks each finding new or known against a baseline, and lists entries no longer seen as fixed", () => {
    const accepted = parseBaseline(
      JSON.stringify({ accepted: [schemaFinding.key, "status-code:search_assistants:received 404, documented 200"] }),
      "b.json",
    );
    const doc = buildJsonReport(run, results, 1, extras, { failOn: "minor", baseline: accepted });
    const schema = doc.operations[0]!.checks[1]!.findings[0]!;
    expect(schema.baseline).toBe("known");
    expect(doc.operations[6]!.checks[0]!.findings[0]!.baseline).toBe("new");
    expect(doc.departures.find((d) => d.checkId === "response-schema")?.status).toBe("known");
    expect(doc.baseline).toMatchObject({
      source: "b.json",
      newFindings: 3,
      fixed: [{ key: "status-code:search_assistants:received 404, documented 200" }],
    });
  });

  it("lists every operation with its verdict and per-check counts", () => {
    expect(report.operations.map((o) => [o.operationId, o.verdict])).toEqual([
      ["create_assistant", "failed"],
      ["search_assistants", "passed"],
      ["get_thread", "failed"],
      ["stream_run", "not_covered"],
      ["delete_thread", "not_implemented"],
      ["cancel_run", "skipped"],
      ["create_thread", "failed"],
      ["ghost_op", "passed"],
    ]);
    const check = report.operations[0]!.checks[1]!;
    expect(check).toMatchObject({
      checkId: "response-schema",
      status: "failed",
      passed: 1,
      failed: 2,
      skipped: 0,
      not_implemented: 0,
      errored: 0,
    });
    expect(check.findings).toEqual([
      {
        key: schemaFinding.key,
        cause: schemaFinding.cause,
        severity: "major",
        message: schemaFinding.message,
        expected: { type: "string", format: "uuid" },
        actual: 42,
        instancePointer: "/assistant_id",
        schemaPointer: "/components/schemas/Assistant/properties/assistant_id",
        count: 2,
        resultIndex: 2,
        source: "property:valid",
        step: "create with generated body",
        seed: 7,
        curl: results[2]!.exchange!.curl,
        sdkMethod: "assistants.create",
      },
    ]);
    expect(report.operations[3]!.checks).toEqual([]);
    expect(report.operations[4]!.checks[0]!.reasons).toMatchObject([
      { status: "not_implemented", reason: "server answered 404 for the route", count: 1 },
    ]);
    expect(report.operations[2]!.checks[0]!.errors).toMatchObject([{ message: "fetch failed: ECONNRESET", count: 1 }]);
  });

  it("lists SDK methods in catalogue order, unknown ones appended", () => {
    expect(report.sdkMethods.map((m) => [m.method, m.client, m.verdict])).toEqual([
      ["assistants.create", "assistants", "failed"],
      ["assistants.search", "assistants", "passed"],
      ["threads.create", "threads", "failed"],
      ["threads.get", "threads", "failed"],
      ["threads.delete", "threads", "not_implemented"],
      ["runs.stream", "runs", "not_covered"],
      ["runs.cancel", "runs", "skipped"],
      ["crons.create", "crons", "not_covered"],
      ["store.put_item", "store", "not_covered"],
      ["threads.update_state", "threads", "passed"],
    ]);
    const create = report.sdkMethods[0]!;
    expect(create).toMatchObject({
      counts: { passed: 2, failed: 2, skipped: 0, not_implemented: 0, errored: 0 },
      operations: ["create_assistant"],
      durationMs: 65,
    });
    expect(create.findings).toEqual([report.operations[0]!.checks[1]!.findings[0]]);
    expect(report.sdkMethods[3]!.errors).toMatchObject([
      { message: "fetch failed: ECONNRESET", count: 1, sdkMethod: "threads.get" },
    ]);
    expect(report.sdkMethods[4]!.reasons).toMatchObject([{ status: "not_implemented", count: 2 }]);
    expect(report.sdkMethods[5]).toEqual({
      method: "runs.stream",
      client: "runs",
      verdict: "not_covered",
      counts: { passed: 0, failed: 0, skipped: 0, not_implemented: 0, errored: 0 },
      durationMs: 0,
      operations: [],
      findings: [],
      errors: [],
      reasons: [],
      clients: [],
    });
  });

  it("gives each SDK method the verdict of every client that judged it", () => {
    const step = (sdkClient: string, status: "passed" | "skipped"): CheckResult => ({
      operationId: "create_assistant",
      checkId: "sdk_call",
      source: "scenario:sdk",
      step: "create",
      verdict: status === "passed" ? { status } : { status, reason: "r" },
      sdkMethod: "assistants.create",
      sdkClient,
    });
    const doc = buildJsonReport(run, [step("python 0.2.4", "skipped"), step("js 2.0.0", "passed")], 1, noExtras);
    expect(doc.sdkMethods.find((m) => m.method === "assistants.create")?.clients).toEqual([
      {
        client: "js 2.0.0",
        verdict: "passed",
        counts: { passed: 1, failed: 0, skipped: 0, not_implemented: 0, errored: 0 },
      },
      {
        client: "python 0.2.4",
        verdict: "skipped",
        counts: { passed: 0, failed: 0, skipped: 1, not_implemented: 0, errored: 0 },
      },
    ]);
    expect(doc.results.map((r) => (r as CheckResult).sdkClient)).toEqual(["python 0.2.4", "js 2.0.0"]);
  });

  it("carries capabilities and leftovers", () => {
    expect(report.capabilities).toEqual([
      { name: "stream mode: values", supported: true },
      { name: "crons", supported: false, detail: "POST /runs/crons answers 500 Not implemented" },
    ]);
    expect(report.leftovers).toEqual(["thread conf-abc123-t1", "assistant conf-abc123-a2"]);
    const bare = buildJsonReport(run, [], 1, noExtras);
    expect([bare.capabilities, bare.leftovers]).toEqual([[], []]);
    expect(bare.sdkMethods.every((m) => m.verdict === "not_covered")).toBe(true);
  });

  it("keeps the raw results", () => {
    expect(report.results).toEqual(JSON.parse(JSON.stringify(results)));
  });

  it("survives values JSON cannot hold as they are", () => {
    const cyclic: Record<string, unknown> = { a: 1n };
    cyclic.self = cyclic;
    const odd = [
      {
        ...results[2]!,
        verdict: { status: "failed" as const, findings: [{ ...schemaFinding, expected: cyclic, actual: undefined }] },
      },
    ];
    const doc = buildJsonReport(run, odd, 1, noExtras, { failOn: "critical" });
    const f = doc.operations[0]!.checks[0]!.findings[0]!;
    expect(f.expected).toEqual({ a: "1", self: "[Circular]" });
    expect("actual" in f).toBe(false);
    expect(doc.verdict).toBe("passed");
    expect(() => JSON.stringify(doc)).not.toThrow();
  });

  it("writes the file at run end, creating parent directories", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reporters-json-"));
    dirs.push(dir);
    const file = join(dir, "deep", "er", "report.json");
    const reporter = jsonReporter({ outputFile: file, failOn: "critical" });
    expect(reporter.name).toBe("json");
    await reporter.onRunEnd?.(run, results, 99, extras);
    const doc = JSON.parse(await readFile(file, "utf8")) as JsonReport;
    expect(doc.leftovers).toEqual(extras.leftovers);
    expect(doc.capabilities).toHaveLength(2);
    expect(doc.run.durationMs).toBe(99);
    expect(doc.failOn).toBe("critical");
    expect(doc.verdict).toBe("failed"); // the critical finding and the suite error
    expect(doc.results).toHaveLength(results.length);
  });
});

describe("json report: the comparison with a reference (--compare)", () => {
  const exchangeOf = (origin: string, status: number) => ({
    request: { method: "GET", url: `${origin}/ok`, headers: {} },
    response: { status, headers: { "content-type": "application/json" }, body: '{"ok":true}', durationMs: 1 },
    curl: `curl -sS '${origin}/ok'`,
  });
  const comparison: Comparison = {
    reference: "reference-python",
    referenceUrl: "http://127.0.0.1:9002",
    referencePrefix: "cf-00000002",
    seed: 4242,
    differences: [
      {
        kind: "shape",
        standing: "silent",
        source: "scenario:system.endpoints",
        step: "health check",
        operationId: "getOk",
        occurrence: 0,
        target: "/uptime: number",
        reference: "/uptime: absent",
        detail: ["/uptime: number / absent"],
        exchanges: {
          target: exchangeOf("http://127.0.0.1:9001", 200),
          reference: exchangeOf("http://127.0.0.1:9002", 200),
        },
      },
      {
        kind: "verdict",
        standing: "target-departs",
        source: "scenario:system.endpoints",
        step: "a healthy server answers /ok",
        operationId: "getOk",
        occurrence: 0,
        ruleId: "health_answers_ok_true",
        target: "failed: Received: false",
        reference: "passed",
        detail: [],
        exchanges: {},
      },
    ],
    unpaired: [],
    failOnDifference: true,
  };

  it("has no comparison unless the run was compared", () => {
    expect("comparison" in buildJsonReport(run, results, 1, extras)).toBe(false);
  });

  it("carries the reference, the counts and every difference with both exchanges, before the results", () => {
    const doc = buildJsonReport(run, results, 1, { ...extras, comparison } as RunEndExtras);
    const keys = Object.keys(doc);
    expect(keys.indexOf("comparison")).toBe(keys.indexOf("results") - 1);
    expect(doc.comparison).toMatchObject({
      reference: "reference-python",
      url: "http://127.0.0.1:9002",
      prefix: "cf-00000002",
      seed: 4242,
      counts: { total: 2, targetDeparts: 1, referenceDeparts: 0, silent: 1 },
      failOnDifference: true,
      fails: true,
      unpaired: [],
    });
    expect(doc.comparison!.differences[0]).toEqual({
      kind: "shape",
      standing: "silent",
      source: "scenario:system.endpoints",
      step: "health check",
      operationId: "getOk",
      occurrence: 0,
      target: "/uptime: number",
      reference: "/uptime: absent",
      detail: ["/uptime: number / absent"],
      exchanges: JSON.parse(JSON.stringify(comparison.differences[0]!.exchanges)),
    });
    expect(doc.comparison!.differences[1]).toMatchObject({ ruleId: "health_answers_ok_true", exchanges: {} });
    // The comparison leaves the report's own verdict alone.
    expect(doc.verdict).toBe(buildJsonReport(run, results, 1, extras).verdict);
  });
});

describe("json report: the spec difference (--spec other than the published document)", () => {
  const specDiff: SpecDiff = {
    published: { source: "/pkg/spec/agent-server.yaml", title: "Agent Server", version: "0.1" },
    served: { source: "http://127.0.0.1:9/openapi.json", title: "LangSmith Deployment", version: "0.1.0" },
    defects: ["#/components/schemas/Interrupt is referred to but not defined (treated as any value)"],
    shared: ["GET /ok", "POST /runs"],
    differences: [
      { kind: "operation", operation: "POST /threads/prune", only: "published" },
      { kind: "status", operation: "POST /runs", name: "404", only: "published" },
      { kind: "parameter-required", operation: "GET /ok", name: "query verbose", only: "served" },
    ],
  };

  it("has no specDiff unless the run's document was another", () => {
    expect("specDiff" in buildJsonReport(run, results, 1, extras)).toBe(false);
  });

  it("carries both documents, the counts, the defects, the shared operations and each difference with its line", () => {
    const doc = buildJsonReport(run, results, 1, { ...extras, specDiff } as RunEndExtras);
    const keys = Object.keys(doc);
    expect(keys.indexOf("specDiff")).toBe(keys.indexOf("results") - 1);
    expect(doc.specDiff).toEqual({
      published: specDiff.published,
      served: specDiff.served,
      counts: { onlyPublished: 1, onlyServed: 0, shared: 2, differences: 2, defects: 1 },
      defects: specDiff.defects,
      shared: ["GET /ok", "POST /runs"],
      differences: [
        {
          kind: "operation",
          operation: "POST /threads/prune",
          only: "published",
          text: "POST /threads/prune only in the published document",
        },
        {
          kind: "status",
          operation: "POST /runs",
          name: "404",
          only: "published",
          text: "POST /runs: status 404 only in the published document",
        },
        {
          kind: "parameter-required",
          operation: "GET /ok",
          name: "query verbose",
          only: "served",
          text: 'GET /ok: query parameter "verbose" required only in the served document',
        },
      ],
    });
    // The difference leaves the verdict and the exit code alone.
    const plain = buildJsonReport(run, results, 1, extras);
    expect([doc.verdict, doc.exitCode]).toEqual([plain.verdict, plain.exitCode]);
  });
});
