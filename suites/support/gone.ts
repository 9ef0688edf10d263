// Delete rules of every area: a read after a delete that answers 5xx is told apart from a resource still there.

import type { Judgement, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { why } from "./answers.ts";

export interface Gone extends Omit<Judgement, "evidence" | "exchange"> {
  /** The read after the delete that the judgement is about. */
  read: StepOutcome;
  /** The same read of one that never existed (a fresh random id): sent only when `read` answered 5xx. */
  never: Step;
  /** What was deleted, in a word or two: "thread", "store item". */
  what: string;
  /** The rule that judges unknown ids of this kind, named in the skip reason, if the area has one. */
  unknownIdRule?: string;
  /** The exchange shown, when not `read`. */
  evidence?: StepOutcome;
}

/**
 * Judges a delete rule. When the read after the delete answers 5xx, the rule does not claim the resource is still
 * there: the same read of one that never existed is sent, and if it answers the same 5xx the rule is skipped (the 5xx
 * is for not_a_server_error and the unknown-id rule to judge); if it answers anything else, the rule fails with both.
 */
export async function judgeGone(ctx: ScenarioContext, rule: Rule, gone: Gone): Promise<void> {
  const { read, never, what, unknownIdRule, evidence = read, ...judgement } = gone;
  const status = read.status;
  if (judgement.ok || status === undefined || status < 500 || read.notImplemented) {
    await ctx.holds(rule, { ...judgement, evidence });
    return;
  }
  const control = await ctx.call({ ...never, expect: "any", report: false });
  const where = { evidence: read, ...pickWhere(judgement) };
  if (control.status === status) {
    const judges = unknownIdRule ? `not_a_server_error and ${unknownIdRule} judge` : "not_a_server_error judges";
    await ctx.skipRule(
      rule,
      `reading the deleted ${what} answered ${status}, and so does reading a ${what} that never existed: the ` +
        `target answers ${status} for anything missing (${judges} that), so whether the delete removed it ` +
        "cannot be told",
      where,
    );
    return;
  }
  await ctx.holds(rule, {
    ...judgement,
    ok: false,
    actual: { [`deleted ${what}`]: status, [`${what} that never existed`]: control.status ?? why(control) },
    evidence: read,
  });
}

const pickWhere = ({ op, sdk, detail }: Pick<Judgement, "op" | "sdk" | "detail">) => ({
  ...(op ? { op } : {}),
  ...(sdk ? { sdk } : {}),
  ...(detail ? { detail } : {}),
});
