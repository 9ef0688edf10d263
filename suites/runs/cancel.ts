// Cancelling running runs: action interrupt and rollback with wait, and cancelling by thread and run ids.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import {
  ACTIVE,
  all,
  delay,
  getRun,
  getThread,
  running,
  settled,
  startRun,
  statusOf,
  stop,
  why,
} from "../support/index.ts";
import { createAssistant, createThread, GRAPH_IDS } from "../support/index.ts";
import { CANCEL, CANCEL_MANY, RUNS } from "./rules.ts";

const LONG = delay(10_000);

/** A thread with a slow run that a worker has picked up. */
async function runningRun(ctx: ScenarioContext, slow: string): Promise<{ threadId: string; runId: string }> {
  const threadId = await createThread(ctx);
  const runId = await startRun(ctx, threadId, slow, LONG, "start a slow run (10 s) to cancel");
  await running(ctx, threadId, runId);
  return { threadId, runId };
}

const cancel = (ctx: ScenarioContext, threadId: string, runId: string, action: "interrupt" | "rollback") =>
  ctx.call({
    op: CANCEL,
    step: `cancel the running run with action ${action} and wait`,
    params: { thread_id: threadId, run_id: runId },
    query: { action, wait: true },
    timeoutMs: 10_000,
    sdk: "runs.cancel",
  });

/** After a cancel the thread takes new runs again: idle (or interrupted), neither busy nor failed. */
async function threadFreed(ctx: ScenarioContext, threadId: string, action: "interrupt" | "rollback"): Promise<void> {
  const thread = await ctx.call(getThread(threadId, "read the thread after the cancel"));
  const status = statusOf(thread);
  await ctx.holds(RUNS.cancel_frees_thread, {
    ok: status === "idle" || status === "interrupted",
    expected: ["idle", "interrupted"],
    actual: status ?? null,
    evidence: thread,
    detail: `action ${action}`,
  });
}

async function cancelInterrupt(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, runId } = await runningRun(ctx, slow);
  const cancelled = await cancel(ctx, threadId, runId, "interrupt");
  const after = await settled(ctx, threadId, runId, 3_000);
  const status = statusOf(after);
  await ctx.holds(RUNS.cancel_stops_run, {
    ok: !!status && !ACTIVE.includes(status) && status !== "success",
    expected: "not pending, running or success",
    actual: status ?? after.status ?? null,
    evidence: cancelled,
  });
  await ctx.holds(RUNS.cancel_interrupt_marks_run_interrupted, {
    ok: status === "interrupted",
    expected: "interrupted",
    actual: status ?? null,
    evidence: after,
  });
  await threadFreed(ctx, threadId, "interrupt");
}

async function cancelRollback(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, runId } = await runningRun(ctx, slow);
  const cancelled = await cancel(ctx, threadId, runId, "rollback");
  const gone = await ctx.call(getRun(threadId, runId, "read the rolled-back run"));
  await ctx.holds(RUNS.cancel_rollback_deletes_run, {
    ok: gone.status === 404,
    expected: 404,
    actual: gone.status === 404 ? 404 : (statusOf(gone) ?? gone.status ?? null),
    evidence: cancelled,
  });
  await threadFreed(ctx, threadId, "rollback");
}

async function cancelMany(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, runId } = await runningRun(ctx, slow);
  const outcome = await ctx.call({
    op: CANCEL_MANY,
    step: "cancel runs by thread and run ids",
    body: { thread_id: threadId, run_ids: [runId] },
    query: { action: "interrupt" },
  });
  if (!outcome.ok) {
    await stop(ctx, threadId, runId);
    return ctx.skipRule(RUNS.cancel_many_stops_runs, `cancelRuns ${why(outcome)}`, { evidence: outcome });
  }
  const after = await settled(ctx, threadId, runId, 3_000);
  const status = statusOf(after);
  await ctx.holds(RUNS.cancel_many_stops_runs, {
    ok: !!status && !ACTIVE.includes(status) && status !== "success",
    expected: "not pending, running or success",
    actual: status ?? after.status ?? null,
    evidence: outcome,
  });
}

export const runCancelScenarios: Scenario[] = [
  {
    id: "runs.cancel",
    title: "Cancelled runs stop and free their thread",
    tag: "Thread Runs",
    covers: [CANCEL, CANCEL_MANY],
    rules: [
      RUNS.cancel_stops_run,
      RUNS.cancel_interrupt_marks_run_interrupted,
      RUNS.cancel_frees_thread,
      RUNS.cancel_rollback_deletes_run,
      RUNS.cancel_many_stops_runs,
    ],
    async run(ctx) {
      const slow = await createAssistant(ctx, GRAPH_IDS.slow);
      await all([cancelInterrupt(ctx, slow), cancelRollback(ctx, slow)]);
      await cancelMany(ctx, slow);
    },
  },
];
