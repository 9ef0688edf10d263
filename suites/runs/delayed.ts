// Delayed runs (after_seconds): pending until their time, listed as pending, in the way of update_state, and cancelled
// without a trace; and what deleting the thread, or the assistant, of a pending run does.

import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import {
  all,
  bodyOf,
  createThread,
  getRun,
  getThread,
  graphAssistant,
  graphAssistantOf,
  GRAPH_IDS,
  human,
  pick,
  say,
  settled,
  startRun,
  statusOf,
  stop,
  why,
} from "../support/index.ts";
import { THREADS, UPDATE_STATE } from "../threads/rules.ts";
import { deleteBusyThread, judgeStillGone, type DeletedThread } from "./deleted-thread.ts";
import { CANCEL, CREATE, DELETE_ASSISTANT, DELETE_THREAD, JOIN, LIST, RUNS, WAIT } from "./rules.ts";
import { readSettled, runSettled } from "./settle.ts";

const AFTER_SECONDS = 1;

/** A delayed run, and what a read made before its time saw of it. */
interface Delayed {
  threadId: string;
  runId: string;
  read: StepOutcome;
  /** The read answered before the run's time came: a run not pending then did not wait. */
  inTime: boolean;
}

const delayedBody = { ...say("later"), after_seconds: AFTER_SECONDS };

/** Starts an echo run after_seconds AFTER_SECONDS on the thread and reads it at once. */
async function startDelayed(ctx: ScenarioContext, assistantId: string, threadId: string, step: string) {
  const sentAt = Date.now();
  const runId = await startRun(ctx, threadId, assistantId, delayedBody, step);
  const read = await ctx.call(getRun(threadId, runId, "read the delayed run before its time"));
  return { threadId, runId, read, inTime: Date.now() - sentAt < AFTER_SECONDS * 1000 } satisfies Delayed;
}

const pending = (run: Delayed) => statusOf(run.read) === "pending";
const notPending = (run: Delayed) =>
  `the delayed run was not pending when read (${statusOf(run.read) ?? why(run.read)})`;

/** The thread's values and latest checkpoint id. */
async function snapshot(ctx: ScenarioContext, threadId: string, step: string) {
  const state = await ctx.call({
    op: "GET /threads/{thread_id}/state",
    step,
    params: { thread_id: threadId },
    sdk: "threads.get_state",
  });
  const body = bodyOf(state);
  return { state, values: body?.values, checkpoint: pick(body, "checkpoint.checkpoint_id") ?? null };
}

/** While the run is pending: a status filter lists it alone (not the thread's finished run), update_state is refused. */
async function whilePending(ctx: ScenarioContext, run: Delayed): Promise<StepOutcome> {
  const listed = await ctx.call({
    op: LIST,
    step: "list the thread's pending runs",
    params: { thread_id: run.threadId },
    query: { status: "pending" },
    sdk: "runs.list",
  });
  const runs = Array.isArray(listed.json) ? (listed.json as unknown[]) : [];
  await ctx.holds(RUNS.run_list_status_filter, {
    ok: runs.length === 1 && pick(runs[0], "run_id") === run.runId && pick(runs[0], "status") === "pending",
    expected: [{ run_id: run.runId, status: "pending" }],
    actual: runs.map((r) => ({ run_id: pick(r, "run_id"), status: pick(r, "status") })),
    evidence: listed,
    detail: "status pending",
  });
  const update = await ctx.call({
    op: UPDATE_STATE,
    step: "update the state while the delayed run is pending",
    params: { thread_id: run.threadId },
    body: { values: human("too early") },
    expect: "any",
    sdk: "threads.update_state",
  });
  await ctx.holds(THREADS.thread_update_state_refused_while_busy, {
    ok: update.status === 409,
    expected: 409,
    actual: update.status ?? why(update),
    evidence: update,
    detail: "a delayed run pending",
  });
  return update;
}

/**
 * A delayed run cancelled while pending, on a thread with a finished run; another delayed run is started just after it
 * on the `control` thread and left alone: once that one has run, the cancelled run's time has passed too.
 */
