// Pure aggregation of a run's results into per-operation, per-check and per-SDK-method summaries, totals and the exit code.
import type { Finding, OperationView, RuleView, Severity, VerdictStatus } from "../src/model.ts";

type Level = RuleView["level"];
import type { ReadonlyDeep, ResultView, RunView } from "./types.ts";

export type CheckStatus = VerdictStatus | "not_covered";
export type OperationVerdict = "passed" | "failed" | "skipped" | "not_implemented" | "not_covered";
export type StatusCounts = Record<VerdictStatus, number>;

/** Tag given to results whose operationId is not among run.operations. */
export const UNKNOWN_TAG = "(unknown operation)";

/** Where a finding, error or reason was first seen. */
export interface FirstSeen {
  /** Index into the results array passed to summarize(). */
  resultIndex: number;
  source: string;
  step: string;
  curl?: string;
  seed?: number;
  /** The SDK method of that result, when it had one. */
  sdkMethod?: string;
}

export interface FindingSummary extends FirstSeen {
  finding: ReadonlyDeep<Finding>;
  /** How many times a finding with this key was reported for this operation and check. */
  count: number;
  /** True when the engine reported "failed" without findings and this one was made up to show it. */
  synthesized?: boolean;
}

export interface ErrorSummary extends FirstSeen {
  message: string;
  count: number;
}

export interface ReasonSummary extends FirstSeen {
  status: "skipped" | "not_implemented";
  reason: string;
  count: number;
}

export interface CheckSummary {
  checkId: string;
  title?: string;
  severity?: Severity;
  level?: Level;
  status: CheckStatus;
  /** Results of this check on this operation, by verdict status. */
  results: StatusCounts;
  findings: FindingSummary[];
  errors: ErrorSummary[];
  reasons: ReasonSummary[];
  /** Sum of the recorded response times of this check's exchanges. */
  durationMs: number;
}

export interface OperationSummary {
  operation: OperationView;
  verdict: OperationVerdict;
  /** Checks of this operation, by aggregated status. */
  counts: StatusCounts;
  /** In catalogue order, then unknown check ids in order of appearance. Empty when not covered. */
  checks: CheckSummary[];
}

/** All results that carried one SDK method, whatever their operation. */
export interface SdkMethodSummary {
  /** As named in the Python SDK, e.g. "threads.update_state". */
  method: string;
  /** The part before the first ".", e.g. "threads". */
  client: string;
  /** Same rules as an operation's verdict, over the raw results carrying this method. */
  verdict: OperationVerdict;
  /** Results carrying this method, by verdict status. */
  counts: StatusCounts;
  /** Operation ids those results were about, in order of first appearance. */
  operations: string[];
  /** Deduplicated by Finding.key across the method's results. */
  findings: FindingSummary[];
  errors: ErrorSummary[];
  reasons: ReasonSummary[];
  /** Sum of the recorded response times of those results. */
  durationMs: number;
  /** The verdict per SDK client that judged the method (results naming one), clients in name order. */
  clients: SdkClientVerdict[];
}

/** What one client ("js 2.0.0", "python 0.2.4") earned on one SDK method. */
export interface SdkClientVerdict {
  client: string;
  verdict: OperationVerdict;
  counts: StatusCounts;
}

export interface TagSummary {
  tag: string;
  operations: OperationSummary[];
}

export interface Totals {
  operations: number;
  operationVerdicts: Record<OperationVerdict, number>;
  /** (operation, check) pairs by aggregated status. */
  checks: StatusCounts & { total: number };
  /** Raw results by verdict status. */
  results: StatusCounts & { total: number };
  findings: { unique: number; occurrences: number } & Record<Severity, number>;
  errors: { unique: number; occurrences: number };
}

export interface RunSummary {
  /** All operations, spec order (unknown operations last). */
  operations: OperationSummary[];
  /** The same operations grouped by tag, tags in order of first appearance. */
  tags: TagSummary[];
  /** run.sdkMethods in catalogue order, then methods seen only in results, in order of appearance. */
  sdkMethods: SdkMethodSummary[];
  totals: Totals;
}

export const STATUS_PRECEDENCE: readonly VerdictStatus[] = [
  "failed",
  "errored",
  "not_implemented",
  "passed",
  "skipped",
];

const SEVERITY_RANK: Record<Severity, number> = { minor: 1, major: 2, critical: 3 };

