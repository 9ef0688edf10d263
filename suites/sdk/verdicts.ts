// SDK verdicts with the client that earned them (`sdkClient`): one result per SDK call or claim, each with the HTTP
// exchange behind it, judged through the scenario's rules like any other (so --only/--skip select them one by one).
// A call that never finished (the client broke or was stopped) is reported errored here, with the message.

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import { createRedactor } from "../../src/http/redact.ts";
import type { CheckResult, ExchangeRecord, Verdict } from "../../src/model.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { loadSpec } from "../../src/spec/load.ts";

export interface SdkJudgement {
  /** The operation ("METHOD /path") the call reached. */
  op: string;
  sdk: string;
  /** How the client was called, and the claim when it is about the result. */
  detail: string;
  ok: boolean;
  expected?: unknown;
  actual?: unknown;
  exchange?: ExchangeRecord;
}

let operationIds: Promise<Map<string, string>> | undefined;

/** Operation ids by "METHOD /path", from the bundled spec (the one every SDK speaks to). */
function operationIdOf(op: string): Promise<string | undefined> {
  operationIds ??= loadSpec().then(
    (spec) => new Map(spec.operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o.operationId])),
  );
  return operationIds.then((ids) => ids.get(op));
}

/** Reports SDK verdicts of one scenario and one client; remembers which methods got one. */
export class SdkVerdicts {
  readonly judged = new Set<string>();
  private readonly redactor;

  constructor(
    private readonly ctx: ScenarioContext,
    private readonly scenarioId: string,
    readonly client: string,
  ) {
    this.redactor = createRedactor({ ...ctx.target.headers });
  }

  /** Passed, or failed with the expected and actual values; returns `ok`. */
  async holds(rule: Rule, judgement: SdkJudgement): Promise<boolean> {
    if (!this.ctx.has(judgement.op)) return judgement.ok;
    this.judged.add(judgement.sdk);
    const { detail, exchange, ...rest } = judgement;
    return this.ctx.holds(rule, {
      ...rest,
      detail: this.keyDetail(detail),
      sdkClient: this.client,
      ...(exchange ? { exchange } : {}),
    });
  }

  /** Skipped with the reason, or not implemented when `notImplemented` says the target has no such route. */
  async skip(rule: Rule, reason: string, where: Omit<SdkJudgement, "ok"> & { notImplemented?: string }): Promise<void> {
    if (!this.ctx.has(where.op)) return;
    this.judged.add(where.sdk);
    await this.ctx.skipRule(rule, reason, {
      op: where.op,
      sdk: where.sdk,
      detail: this.keyDetail(where.detail),
      sdkClient: this.client,
      ...(where.exchange ? { exchange: where.exchange } : {}),
      ...(where.notImplemented ? { notImplemented: where.notImplemented } : {}),
    });
  }

  /** An unfinished call (the client was stopped or broke): errored with the message. */
  async errored(rule: Rule, message: string, where: Omit<SdkJudgement, "ok">): Promise<void> {
    const operationId = await this.operationId(rule, where.op, where.sdk);
    if (operationId)
      await this.emit(rule, operationId, where, { status: "errored", message: this.redactor.text(message) });
  }

  /** Gives every method of `methods` that has no verdict yet this one (at the operation `opOf` names). */
  async rest(
    rule: Rule,
    methods: readonly string[],
    opOf: (method: string) => string,
    verdict: { reason: string } | { message: string },
  ): Promise<void> {
    for (const sdk of methods.filter((m) => !this.judged.has(m))) {
      const where = { op: opOf(sdk), sdk, detail: "not called" };
      if ("reason" in verdict) await this.skip(rule, verdict.reason, where);
      else await this.errored(rule, verdict.message, where);
    }
  }

  /**
   * The JS client's findings keep the keys they had before other clients were judged (baselines name them); another
   * client's findings are told apart by its name, not its version, so a newer version finds the same departure again.
   */
  private keyDetail(detail: string): string {
    const name = this.client.split(" ")[0]!;
    return name === "js" ? detail : `${name}: ${detail}`;
  }

  private async operationId(rule: Rule, op: string, sdk: string): Promise<string | undefined> {
    if (!rule.operations.includes(op)) throw new Error(`rule ${rule.id} is not about ${op}`);
    if (!rule.sdk.includes(sdk)) throw new Error(`rule ${rule.id} does not speak for ${sdk}`);
    if (!this.ctx.has(op)) return undefined;
    return (await operationIdOf(op)) ?? op;
  }

  private async emit(
    rule: Rule,
    operationId: string,
    where: Omit<SdkJudgement, "ok">,
    verdict: Verdict,
  ): Promise<void> {
    this.judged.add(where.sdk);
    const result: CheckResult = {
      operationId,
      checkId: rule.id,
      source: `scenario:${this.scenarioId}`,
      step: `${rule.title} (${this.client}: ${where.detail})`,
      verdict,
      ...(where.exchange ? { exchange: this.redactor.value(where.exchange) } : {}),
      sdkMethod: where.sdk,
      sdkClient: this.client,
    };
    await this.ctx.emit(result);
  }
}
