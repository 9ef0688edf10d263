// Helpers the semantic scenarios share: reading answers, comparing results, waiting, and reporting one rule as skipped.

import type { ScenarioContext } from "../src/engine/scenario.ts";
import type { StepOutcome } from "../src/engine/session.ts";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type Json = Record<string, unknown>;

/** The body of a 2xx answer as an object, or undefined. */
export const bodyOf = (outcome: StepOutcome): Json | undefined =>
  outcome.ok && outcome.json && typeof outcome.json === "object" && !Array.isArray(outcome.json) ? (outcome.json as Json) : undefined;

/** The body of a 2xx answer as a list of objects (or the list under `key`), or undefined. */
export function listOf(outcome: StepOutcome, key?: string): Json[] | undefined {
  const value = key ? bodyOf(outcome)?.[key] : outcome.ok ? outcome.json : undefined;
  return Array.isArray(value) ? value.filter((x): x is Json => !!x && typeof x === "object") : undefined;
}

/** Reads a dotted path of a value. */
export const pick = (value: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), value);

export const strings = (items: Json[] | undefined, path: string): string[] => (items ?? []).map((i) => pick(i, path)).filter((v): v is string => typeof v === "string");

export const sameMembers = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

export const isDateTime = (value: unknown) => typeof value === "string" && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d\d-\d\dT/.test(value);

/** Metadata that marks what one scenario created, so its searches see only its own resources. */
export const marker = (ctx: ScenarioContext, scenario: string): Record<string, string> => ({ ...ctx.metadata, conformance_scenario: scenario });

/** Whether every message content in `texts` appears in the state's `messages`. */
export function hasMessages(values: unknown, texts: readonly string[]): boolean {
  const messages = pick(values, "messages");
  if (!Array.isArray(messages)) return false;
  const contents = messages.map((m) => pick(m, "content"));
  return texts.every((t) => contents.includes(t));
}

/** One message, in the form every fixture graph's `messages` channel accepts. */
export const human = (content: string) => ({ messages: [{ role: "human", content }] });

/** Reports one rule as skipped while the scenario goes on, filed under the operation of `outcome`. */
export const skipRule = (ctx: ScenarioContext, outcome: StepOutcome, check: string, claim: string, reason: string, sdk?: string): Promise<void> =>
  ctx.skipRule({ op: `${outcome.operation.method} ${outcome.operation.path}`, check, claim, reason, ...(sdk ? { sdk } : {}) });

/** Why a step failed, in a few words, for skip reasons. */
export const why = (outcome: StepOutcome) => outcome.notImplemented ?? (outcome.status !== undefined ? `answered ${outcome.status}` : (outcome.exchange.error?.message ?? "failed"));
