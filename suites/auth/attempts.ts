// What the auth scenarios share: the identities they need, and how another user's attempt on a user's resource is
// judged (refused, nothing changed, answered as if the resource never existed).

import { randomUUID } from "node:crypto";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { envelopeSaysNotFound, streamSaysNotFound, why, type Json } from "../support/index.ts";
import { AUTH } from "./rules.ts";

export const NO_CREDENTIALS = "no credentials: pass --auth";
export const NO_OTHER = "no second identity: pass --auth-other";

/** Stops the scenario, every rule skipped, unless the run has its own credentials. */
export function needCredentials(ctx: ScenarioContext): void {
  if (!ctx.identities.self) ctx.skip(NO_CREDENTIALS);
}

/** Stops the scenario, every rule it has not judged skipped, unless the run has a second identity too. */
export function needOther(ctx: ScenarioContext): void {
  needCredentials(ctx);
  if (!ctx.identities.other) ctx.skip(NO_OTHER);
}

/** A step as identity B, checked by no generic check: its answers are the auth rules' to judge. */
export const asOther = (step: Step): Step => ({ ...step, as: "other", report: false, expect: "any" });

/** A step as identity A, unreported (setup and read-backs). */
export const asSelf = (step: Step): Step => ({ ...step, report: false, expect: "any" });

/**
 * A join, or a join stream, that says in its answer that the run is not there, as both official servers answer one
 * that does not exist (errata E25): an `__error__` envelope, or only `error` (and `metadata`) events, naming a missing
 * run or thread.
 */
export const notFoundInBand = (outcome: StepOutcome): boolean =>
  envelopeSaysNotFound(outcome) || streamSaysNotFound(outcome);

const refused = (o: StepOutcome) => (o.status !== undefined && o.status >= 400 && o.status < 500) || notFoundInBand(o);
const failed = (o: StepOutcome) => o.status === undefined || o.status >= 500;
/** What an answer says of the resource, for telling two answers apart. */
const kindOf = (o: StepOutcome) => (notFoundInBand(o) ? `${o.status} saying not found` : why(o));

/** Members of an answer that only data has (an error answer has none of them). */
const DATA_KEYS = new Set([
  "thread_id",
  "assistant_id",
  "run_id",
  "cron_id",
  "items",
  "namespaces",
  "values",
  "metadata",
  "checkpoint",
  "graph_id",
]);

/** Whether an answer carries data: a list, a number, or an object with a member only data has. */
export function carriesData(outcome: StepOutcome): boolean {
  const json = outcome.json;
  if (Array.isArray(json) || typeof json === "number" || typeof json === "boolean") return true;
  return !!json && typeof json === "object" && Object.keys(json).some((k) => DATA_KEYS.has(k));
}

/** A fresh id in place of every path parameter: the same request about resources that never existed. */
export const neverExisted = (step: Step): Step => ({
  ...step,
  params: Object.fromEntries(Object.keys(step.params ?? {}).map((name) => [name, randomUUID()])),
});

export interface Attempt {
  /** The isolation rule the attempt is judged by. */
  rule: Rule;
  /** What B tries, in a few words ("read A's thread"). */
  what: string;
  /** A's resource it is about, named in findings ("thread 1f0…"). */
  resource: string;
  /** Which instance of the rule this is ("thread", "thread state"). */
  detail: string;
  step: Omit<Step, "step">;
  /** Reads A's resource back after the attempt: what B changed of it, or undefined when nothing. */
  changed?: () => Promise<string | undefined>;
  /** What to do when the target wrongly accepted the attempt (B deletes what it made). */
  accepted?: (outcome: StepOutcome) => Promise<void>;
}

/**
 * Sends B's attempt on A's resource, and the same request about resources that never existed, and judges the
 * attempt's rule (refused with a 4xx, or a join's in-band not found; nothing changed) and
 * auth_isolation_hides_existence (404, or the answer about resources that never existed). A 5xx that the request
 * about nothing answers too tells nothing: skipped.
 */
export async function judgeAttempt(ctx: ScenarioContext, attempt: Attempt): Promise<StepOutcome> {
  const { rule, what, resource, detail } = attempt;
  const step = { ...attempt.step, step: `as the other identity, ${what}` } as Step;
  const outcome = await ctx.call(asOther(step));
  if (outcome.ok) await attempt.accepted?.(outcome);
  const changed = await attempt.changed?.();
  const control = await ctx.call(asOther({ ...neverExisted(step), step: `${step.step}, one that never existed` }));
  const where = { op: step.op, detail };
  const expected = { other: `404 (or 403) to ${step.op}`, owner: `${resource} unchanged` };
  const request = `${outcome.operation.method} ${outcome.exchange.request.path}`;
  const actual = { other: `${request} ${kindOf(outcome)}`, owner: changed ?? `${resource} unchanged` };
  if (!changed && failed(outcome) && !outcome.notImplemented && control.status === outcome.status) {
    await ctx.skipRule(
      rule,
      `the other identity's request about ${resource} ${why(outcome)}, and so does the same request about ` +
        "one that never existed: whether the target would keep them apart cannot be told",
      { ...where, evidence: outcome },
    );
  } else {
    await ctx.holds(rule, { ...where, ok: refused(outcome) && !changed, expected, actual, evidence: outcome });
  }
  if (!refused(outcome) || outcome.notImplemented) {
    await ctx.skipRule(
      AUTH.auth_isolation_hides_existence,
      `the other identity's request was not refused (${why(outcome)}); ${rule.id} judges that`,
      { ...where, evidence: outcome },
    );
  } else {
    // 404 (or a join's in-band not found) is what the API answers about a resource that is not there, even where the
    // target answers otherwise about one that never existed.
    await ctx.holds(AUTH.auth_isolation_hides_existence, {
      ...where,
      ok: outcome.status === 404 || notFoundInBand(outcome) || kindOf(control) === kindOf(outcome),
      expected: { other: `404, or ${kindOf(control)} as about one that never existed` },
      actual: { other: `${request} ${kindOf(outcome)}, about ${resource}` },
      evidence: outcome,
    });
  }
  return outcome;
}

/**
 * Judges a search, count or listing by B: refused, or answered without A's resources (`leak` says which it shows,
 * undefined when none). A 5xx tells nothing: skipped.
 */
export async function judgeListing(
  ctx: ScenarioContext,
  rule: Rule,
  listing: { step: Step; detail: string; expected: string; leak: (outcome: StepOutcome) => string | undefined },
): Promise<StepOutcome> {
  const outcome = await ctx.call(asOther(listing.step));
  const where = { op: listing.step.op, detail: listing.detail, evidence: outcome };
  if (failed(outcome) && !outcome.notImplemented) {
    await ctx.skipRule(rule, `the other identity's ${listing.step.op} ${why(outcome)}`, where);
    return outcome;
  }
  const leak = outcome.ok ? listing.leak(outcome) : undefined;
  await ctx.holds(rule, {
    ...where,
    ok: !outcome.ok || leak === undefined,
    expected: { other: listing.expected },
    actual: { other: leak ?? why(outcome) },
  });
  return outcome;
}

/** The metadata of an answer, or of an object. */
export const metadataOf = (value: unknown): Json | undefined => {
  const metadata = (value as { metadata?: unknown } | null | undefined)?.metadata;
  return metadata && typeof metadata === "object" && !Array.isArray(metadata) ? (metadata as Json) : undefined;
};

export const same = (a: unknown, b: unknown) => stable(a) === stable(b);

const stable = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  ) ?? "undefined";
