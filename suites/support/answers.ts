// Reading the target's answers: bodies, lists, fields, messages and stream events, type-safe whatever the shape.

import type { StepOutcome } from "../../src/engine/session.ts";
import type { SseEvent } from "../../src/http/sse.ts";

export type Json = Record<string, unknown>;

/** The body of a 2xx answer as an object, or undefined. */
export const bodyOf = (outcome: StepOutcome): Json | undefined =>
  outcome.ok && outcome.json && typeof outcome.json === "object" && !Array.isArray(outcome.json)
    ? (outcome.json as Json)
    : undefined;

/** The body of a 2xx answer as a list of objects (or the list under `key`), or undefined. */
export function listOf(outcome: StepOutcome, key?: string): Json[] | undefined {
  const value = key ? bodyOf(outcome)?.[key] : outcome.ok ? outcome.json : undefined;
  return Array.isArray(value) ? value.filter((x): x is Json => !!x && typeof x === "object") : undefined;
}

/** Reads a dotted path of a value. */
export const pick = (value: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), value);

export const strings = (items: Json[] | undefined, path: string): string[] =>
  (items ?? []).map((i) => pick(i, path)).filter((v): v is string => typeof v === "string");

export const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

export const isDateTime = (value: unknown) =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d\d-\d\dT/.test(value);

/** The `status` of a 2xx answer (a run or a thread). */
export const statusOf = (outcome: StepOutcome): string | undefined => {
  const status = bodyOf(outcome)?.status;
  return typeof status === "string" ? status : undefined;
};

/** The text of each message in a state's `messages` channel. */
export function contents(values: unknown): string[] {
  const messages = pick(values, "messages");
  return Array.isArray(messages) ? messages.map((m) => String(pick(m, "content") ?? "")) : [];
}

/** Whether every message content in `texts` appears in the state's `messages`. */
export function hasMessages(values: unknown, texts: readonly string[]): boolean {
  const messages = pick(values, "messages");
  if (!Array.isArray(messages)) return false;
  const found = messages.map((m) => pick(m, "content"));
  return texts.every((t) => found.includes(t));
}

/** The parsed data of an event, or undefined when it is not JSON. */
export function dataOf(event: SseEvent | undefined): unknown {
  if (!event) return undefined;
  try {
    return JSON.parse(event.data);
  } catch {
    return undefined;
  }
}

export const eventsOf = (outcome: StepOutcome): SseEvent[] => outcome.exchange.response?.events ?? [];

/** Why a step failed, in a few words, for skip reasons. */
export const why = (outcome: StepOutcome) =>
  outcome.notImplemented ??
  (outcome.status !== undefined ? `answered ${outcome.status}` : (outcome.exchange.error?.message ?? "failed"));

/** What an answer showed at a dotted path, for skip reasons: the failure, or the value found ("absent" if none). */
export const shownAt = (outcome: StepOutcome, path: string): string =>
  outcome.ok ? `${path}: ${JSON.stringify(pick(outcome.json, path)) ?? "absent"}` : why(outcome);

const NOT_FOUND = /not.?found/i;

/** A 200 answer whose `__error__` envelope names something missing, as a join of an unknown run answers (E25). */
export function envelopeSaysNotFound(outcome: StepOutcome): boolean {
  const error = bodyOf(outcome)?.__error__;
  return outcome.ok && !!error && typeof error === "object" && NOT_FOUND.test(JSON.stringify(error));
}

/**
 * A 200 stream of only `error` (and `metadata`) events, one naming something missing, as a join stream of an unknown
 * run answers (E25): no event a run would stream.
 */
export function streamSaysNotFound(outcome: StepOutcome): boolean {
  const events = eventsOf(outcome);
  return (
    outcome.ok &&
    events.length > 0 &&
    events.every((e) => e.event === "error" || e.event === "metadata") &&
    events.some((e) => e.event === "error" && NOT_FOUND.test(e.data))
  );
}
