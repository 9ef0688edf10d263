// The machine-readable report: one JSON document (schemaVersion 1) written at run end; shape in README.md.
import type { Severity } from "../src/model.ts";
import { comparisonFails, countDifferences, type Comparison, type ComparisonExtras } from "../src/compare/model.ts";
import { countSpecDiff, describeSpecDifference, type SpecDiff, type SpecDiffExtras } from "../src/spec/diff.ts";
import { fileReporter } from "./file-report.ts";
import { jsonSafe, toolInfo, type ToolInfo } from "./format.ts";
import type { BaselineEntry } from "../src/baseline.ts";
import type { LevelReport } from "./levels.ts";
import {
  type CheckStatus,
  type FindingSummary,
  type FirstSeen,
  type OperationVerdict,
  type SdkMethodSummary,
  type StatusCounts,
  type Totals,
} from "./summarize.ts";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";
import { judge, type Departure, type Gate } from "./verdict.ts";

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
  /** The departure it belongs to: the same rule and kind of difference, whatever the operation. */
  cause: string;
  /** Against the baseline, when one was given. */
  baseline?: "new" | "known";
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
  /** The verdict of each SDK client that judged the method ("js 2.0.0", "python 0.2.4"), in name order. */
  clients: { client: string; verdict: OperationVerdict; counts: StatusCounts }[];
}

export interface JsonCapability {
  name: string;
  supported: boolean;
  detail?: string;
  id?: string;
  declared?: boolean;
}

export interface JsonDeparture {
  cause: string;
  checkId: string;
  title?: string;
  severity: Severity;
  level?: string;
  status: "new" | "known";
  message: string;
  occurrences: number;
  /** Every operation where it was seen, with the findings seen there. */
  operations: { operationId: string; findings: JsonFinding[] }[];
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
    /** The slice of the plan this run is (`--shard index/count`); `conformance merge` joins the shards' reports. */
    shard?: { index: number; count: number };
    /** What `--only`/`--skip` selected, when anything. */
    selection?: { only: string[]; skip: string[] };
  };
  verdict: "passed" | "failed";
  /** Why the verdict is what it is, in one sentence. */
  because: string;
  exitCode: 0 | 1;
  failOn: Severity;
  /** The level the exit code follows (--level), when one was asked for. */
  requiredLevel?: string;
  level: LevelReport;
  departures: JsonDeparture[];
  baseline?: { source: string; newFindings: number; fixed: BaselineEntry[]; unchecked: BaselineEntry[] };
  totals: Totals;
  operations: JsonOperation[];
  sdkMethods: JsonSdkMethod[];
  capabilities: JsonCapability[];
  leftovers: string[];
  /** Every phase and how it ended: `ran`, or `skipped`/`errored`/`interrupted` with the reason. */
  phases: { id: string; title: string; status: string; reason?: string; durationMs?: number }[];
  /** Where the target and a reference behaved differently (`--compare`); only when comparing. */
  comparison?: JsonComparison;
  /** Where the run's document (`--spec`) differs from the published one; only when it is not the published one. */
  specDiff?: JsonSpecDiff;
  results: unknown[];
}

export interface JsonSpecDiff {
  published: { source: string; title: string; version: string };
  served: { source: string; title: string; version: string };
  counts: ReturnType<typeof countSpecDiff>;
  defects: string[];
  shared: string[];
  differences: { kind: string; operation: string; name?: string; only: "published" | "served"; text: string }[];
}

function specDiffJson(d: SpecDiff): JsonSpecDiff {
  return {
    published: { ...d.published },
    served: { ...d.served },
    counts: countSpecDiff(d),
    defects: [...d.defects],
    shared: [...d.shared],
    differences: d.differences.map((x) => ({ ...x, text: describeSpecDifference(x) })),
  };
}

export interface JsonComparison {
  /** "reference", "reference-python" or the URL compared with. */
  reference: string;
  url: string;
  prefix: string;
  seed: number;
  counts: { total: number; targetDeparts: number; referenceDeparts: number; silent: number };
  failOnDifference: boolean;
  /** Whether the differences alone fail the run (only with --fail-on-difference, where the document is silent). */
  fails: boolean;
  differences: unknown[];
  /** Steps only one side took, with how many of their exchanges have no counterpart. */
  unpaired: { side: "target" | "reference"; source: string; step: string; operationId: string; count: number }[];
}

function comparisonJson(c: Comparison): JsonComparison {
  return {
    reference: c.reference,
    url: c.referenceUrl,
    prefix: c.referencePrefix,
    seed: c.seed,
    counts: countDifferences(c.differences),
    failOnDifference: c.failOnDifference,
    fails: comparisonFails(c),
    differences: c.differences.map((d) =>
      jsonSafe({
        kind: d.kind,
        standing: d.standing,
        source: d.source,
        step: d.step,
        operationId: d.operationId,
        occurrence: d.occurrence,
        ...(d.ruleId !== undefined ? { ruleId: d.ruleId } : {}),
        target: d.target,
        reference: d.reference,
        detail: d.detail,
        exchanges: d.exchanges,
      }),
    ),
    unpaired: c.unpaired.map((u) => ({ ...u })),
  };
}