async function cancelPending(ctx: ScenarioContext, echo: string, control: string) {
  const threadId = await createThread(ctx);
  // A finished run on the thread: the pending list must leave it out.
  await ctx.call({
    op: WAIT,
    step: "run the echo graph and wait",
    params: { thread_id: threadId },
    body: { assistant_id: echo, ...say("first"), metadata: ctx.metadata },
    timeoutMs: 10_000,
    sdk: "runs.wait",
  });
  let before = await snapshot(ctx, threadId, "read the state before the delayed run");
  const run = await startDelayed(ctx, echo, threadId, `start an echo run after_seconds ${AFTER_SECONDS}, to cancel`);
  const left = await startRun(ctx, control, echo, delayedBody, "start another delayed run just after it, left to run");
  if (pending(run)) {
    const update = await whilePending(ctx, run);
    // An update that was let through is the state the cancelled run must leave as it is.
    if (update.ok) before = await snapshot(ctx, threadId, "read the state the update wrote");
  } else {
    await ctx.skipRule(RUNS.run_list_status_filter, notPending(run), { evidence: run.read, detail: "status pending" });
    const rule = THREADS.thread_update_state_refused_while_busy;
    await ctx.skipRule(rule, notPending(run), { evidence: run.read, detail: "a delayed run pending" });
  }
  const cancelled = await ctx.call({
    op: CANCEL,
    step: "cancel the delayed run while it is pending",
    params: { thread_id: threadId, run_id: run.runId },
    timeoutMs: 10_000,
    sdk: "runs.cancel",
  });
  return { run, before, cancelled, left };
}

/** Pending before its time, run after it (the run left alone). */
async function judgeDelayed(ctx: ScenarioContext, run: Delayed, ran: StepOutcome): Promise<void> {
  const rule = RUNS.run_after_seconds_pending;
  if (!pending(run) && !run.inTime) {
    const reason = `the delayed run was read only once its time had come (${statusOf(run.read) ?? why(run.read)})`;
    return ctx.skipRule(rule, reason, { evidence: run.read });
  }
  await ctx.holds(rule, {
    ok: pending(run) && statusOf(ran) === "success",
    expected: { "before its time": "pending", "after it": "success" },
    actual: {
      "before its time": statusOf(run.read) ?? why(run.read),
      "after it": statusOf(ran) ?? ran.status ?? null,
    },
    evidence: pending(run) ? ran : run.read,
  });
}

/** The cancelled delayed run, once its time has passed: interrupted, and the thread as it was before it. */
async function judgeCancelled(
  ctx: ScenarioContext,
  { run, before, cancelled }: Awaited<ReturnType<typeof cancelPending>>,
): Promise<void> {
  const rules = [RUNS.cancel_interrupt_marks_run_interrupted, RUNS.cancel_pending_run_leaves_state];
  const detail = "a delayed run, pending";
  if (!pending(run) || !cancelled.ok) {
    const reason = cancelled.ok ? notPending(run) : `cancelRun ${why(cancelled)}`;
    for (const rule of rules) await ctx.skipRule(rule, reason, { evidence: cancelled, detail });
    const left = await settled(ctx, run.threadId, run.runId, 5_000);
    if (!runSettled(left)) await stop(ctx, run.threadId, run.runId);
    return;
  }
  const after = await readSettled(ctx, getRun(run.threadId, run.runId, "read the cancelled delayed run"), runSettled);
  await ctx.holds(RUNS.cancel_interrupt_marks_run_interrupted, {
    ok: statusOf(after) === "interrupted",
    expected: "interrupted",
    actual: statusOf(after) ?? after.status ?? null,
    evidence: after,
    detail,
  });
  const now = await snapshot(ctx, run.threadId, "read the state once the delayed run's time has passed");
  await ctx.holds(RUNS.cancel_pending_run_leaves_state, {
    ok: now.state.ok && isDeepStrictEqual(now.values, before.values) && now.checkpoint === before.checkpoint,
    expected: { checkpoint: before.checkpoint, values: before.values },
    actual: now.state.ok ? { checkpoint: now.checkpoint, values: now.values } : why(now.state),
    evidence: now.state,
  });
}

