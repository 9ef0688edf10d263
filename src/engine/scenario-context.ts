// The context one scenario runs in: sends its steps, reports its rules, remembers what it reached and what to clean up.

import { describeAgainst } from "../checks/check.ts";
import type { Check } from "../checks/index.ts";
import type { Redactor } from "../http/redact.ts";
import type { Capability, CheckResult, Verdict } from "../model.ts";
import type { Rule } from "../rules/rule.ts";
import type { Operation } from "../spec/operations.ts";
import type { Declared } from "./declared.ts";
import type { Filter } from "./filter.ts";
import { findingKeys } from "./keys.ts";
import { resourceOf, type Ownership } from "./ownership.ts";
import { ScenarioSkipped, ScenarioStopped, type Judgement, type Scenario, type ScenarioContext } from "./scenario.ts";
import type { Session, Step } from "./session.ts";

export interface ScenarioDeps {
  session: Session;
  filter: Filter;
  checks: readonly Check[];
  redactor: Redactor;
  capabilities: Capability[];
  declared: Declared;
  identities: ScenarioContext["identities"];
  ownership: Ownership;
  report(result: CheckResult): Promise<void>;
  prefix: string;
  seed: number;
  target: ScenarioContext["target"];
  webhooks?: ScenarioContext["webhooks"];
}

export class ScenarioRun {
  readonly source: string;
  /** Cleanup calls, in the order they were registered. */
  readonly cleanups: Step[] = [];
  private readonly reached = new Set<string>();
  private readonly judged = new Set<string>();
  private readonly sdkJudged = new Set<string>();
  private lastOperation: Operation | undefined;
  private stopReason: string | undefined;
  readonly context: ScenarioContext;

  constructor(
    private readonly scenario: Scenario,
    private readonly deps: ScenarioDeps,
  ) {
    this.source = `scenario:${scenario.id}`;
    this.lastOperation = deps.session.find(scenario.covers[0] ?? scenario.rules[0]?.operations[0] ?? "");
    this.context = this.makeContext();
  }

  /** From now on the script may send nothing more (its time is up, or the run was interrupted). */
  stop(reason: string): void {
    this.stopReason ??= reason;
  }

  private makeContext(): ScenarioContext {
    return {
      prefix: this.deps.prefix,
      seed: this.deps.seed,
      metadata: { conformance_run: this.deps.prefix },
      target: this.deps.target,
      ...(this.deps.webhooks ? { webhooks: this.deps.webhooks } : {}),
      identities: this.deps.identities,
      call: async (step) => {
        this.track(step);
        return this.deps.session.call(step, this.source);
      },
      evaluate: async (step) => {
        this.track(step);
        return this.deps.session.evaluate(step, this.source);
      },
      emit: async (result) => {
        this.alive();
        this.reached.add(result.operationId);
        if (result.sdkMethod) this.sdkJudged.add(result.sdkMethod);
        await this.deps.report(result);
      },
      wants: (op) => {
        const operation = this.deps.session.find(op);
        return !!operation && this.wantedChecks(operation, undefined).length > 0;
      },
      claim: (kind, id, readBack) => this.deps.ownership.claim(kind, id, readBack),
      reserve: (kind, id) => this.deps.ownership.reserve(kind, id),
      defer: (step) => {
        if (!this.deps.ownership.mayDelete(step)) {
          const resource = resourceOf(step);
          throw new Error(
            `${resource?.kind} ${resource?.id} is not proven this run's, so it is not deleted (claim it first)`,
          );
        }
        this.cleanups.push({ ...step, report: false, expect: "any" });
      },
      skip: (reason, evidence) => {
        const missing = evidence?.notImplemented;
        const op = evidence && `${evidence.operation.method} ${evidence.operation.path}`;
        throw new ScenarioSkipped(reason, missing && op ? { op, reason: missing } : undefined);
      },
      routeMissing: (op, response) => this.deps.session.routeMissing(op, response),
      skipStep: async (op, reason, sdk) => {
        this.alive();
        const operation = this.deps.session.find(op);
        if (!operation) return;
        this.reached.add(operation.operationId);
        if (sdk) this.sdkJudged.add(sdk);
        for (const check of this.wantedChecks(operation, undefined)) {
          await this.deps.report({
            operationId: operation.operationId,
            checkId: check.id,
            source: this.source,
            step: reason,
            verdict: { status: "skipped", reason },
            ...(sdk ? { sdkMethod: sdk } : {}),
          });
        }
      },
      has: (op) => this.deps.session.find(op) !== undefined,
      holds: (rule, judgement) => this.holds(rule, judgement),
      skipRule: async (rule, reason, where = {}) => {
        this.alive();
        const at = this.locate(rule, where);
        if (!at) return;
        const missing = where.notImplemented ?? where.evidence?.notImplemented;
        const verdict: Verdict = missing
          ? { status: "not_implemented", reason: missing }
          : { status: "skipped", reason };
        const exchange = where.evidence?.exchange.record ?? where.exchange;
        await this.deps.report({
          ...this.result(rule, at, where.detail, verdict),
          ...(exchange ? { exchange: this.deps.redactor.value(exchange) } : {}),
          ...(where.sdkClient ? { sdkClient: where.sdkClient } : {}),
        });
      },
      declared: (capability) => this.deps.declared[capability],
      capability: (name, supported, detail) => {
        const entry = { name, supported, ...(detail ? { detail } : {}) };
        const known = this.deps.capabilities.find((c) => c.name === name);
        if (known) Object.assign(known, entry);
        else this.deps.capabilities.push(entry);
      },
    };
  }