export function emptyCounts(): StatusCounts {
  return { passed: 0, failed: 0, skipped: 0, not_implemented: 0, errored: 0 };
}

/** The status that wins among several results, by STATUS_PRECEDENCE. */
export function aggregateStatus(statuses: Iterable<VerdictStatus>): CheckStatus {
  let best: VerdictStatus | undefined;
  for (const s of statuses) {
    if (best === undefined || STATUS_PRECEDENCE.indexOf(s) < STATUS_PRECEDENCE.indexOf(best)) best = s;
  }
  return best ?? "not_covered";
}

/** Verdict of one operation from the counts of its checks' aggregated statuses. */
export function operationVerdict(counts: StatusCounts): OperationVerdict {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return "not_covered";
  if (counts.failed > 0 || counts.errored > 0) return "failed";
  // Skips beside a missing route are about steps that needed it: the route is what the target lacks.
  if (counts.not_implemented > 0 && counts.passed === 0) return "not_implemented";
  if (counts.passed > 0) return "passed";
  return "skipped";
}

function firstSeen(result: ResultView, resultIndex: number): FirstSeen {
  const seen: FirstSeen = { resultIndex, source: result.source, step: result.step };
  if (result.exchange?.curl !== undefined) seen.curl = result.exchange.curl;
  if (result.seed !== undefined) seen.seed = result.seed;
  if (result.sdkMethod !== undefined) seen.sdkMethod = result.sdkMethod;
  return seen;
}

/** A running aggregation of some results: counts, response time, deduplicated findings / errors / reasons. */
interface Tally {
  results: StatusCounts;
  durationMs: number;
  findings: Map<string, FindingSummary>;
  errors: Map<string, ErrorSummary>;
  reasons: Map<string, ReasonSummary>;
}

function newTally(): Tally {
  return { results: emptyCounts(), durationMs: 0, findings: new Map(), errors: new Map(), reasons: new Map() };
}

function tallyStatus(t: Tally): CheckStatus {
  return aggregateStatus(STATUS_PRECEDENCE.filter((s) => t.results[s] > 0));
}

function addResult(tally: Tally, result: ResultView, index: number, fallbackSeverity: Severity): void {
  const v = result.verdict;
  tally.results[v.status] += 1;
  tally.durationMs += result.exchange?.response?.durationMs ?? 0;
  if (v.status === "failed") {
    const findings = v.findings.length > 0 ? v.findings : [synthesize(result, fallbackSeverity)];
    for (const f of findings) {
      const known = tally.findings.get(f.key);
      if (known) known.count += 1;
      else {
        const entry: FindingSummary = { ...firstSeen(result, index), finding: f, count: 1 };
        if (v.findings.length === 0) entry.synthesized = true;
        tally.findings.set(f.key, entry);
      }
    }
  } else if (v.status === "errored") {
    const known = tally.errors.get(v.message);
    if (known) known.count += 1;
    else tally.errors.set(v.message, { ...firstSeen(result, index), message: v.message, count: 1 });
  } else if (v.status === "skipped" || v.status === "not_implemented") {
    const key = `${v.status}\u0000${v.reason}`;
    const known = tally.reasons.get(key);
    if (known) known.count += 1;
    else tally.reasons.set(key, { ...firstSeen(result, index), status: v.status, reason: v.reason, count: 1 });
  }
}

function synthesize(result: ResultView, severity: Severity): ReadonlyDeep<Finding> {
  return {
    checkId: result.checkId,
    severity,
    operationId: result.operationId,
    message: "Received: a failed verdict without findings / Documented: failed checks report at least one finding",
    key: `${result.checkId}:${result.operationId}:failed-without-findings`,
    cause: `${result.checkId}:failed-without-findings`,
  };
}

