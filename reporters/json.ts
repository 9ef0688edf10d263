// The machine-readable report: one JSON document (schemaVersion 1) written at run end; shape in README.md.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Severity } from "../src/model.ts";
import { jsonSafe, toolInfo, type ToolInfo } from "./format.ts";
import {
  runVerdict,
  summarize,
  type CheckStatus,
  type FindingSummary,
  type FirstSeen,
  type OperationVerdict,
  type SdkMethodSummary,
  type StatusCounts,
  type Totals,
} from "./summarize.ts";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";

export const DEFAULT_JSON_FILE = "conformance-report.json";

interface JsonFirstSeen {
  resultIndex: number;
  source: string;
  step: string;
  seed?: number;
  curl?: string;
  sdkMethod?: string;
}

export interface JsonFinding extends JsonFirstSeen {
  key: string;
  severity: Severity;
  message: string;
  expected?: unknown;
  actual?: unknown;
  instancePointer?: string;
  schemaPointer?: string;
  count: number;
  synthesized?: true;
}

export interface JsonCheck extends StatusCounts {
  checkId: string;
  title?: string;
  severity?: Severity;
  level?: "core" | "standard" | "optional";
  status: CheckStatus;
  durationMs: number;
  findings: JsonFinding[];
  errors: JsonError[];
  reasons: JsonReason[];
}

type JsonError = JsonFirstSeen & { message: string; count: number };
type JsonReason = JsonFirstSeen & { status: "skipped" | "not_implemented"; reason: string; count: number };

export interface JsonOperation {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  summary?: string;
  verdict: OperationVerdict;
  counts: StatusCounts;
  checks: JsonCheck[];
}

export interface JsonSdkMethod {
  method: string;
  client: string;
  verdict: OperationVerdict;
  counts: StatusCounts;
  durationMs: number;
  operations: string[];
  findings: JsonFinding[];
  errors: JsonError[];
  reasons: JsonReason[];
}

export interface JsonCapability {
  name: string;
  supported: boolean;
  detail?: string;
}

export interface JsonReport {
  schemaVersion: 1;
  tool: ToolInfo;
  run: {
    target: string;
    embedded: boolean;
    spec: { source: string; title: string; version: string };
    /** A hash of the catalogue's ids and levels. */
    catalogueVersion: string;
    prefix: string;
    seed: number;
    startedAt: string;
    durationMs: number;
    /** "interrupted" when a signal stopped the run: the report holds what was done until then. */
    endReason: "finished" | "interrupted";
  };
  totals: Totals;
  verdict: "passed" | "failed";
  failOn: Severity;
  operations: JsonOperation[];
  sdkMethods: JsonSdkMethod[];
  capabilities: JsonCapability[];
  leftovers: string[];
  /** Every phase and how it ended: `ran`, or `skipped`/`errored`/`interrupted` with the reason. */
  phases: { id: string; title: string; status: string; reason?: string }[];
  results: unknown[];
}

function seen(f: FirstSeen): JsonFirstSeen {
  const out: JsonFirstSeen = { resultIndex: f.resultIndex, source: f.source, step: f.step };
  if (f.seed !== undefined) out.seed = f.seed;
  if (f.curl !== undefined) out.curl = f.curl;
  if (f.sdkMethod !== undefined) out.sdkMethod = f.sdkMethod;
  return out;
}

function findingJson(f: FindingSummary): JsonFinding {
  const x = f.finding;
  return {
    key: x.key,
    severity: x.severity,
    message: x.message,
    ...(x.expected !== undefined ? { expected: jsonSafe(x.expected) ?? null } : {}),
    ...(x.actual !== undefined ? { actual: jsonSafe(x.actual) ?? null } : {}),
    ...(x.instancePointer !== undefined ? { instancePointer: x.instancePointer } : {}),
    ...(x.schemaPointer !== undefined ? { schemaPointer: x.schemaPointer } : {}),
    count: f.count,
    ...(f.synthesized ? { synthesized: true as const } : {}),
    ...seen(f),
  };
}

function errorJson(e: { message: string; count: number } & FirstSeen): JsonError {
  return { message: e.message, count: e.count, ...seen(e) };
}

function reasonJson(
  r: { status: "skipped" | "not_implemented"; reason: string; count: number } & FirstSeen,
): JsonReason {
  return { status: r.status, reason: r.reason, count: r.count, ...seen(r) };
}

function sdkMethodJson(m: SdkMethodSummary): JsonSdkMethod {
  return {
    method: m.method,
    client: m.client,
    verdict: m.verdict,
    counts: { ...m.counts },
    durationMs: m.durationMs,
    operations: [...m.operations],
    findings: m.findings.map(findingJson),
    errors: m.errors.map(errorJson),
    reasons: m.reasons.map(reasonJson),
  };
}

/** Builds the report document; pure apart from reading the tool's name and version. */
export function buildJsonReport(
  run: RunView,
  results: readonly ResultView[],
  durationMs: number,
  extras: RunEndExtras,
  failOn: Severity = "minor",
): JsonReport {
  const summary = summarize(run, results);
  const operations = summary.operations.map((s): JsonOperation => {
    const op: JsonOperation = {
      operationId: s.operation.operationId,
      method: s.operation.method,
      path: s.operation.path,
      tag: s.operation.tag,
      verdict: s.verdict,
      counts: { ...s.counts },
      checks: [],
    };
    if (s.operation.summary !== undefined) op.summary = s.operation.summary;
    op.checks = s.checks.map((c): JsonCheck => ({
      checkId: c.checkId,
      ...(c.title !== undefined ? { title: c.title } : {}),
      ...(c.severity !== undefined ? { severity: c.severity } : {}),
      ...(c.level !== undefined ? { level: c.level } : {}),
      status: c.status,
      ...c.results,
      durationMs: c.durationMs,
      findings: c.findings.map((f) => findingJson(f)),
      errors: c.errors.map(errorJson),
      reasons: c.reasons.map(reasonJson),
    }));
    return op;
  });
  return {
    schemaVersion: 1,
    tool: { ...toolInfo() },
    run: {
      target: run.target,
      embedded: run.embedded,
      spec: { source: run.spec.source, title: run.spec.title, version: run.spec.version },
      catalogueVersion: run.catalogueVersion,
      prefix: run.prefix,
      seed: run.seed,
      startedAt: run.startedAt,
      durationMs,
      endReason: extras.reason,
    },
    totals: summary.totals,
    verdict: runVerdict(summary, failOn),
    failOn,
    operations,
    sdkMethods: summary.sdkMethods.map(sdkMethodJson),
    capabilities: extras.capabilities.map((c) => ({
      name: c.name,
      supported: c.supported,
      ...(c.detail !== undefined ? { detail: c.detail } : {}),
    })),
    leftovers: [...extras.leftovers],
    phases: extras.phases.map((ph) => ({ id: ph.id, title: ph.title, ...ph.outcome })),
    results: results.map((r) => jsonSafe(r)),
  };
}

/** Writes text to file, creating parent directories. */
export async function writeReportFile(file: string, text: string): Promise<string> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, "utf8");
  return path;
}

export function jsonReporter(options: ReporterOptions = {}): Reporter {
  const file = options.outputFile ?? DEFAULT_JSON_FILE;
  return {
    name: "json",
    async onRunEnd(run, results, durationMs, extras) {
      const report = buildJsonReport(run, results, durationMs, extras, options.failOn ?? "minor");
      const path = await writeReportFile(file, JSON.stringify(report, null, 2) + "\n");
      options.stream?.write(`JSON report written to ${path}\n`);
    },
  };
}
