// What a suite is made of: scenarios, short scripts of calls that judge declared rules and clean up after themselves.

import type { CheckResult, ExchangeRecord } from "../model.ts";
import type { CapabilityName, Rule } from "../rules/rule.ts";
import type { Claim } from "./ownership.ts";
import type { Step, StepOutcome } from "./session.ts";
import type { WebhookHooks } from "../webhook/receiver.ts";

export interface Scenario {
  id: string;
  title: string;
  /** The API area (spec tag) the scenario belongs to; --only/--skip select on it. */
  tag?: string;
  /** Operations ("METHOD /path") the scenario exists to exercise; their generic checks are reported skipped if it stops early. */
  covers: readonly string[];
  /** Every rule the scenario judges; each one it did not reach is reported skipped (or errored) with the reason. */
  rules: readonly Rule[];
  /** The generic checks reported skipped on covered operations it did not reach, when not all (the property phase's two). */
  checks?: readonly string[];
  /** SDK methods its plain calls speak for; reported skipped with the reason if it stops before reaching them. */
  sdk?: readonly string[];
  /** Bound for the whole scenario, cleanup excluded. */
  timeoutMs?: number;
  /**
   * The scenario may leave the target unable to serve (it tests a hazard on purpose): it runs after everything else,
   * and only where the run allows hazards (by default only against the embedded server, which is thrown away).
   */
  hazard?: boolean;
  /**
   * The scenario sees what other scenarios do on the target (it counts or lists everything of a kind, or loads the
   * run queue on purpose): with --concurrency it runs with nothing beside it.
   */
  alone?: boolean;
  run(ctx: ScenarioContext): Promise<void>;
}

/** What a scenario saw about one rule. */
export interface Judgement {
  ok: boolean;
  expected?: unknown;
  actual?: unknown;
  /** The exchange that shows it (its curl goes in the report). */
  evidence?: StepOutcome;
  /** Or an exchange recorded elsewhere (an SDK call's HTTP request); it is redacted before it is reported. */
  exchange?: ExchangeRecord;
  /** One of the rule's operations, when not its first. */
  op?: string;
  /** One of the rule's SDK methods, when not its first. */
  sdk?: string;
  /** Which instance of the rule this is (a stream mode, a strategy) when a scenario judges it more than once. */
  detail?: string;
  /** The SDK client that earned the verdict ("js 2.0.0", "python 0.2.4"), when an SDK call did. */
  sdkClient?: string;
}

export interface ScenarioContext {
  /** Unique to this run; every name, metadata entry and store namespace the suite creates carries it. */
  readonly prefix: string;
  readonly seed: number;
  /** Metadata that marks resources as created by this run. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Where the target is, the headers every request carries and the largest body read whole (for other clients, like the SDK). */
  readonly target: {
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly maxBodyBytes: number;
  };
  /** The receiver of the webhooks the run gives the target (--webhook-receiver); absent when the run has none. */
  readonly webhooks?: WebhookHooks;
  call(step: Step): Promise<StepOutcome>;
  /** Sends and checks like `call`, but reports nothing: the caller aggregates and `emit`s. */
  evaluate(step: Step): Promise<{ outcome: StepOutcome; results: CheckResult[] }>;
  emit(result: CheckResult): Promise<void>;
  /** Whether any generic check's result on this operation (id or "METHOD /path") is wanted under --only/--skip. */
  wants(op: string): boolean;
  /**
   * Claims what a create of this run answered: owned only when the id is new to the run and `readBack` (the resource
   * as the server shows it) carries the run's metadata. Only owned resources may be updated or deleted.
   */
  claim(kind: "assistant" | "thread" | "cron", id: string, readBack: unknown): Claim;
  /** Marks as the run's an id it chose itself (a fresh random uuid) for a resource it creates under that id. */
  reserve(kind: "assistant" | "thread" | "cron", id: string): void;
  /**
   * Registers a cleanup call; cleanups run in reverse order after the scenario, even when it failed or timed out.
   * Deleting an assistant, thread or cron the run has not claimed is a suite bug (it throws).
   */
  defer(step: Omit<Step, "report" | "expect">): void;
  /**
   * Ends the scenario as skipped: every rule it did not reach is reported skipped with this reason; when `evidence`
   * is the answer of a route the target does not have, the rules about that route are reported not implemented.
   */
  skip(reason: string, evidence?: StepOutcome): never;
  /** Reports a call the scenario cannot make (what it needs is missing) as skipped by every check, with the reason. */
  skipStep(op: string, reason: string, sdk?: string): Promise<void>;
  /** Why an answer (of an SDK call, say) shows the target has no route for the operation, or undefined. */
  routeMissing(op: string, response: { status: number; text: string }): string | undefined;
  /** Whether the loaded spec has the operation ("METHOD /path"). */
  has(op: string): boolean;
  /**
   * Reports a declared rule as passed, or failed with its evidence; not implemented instead of failed when the
   * evidence is an answer of a route the target does not have. Returns `ok`.
   */
  holds(rule: Rule, judgement: Judgement): Promise<boolean>;
  /**
   * Reports one declared rule as skipped with the reason; not implemented when `evidence` hit a missing route, or
   * when `notImplemented` gives why.
   */
  skipRule(
    rule: Rule,
    reason: string,
    where?: Pick<Judgement, "op" | "sdk" | "detail" | "evidence" | "exchange" | "sdkClient"> & {
      notImplemented?: string;
    },
  ): Promise<void>;
  /**
   * Which credentials the run was given: its own (`--auth`) and a second identity's (`--auth-other`); a step's `as`
   * chooses whose it sends.
   */
  identities: { self: boolean; other: boolean };
  /** What the target declares of a capability in its GET /info flags; undefined when it says nothing. */
  declared(capability: CapabilityName): boolean | undefined;
  /** Records what the target can do, for the report's capability list. */
  capability(name: string, supported: boolean, detail?: string): void;
}

export class ScenarioSkipped extends Error {
  constructor(
    readonly reason: string,
    /** The operation ("METHOD /path") the target has no route for, when that is why. */
    readonly missing?: { op: string; reason: string },
  ) {
    super(reason);
  }
}

/** Thrown into a scenario's script when its time is up or the run was interrupted: nothing more may be sent. */
export class ScenarioStopped extends Error {}
