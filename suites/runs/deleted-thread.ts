// A thread deleted while a run on it is active: the thread and the run read 404 at once, and the thread still does
// once the run would have ended (a run that went on must not bring it back).

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import { all, getRun, getThread, why } from "../support/index.ts";
import { DELETE_THREAD, RUNS } from "./rules.ts";

/** A thread deleted under its run, to read again once the run would have ended. */
export interface DeletedThread {
  threadId: string;
  detail: string;
}

/**
 * Deletes the thread of an active run and reads the thread and the run. Answers what to read again later, or
 * undefined when the rule already failed.
 */
export async function deleteBusyThread(
  ctx: ScenarioContext,
  threadId: string,
  runId: string,
  detail: string,
): Promise<DeletedThread | undefined> {
  await ctx.call({
    op: DELETE_THREAD,
    step: `delete the thread while its run is ${detail.includes("pending") ? "pending" : "going"}`,
    params: { thread_id: threadId },
    expect: "any",
    sdk: "threads.delete",
  });
  const [thread, run] = await all([
    ctx.call({ ...getThread(threadId, "read the deleted thread"), expect: "any" }),
    ctx.call(getRun(threadId, runId, "read the deleted thread's run")),
  ]);
  if (thread.status === 404 && run.status === 404) return { threadId, detail };
  await ctx.holds(RUNS.thread_delete_removes_active_run, {
    ok: false,
    expected: { thread: 404, run: 404 },
    actual: { thread: thread.status ?? why(thread), run: run.status ?? why(run) },
    evidence: thread.status === 404 ? run : thread,
    detail,
  });
  return undefined;
}

/** Once the deleted thread's run would have ended: the thread is still gone. */
export async function judgeStillGone(ctx: ScenarioContext, { threadId, detail }: DeletedThread): Promise<void> {
  const later = await ctx.call({
    ...getThread(threadId, "read the deleted thread once its run would have ended"),
    expect: "any",
  });
  await ctx.holds(RUNS.thread_delete_removes_active_run, {
    ok: later.status === 404,
    expected: { thread: 404, run: 404, "thread, later": 404 },
    actual: { thread: 404, run: 404, "thread, later": later.status ?? why(later) },
    evidence: later,
    detail,
  });
}
