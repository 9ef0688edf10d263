// The suite against the real official server, started by the test: coverage, known departures, cleanup.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startReferenceServer, type ReferenceServer } from "../../fixtures/reference-server.ts";
import { summarize, type RunSummary } from "../../reporters/index.ts";
import { CHECKS } from "../../src/checks/index.ts";
import type { Capability, CheckResult, RunInfo, VerdictStatus } from "../../src/model.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { SDK_METHODS } from "../sdk/methods.ts";

const BIN = fileURLToPath(new URL("../src/bin.js", import.meta.url));
/** The whole suite with its defaults must stay within this (the runs and streams issue's budget). */
const FULL_RUN_BUDGET_MS = 4 * 60_000;

function conformance(args: string[], timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

interface Outcome {
  run: RunInfo;
  results: CheckResult[];
  leftovers: string[];
  capabilities: Capability[];
  durationMs: number;
}

let server: ReferenceServer;
let outcome: Outcome;
let summary: RunSummary;

/** One full run through the command line, against a server the test owns (so it can look at it afterwards). */
beforeAll(async () => {
  server = await startReferenceServer({});
  const dir = mkdtempSync(join(tmpdir(), "conformance-e2e-"));
  const json = join(dir, "report.json");
  const { stderr, ms } = await conformance(["--target", server.url, "--seed", "1", "--report", "json", "--json-file", json], FULL_RUN_BUDGET_MS + 60_000);
  expect(stderr).toBe("");
  const report = JSON.parse(readFileSync(json, "utf8")) as { run: { prefix: string; seed: number }; results: CheckResult[]; leftovers: string[]; capabilities: Capability[] };
  const spec = await loadSpec();
  const run: RunInfo = {
    target: server.url,
    embedded: false,
    spec: { source: spec.source, title: spec.title, version: spec.version },
    prefix: report.run.prefix,
    seed: report.run.seed,
    startedAt: "",
    operations: spec.operations.map(({ operationId, method, path, tag }) => ({ operationId, method, path, tag })),
    checks: CHECKS.map(({ id, title, severity }) => ({ id, title, severity })),
    sdkMethods: SDK_METHODS,
  };
  outcome = { run, results: report.results, leftovers: report.leftovers, capabilities: report.capabilities, durationMs: ms };
  // Coverage and the errata verdicts are about the scripted steps; the property phase is asserted on its own.
  summary = summarize(run, outcome.results.filter((r) => r.source.startsWith("scenario:")));
}, FULL_RUN_BUDGET_MS + 120_000);

afterAll(async () => {
  await server?.stop();
});

const scripted = () => outcome.results.filter((r) => r.source.startsWith("scenario:"));

/** Every verdict a check gave on an operation, across all the scripted steps that called it. */
const statuses = (operationId: string, checkId: string): VerdictStatus[] =>
  scripted().filter((r) => r.operationId === operationId && r.checkId === checkId).map((r) => r.verdict.status);

const findings = (operationId: string, checkId: string) =>
  scripted().flatMap((r) => (r.operationId === operationId && r.checkId === checkId && r.verdict.status === "failed" ? r.verdict.findings : []));

describe("coverage", () => {
  it("reaches all 64 operations, each with a verdict", () => {
    expect(summary.operations).toHaveLength(64);
    const uncovered = summary.operations.filter((o) => o.verdict === "not_covered").map((o) => o.operation.operationId);
    expect(uncovered).toEqual([]);
  });

  it("has no suite errors, in scripted steps or the property phase", () => {
    expect(outcome.results.filter((r) => r.verdict.status === "errored")).toEqual([]);
  });

  it("reports the routes this server does not have as not implemented, apart from failures", () => {
    const notImplemented = summary.operations.filter((o) => o.verdict === "not_implemented").map((o) => o.operation.operationId).sort();
    expect(notImplemented).toEqual(
      [
        "cancelRuns", "countCrons", "deleteCron", "deleteMcp", "getCron", "getDocs", "getMcp", "getMetrics", "getThreadStorage",
        "joinThreadStream", "postA2a", "postMcp", "pruneThreads", "searchCrons", "sendThreadProtocolCommand",
        "streamThreadProtocolEvents", "updateCron",
      ].sort(),
    );
  });
});

describe("property phase", () => {
  const takesInput = (o: { operationId: string }) => !["getOk", "getInfo", "getDocs", "getMcp", "deleteMcp"].includes(o.operationId);

  it("runs on every operation that takes input, in both modes", () => {
    const explored = new Set(outcome.results.filter((r) => r.source.startsWith("property:")).map((r) => r.operationId));
    const expected = outcome.run.operations.filter(takesInput).map((o) => o.operationId);
    expect(expected.filter((id) => !explored.has(id))).toEqual([]);
    expect(outcome.results.some((r) => r.source === "property:valid")).toBe(true);
    expect(outcome.results.some((r) => r.source === "property:invalid")).toBe(true);
  });

  it("finds that invalid requests are refused with 400, not the documented 422, with a shrunk counterexample and seed", () => {
    const found = outcome.results.filter((r) => r.operationId === "createThread" && r.source === "property:invalid" && r.checkId === "negative_data_rejection" && r.verdict.status === "failed");
    const refused400 = found.find((r) => r.verdict.status === "failed" && r.verdict.findings.some((f) => f.actual === 400));
    expect(refused400?.verdict).toMatchObject({ findings: [{ actual: 400, expected: [422] }] });
    expect(refused400?.step).toMatch(/^shrunk counterexample/);
    expect(refused400?.seed).toBeTypeOf("number");
  });
});

describe("known departures of the official server are detected", () => {
  it("runs/wait answers text/plain instead of application/json", () => {
    expect(findings("waitRun", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
    expect(findings("waitStatelessRun", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
  });

  it("not-found answers are text/plain, not the documented JSON error body", () => {
    expect(findings("getThread", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
    expect(findings("getThread", "response_schema_conformance")[0]?.key).toContain("not-json");
  });

  it("validation errors answer 400 instead of 422", () => {
    expect(findings("createThread", "status_code_conformance")[0]).toMatchObject({ actual: 400 });
  });

  it("a missing store item answers 200 with null", () => {
    expect(findings("getStoreItem", "response_schema_conformance")[0]).toMatchObject({ actual: null, instancePointer: "" });
  });

  it("creating a cron is refused", () => {
    expect(statuses("createCron", "positive_data_acceptance")).toContain("failed");
    expect(statuses("createThreadCron", "positive_data_acceptance")).toContain("failed");
  });

  it("/info lacks members the API requires", () => {
    expect(statuses("getInfo", "response_schema_conformance")).toContain("failed");
  });
});

describe("where the spec follows its errata, the official server conforms", () => {
  it.each([
    ["setLatestAssistantVersion", "positive_data_acceptance"],
    ["listAssistantVersions", "response_schema_conformance"],
    ["listStoreNamespaces", "response_schema_conformance"],
    ["getThreadHistory", "response_schema_conformance"],
    ["getThreadState", "response_schema_conformance"],
    ["getAssistantSubgraphs", "response_schema_conformance"],
    ["deleteThread", "status_code_conformance"],
    ["cancelRun", "status_code_conformance"],
    ["createRun", "response_headers_conformance"],
    ["streamRun", "response_schema_conformance"],
  ])("%s: %s", (operationId, checkId) => {
    // The successful answers are what the errata are about; a 404 for a deleted resource is judged elsewhere.
    const got = scripted()
      .filter((r) => r.operationId === operationId && r.checkId === checkId && (r.exchange?.response?.status ?? 0) < 300 && r.verdict.status !== "skipped")
      .map((r) => r.verdict.status);
    expect(got.length).toBeGreaterThan(0);
    expect(new Set(got)).toEqual(new Set(["passed"]));
  });
});

describe("safety", () => {
  it("leaves nothing it created behind", async () => {
    expect(outcome.leftovers).toEqual([]);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return res.json() as Promise<unknown>;
    };
    const marker = { conformance_run: outcome.run.prefix };
    expect(await post("/assistants/search", { metadata: marker })).toEqual([]);
    expect(await post("/threads/search", { metadata: marker })).toEqual([]);
    expect(await post("/store/items/search", { namespace_prefix: [outcome.run.prefix] })).toEqual({ items: [] });
  });
});

describe("time", () => {
  it(`the whole suite with its defaults stays within ${FULL_RUN_BUDGET_MS / 60_000} minutes`, () => {
    expect(outcome.durationMs).toBeLessThan(FULL_RUN_BUDGET_MS);
  });
});

describe("the README's first command", () => {
  it("starts the official server itself, prints the report and writes json and junit files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-e2e-"));
    const json = join(dir, "report.json");
    const junit = join(dir, "report.xml");
    const { code, stdout } = await conformance(["--only", "System", "--runs", "0", "--report", "console,json,junit", "--json-file", json, "--junit-file", junit], 90_000);
    expect(code).toBe(1);
    expect(existsSync(json) && existsSync(junit)).toBe(true);
    const report = JSON.parse(readFileSync(json, "utf8")) as { operations: { operationId: string; verdict: string }[] };
    expect(report.operations).toHaveLength(64);
    expect(report.operations.find((o) => o.operationId === "getOk")?.verdict).toBe("passed");
    expect(stdout).toMatch(/^\s+✓ GET\s+\/ok\s+getOk/m);
    expect(readFileSync(junit, "utf8")).toMatch(/<testcase classname="System\.getOk" name="not_a_server_error"/);
  }, 120_000);
});