  /** After the script ended early: every declared rule (and covered operation, SDK method) it did not reach gets a verdict. */
  async reportUnreached(
    verdict: Extract<Verdict, { status: "skipped" | "errored" }>,
    missing?: { op: string; reason: string },
  ): Promise<void> {
    const covered = (rule: Rule) => ({
      op: rule.operations.find((op) => this.scenario.covers.includes(op)) ?? rule.operations[0]!,
    });
    // Rules about a route the target does not have are not implemented; the others are skipped for that reason.
    const verdictFor = (rule: Rule): Verdict =>
      missing && rule.operations.includes(missing.op) ? { status: "not_implemented", reason: missing.reason } : verdict;
    for (const rule of this.scenario.rules) {
      if (this.judged.has(rule.id)) continue;
      const at = this.locate(rule, covered(rule));
      if (at) await this.deps.report(this.result(rule, at, undefined, verdictFor(rule)));
    }
    const uncovered = this.scenario.covers
      .map((op) => this.deps.session.find(op))
      .filter((op): op is Operation => !!op && !this.reached.has(op.operationId));
    const sdkLeft = (this.scenario.sdk ?? []).filter((method) => !this.sdkJudged.has(method));
    // A scenario without rules of its own still leaves a trace of its error, on the operation it was at.
    if (
      verdict.status === "errored" &&
      this.scenario.rules.length === 0 &&
      uncovered.length === 0 &&
      this.lastOperation
    ) {
      uncovered.push(this.lastOperation);
    }
    for (const operation of uncovered) {
      for (const check of this.wantedChecks(operation)) {
        await this.deps.report({
          operationId: operation.operationId,
          checkId: check.id,
          source: this.source,
          step: this.scenario.title,
          verdict,
        });
      }
    }
    // SDK methods whose calls never happened get the same verdict, so no method goes without one: under a rule that
    // speaks for the method, or else under a generic check.
    const fallback = uncovered[0] ?? this.lastOperation;
    const check = fallback && this.wantedChecks(fallback)[0];
    for (const sdkMethod of sdkLeft.filter((method) => !this.sdkJudged.has(method))) {
      const rule = this.scenario.rules.find((r) => r.sdk.includes(sdkMethod));
      const at = rule && this.locate(rule, { ...covered(rule), sdk: sdkMethod });
      if (rule && at) await this.deps.report(this.result(rule, at, undefined, verdict));
      else if (fallback && check) {
        await this.deps.report({
          operationId: fallback.operationId,
          checkId: check.id,
          source: this.source,
          step: this.scenario.title,
          verdict,
          sdkMethod,
        });
      }
    }
  }

