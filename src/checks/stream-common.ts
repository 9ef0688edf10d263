// What the stream checks share: which streams a rule applies to, the modes a request asked for, and event data.

import type { CheckContext, CheckVerdict } from "./check.ts";
import { skipped } from "./check.ts";
import type { SseEvent } from "../http/sse.ts";

/** Event names each stream mode produces (before any `|namespace` suffix). */
export const MODE_EVENTS: Readonly<Record<string, readonly string[]>> = {
  values: ["values"],
  updates: ["updates"],
  "messages-tuple": ["messages"],
  messages: ["messages/partial", "messages/complete", "messages/metadata"],
  events: ["events"],
  debug: ["debug"],
  custom: ["custom"],
  tasks: ["tasks"],
  checkpoints: ["checkpoints"],
};

/** Events any run stream may carry whatever its modes. */
export const ALWAYS_ALLOWED = ["metadata", "error", "end"] as const;

/** The part of an event name before the first `|` (subgraph events are `mode|namespace|…`). */
export const baseName = (event: SseEvent): string => event.event.split("|")[0] ?? event.event;

/** The events of a successful event-stream answer, or a skip verdict saying why the rule does not apply. */
export function streamEvents(ctx: CheckContext): SseEvent[] | CheckVerdict {
  const { response } = ctx;
  if (!response.events) return skipped("not an event stream");
  if (response.status < 200 || response.status >= 300)
    return skipped(`status ${response.status} carries no run events`);
  return response.events;
}

export const isVerdict = (value: SseEvent[] | CheckVerdict): value is CheckVerdict => !Array.isArray(value);

/** A run's own event stream: creating a run and streaming it, or joining one run's stream. */
export const isRunStream = (path: string): boolean => path.endsWith("/runs/stream") || isJoinStream(path);

export const isJoinStream = (path: string): boolean => path.endsWith("/runs/{run_id}/stream");

/** A stream of run events: a run's own, or a thread's (which carries the events of its runs one after another). */
export const carriesRunEvents = (path: string): boolean => isRunStream(path) || path === "/threads/{thread_id}/stream";

/** A POST that creates the run it streams, so its body says what to stream. */
export const isCreatingStream = (ctx: CheckContext): boolean =>
  ctx.operation.method.toUpperCase() === "POST" && ctx.operation.path.endsWith("/runs/stream");

/** The request body as an object (a run-creating request's payload). */
export function requestBody(ctx: CheckContext): Record<string, unknown> {
  const json = ctx.exchange.request.json;
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

/**
 * The stream modes a request asked for: the body's `stream_mode` on run creation (default ["values"]), the
 * `stream_mode` query on a join. Undefined when the request does not say (a join without the query).
 */
export function requestedModes(ctx: CheckContext): string[] | undefined {
  const raw = isCreatingStream(ctx)
    ? (requestBody(ctx).stream_mode ?? ["values"])
    : ctx.exchange.request.query?.stream_mode;
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

/**
 * Why a stream has no run to judge, or undefined: its only events are `error` events and it names no run it created
 * (a join of a run that does not exist answers so). The error itself is for the rule about that case to judge.
 */
export function runlessError(ctx: CheckContext, events: readonly SseEvent[]): string | undefined {
  if (events.length === 0 || !events.every((e) => baseName(e) === "error")) return undefined;
  if (isCreatingStream(ctx) && ctx.response.headers["content-location"] !== undefined) return undefined;
  return "the stream carries only an error event and names no run, so there is no run to judge";
}

/** A request header, whatever its case. */
export function requestHeader(ctx: CheckContext, name: string): string | undefined {
  const headers = ctx.exchange.request.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** An event's data parsed as JSON; `ok: false` when it is not JSON. */
export function dataOf(event: SseEvent): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(event.data) };
  } catch {
    return { ok: false };
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);
