// The Python driver's lines as SDK verdicts: a call line judges sdk_call, a claim line sdk_result, with the exchange of
// the call; a flow that stopped early, or a driver that did not finish, leaves its other methods a verdict that says why.

import type { ScenarioContext } from "../../../src/engine/scenario.ts";
import type { ExchangeRecord } from "../../../src/model.ts";
import { operationOfMethod, SDK } from "../rules.ts";
import type { SdkVerdicts } from "../verdicts.ts";
import type { DriverLine } from "./lines.ts";
import type { DriverEnd } from "./process.ts";

export class DriverReport {
  /** Why a flow stopped before calling every method, when one did. */
  stopReason: string | undefined;
  private readonly exchangeOfCall = new Map<string, ExchangeRecord | undefined>();

  constructor(
    private readonly ctx: Pick<ScenarioContext, "routeMissing">,
    private readonly verdicts: SdkVerdicts,
  ) {}

  async line(line: DriverLine): Promise<void> {
    switch (line.type) {
      case "call":
        return this.call(line);
      case "claim": {
        const exchange = this.exchangeOfCall.get(`${line.op}|${line.call}`);
        await this.verdicts.holds(SDK.sdk_result, {
          op: line.op,
          sdk: line.method,
          detail: `${line.call}: ${line.claim}`,
          ok: line.holds,
          expected: line.expected,
          actual: line.actual,
          ...(exchange ? { exchange } : {}),
        });
        return;
      }
      case "stop":
        this.stopReason ??= line.reason;
        return;
      case "done":
        return;
    }
  }

  /** After the driver ended: each method of `methods` without a verdict gets the reason it has none. */
  async end(methods: readonly string[], end: DriverEnd): Promise<void> {
    if (end.status === "timed_out") {
      const message = `the Python client did not finish within ${end.afterMs} ms, so it was stopped`;
      await this.verdicts.rest(SDK.sdk_call, methods, operationOfMethod, { message });
    } else if (end.status === "broken") {
      await this.verdicts.rest(SDK.sdk_call, methods, operationOfMethod, { message: end.message });
    } else if (this.stopReason) {
      await this.verdicts.rest(SDK.sdk_call, methods, operationOfMethod, { reason: this.stopReason });
    }
  }

  private async call(line: Extract<DriverLine, { type: "call" }>): Promise<void> {
    const exchange = line.exchanges.at(-1);
    this.exchangeOfCall.set(`${line.op}|${line.call}`, exchange);
    const where = { op: line.op, sdk: line.method, detail: line.call, ...(exchange ? { exchange } : {}) };
    if (line.ok) {
      await this.verdicts.holds(SDK.sdk_call, { ...where, ok: true });
      return;
    }
    const response = exchange?.response;
    const missing = response && this.ctx.routeMissing(line.op, { status: response.status, text: response.body });
    if (missing) await this.verdicts.skip(SDK.sdk_call, missing, { ...where, notImplemented: missing });
    else await this.verdicts.holds(SDK.sdk_call, { ...where, ok: false, expected: "no error", actual: line.error });
  }
}