/** Turns a run and its results into the summary every reporter prints. Pure: inputs are not changed. */
export function summarize(run: RunView, results: readonly ResultView[]): RunSummary {
  const catalogue = new Map(run.rules.map((c, i) => [c.id, { ...c, order: i }]));
  const ops: OperationView[] = run.operations.map((o) => ({ ...o }));
  const known = new Set(ops.map((o) => o.operationId));
  const byOp = new Map<string, Map<string, Tally>>();
  type MethodTally = { tally: Tally; operations: Set<string>; clients: Map<string, StatusCounts> };
  const newMethod = (): MethodTally => ({ tally: newTally(), operations: new Set(), clients: new Map() });
  // `?? []`: a run from an engine that predates the SDK catalogue lists no methods.
  const sdk = new Map<string, MethodTally>((run.sdkMethods ?? []).map((m) => [m, newMethod()]));

  results.forEach((result, index) => {
    if (!known.has(result.operationId)) {
      known.add(result.operationId);
      ops.push({ operationId: result.operationId, method: "?", path: "?", tag: UNKNOWN_TAG });
    }
    let checks = byOp.get(result.operationId);
    if (!checks) byOp.set(result.operationId, (checks = new Map()));
    let tally = checks.get(result.checkId);
    if (!tally) checks.set(result.checkId, (tally = newTally()));
    const severity = catalogue.get(result.checkId)?.severity ?? "major";
    addResult(tally, result, index, severity);
    if (result.sdkMethod !== undefined) {
      let method = sdk.get(result.sdkMethod);
      if (!method) sdk.set(result.sdkMethod, (method = newMethod()));
      method.operations.add(result.operationId);
      addResult(method.tally, result, index, severity);
      if (result.sdkClient !== undefined) {
        let counts = method.clients.get(result.sdkClient);
        if (!counts) method.clients.set(result.sdkClient, (counts = emptyCounts()));
        counts[result.verdict.status] += 1;
      }
    }
  });

  const order = (id: string) => catalogue.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const operations = ops.map((operation): OperationSummary => {
    // Array.prototype.sort is stable: unknown check ids keep their order of appearance.
    const entries = [...(byOp.get(operation.operationId)?.entries() ?? [])].sort(([a], [b]) => order(a) - order(b));
    const counts = emptyCounts();
    const checks = entries.map(([checkId, t]): CheckSummary => {
      const check: CheckSummary = {
        checkId,
        status: tallyStatus(t),
        results: t.results,
        ...lists(t),
        durationMs: t.durationMs,
      };
      const meta = catalogue.get(checkId);
      if (meta) Object.assign(check, { title: meta.title, severity: meta.severity, level: meta.level });
      if (check.status !== "not_covered") counts[check.status] += 1;
      return check;
    });
    return { operation, verdict: operationVerdict(counts), counts, checks };
  });

  const tags: TagSummary[] = [];
  for (const op of operations) {
    let group = tags.find((t) => t.tag === op.operation.tag);
    if (!group) tags.push((group = { tag: op.operation.tag, operations: [] }));
    group.operations.push(op);
  }
  const sdkMethods = [...sdk].map(([method, { tally, operations, clients }]): SdkMethodSummary => ({
    method,
    client: method.split(".")[0]!,
    verdict: operationVerdict(tally.results),
    counts: tally.results,
    operations: [...operations],
    ...lists(tally),
    durationMs: tally.durationMs,
    clients: [...clients]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([client, counts]) => ({ client, verdict: operationVerdict(counts), counts })),
  }));
  return { operations, tags, sdkMethods, totals: computeTotals(operations) };
}

function lists(t: Tally): Pick<CheckSummary, "findings" | "errors" | "reasons"> {
  return { findings: [...t.findings.values()], errors: [...t.errors.values()], reasons: [...t.reasons.values()] };
}

function computeTotals(operations: readonly OperationSummary[]): Totals {
  const totals: Totals = {
    operations: operations.length,
    operationVerdicts: { passed: 0, failed: 0, skipped: 0, not_implemented: 0, not_covered: 0 },
    checks: { ...emptyCounts(), total: 0 },
    results: { ...emptyCounts(), total: 0 },
    findings: { unique: 0, occurrences: 0, critical: 0, major: 0, minor: 0 },
    errors: { unique: 0, occurrences: 0 },
  };
  for (const op of operations) {
    totals.operationVerdicts[op.verdict] += 1;
    for (const check of op.checks) {
      if (check.status !== "not_covered") totals.checks[check.status] += 1;
      totals.checks.total += 1;
      for (const s of STATUS_PRECEDENCE) totals.results[s] += check.results[s];
      for (const f of check.findings) {
        totals.findings.unique += 1;
        totals.findings.occurrences += f.count;
        totals.findings[f.finding.severity] += 1;
      }
      for (const e of check.errors) {
        totals.errors.unique += 1;
        totals.errors.occurrences += e.count;
      }
    }
  }
  totals.results.total = STATUS_PRECEDENCE.reduce((sum, s) => sum + totals.results[s], 0);
  return totals;
}

/** True when a finding of this severity fails a run whose threshold is failOn. */
export function severityFails(severity: Severity, failOn: Severity = "minor"): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