  private async holds(rule: Rule, judgement: Judgement): Promise<boolean> {
    this.alive();
    const at = this.locate(rule, judgement);
    if (!at) return judgement.ok;
    const { operation, sdk } = at;
    const detail = judgement.detail;
    const missing = judgement.evidence?.notImplemented;
    const verdict: Verdict = judgement.ok
      ? { status: "passed" }
      : missing
        ? { status: "not_implemented", reason: missing }
        : {
            status: "failed",
            findings: [
              this.deps.redactor.value({
                checkId: rule.id,
                severity: rule.severity,
                operationId: operation.operationId,
                message: `Received: ${describeAgainst(judgement.actual, judgement.expected)} / Documented: ${rule.title}${detail ? ` (${detail})` : ""}`,
                ...(judgement.expected !== undefined ? { expected: judgement.expected } : {}),
                ...(judgement.actual !== undefined ? { actual: judgement.actual } : {}),
                ...findingKeys(rule.id, operation.operationId, detail, judgement.actual),
              }),
            ],
          };
    const exchange = judgement.evidence
      ? judgement.evidence.exchange.record
      : judgement.exchange
        ? this.deps.redactor.value(judgement.exchange)
        : undefined;
    await this.deps.report({
      ...this.result(rule, { operation, sdk }, detail, verdict),
      ...(exchange ? { exchange } : {}),
      ...(judgement.sdkClient ? { sdkClient: judgement.sdkClient } : {}),
    });
    return judgement.ok;
  }

  /** Where a rule's result goes; undefined when it is not wanted. Naming an undeclared rule or operation is a suite bug. */
  private locate(rule: Rule, where: Pick<Judgement, "op" | "sdk">): { operation: Operation; sdk?: string } | undefined {
    if (!this.scenario.rules.includes(rule))
      throw new Error(`scenario ${this.scenario.id} judges rule ${rule.id} without declaring it`);
    const op = where.op ?? rule.operations[0]!;
    if (!rule.operations.includes(op)) throw new Error(`rule ${rule.id} is not about ${op}`);
    if (where.sdk !== undefined && !rule.sdk.includes(where.sdk))
      throw new Error(`rule ${rule.id} does not speak for ${where.sdk}`);
    const operation = this.deps.session.find(op);
    if (!operation) throw new ScenarioSkipped(`the spec has no operation ${op}`);
    this.lastOperation = operation;
    if (!this.deps.filter.wants(operation, rule.id)) return undefined;
    this.judged.add(rule.id);
    this.reached.add(operation.operationId);
    const sdk = where.sdk ?? (rule.sdk.length === 1 ? rule.sdk[0] : undefined);
    if (sdk) this.sdkJudged.add(sdk);
    return { operation, ...(sdk ? { sdk } : {}) };
  }

  private result(
    rule: Rule,
    at: { operation: Operation; sdk?: string },
    detail: string | undefined,
    verdict: Verdict,
  ): CheckResult {
    return {
      operationId: at.operation.operationId,
      checkId: rule.id,
      source: this.source,
      step: detail ? `${rule.title} (${detail})` : rule.title,
      verdict,
      ...(at.sdk ? { sdkMethod: at.sdk } : {}),
    };
  }

  private wantedChecks(operation: Operation, ids = this.scenario.checks): Check[] {
    return this.deps.checks.filter(
      (c) =>
        (ids === undefined || ids.includes(c.id)) &&
        c.appliesTo?.(operation) !== false &&
        this.deps.filter.wants(operation, c.id),
    );
  }

  private alive(): void {
    if (this.stopReason !== undefined) throw new ScenarioStopped(this.stopReason);
  }

  private track(step: Step): void {
    this.alive();
    const operation = this.deps.session.find(step.op);
    if (!operation) throw new ScenarioSkipped(`the spec has no operation ${step.op}`);
    this.lastOperation = operation;
    if (step.report !== false) this.reached.add(operation.operationId);
    if (step.report !== false && step.sdk) this.sdkJudged.add(step.sdk);
  }
}
