// Runs the scenarios of a suite against a target and emits run events; knows nothing of reporters or the CLI.

import { CHECKS, type Check } from "../checks/index.ts";
import { DEFAULT_MAX_BODY_BYTES, HttpClient } from "../http/client.ts";
import { createRedactor } from "../http/redact.ts";
import type {
  Capability,
  CheckResult,
  PhaseOutcome,
  PhaseReport,
  RunEndReason,
  RunInfo,
  RunListener,
  RunEvent,
} from "../model.ts";
import { buildCatalogue, ruleViews, type Catalogue } from "../rules/catalogue.ts";
import { capabilityNamed, type CapabilityName, type Rule } from "../rules/rule.ts";
import type { LoadedSpec } from "../spec/load.ts";
import type { Operation } from "../spec/operations.ts";
import { applyDeclared, readDeclared, type Declared } from "./declared.ts";
import { createFilter, type Filter, type Selection } from "./filter.ts";
import type { MissingRouteFingerprint } from "./route-missing.ts";
import { ScenarioSkipped, ScenarioStopped, type Scenario } from "./scenario.ts";
import { Ownership, resourceOf, runsGoingOn } from "./ownership.ts";
import { runPool } from "./pool.ts";
import { recordedDurations, shardOf, type Shard } from "./shard.ts";
import { ScenarioRun, type ScenarioDeps } from "./scenario-context.ts";
import { Session, type Step } from "./session.ts";
import type { WebhookHooks } from "../webhook/receiver.ts";

export interface RunOptions {
  spec: LoadedSpec;
  target: string;
  embedded: boolean;
  headers: Record<string, string>;
  /** The run's own credential headers (`--auth`), sent with every request. */
  credentials?: Record<string, string>;
  /** A second identity's credential headers (`--auth-other`), for the rules about isolation between users. */
  otherCredentials?: Record<string, string>;
  timeoutMs: number;
  seed: number;
  selection: Selection;
  scenarios: readonly Scenario[];
  listeners: readonly RunListener[];
  checks?: readonly Check[];
  /** Default: the checks and the rules the scenarios declare. */
  catalogue?: Catalogue;
  scenarioTimeoutMs?: number;
  prefix?: string;
  /** SDK methods the scenarios exercise (for coverage in reports). */
  sdkMethods?: readonly string[];
  /** Aborting it interrupts the run: no new request is sent, what was created is deleted, the reports are written. */
  signal?: AbortSignal;
  /** Bound for deleting what an interrupted run created. */
  interruptCleanupMs?: number;
  /** Largest response body kept, in bytes. */
  maxBodyBytes?: number;
  /** Whether scenarios that may leave the target unable to serve run (see Scenario.hazard). */
  hazards?: boolean;
  /** Scenarios run at once (default 1); one that must run alone (see Scenario.alone), and every hazard, runs alone. */
  concurrency?: number;
  /** Run only this shard's scenarios (see shard.ts); the other shards run the rest on other machines. */
  shard?: Shard;
  /** Where the webhooks the scenarios give the target are received; without it the webhook rules are skipped. */
  webhooks?: WebhookHooks;
}

export interface RunOutcome {
  run: RunInfo;
  results: CheckResult[];
  /** Resources the suite created and could not delete. */
  leftovers: string[];
  capabilities: Capability[];
  phases: PhaseReport[];
  reason: RunEndReason;
}

export class TargetUnreachable extends Error {}

