// The reporter contract: read-only views of run events, the hooks a reporter may implement, and its options.
import type { Baseline } from "../src/baseline.ts";
import type { LevelReached } from "./levels.ts";
import type {
  Capability,
  CheckResult,
  PhaseOutcome,
  PhaseReport,
  RunEndReason,
  RunInfo,
  Severity,
} from "../src/model.ts";

/** A deeply read-only view of T: reporters look at engine values and never change them. */
export type ReadonlyDeep<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

export type RunView = ReadonlyDeep<RunInfo>;
export type ResultView = ReadonlyDeep<CheckResult>;

/** What the run-end event carries besides the results: what the target can do and what was left behind. */
export interface RunEndExtras {
  capabilities: readonly ReadonlyDeep<Capability>[];
  /** Resources the suite created but could not delete. */
  leftovers: readonly string[];
  /** Every phase of the run and how it ended: those that did not run say why. */
  phases: readonly PhaseReport[];
  /** "interrupted" when a signal stopped the run early: the report holds what was done until then. */
  reason: RunEndReason;
}

/**
 * A reporter reacts to run events. Every hook is optional and may be async;
 * the caller awaits each hook before delivering the next event.
 */
export interface Reporter {
  /** The CLI name the reporter was created under ("console", "json", "junit"). */
  readonly name: string;
  onRunStart?(run: RunView): void | Promise<void>;
  onPhaseStart?(phase: string, title: string): void | Promise<void>;
  onCheckResult?(result: ResultView): void | Promise<void>;
  onPhaseEnd?(phase: string, outcome: PhaseOutcome): void | Promise<void>;
  onRunEnd?(
    run: RunView,
    results: readonly ResultView[],
    durationMs: number,
    extras: RunEndExtras,
  ): void | Promise<void>;
}

export interface ReporterOptions {
  /** File the report is written to (json, junit). */
  outputFile?: string;
  /** Where human-readable output goes; default process.stdout. */
  stream?: NodeJS.WritableStream;
  /** ANSI colours; default: the stream is a TTY and NO_COLOR is unset or empty. */
  color?: boolean;
  /** Whether the stream is a terminal (progress line); default: stream.isTTY. */
  isTTY?: boolean;
  /** Show skip reasons and other detail. */
  verbose?: boolean;
  /** Lowest finding severity that fails the run (the reported verdict); default "minor". */
  failOn?: Severity;
  /** Accepted findings: only findings not in it fail the run; reports mark each finding new or known. */
  baseline?: Baseline;
  /** The level the verdict follows instead of the findings (--level). */
  level?: LevelReached;
}

export type ReporterFactory = (options: ReporterOptions) => Reporter;
