// One conversation with the target: sends a step's request, runs every check on the answer, emits the results.

import type { FindingDraft } from "../checks/check.ts";
import type { Check, Expectation } from "../checks/index.ts";
import type { Exchange, HttpClient, HttpRequest, QueryValue } from "../http/client.ts";
import type { Redactor } from "../http/redact.ts";
import type { CheckResult, Finding, Verdict } from "../model.ts";
import type { LoadedSpec } from "../spec/load.ts";
import { expandPath, isStreaming, type Operation } from "../spec/operations.ts";
import type { Filter } from "./filter.ts";
import { stableKey } from "./keys.ts";
import { routeMissing, type MissingRouteFingerprint } from "./route-missing.ts";

export interface Step {
  /** "METHOD /path" as in the spec (operation ids differ between documents; method and path do not). */
  op: string;
  /** A few words on what the step does; shown in reports. */
  step: string;
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  raw?: HttpRequest["raw"];
  headers?: Record<string, string>;
  /** "success" (default): the request is valid and about resources that exist, so a 2xx is due. */
  expect?: Expectation;
  stream?: HttpRequest["stream"];
  timeoutMs?: number;
  /** Setup and cleanup calls are checked like any other but not reported when false. */
  report?: boolean;
  /** The SDK method this step is the HTTP side of, e.g. "threads.update_state". */
  sdk?: string;
  /**
   * Whose credentials the request carries: the run's own (default), the second identity's (`other`), none, or
   * the given headers (a malformed or unknown credential).
   */
  as?: Identity;
}

export type Identity = "self" | "other" | "none" | { headers: Record<string, string> };

export interface StepOutcome {
  exchange: Exchange;
  operation: Operation;
  /** A response with a 2xx status arrived. */
  ok: boolean;
  /** The target has no such route. */
  notImplemented?: string;
  status?: number;
  json?: unknown;
}

export interface SessionOptions {
  spec: LoadedSpec;
  client: HttpClient;
  checks: readonly Check[];
  filter: Filter;
  fingerprint?: MissingRouteFingerprint;
  /** Findings quote responses, and a server may echo credentials back: everything reported passes through it. */
  redactor: Redactor;
  /** The second identity's credential headers, when the user gave one. */
  other?: Record<string, string>;
  emit(result: CheckResult): Promise<void>;
}

export class Session {
  private readonly byKey: Map<string, Operation>;

  constructor(private readonly options: SessionOptions) {
    this.byKey = new Map(options.spec.operations.map((op) => [`${op.method} ${op.path}`, op]));
  }

  /** The operation for "METHOD /path" (or an operation id), if the spec has it. */
  find(op: string): Operation | undefined {
    return this.byKey.get(op) ?? this.options.spec.byId.get(op);
  }

  /** Why an answer shows the target has no route for the operation ("METHOD /path"), or undefined. */
  routeMissing(op: string, response: { status: number; text: string }): string | undefined {
    const operation = this.find(op);
    return operation && routeMissing(operation, response, this.options.fingerprint);
  }

  /** Sends the step, checks the answer and emits the results (unless `report: false`). */
  async call(step: Step, source: string): Promise<StepOutcome> {
    const { outcome, results } = await this.evaluate(step, source);
    if (step.report !== false) for (const result of results) await this.options.emit(result);
    return outcome;
  }

  /** Sends the step and checks the answer, emitting nothing: for callers that aggregate many exchanges. */
  async evaluate(step: Step, source: string): Promise<{ outcome: StepOutcome; results: CheckResult[] }> {
    const operation = this.find(step.op);
    if (!operation) throw new Error(`the spec has no operation ${step.op}`);
    const exchange = await this.options.client.send({
      method: operation.method,
      path: expandPath(operation.path, step.params ?? {}),
      query: step.query,
      headers: { accept: acceptFor(operation), ...step.headers },
      ...this.credentials(step.as),
      json: step.body,
      raw: step.raw,
      stream: step.stream ?? (isStreaming(operation) ? { maxEvents: 500, maxMs: 15_000 } : undefined),
      timeoutMs: step.timeoutMs,
    });
    const response = exchange.response;
    const notImplemented = response ? routeMissing(operation, response, this.options.fingerprint) : undefined;
    const results: CheckResult[] = [];
    for (const check of this.options.checks) {
      if (!this.options.filter.wants(operation, check.id) || check.appliesTo?.(operation) === false) continue;
      const verdict = this.verdict(check, operation, exchange, step.expect ?? "success", notImplemented);
      results.push({
        operationId: operation.operationId,
        checkId: check.id,
        source,
        step: step.step,
        verdict,
        exchange: exchange.record,
        ...(step.sdk ? { sdkMethod: step.sdk } : {}),
      });
    }
    const outcome: StepOutcome = {
      exchange,
      operation,
      ok: !!response && response.status >= 200 && response.status < 300 && !notImplemented,
      ...(notImplemented ? { notImplemented } : {}),
      ...(response ? { status: response.status, json: response.json } : {}),
    };
    return { outcome, results };
  }

  private credentials(as: Identity | undefined): { credentials?: Record<string, string> } {
    if (as === undefined || as === "self") return {};
    if (as === "none") return { credentials: {} };
    if (as === "other") {
      if (!this.options.other) throw new Error("a step asks for the second identity, which the run was not given");
      return { credentials: this.options.other };
    }
    return { credentials: as.headers };
  }

  private verdict(
    check: Check,
    operation: Operation,
    exchange: Exchange,
    expect: Expectation,
    notImplemented: string | undefined,
  ): Verdict {
    const response = exchange.response;
    if (notImplemented) return { status: "not_implemented", reason: notImplemented };
    if (!response) {
      const error = exchange.error!;
      if (check.id === "not_a_server_error" && error.kind !== "connection") {
        return {
          status: "failed",
          findings: [
            this.finding(check, operation, {
              message: `Received: ${error.message} / Documented: a response`,
              actual: error.kind,
              key: `transport:${error.kind}`,
            }),
          ],
        };
      }
      return { status: "skipped", reason: `no response: ${error.message}` };
    }
    try {
      const verdict = check.run({ operation, exchange, response, validators: this.options.spec.validators, expect });
      if (verdict.status !== "failed") return verdict;
      return { status: "failed", findings: verdict.findings.map((f) => this.finding(check, operation, f)) };
    } catch (err) {
      return {
        status: "errored",
        message: this.options.redactor.text(`check ${check.id} threw: ${(err as Error).stack ?? String(err)}`),
      };
    }
  }

  private finding(check: Check, operation: Operation, draft: FindingDraft): Finding {
    const { cause, ...redacted } = this.options.redactor.value(draft);
    return {
      ...redacted,
      checkId: check.id,
      severity: check.severity,
      operationId: operation.operationId,
      key: stableKey(`${check.id}:${operation.operationId}:${redacted.key}`),
      cause: stableKey(`${check.id}:${cause ?? redacted.key}`),
    };
  }
}

/** Asks for what the operation documents on success, so content negotiation never hides a route. */
function acceptFor(op: Operation): string {
  const types = new Set(op.responses.filter((r) => r.status.startsWith("2")).flatMap((r) => Object.keys(r.content)));
  return types.size > 0 ? [...types].join(", ") : "application/json";
}
