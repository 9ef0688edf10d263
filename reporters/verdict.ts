// The run's verdict: departures grouped by cause, new or known against a baseline, the level reached, the exit code.
import type { Baseline, BaselineEntry } from "../src/baseline.ts";
import type { Severity } from "../src/model.ts";
import { atLeast, levelsOf, type LevelReached, type LevelReport } from "./levels.ts";
import { severityFails, summarize, type FindingSummary, type OperationSummary, type RunSummary } from "./summarize.ts";
import type { ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";

/** What fails the run: findings at or above `failOn` that the baseline does not accept, or, with `level`, not reaching it. */
export interface Gate {
  failOn: Severity;
  baseline?: Baseline;
  level?: LevelReached;
}

/** One finding of a departure: where it was seen, and whether the baseline accepts it. */
export interface DepartureFinding extends FindingSummary {
  operation: OperationSummary["operation"];
  known: boolean;
}

/** Findings that share a cause (same rule, same kind of difference), whatever the operation. */
export interface Departure {
  cause: string;
  checkId: string;
  title?: string;
  severity: Severity;
  level?: string;
  /** The first finding's message: what differs. */
  message: string;
  /** Every finding, in report order; operations in order of first appearance. */
  findings: DepartureFinding[];
  operations: string[];
  occurrences: number;
  /** "new" when any of its findings is not in the baseline; "known" when all are (always "new" without a baseline). */
  status: "new" | "known";
}

export interface BaselineReport {
  source: string;
  /** Accepted keys no finding has any more, whose rule was judged on that operation in this run: they can go. */
  fixed: BaselineEntry[];
  /** Accepted keys about a rule or operation this run did not judge: nothing is known of them. */
  unchecked: BaselineEntry[];
}

export interface Judged {
  summary: RunSummary;
  departures: Departure[];
  levels: LevelReport;
  baseline?: BaselineReport;
  /** Unique findings not in the baseline (all of them without one), and how many of those fail the run. */
  newFindings: number;
  failingFindings: number;
  verdict: "passed" | "failed";
  exitCode: 0 | 1;
  /** Why, in one sentence. */
  because: string;
}

/** The gate a reporter's options describe. */
export function gateOf(options: Pick<ReporterOptions, "failOn" | "baseline" | "level">): Gate {
  return {
    failOn: options.failOn ?? "minor",
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.level ? { level: options.level } : {}),
  };
}

export function judge(
  run: RunView,
  results: readonly ResultView[],
  extras: Pick<RunEndExtras, "capabilities" | "reason">,
  gate: Gate,
): Judged {
  const summary = summarize(run, results);
  const accepted = new Set(gate.baseline?.entries.map((e) => e.key) ?? []);
  const departures = groupDepartures(summary, accepted);
  const levels = levelsOf(run, results, extras);
  const findings = departures.flatMap((d) => d.findings);
  const fresh = findings.filter((f) => !f.known);
  const failing = fresh.filter((f) => severityFails(f.finding.severity, gate.failOn));
  const errored = summary.totals.errors.unique;
  let exitCode: 0 | 1;
  let because: string;
  if (gate.level !== undefined) {
    exitCode = atLeast(levels.reached, gate.level) ? 0 : 1;
    because = `level ${gate.level} ${exitCode === 0 ? "reached" : "not reached"} (reached: ${levels.reached})`;
  } else if (errored > 0) {
    exitCode = 1;
    because = `${errored} suite error${errored === 1 ? "" : "s"}`;
  } else {
    exitCode = failing.length > 0 ? 1 : 0;
    const threshold = gate.failOn === "minor" ? "" : ` at or above ${gate.failOn}`;
    const scope = gate.baseline ? ` not in the baseline` : "";
    because = `${failing.length} finding${failing.length === 1 ? "" : "s"}${threshold}${scope}`;
  }
  const judged: Judged = {
    summary,
    departures,
    levels,
    newFindings: fresh.length,
    failingFindings: failing.length,
    verdict: exitCode === 0 ? "passed" : "failed",
    exitCode,
    because,
  };
  if (gate.baseline)
    judged.baseline = compareBaseline(gate.baseline, summary, new Set(findings.map((f) => f.finding.key)));
  return judged;
}

function groupDepartures(summary: RunSummary, accepted: ReadonlySet<string>): Departure[] {
  const byCause = new Map<string, Departure>();
  for (const op of summary.operations) {
    for (const check of op.checks) {
      for (const f of check.findings) {
        const known = accepted.has(f.finding.key);
        const cause = f.finding.cause;
        let d = byCause.get(cause);
        if (!d) {
          d = {
            cause,
            checkId: check.checkId,
            severity: f.finding.severity,
            message: f.finding.message,
            findings: [],
            operations: [],
            occurrences: 0,
            status: "known",
            ...(check.title ? { title: check.title } : {}),
            ...(check.level ? { level: check.level } : {}),
          };
          byCause.set(cause, d);
        }
        d.findings.push({ ...f, operation: op.operation, known });
        if (!d.operations.includes(op.operation.operationId)) d.operations.push(op.operation.operationId);
        d.occurrences += f.count;
        if (!known) d.status = "new";
      }
    }
  }
  // New before known, then the most severe, then the most widespread.
  const rank = { critical: 0, major: 1, minor: 2 } as const;
  return [...byCause.values()].sort(
    (a, b) =>
      Number(a.status === "known") - Number(b.status === "known") ||
      rank[a.severity] - rank[b.severity] ||
      b.operations.length - a.operations.length,
  );
}

/** Keys are `<rule id>:<operation id>[:…]`: an accepted key no finding has is fixed where its rule was judged there. */
function compareBaseline(baseline: Baseline, summary: RunSummary, seen: ReadonlySet<string>): BaselineReport {
  const judged = new Set<string>();
  for (const op of summary.operations)
    for (const check of op.checks)
      if (check.status !== "not_covered" && check.status !== "skipped")
        judged.add(`${check.checkId}:${op.operation.operationId}`);
  const fixed: BaselineEntry[] = [];
  const unchecked: BaselineEntry[] = [];
  for (const entry of baseline.entries) {
    if (seen.has(entry.key)) continue;
    const [rule, operation] = entry.key.split(":");
    (judged.has(`${rule}:${operation}`) ? fixed : unchecked).push(entry);
  }
  return { source: baseline.source, fixed, unchecked };
}