/** Deletes the thread of a pending run: see ./deleted-thread.ts. */
async function deleteThreadOfPending(ctx: ScenarioContext, echo: string): Promise<DeletedThread | undefined> {
  const threadId = await createThread(ctx);
  const run = await startDelayed(ctx, echo, threadId, `start an echo run after_seconds ${AFTER_SECONDS}, to delete`);
  if (pending(run)) return deleteBusyThread(ctx, threadId, run.runId, "a pending delayed run");
  await settled(ctx, threadId, run.runId, 5_000);
  const detail = "a pending delayed run";
  await ctx.skipRule(RUNS.thread_delete_removes_active_run, notPending(run), { evidence: run.read, detail });
  return undefined;
}

/** Deletes the assistant of a pending run (one the scenario made): the assistant goes, the run's thread stays. */
async function deleteAssistantOfPending(ctx: ScenarioContext): Promise<void> {
  const rule = RUNS.assistant_delete_keeps_run_thread;
  const assistant = await graphAssistantOf(ctx, GRAPH_IDS.echo);
  if (!assistant.owned)
    return ctx.skipRule(rule, "the target made no assistant for the run, and the system's are never deleted");
  const threadId = await createThread(ctx);
  const run = await startDelayed(
    ctx,
    assistant.id,
    threadId,
    `start a run of the scenario's assistant after_seconds ${AFTER_SECONDS}`,
  );
  if (!pending(run)) {
    await settled(ctx, threadId, run.runId, 5_000);
    return ctx.skipRule(rule, notPending(run), { evidence: run.read });
  }
  const deleted = await ctx.call({
    op: DELETE_ASSISTANT,
    step: "delete the assistant while its run is pending",
    params: { assistant_id: assistant.id },
    expect: "any",
    sdk: "assistants.delete",
  });
  const [gone, thread] = await all([
    ctx.call({
      op: "GET /assistants/{assistant_id}",
      step: "read the deleted assistant",
      params: { assistant_id: assistant.id },
      expect: "any",
      sdk: "assistants.get",
    }),
    ctx.call({ ...getThread(threadId, "read the thread of the deleted assistant's run"), expect: "any" }),
  ]);
  await ctx.holds(rule, {
    ok: deleted.ok && gone.status === 404 && thread.ok,
    expected: { delete: "2xx", assistant: 404, thread: 200 },
    actual: {
      delete: deleted.status ?? why(deleted),
      assistant: gone.status ?? why(gone),
      thread: thread.status ?? why(thread),
    },
    evidence: deleted.ok && gone.status === 404 ? thread : deleted.ok ? gone : deleted,
  });
  // What became of the run is not documented: whatever it is, it must not outlive the scenario.
  const left = await ctx.call({ ...getRun(threadId, run.runId), report: false });
  if (left.ok && !runSettled(left)) await stop(ctx, threadId, run.runId);
}

export const runDelayedScenarios: Scenario[] = [
  {
    id: "runs.delayed",
    title: "Delayed runs: pending until their time, cancelled while pending, their thread or assistant deleted",
    tag: "Thread Runs",
    covers: [CREATE, CANCEL, DELETE_THREAD, DELETE_ASSISTANT],
    rules: [
      RUNS.run_after_seconds_pending,
      RUNS.run_list_status_filter,
      THREADS.thread_update_state_refused_while_busy,
      RUNS.cancel_interrupt_marks_run_interrupted,
      RUNS.cancel_pending_run_leaves_state,
      RUNS.thread_delete_removes_active_run,
      RUNS.assistant_delete_keeps_run_thread,
    ],
    async run(ctx) {
      const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
      const control = await createThread(ctx);
      const cancelling = cancelPending(ctx, echo, control);
      const deleting = deleteThreadOfPending(ctx, echo);
      await all<unknown>([cancelling, deleting, deleteAssistantOfPending(ctx)]);
      const cancelled = await cancelling;
      // Joined rather than polled, so the scenario goes on as soon as it has run.
      await ctx.call({
        op: JOIN,
        step: "join the delayed run left to run",
        params: { thread_id: control, run_id: cancelled.left },
        expect: "any",
        timeoutMs: 6_000,
        sdk: "runs.join",
      });
      const ran = await settled(ctx, control, cancelled.left, 3_000);
      await judgeDelayed(ctx, cancelled.run, ran);
      await judgeCancelled(ctx, cancelled);
      const deletedThread = await deleting;
      if (deletedThread) await judgeStillGone(ctx, deletedThread);
    },
  },
];
