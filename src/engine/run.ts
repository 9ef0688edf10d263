// Runs the scenarios of a suite against a target and emits run events; knows nothing of reporters or the CLI.

import { describeValue } from "../checks/check.ts";
import { CHECKS, type Check } from "../checks/index.ts";
import { HttpClient } from "../http/client.ts";
import { createRedactor } from "../http/redact.ts";
import type { Redactor } from "../http/redact.ts";
import type { Capability, CheckResult, RunInfo, RunListener, RunEvent, Verdict } from "../model.ts";
import type { LoadedSpec } from "../spec/load.ts";
import { createFilter, type Filter, type Selection } from "./filter.ts";
import type { MissingRouteFingerprint } from "./route-missing.ts";
import { ScenarioSkipped, type Scenario, type ScenarioContext } from "./scenario.ts";
import { Session, type Step } from "./session.ts";

export interface RunOptions {
  spec: LoadedSpec;
  target: string;
  embedded: boolean;
  headers: Record<string, string>;
  timeoutMs: number;
  seed: number;
  selection: Selection;
  scenarios: readonly Scenario[];
  listeners: readonly RunListener[];
  checks?: readonly Check[];
  scenarioTimeoutMs?: number;
  prefix?: string;
  /** SDK methods the scenarios exercise (for coverage in reports). */
  sdkMethods?: readonly string[];
}

export interface RunOutcome {
  run: RunInfo;
  results: CheckResult[];
  /** Resources the suite created and could not delete. */
  leftovers: string[];
  capabilities: Capability[];
}

export class TargetUnreachable extends Error {}

export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const checks = options.checks ?? CHECKS;
  const prefix = options.prefix ?? `cf-${Math.random().toString(16).slice(2, 10)}`;
  const redactor = createRedactor(options.headers);
  const client = new HttpClient({ baseUrl: options.target, headers: options.headers, timeoutMs: options.timeoutMs, redactor });
  const results: CheckResult[] = [];
  const leftovers: string[] = [];
  const capabilities: Capability[] = [];
  const emit = async (event: RunEvent) => {
    for (const listener of options.listeners) await listener(event);
  };
  try {
    const fingerprint = await probeMissingRoute(client, prefix, options.target);
    const filter = createFilter(options.selection, checks.map((c) => c.id), options.spec.operations);
    const report = async (result: CheckResult) => {
      results.push(result);
      await emit({ type: "check-result", result });
    };
    const session = new Session({ spec: options.spec, client, checks, filter, fingerprint, redactor, emit: report });
    const run: RunInfo = {
      target: options.target,
      embedded: options.embedded,
      spec: { source: options.spec.source, title: options.spec.title, version: options.spec.version },
      prefix,
      seed: options.seed,
      startedAt: new Date().toISOString(),
      operations: options.spec.operations.map(({ operationId, method, path, tag, summary }) => ({ operationId, method, path, tag, ...(summary ? { summary } : {}) })),
      checks: checks.map(({ id, title, severity }) => ({ id, title, severity })),
      sdkMethods: options.sdkMethods ?? [],
    };
    await emit({ type: "run-start", run });
    for (const scenario of options.scenarios) {
      if (scenario.tag !== undefined && !filter.wantsTag(scenario.tag)) continue;
      await emit({ type: "phase-start", phase: scenario.id, title: scenario.title });
      leftovers.push(...(await runScenario(scenario, { session, filter, report, options, prefix, capabilities, redactor })));
      await emit({ type: "phase-end", phase: scenario.id });
    }
    await emit({ type: "run-end", run, results, durationMs: Math.round(performance.now() - started), leftovers, capabilities });
    return { run, results, leftovers, capabilities };
  } finally {
    await client.close();
  }
}

/** Learns how the target answers a route it does not have; fails fast when nothing answers at all. */
async function probeMissingRoute(client: HttpClient, prefix: string, target: string): Promise<MissingRouteFingerprint> {
  const exchange = await client.send({ method: "GET", path: `/${prefix}-no-such-route`, timeoutMs: 10_000 });
  if (!exchange.response) throw new TargetUnreachable(`cannot reach ${target}: ${exchange.error?.message ?? "no response"}`);
  return { status: exchange.response.status, body: exchange.response.text };
}

interface ScenarioDeps {
  session: Session;
  filter: Filter;
  report(result: CheckResult): Promise<void>;
  options: RunOptions;
  prefix: string;
  capabilities: Capability[];
  redactor: Redactor;
}

