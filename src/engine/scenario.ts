// What a suite is made of: scenarios, short scripts of calls that run against a context and clean up after themselves.

import type { CheckResult, ExchangeRecord, Severity } from "../model.ts";
import type { Step, StepOutcome } from "./session.ts";

export interface Scenario {
  id: string;
  title: string;
  /** The API area (spec tag) the scenario belongs to; --only/--skip select on it. Without one, it always runs and selects by itself (`ctx.wants`). */
  tag?: string;
  /** Operations ("METHOD /path") the scenario exists to exercise; reported as skipped with the reason if it is skipped. */
  covers: readonly string[];
  /** SDK methods the scenario exercises; reported as skipped with the reason if it is skipped before reaching them. */
  sdk?: readonly string[];
  /** Bound for the whole scenario, cleanup excluded. */
  timeoutMs?: number;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface ScenarioContext {
  /** Unique to this run; every name, metadata entry and store namespace the suite creates carries it. */
  readonly prefix: string;
  readonly seed: number;
  /** Metadata that marks resources as created by this run. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Where the target is and the headers every request carries (for clients other than the engine's, like the SDK). */
  readonly target: { readonly url: string; readonly headers: Readonly<Record<string, string>> };
  call(step: Step): Promise<StepOutcome>;
  /** Sends and checks like `call`, but reports nothing: the caller aggregates and `emit`s. */
  evaluate(step: Step): Promise<{ outcome: StepOutcome; results: CheckResult[] }>;
  emit(result: CheckResult): Promise<void>;
  /** Whether results for this operation (id or "METHOD /path") are wanted under --only/--skip. */
  wants(op: string): boolean;
  /** Registers a cleanup call; cleanups run in reverse order after the scenario, even when it failed or timed out. */
  defer(step: Omit<Step, "report" | "expect">): void;
  /** Ends the scenario as skipped: its uncovered operations are reported as skipped with this reason. */
  skip(reason: string): never;
  /** Whether the loaded spec has the operation ("METHOD /path"). */
  has(op: string): boolean;
  /** Reports what the API means, beyond the shape of one answer: passed, or failed with its evidence. Returns `ok`. */
  assert(assertion: Assertion): Promise<boolean>;
  /** Reports one rule as skipped, with the reason, while the scenario goes on. */
  skipRule(rule: { op: string; check: string; claim: string; reason: string; sdk?: string }): Promise<void>;
  /** Records what the target can do, for the report's capability list. */
  capability(name: string, supported: boolean, detail?: string): void;
}

export interface Assertion {
  /** The operation ("METHOD /path") whose behaviour is asserted. */
  op: string;
  /** Stable id of the rule, e.g. "store_put_replaces_value"; reported like a check id. */
  check: string;
  /** What the API promises, in a few words: "put again replaces the value". */
  claim: string;
  ok: boolean;
  expected?: unknown;
  actual?: unknown;
  /** The exchange that shows it (its curl goes in the report). */
  evidence?: StepOutcome;
  /** Or an exchange recorded elsewhere (an SDK call's HTTP request); it is redacted before it is reported. */
  exchange?: ExchangeRecord;
  sdk?: string;
  /** Default "major"; "critical" when SDK clients break. */
  severity?: Severity;
}

export class ScenarioSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
