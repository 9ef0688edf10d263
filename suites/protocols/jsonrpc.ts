// What the protocol scenarios share: whether the target offers a protocol, and reading JSON-RPC answers.

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { dataOf, eventsOf, why, type Json } from "../support/index.ts";

export const isObject = (value: unknown): value is Json =>
  !!value && typeof value === "object" && !Array.isArray(value);

/**
 * Whether the target has the protocol's route. When it does not, the protocol is recorded as missing and its rules are
 * skipped with the reason (the generic checks report the route as not implemented).
 */
export async function offers(
  ctx: ScenarioContext,
  protocol: string,
  outcome: StepOutcome,
  rules: readonly Rule[],
): Promise<boolean> {
  ctx.capability(
    protocol,
    !outcome.notImplemented,
    outcome.notImplemented ?? `${outcome.operation.operationId} ${why(outcome)}`,
  );
  if (!outcome.notImplemented) return true;
  for (const rule of rules) await ctx.skipRule(rule, `the target does not offer ${protocol}`, { evidence: outcome });
  return false;
}

/** The JSON-RPC message of an answer: its JSON body, or the data of the first event when it answered with a stream. */
export function jsonRpcMessage(outcome: StepOutcome): Json | undefined {
  if (isObject(outcome.json)) return outcome.json;
  const data = dataOf(eventsOf(outcome)[0]);
  return isObject(data) ? data : undefined;
}

/** The JSON-RPC members of a message, to show what came back. */
export const envelope = (message: Json | undefined, outcome: StepOutcome) =>
  message
    ? Object.fromEntries(["jsonrpc", "id", "result", "error"].filter((k) => k in message).map((k) => [k, message[k]]))
    : (outcome.status ?? why(outcome));

export const asJson = (value: unknown): Json | undefined => (isObject(value) ? value : undefined);