export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const checks = options.checks ?? CHECKS;
  const catalogue =
    options.catalogue ??
    buildCatalogue(
      checks,
      [{ id: "scenarios", title: "Scenarios", rules: declaredRules(options.scenarios) }],
      options.spec.operations,
    );
  const prefix = options.prefix ?? `cf-${Math.random().toString(16).slice(2, 10)}`;
  const redactor = createRedactor(options.headers, options.credentials ?? {}, options.otherCredentials ?? {});
  const client = new HttpClient({
    baseUrl: options.target,
    headers: options.headers,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    timeoutMs: options.timeoutMs,
    redactor,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const results: CheckResult[] = [];
  const leftovers: string[] = [];
  const capabilities: Capability[] = [];
  const emit = async (event: RunEvent) => {
    for (const listener of options.listeners) await listener(event);
  };
  try {
    const fingerprint = await probeMissingRoute(client, prefix, options.target);
    const declared = await readDeclared(client);
    const filter = createFilter(options.selection, catalogue, options.spec.operations);
    const byId = new Map(catalogue.entries.map((entry) => [entry.id, entry]));
    const operationOf = new Map(options.spec.operations.map((op) => [op.operationId, op]));
    const report = async (raw: CheckResult) => {
      const result = applyDeclared(raw, declared, operationOf.get(raw.operationId), byId.get(raw.checkId));
      results.push(result);
      await emit({ type: "check-result", result });
    };
    const session = new Session({
      spec: options.spec,
      client,
      checks,
      filter,
      fingerprint,
      redactor,
      emit: report,
      ...(options.otherCredentials ? { other: options.otherCredentials } : {}),
    });
    // Hazards run last, so that a target they break has served every other scenario first.
    const wantedScenarios = [
      ...options.scenarios.filter((s) => !s.hazard),
      ...options.scenarios.filter((s) => s.hazard),
    ].filter((s) => scenarioWanted(s, (op) => session.find(op), filter, checks));
    // Another machine runs the scenarios of the other shards: their rules are its to report.
    const planned = options.shard ? shardOf(wantedScenarios, options.shard, recordedDurations()) : wantedScenarios;
    const run: RunInfo = {
      target: options.target,
      embedded: options.embedded,
      spec: { source: options.spec.source, title: options.spec.title, version: options.spec.version },
      catalogueVersion: catalogue.version,
      prefix,
      seed: options.seed,
      startedAt: new Date().toISOString(),
      operations: options.spec.operations.map(({ operationId, method, path, tag, summary }) => ({
        operationId,
        method,
        path,
        tag,
        ...(summary ? { summary } : {}),
      })),
      rules: ruleViews(catalogue),
      sdkMethods: options.sdkMethods ?? [],
      selection: { only: [...options.selection.only], skip: [...options.selection.skip] },
      plannedPhases: planned.length,
      ...(options.shard ? { shard: { index: options.shard.index, count: options.shard.count } } : {}),
    };
    await emit({ type: "run-start", run });
    const deps: ScenarioDeps = {
      session,
      filter,
      checks,
      redactor,
      capabilities,
      declared,
      ownership: new Ownership(prefix),
      report,
      prefix,
      seed: options.seed,
      identities: { self: options.credentials !== undefined, other: options.otherCredentials !== undefined },
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
      target: {
        url: options.target,
        headers: { ...options.headers, ...options.credentials },
        maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      },
    };
    const budget: CleanupBudget = {};
    const failedBy: FailedDelete[][] = [];
    const phases: PhaseReport[] = [];
    const planIndex = new Map(planned.map((scenario, index) => [scenario, index]));
    await runPool(
      startOrder(planned, options.concurrency ?? 1, recordedDurations()),
      {
        slots: options.concurrency ?? 1,
        alone: (scenario) => scenario.alone === true || scenario.hazard === true,
        stopped: () => options.signal?.aborted === true,
      },
      async (scenario) => {
        const index = planIndex.get(scenario)!;
        const phaseStarted = performance.now();
        await emit({ type: "phase-start", phase: scenario.id, title: scenario.title });
        const ended =
          scenario.hazard && !options.hazards
            ? await refuseHazard(scenario, deps)
            : await runScenario(scenario, deps, options, budget);
        failedBy[index] = ended.failed;
        phases[index] = {
          id: scenario.id,
          title: scenario.title,
          outcome: ended.outcome,
          durationMs: Math.round(performance.now() - phaseStarted),
        };
        await emit({ type: "phase-end", phase: scenario.id, outcome: ended.outcome });
      },
    );
    const failed = failedBy.flat();
    // Scenarios that ran side by side reported as they went: put the results back in the order of the plan.
    const order = new Map(planned.map((scenario, index) => [scenario.id, index]));
    const rank = (result: CheckResult) => order.get(phaseOf(result.source)) ?? -1;
    const ordered = results.map((result, at) => ({ result, at, rank: rank(result) }));
    ordered.sort((a, b) => a.rank - b.rank || a.at - b.at);
    results.splice(0, results.length, ...ordered.map((o) => o.result));
    leftovers.push(...(await confirmLeftovers(failed, deps, options, budget)));
    const reason: RunEndReason = options.signal?.aborted ? "interrupted" : "finished";
    addDeclared(capabilities, declared);
    await emit({
      type: "run-end",
      run,
      results,
      durationMs: Math.round(performance.now() - started),
      leftovers,
      capabilities,
      phases: phases.filter(Boolean),
      reason,
    });
    return { run, results, leftovers, capabilities, phases: phases.filter(Boolean), reason };
  } finally {
    await client.close();
  }
}

/**
 * The order scenarios start in. One at a time, the plan's. Side by side, those that must run alone go first (so they
 * do not wait for the long ones), then the longest by recorded duration (so the run does not end waiting on one),
 * and the hazards last, as planned.
 */
export function startOrder<T extends { id: string; alone?: boolean; hazard?: boolean }>(
  planned: readonly T[],
  concurrency: number,
  durations: Readonly<Record<string, number>>,
): T[] {
  if (concurrency <= 1) return [...planned];
  const alone = planned.filter((s) => s.alone && !s.hazard);
  const others = planned.filter((s) => !s.alone && !s.hazard);
  const hazards = planned.filter((s) => s.hazard);
  const weight = (s: T) => durations[s.id] ?? 0;
  return [...alone, ...others.sort((a, b) => weight(b) - weight(a)), ...hazards];
}

/** The scenario a result's source names ("scenario:<id>"; the property phase's "property:<mode>"). */
const phaseOf = (source: string): string =>
  source.startsWith("scenario:") ? source.slice("scenario:".length) : source.split(":")[0]!;

/** Marks what the target declares on the capabilities seen, and lists those declared but never seen. */
function addDeclared(capabilities: Capability[], declared: Declared): void {
  for (const entry of capabilities) {
    const id = capabilityNamed(entry.name);
    if (!id) continue;
    entry.id = id;
    if (declared[id] !== undefined) entry.declared = declared[id];
  }
  for (const [id, value] of Object.entries(declared) as [CapabilityName, boolean][]) {
    if (capabilities.some((c) => c.id === id)) continue;
    capabilities.push({ name: id, id, supported: value, declared: value, detail: "declared in GET /info" });
  }
}

/** Every rule the scenarios declare, each once. */
export const declaredRules = (scenarios: readonly Scenario[]): Rule[] => [
  ...new Set(scenarios.flatMap((s) => s.rules)),
];

/** A scenario runs when its area is wanted and any result it could report is; `find` resolves "METHOD /path" or an id. */
export function scenarioWanted(
  scenario: Scenario,
  find: (op: string) => Operation | undefined,
  filter: Filter,
  checks: readonly Check[],
): boolean {
  if (scenario.tag !== undefined && !filter.wantsTag(scenario.tag)) return false;
  const ruleWanted = scenario.rules.some((rule) =>
    rule.operations.some((op) => {
      const operation = find(op);
      return !!operation && filter.wants(operation, rule.id);
    }),
  );
  if (ruleWanted) return true;
  return scenario.covers.some((op) => {
    const operation = find(op);
    return !!operation && checks.some((c) => c.appliesTo?.(operation) !== false && filter.wants(operation, c.id));
  });
}

/** A hazard the run does not allow: its rules are reported skipped, saying how to allow it. */
async function refuseHazard(scenario: Scenario, deps: ScenarioDeps): Promise<{ outcome: PhaseOutcome; failed: [] }> {
  const reason =
    "it may leave the target unable to run anything, so it runs only with --hazards (by default only against the embedded server)";
  await new ScenarioRun(scenario, deps).reportUnreached({ status: "skipped", reason });
  return { outcome: { status: "skipped", reason }, failed: [] };
}

/** Learns how the target answers a route it does not have; fails fast when nothing answers at all. */
async function probeMissingRoute(client: HttpClient, prefix: string, target: string): Promise<MissingRouteFingerprint> {
  const exchange = await client.send({ method: "GET", path: `/${prefix}-no-such-route`, timeoutMs: 10_000 });
  if (!exchange.response)
    throw new TargetUnreachable(`cannot reach ${target}: ${exchange.error?.message ?? "no response"}`);
  return { status: exchange.response.status, body: exchange.response.text };
}

const INTERRUPTED = "the run was interrupted";

async function runScenario(
  scenario: Scenario,
  deps: ScenarioDeps,
  options: RunOptions,
  budget: CleanupBudget,
): Promise<{ outcome: PhaseOutcome; failed: FailedDelete[] }> {
  const scenarioRun = new ScenarioRun(scenario, deps);
  const timeoutMs = scenario.timeoutMs ?? options.scenarioTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScenarioStopped(`scenario did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      scenarioRun.stop(INTERRUPTED);
      reject(new ScenarioStopped(INTERRUPTED));
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
  });
  const running = Promise.resolve().then(() => scenario.run(scenarioRun.context));
  let outcome: PhaseOutcome = { status: "ran" };
  try {
    await Promise.race([running, timeout, aborted]);
  } catch (err) {
    if (err instanceof ScenarioSkipped) {
      outcome = { status: "skipped", reason: err.reason };
      await scenarioRun.reportUnreached({ status: "skipped", reason: err.reason }, err.missing);
    } else if (err instanceof ScenarioStopped && err.message === INTERRUPTED) {
      scenarioRun.stop(INTERRUPTED);
      outcome = { status: "interrupted", reason: INTERRUPTED };
    } else {
      const message =
        err instanceof ScenarioStopped ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
      scenarioRun.stop(message);
      outcome = { status: "errored", reason: message };
      await scenarioRun.reportUnreached({ status: "errored", message: deps.redactor.text(message) });
    }
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener("abort", onAbort);
    scenarioRun.stop("the scenario ended");
  }
  return { outcome, failed: await cleanUp(scenarioRun, running, deps, options, budget) };
}

/** A delete that did not succeed: a leftover only if the resource is still there when read back. */
interface FailedDelete {
  step: Step;
  detail: string;
}

/** Deletes what the scenario created, newest first; once the run is interrupted, all cleanup shares one time budget. */
async function cleanUp(
  scenarioRun: ScenarioRun,
  running: Promise<void>,
  deps: ScenarioDeps,
  options: RunOptions,
  budget: CleanupBudget,
): Promise<FailedDelete[]> {
  // A step in flight when the script was stopped may still create something; its cleanup is registered once it returns.
  await Promise.race([
    running.catch(() => undefined),
    delay(Math.min(options.timeoutMs, (remaining(budget, options) ?? Infinity) / 4)),
  ]);
  const failed: FailedDelete[] = [];
  for (const step of [...scenarioRun.cleanups].reverse()) {
    if (!deps.session.find(step.op)) continue;
    const left = remaining(budget, options);
    if (left !== undefined && left <= 0) {
      failed.push({ step, detail: "not deleted: no time left after the interruption" });
      continue;
    }
    const timeoutMs = left === undefined ? options.timeoutMs : Math.min(left, options.timeoutMs);
    if (resourceOf(step)?.kind === "thread")
      await stopRuns(deps, String(step.params?.thread_id), timeoutMs, scenarioRun.source);
    const outcome = await deps.session.call({ ...step, timeoutMs }, scenarioRun.source);
    if (!outcome.ok && outcome.status !== 404) {
      failed.push({ step, detail: `delete answered ${outcome.status ?? outcome.exchange.error?.message}` });
    }
  }
  return failed;
}

/**
 * Cancels, and waits for, the runs still going on a thread about to be deleted: a server may lose a queue worker for
 * good when a running run's thread is deleted under it (a script stopped by time or an interruption leaves such runs).
 */
async function stopRuns(deps: ScenarioDeps, threadId: string, timeoutMs: number, source: string): Promise<void> {
  const list = "GET /threads/{thread_id}/runs";
  const cancel = "POST /threads/{thread_id}/runs/{run_id}/cancel";
  if (!deps.session.find(list) || !deps.session.find(cancel)) return;
  const params = { thread_id: threadId };
  const step = "list the thread's runs before deleting it";
  const listed = await deps.session.call({ op: list, step, params, report: false, expect: "any", timeoutMs }, source);
  for (const run_id of runsGoingOn(listed.json, threadId)) {
    await deps.session.call(
      {
        op: cancel,
        step: "cancel a run still going before deleting its thread",
        params: { ...params, run_id },
        query: { action: "interrupt", wait: true },
        report: false,
        expect: "any",
        timeoutMs,
      },
      source,
    );
  }
}

/**
 * Reads back, once each, what could not be deleted: only what is still there is a leftover, listed once with its
 * kind and id. What there was no time to read back is listed as not checked.
 */
async function confirmLeftovers(
  failed: FailedDelete[],
  deps: ScenarioDeps,
  options: RunOptions,
  budget: CleanupBudget,
) {
  const leftovers: string[] = [];
  const seen = new Set<string>();
  for (const { step, detail } of failed) {
    const resource = resourceOf(step);
    const name = resource ? `${resource.kind} ${resource.id}` : step.step;
    if (seen.has(name)) continue;
    seen.add(name);
    const left = remaining(budget, options);
    if (!resource || (left !== undefined && left <= 0)) {
      leftovers.push(`${name}: ${detail}${resource ? " (not read back: no time left)" : ""}`);
      continue;
    }
    const timeoutMs = left === undefined ? options.timeoutMs : Math.min(left, options.timeoutMs);
    const outcome = await deps.session.call({ ...resource.read, timeoutMs }, "cleanup");
    if (resource.exists(outcome)) leftovers.push(`${name}: ${detail}, and it is still there`);
  }
  return leftovers;
}

/** Time left for cleanup once the run is interrupted (undefined while it is not). */
function remaining(budget: CleanupBudget, options: RunOptions): number | undefined {
  if (!options.signal?.aborted) return undefined;
  budget.deadline ??= Date.now() + (options.interruptCleanupMs ?? 10_000);
  return budget.deadline - Date.now();
}

/** Set at the first cleanup after an interruption: when all cleanup must be over. */
interface CleanupBudget {
  deadline?: number;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
