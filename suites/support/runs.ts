// Runs on a thread: starting them, reading them, waiting for them to start or end, and stopping them before cleanup.

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import { bodyOf, statusOf, type Json } from "./answers.ts";
import { need, runBody } from "./resources.ts";
import { poll } from "./wait.ts";

/** Statuses a run is still going in. */
export const ACTIVE = ["pending", "running"];

/** Starts a background run on a thread (reported as runs.create) and answers its id; skips the scenario if refused. */
export async function startRun(
  ctx: ScenarioContext,
  threadId: string,
  assistantId: string,
  extra: Json,
  step: string,
): Promise<string> {
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
  poll(
    ctx,
    getRun(threadId, runId, "wait for the run to end"),
    (o) => o.status === 404 || (o.ok && !ACTIVE.includes(statusOf(o) ?? "pending")),
    timeoutMs,
  );

/** Polls the run until a worker has picked it up (status running), bounded. */
export const running = (ctx: ScenarioContext, threadId: string, runId: string) =>
  poll(ctx, getRun(threadId, runId, "wait for the run to start"), (o) => !o.ok || statusOf(o) !== "pending", 5_000);

/** The thread's current state values (unreported read). */
export async function stateValues(
  ctx: ScenarioContext,
  threadId: string,
): Promise<{ outcome: StepOutcome; values: unknown }> {
  const outcome = await ctx.call({
    op: "GET /threads/{thread_id}/state",
    step: "read the thread's state",
    params: { thread_id: threadId },
    report: false,
  });
  return { outcome, values: bodyOf(outcome)?.values };
}

/** Cancels a run and waits for it to stop, unreported: so no run outlives the scenario that started it. */
export const stop = (ctx: ScenarioContext, threadId: string, runId: string) =>
  ctx.call({
    op: "POST /threads/{thread_id}/runs/{run_id}/cancel",
    step: "stop the run before cleanup",
    params: { thread_id: threadId, run_id: runId },
    query: { action: "interrupt", wait: true },
    timeoutMs: 10_000,
    report: false,
  });