async function runScenario(scenario: Scenario, { session, filter, report, options, prefix, capabilities, redactor }: ScenarioDeps): Promise<string[]> {
  const source = `scenario:${scenario.id}`;
  const cleanups: Step[] = [];
  const called = new Set<string>();
  let lastOperation = session.find(scenario.covers[0] ?? "")?.operationId;
  const judged = new Set<string>();
  // Set when the scenario's time is up: a script still running in the background may send nothing more.
  let stopped = false;
  const alive = () => {
    if (stopped) throw new Error("the scenario was stopped: its time was up");
  };
  const track = (step: Step) => {
    alive();
    const operation = session.find(step.op);
    if (!operation) throw new ScenarioSkipped(`the spec has no operation ${step.op}`);
    lastOperation = operation.operationId;
    if (step.report !== false) called.add(operation.operationId);
    if (step.report !== false && step.sdk) judged.add(step.sdk);
  };
  const ctx: ScenarioContext = {
    prefix,
    seed: options.seed,
    metadata: { conformance_run: prefix },
    target: { url: options.target, headers: options.headers },
    call: async (step) => {
      track(step);
      return session.call(step, source);
    },
    evaluate: async (step) => {
      track(step);
      return session.evaluate(step, source);
    },
    emit: async (result) => {
      alive();
      called.add(result.operationId);
      if (result.sdkMethod) judged.add(result.sdkMethod);
      await report(result);
    },
    wants: (op) => {
      const operation = session.find(op);
      return !!operation && filter.wantsOperation(operation);
    },
    defer: (step) => void cleanups.push({ ...step, report: false, expect: "any" }),
    skip: (reason) => {
      throw new ScenarioSkipped(reason);
    },
    has: (op) => session.find(op) !== undefined,
    assert: async (a) => {
      alive();
      const operation = session.find(a.op);
      if (!operation) throw new ScenarioSkipped(`the spec has no operation ${a.op}`);
      lastOperation = operation.operationId;
      if (!filter.wants(operation, a.check)) return a.ok;
      called.add(operation.operationId);
      if (a.sdk) judged.add(a.sdk);
      const verdict: Verdict = a.ok
        ? { status: "passed" }
        : {
            status: "failed",
            findings: [
              redactor.value({
                checkId: a.check,
                severity: a.severity ?? "major",
                operationId: operation.operationId,
                message: `Received: ${describeValue(a.actual, 160)} / Documented: ${a.claim}`,
                ...(a.expected !== undefined ? { expected: a.expected } : {}),
                ...(a.actual !== undefined ? { actual: a.actual } : {}),
                key: `${a.check}:${operation.operationId}:${a.claim}`,
              }),
            ],
          };
      await report({
        operationId: operation.operationId,
        checkId: a.check,
        source,
        step: a.claim,
        verdict,
        ...(a.evidence ? { exchange: a.evidence.exchange.record } : a.exchange ? { exchange: redactor.value(a.exchange) } : {}),
        ...(a.sdk ? { sdkMethod: a.sdk } : {}),
      });
      return a.ok;
    },
    skipRule: async ({ op, check, claim, reason, sdk }) => {
      alive();
      const operation = session.find(op);
      if (!operation || !filter.wants(operation, check)) return;
      called.add(operation.operationId);
      if (sdk) judged.add(sdk);
      await report({ operationId: operation.operationId, checkId: check, source, step: claim, verdict: { status: "skipped", reason }, ...(sdk ? { sdkMethod: sdk } : {}) });
    },
    capability: (name, supported, detail) => {
      const known = capabilities.find((c) => c.name === name);
      const entry = { name, supported, ...(detail ? { detail } : {}) };
      if (known) Object.assign(known, entry);
      else capabilities.push(entry);
    },
  };
  const timeoutMs = scenario.timeoutMs ?? options.scenarioTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`scenario did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  const running = scenario.run(ctx);
  try {
    await Promise.race([running, timeout]);
  } catch (err) {
    if (err instanceof ScenarioSkipped) {
      for (const key of scenario.covers) {
        const operationId = session.find(key)?.operationId;
        if (!operationId || called.has(operationId)) continue;
        await report({ operationId, checkId: "scenario", source, step: scenario.title, verdict: { status: "skipped", reason: err.reason } });
      }
      // The SDK methods the scenario did not reach get the same reason, so no method goes without a verdict.
      const fallback = session.find(scenario.covers[0] ?? "")?.operationId ?? lastOperation;
      for (const method of scenario.sdk ?? []) {
        if (judged.has(method) || !fallback) continue;
        await report({ operationId: fallback, checkId: "scenario", source, step: scenario.title, verdict: { status: "skipped", reason: err.reason }, sdkMethod: method });
      }
    } else if (lastOperation) {
      const message = err instanceof Error ? (err.message.startsWith("scenario did not finish") ? err.message : err.stack ?? err.message) : String(err);
      await report({ operationId: lastOperation, checkId: "scenario", source, step: scenario.title, verdict: { status: "errored", message } });
    }
  } finally {
    clearTimeout(timer);
    stopped = true;
  }
  // A step in flight when time ran out may still create something; its cleanup is registered once it returns.
  await Promise.race([running.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, options.timeoutMs).unref())]);
  const leftovers: string[] = [];
  for (const step of cleanups.reverse()) {
    if (!session.find(step.op)) continue;
    const outcome = await session.call(step, source);
    if (!outcome.ok && outcome.status !== 404) {
      leftovers.push(`${step.step}: ${outcome.status ?? outcome.exchange.error?.message}`);
    }
  }
  return leftovers;
}
