// Cancelling running runs: action interrupt and rollback with wait, and cancelling by thread and run ids.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { ACTIVE, all, delay, getRun, getThread, running, settled, startRun, statusOf, stop } from "../support/index.ts";
import { createAssistant, createThread, GRAPH_IDS } from "../support/index.ts";

const CANCEL = "POST /threads/{thread_id}/runs/{run_id}/cancel";
const LONG = delay(10_000);

/** A thread with a slow run that a worker has picked up. */
async function runningRun(ctx: ScenarioContext, slow: string): Promise<{ threadId: string; runId: string }> {
  const threadId = await createThread(ctx);
  const runId = await startRun(ctx, threadId, slow, LONG, "start a slow run (10 s) to cancel");
  await running(ctx, threadId, runId);
  return { threadId, runId };
}

const cancel = (ctx: ScenarioContext, threadId: string, runId: string, action: "interrupt" | "rollback") =>
  ctx.call({ op: CANCEL, step: `cancel the running run with action ${action} and wait`, params: { thread_id: threadId, run_id: runId }, query: { action, wait: true }, timeoutMs: 10_000, sdk: "runs.cancel" });

/** After a cancel the thread takes new runs again: idle (or interrupted), neither busy nor failed. */
async function threadFreed(ctx: ScenarioContext, threadId: string): Promise<void> {
  const thread = await ctx.call(getThread(threadId, "read the thread after the cancel"));
  const status = statusOf(thread);
  await ctx.assert({ op: CANCEL, check: "cancel_frees_thread", claim: "after a cancel the thread is idle again (a cancel is not an error)", ok: status === "idle" || status === "interrupted", expected: ["idle", "interrupted"], actual: status ?? null, evidence: thread, sdk: "runs.cancel" });
}

async function cancelInterrupt(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, runId } = await runningRun(ctx, slow);
  const cancelled = await cancel(ctx, threadId, runId, "interrupt");
  const after = await settled(ctx, threadId, runId, 3_000);
  const status = statusOf(after);
  await ctx.assert({ op: CANCEL, check: "cancel_stops_run", claim: "a cancelled run stops: it does not go on to success", ok: !!status && !ACTIVE.includes(status) && status !== "success", expected: "not pending, running or success", actual: status ?? after.status ?? null, evidence: cancelled, sdk: "runs.cancel" });
  await ctx.assert({ op: CANCEL, check: "cancel_interrupt_marks_run_interrupted", claim: "a run cancelled with action interrupt is in status interrupted", ok: status === "interrupted", expected: "interrupted", actual: status ?? null, evidence: after, sdk: "runs.cancel" });
  await threadFreed(ctx, threadId);
}

async function cancelRollback(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, runId } = await runningRun(ctx, slow);
  const cancelled = await cancel(ctx, threadId, runId, "rollback");
  const gone = await ctx.call(getRun(threadId, runId, "read the rolled-back run"));
  await ctx.assert({ op: CANCEL, check: "cancel_rollback_deletes_run", claim: "a run cancelled with action rollback is deleted", ok: gone.status === 404, expected: 404, actual: gone.status === 404 ? 404 : (statusOf(gone) ?? gone.status ?? null), evidence: cancelled, sdk: "runs.cancel" });
  await threadFreed(ctx, threadId);
}

async function cancelMany(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, runId } = await runningRun(ctx, slow);
  const outcome = await ctx.call({ op: "POST /runs/cancel", step: "cancel runs by thread and run ids", body: { thread_id: threadId, run_ids: [runId] }, query: { action: "interrupt" } });
  if (!outcome.ok) {
    await stop(ctx, threadId, runId);
    return;
  }
  const after = await settled(ctx, threadId, runId, 3_000);
  const status = statusOf(after);
  await ctx.assert({ op: "POST /runs/cancel", check: "cancel_many_stops_runs", claim: "runs cancelled by id stop: they do not go on to success", ok: !!status && !ACTIVE.includes(status) && status !== "success", expected: "not pending, running or success", actual: status ?? after.status ?? null, evidence: outcome });
}

export const runCancelScenarios: Scenario[] = [
  {
    id: "runs.cancel",
    title: "Cancelled runs stop and free their thread",
    tag: "Thread Runs",
    covers: [CANCEL, "POST /runs/cancel"],
    async run(ctx) {
      const slow = await createAssistant(ctx, GRAPH_IDS.slow);
      await all([cancelInterrupt(ctx, slow), cancelRollback(ctx, slow)]);
      await cancelMany(ctx, slow);
    },
  },
];
