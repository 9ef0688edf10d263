// The values that flow from the engine to reporters: findings, verdicts, check results and run events.

export type Severity = "critical" | "major" | "minor";

/** One concrete departure from the API, found by one check on one exchange. */
export interface Finding {
  checkId: string;
  severity: Severity;
  operationId: string;
  /** "Received: … / Documented: …" */
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** JSON pointer into the response (or request) the finding is about. */
  instancePointer?: string;
  /** JSON pointer into the spec document of the rule that was broken. */
  schemaPointer?: string;
  /** Findings with the same key describe the same problem; reports show each key once. */
  key: string;
  /**
   * The kind of difference, whatever the operation: findings that share it (same rule, same kind of difference)
   * are one departure, reported once with every operation where it was seen.
   */
  cause: string;
}

export type Verdict =
  | { status: "passed" }
  | { status: "failed"; findings: Finding[] }
  | { status: "skipped"; reason: string }
  | { status: "not_implemented"; reason: string }
  | { status: "errored"; message: string };

export type VerdictStatus = Verdict["status"];

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Body text, truncated for reports; SSE bodies are summarised by their events. */
  body: string;
  durationMs: number;
}

/** What a report keeps of one HTTP exchange: enough to read and to replay it. */
export interface ExchangeRecord {
  request: RecordedRequest;
  response?: RecordedResponse;
  error?: string;
  curl: string;
}

export interface CheckResult {
  operationId: string;
  checkId: string;
  /** Where the exchange came from: "probe", "scenario:<id>", "property:<mode>". */
  source: string;
  /** What the step was doing, in a few words. */
  step: string;
  verdict: Verdict;
  exchange?: ExchangeRecord;
  seed?: number;
  /** The SDK method the step corresponds to, e.g. "threads.update_state" (named as in the Python SDK). */
  sdkMethod?: string;
  /** The client that made the SDK call, with its version, e.g. "js 2.0.0", "python 0.2.4". */
  sdkClient?: string;
}

/** What the run learned the target can do, e.g. "crons: not implemented", "stream mode values: supported". */
export interface Capability {
  name: string;
  supported: boolean;
  detail?: string;
  /** The catalogue capability it is about ("crons", "store_ttl"), when it is one. */
  id?: string;
  /** What the target declares of it (GET /info flags), when it declares anything. */
  declared?: boolean;
}

export interface OperationView {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  summary?: string;
}

/** What reports need of a catalogue entry. */
export interface RuleView {
  id: string;
  title: string;
  kind: "check" | "rule";
  area: string;
  severity: Severity;
  level: "core" | "standard" | "optional";
  capability?: string;
}

export interface RunInfo {
  target: string;
  embedded: boolean;
  spec: { source: string; title: string; version: string };
  /** A hash of the catalogue's ids and levels. */
  catalogueVersion: string;
  prefix: string;
  seed: number;
  startedAt: string;
  operations: readonly OperationView[];
  /** The catalogue, in report order: the generic checks, then every area's rules. */
  rules: readonly RuleView[];
  /** What --only and --skip selected: a run that leaves something out judges only part of the catalogue. */
  selection?: { only: readonly string[]; skip: readonly string[] };
  /** How many phases (scenarios, the property phase) the run means to go through, for progress. */
  plannedPhases?: number;
  /** SDK methods the suite exercises, so a method no step reached shows as not covered. */
  sdkMethods: readonly string[];
  /** The slice of the plan this run is (`--shard index/count`); the other shards run the rest. */
  shard?: { index: number; count: number };
}

/** How a phase (a scenario, the property phase) ended. */
export type PhaseOutcome = { status: "ran" } | { status: "skipped" | "errored" | "interrupted"; reason: string };

/** How one phase (a scenario, the property phase) of the run ended. */
export interface PhaseReport {
  id: string;
  title: string;
  outcome: PhaseOutcome;
  /** Wall time of the phase, cleanup included (what shards are balanced by). */
  durationMs?: number;
}

/** A run finishes, or is interrupted (SIGINT, SIGTERM) and ends early with what it has. */
export type RunEndReason = "finished" | "interrupted";

export type RunEvent =
  | { type: "run-start"; run: RunInfo }
  | { type: "phase-start"; phase: string; title: string }
  | { type: "check-result"; result: CheckResult }
  | { type: "phase-end"; phase: string; outcome: PhaseOutcome }
  | {
      type: "run-end";
      run: RunInfo;
      results: readonly CheckResult[];
      durationMs: number;
      leftovers: readonly string[];
      capabilities: readonly Capability[];
      /** Every phase that ran, or was skipped, errored or interrupted, with the reason. */
      phases: readonly PhaseReport[];
      reason: RunEndReason;
    };

export type RunListener = (event: RunEvent) => void | Promise<void>;