function seen(f: FirstSeen): JsonFirstSeen {
  const out: JsonFirstSeen = { resultIndex: f.resultIndex, source: f.source, step: f.step };
  if (f.seed !== undefined) out.seed = f.seed;
  if (f.curl !== undefined) out.curl = f.curl;
  if (f.sdkMethod !== undefined) out.sdkMethod = f.sdkMethod;
  return out;
}

function findingJson(f: FindingSummary, known?: ReadonlySet<string>): JsonFinding {
  const x = f.finding;
  return {
    key: x.key,
    cause: x.cause,
    ...(known ? { baseline: known.has(x.key) ? ("known" as const) : ("new" as const) } : {}),
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

function departureJson(d: Departure, known?: ReadonlySet<string>): JsonDeparture {
  const operations: JsonDeparture["operations"] = d.operations.map((operationId) => ({
    operationId,
    findings: d.findings.filter((f) => f.operation.operationId === operationId).map((f) => findingJson(f, known)),
  }));
  return {
    cause: d.cause,
    checkId: d.checkId,
    ...(d.title !== undefined ? { title: d.title } : {}),
    severity: d.severity,
    ...(d.level !== undefined ? { level: d.level } : {}),
    status: d.status,
    message: d.message,
    occurrences: d.occurrences,
    operations,
  };
}

function sdkMethodJson(m: SdkMethodSummary, known?: ReadonlySet<string>): JsonSdkMethod {
  return {
    method: m.method,
    client: m.client,
    verdict: m.verdict,
    counts: { ...m.counts },
    durationMs: m.durationMs,
    operations: [...m.operations],
    findings: m.findings.map((f) => findingJson(f, known)),
    errors: m.errors.map(errorJson),
    reasons: m.reasons.map(reasonJson),
    clients: m.clients.map((c) => ({ client: c.client, verdict: c.verdict, counts: { ...c.counts } })),
  };
}

/** Builds the report document; pure apart from reading the tool's name and version. */
export function buildJsonReport(
  run: RunView,
  results: readonly ResultView[],
  durationMs: number,
  extras: RunEndExtras & ComparisonExtras & SpecDiffExtras,
  gate: Gate = { failOn: "minor" },
): JsonReport {
  const judged = judge(run, results, extras, gate);
  const { summary } = judged;
  const known = gate.baseline ? new Set(gate.baseline.entries.map((e) => e.key)) : undefined;
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
      findings: c.findings.map((f) => findingJson(f, known)),
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
      ...(run.shard ? { shard: { index: run.shard.index, count: run.shard.count } } : {}),
      ...(run.selection && (run.selection.only.length > 0 || run.selection.skip.length > 0)
        ? { selection: { only: [...run.selection.only], skip: [...run.selection.skip] } }
        : {}),
    },
    verdict: judged.verdict,
    because: judged.because,
    exitCode: judged.exitCode,
    failOn: gate.failOn,
    ...(gate.level !== undefined ? { requiredLevel: gate.level } : {}),
    level: judged.levels,
    departures: judged.departures.map((d) => departureJson(d, known)),
    ...(judged.baseline
      ? {
          baseline: {
            source: judged.baseline.source,
            newFindings: judged.newFindings,
            fixed: judged.baseline.fixed,
            unchecked: judged.baseline.unchecked,
          },
        }
      : {}),
    totals: summary.totals,
    operations,
    sdkMethods: summary.sdkMethods.map((m) => sdkMethodJson(m, known)),
    capabilities: extras.capabilities.map((c) => ({
      name: c.name,
      supported: c.supported,
      ...(c.detail !== undefined ? { detail: c.detail } : {}),
      ...(c.id !== undefined ? { id: c.id } : {}),
      ...(c.declared !== undefined ? { declared: c.declared } : {}),
    })),
    leftovers: [...extras.leftovers],
    phases: extras.phases.map((ph) => ({
      id: ph.id,
      title: ph.title,
      ...ph.outcome,
      ...(ph.durationMs !== undefined ? { durationMs: ph.durationMs } : {}),
    })),
    ...(extras.comparison ? { comparison: comparisonJson(extras.comparison) } : {}),
    ...(extras.specDiff ? { specDiff: specDiffJson(extras.specDiff) } : {}),
    results: results.map((r) => jsonSafe(r)),
  };
}

export const jsonReporter = (options: ReporterOptions = {}): Reporter =>
  fileReporter(
    "json",
    "JSON",
    DEFAULT_JSON_FILE,
    (...args) => JSON.stringify(buildJsonReport(...args), null, 2) + "\n",
    options,
  );
