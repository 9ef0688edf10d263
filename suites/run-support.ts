// Helpers the run and stream scenarios share: starting runs, bounded polling with backoff, and reading answers.

import type { ScenarioContext } from "../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../src/engine/session.ts";
import type { SseEvent } from "../src/http/sse.ts";
import { need, runBody } from "./support.ts";

export type Json = Record<string, unknown>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Statuses a run is still going in. */
export const ACTIVE = ["pending", "running"];

/** The body of a 2xx answer as an object, or undefined. */
export const bodyOf = (outcome: StepOutcome): Json | undefined =>
  outcome.ok && outcome.json && typeof outcome.json === "object" && !Array.isArray(outcome.json) ? (outcome.json as Json) : undefined;

/** The `status` of a 2xx answer (a run or a thread). */
export const statusOf = (outcome: StepOutcome): string | undefined => {
  const status = bodyOf(outcome)?.status;
  return typeof status === "string" ? status : undefined;
};

/** The text of each message in a state's `messages` channel. */
export function contents(values: unknown): string[] {
  const messages = values && typeof values === "object" ? (values as Json).messages : undefined;
  return Array.isArray(messages) ? messages.map((m) => String((m as Json | null)?.content ?? "")) : [];
}

/** Config that makes the slow fixture graph sleep this long. */
export const delay = (ms: number) => ({ config: { configurable: { delay_ms: ms } } });

/** A human message as run input. */
export const say = (text: string) => ({ input: { messages: [{ role: "human", content: text }] } });

/**
 * Repeats an unreported step with a short backoff (100 ms, growing to 500 ms) until `done` holds or `timeoutMs`
 * has passed; answers the last outcome either way, so the caller asserts on what it saw.
 */
export async function poll(ctx: ScenarioContext, step: Step, done: (outcome: StepOutcome) => boolean, timeoutMs = 5_000): Promise<StepOutcome> {
  const deadline = Date.now() + timeoutMs;
  let wait = 100;
  for (;;) {
    const outcome = await ctx.call({ ...step, report: false });
    if (done(outcome) || Date.now() + wait > deadline) return outcome;
    await sleep(wait);
    wait = Math.min(500, Math.round(wait * 1.5));
  }
}

/** Starts a background run on a thread (reported as runs.create) and answers its id; skips the scenario if refused. */
export async function startRun(ctx: ScenarioContext, threadId: string, assistantId: string, extra: Json, step: string): Promise<string> {
  const created = await ctx.call({
    op: "POST /threads/{thread_id}/runs",
    step,
    params: { thread_id: threadId },
    body: runBody(assistantId, { metadata: ctx.metadata, ...extra }),
    sdk: "runs.create",
  });
  return need(ctx, created, "run_id");
}

export const getRun = (threadId: string, runId: string, step = "read the run"): Step => ({
  op: "GET /threads/{thread_id}/runs/{run_id}",
  step,
  params: { thread_id: threadId, run_id: runId },
  expect: "any",
  sdk: "runs.get",
});

export const getThread = (threadId: string, step = "read the thread's status"): Step => ({
  op: "GET /threads/{thread_id}",
  step,
  params: { thread_id: threadId },
  sdk: "threads.get",
});

/** Polls the run until it has left pending/running (or is gone), bounded. */
export const settled = (ctx: ScenarioContext, threadId: string, runId: string, timeoutMs = 5_000) =>
  poll(ctx, getRun(threadId, runId, "wait for the run to end"), (o) => o.status === 404 || (o.ok && !ACTIVE.includes(statusOf(o) ?? "pending")), timeoutMs);

/** Polls the run until a worker has picked it up (status running), bounded. */
export const running = (ctx: ScenarioContext, threadId: string, runId: string) =>
  poll(ctx, getRun(threadId, runId, "wait for the run to start"), (o) => !o.ok || statusOf(o) !== "pending", 5_000);

/** The thread's current state values (unreported read). */
export async function stateValues(ctx: ScenarioContext, threadId: string): Promise<{ outcome: StepOutcome; values: unknown }> {
  const outcome = await ctx.call({ op: "GET /threads/{thread_id}/state", step: "read the thread's state", params: { thread_id: threadId }, report: false });
  return { outcome, values: bodyOf(outcome)?.values };
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

/** Runs independent flows at once and waits for all of them (so none outlives the scenario), then rethrows the first failure. */
export async function all<T>(flows: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(flows);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Cancels a run and waits for it to stop, unreported: so no run outlives the scenario that started it. */
export const stop = (ctx: ScenarioContext, threadId: string, runId: string) =>
  ctx.call({ op: "POST /threads/{thread_id}/runs/{run_id}/cancel", step: "stop the run before cleanup", params: { thread_id: threadId, run_id: runId }, query: { action: "interrupt", wait: true }, timeoutMs: 10_000, report: false });
