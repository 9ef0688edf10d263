// Cancelling runs: one running run with action interrupt or rollback (its work stops, its status, its thread), and
// several at once: by thread and run ids, and by run ids alone (never by status, which reaches every run on a server).

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import {
  all,
  contents,
  delay,
  getRun,
  getThread,
  running,
  settled,
  sleep,
  startRun,
  stateValues,
  statusOf,
  stop,
  why,
  type Json,
} from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS } from "../support/index.ts";
import { judgeGone } from "../support/gone.ts";
import { CANCEL, CANCEL_MANY, RUNS } from "./rules.ts";
import { readSettled, SETTLE_MS, threadSettled } from "./settle.ts";

/** How long a run that is cancelled would take: the cancel lands well before it ends. */
const RUN_MS = 3_000;

/** A slow run a worker has picked up, and when it would have ended and written its output, had it gone on. */
interface Started {
  threadId: string;
  runId: string;
  ms: number;
  endsBy: number;
}

async function runningRun(ctx: ScenarioContext, slow: string, ms = RUN_MS): Promise<Started> {
  const threadId = await createThread(ctx);
  const runId = await startRun(ctx, threadId, slow, delay(ms), `start a slow run (${ms} ms) to cancel`);
  await running(ctx, threadId, runId);
  // It started by now at the latest: past this, a run that went on has ended and written.
  return { threadId, runId, ms, endsBy: Date.now() + ms + SETTLE_MS };
}

/**
 * Judges that a cancelled run's work stopped: once the time it would have taken is over, it has not succeeded and
 * the message its graph writes at its end is not in the thread's state. What status it shows is for other rules.
 */
async function judgeWorkStopped(
  ctx: ScenarioContext,
  rule: Rule,
  run: Started,
  cancelled: StepOutcome,
  detail?: string,
): Promise<void> {
  await sleep(Math.max(0, run.endsBy - Date.now()));
  const read = await ctx.call(getRun(run.threadId, run.runId, "read the cancelled run once it would have ended"));
  const { outcome: state, values } = await stateValues(ctx, run.threadId);
  const where = detail ? { detail } : {};
  if (!state.ok) {
    const reason = `getThreadState ${why(state)}, so whether the run's work went on cannot be told`;
    return ctx.skipRule(rule, reason, { evidence: state, ...where });
  }
  const output = `slept ${run.ms}ms`;
  const wrote = contents(values).includes(output);
  const status = read.status === 404 ? "deleted" : (statusOf(read) ?? read.status ?? null);
  await ctx.holds(rule, {
    ok: !wrote && status !== "success",
    expected: { status: "not success", messages: `without "${output}"` },
    actual: { status, messages: contents(values) },
    evidence: cancelled,
    ...where,
  });
}

const cancel = (ctx: ScenarioContext, run: Started, action: "interrupt" | "rollback") =>
  ctx.call({
    op: CANCEL,
    step: `cancel the running run with action ${action} and wait`,
    params: { thread_id: run.threadId, run_id: run.runId },
    query: { action, wait: true },
    timeoutMs: 10_000,
    sdk: "runs.cancel",
  });

/** After a cancel the thread takes new runs again: idle (or interrupted), neither busy nor failed. */
async function threadFreed(ctx: ScenarioContext, threadId: string, action: "interrupt" | "rollback"): Promise<void> {
  const thread = await readSettled(ctx, getThread(threadId, "read the thread after the cancel"), threadSettled);
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
  const run = await runningRun(ctx, slow);
  const cancelled = await cancel(ctx, run, "interrupt");
  const after = await settled(ctx, run.threadId, run.runId, SETTLE_MS);
  await ctx.holds(RUNS.cancel_interrupt_marks_run_interrupted, {
    ok: statusOf(after) === "interrupted",
    expected: "interrupted",
    actual: statusOf(after) ?? after.status ?? null,
    evidence: after,
  });
  await threadFreed(ctx, run.threadId, "interrupt");
  await judgeWorkStopped(ctx, RUNS.cancel_stops_run, run, cancelled, "action interrupt");
}

async function cancelRollback(ctx: ScenarioContext, slow: string): Promise<void> {
  const run = await runningRun(ctx, slow);
  const cancelled = await cancel(ctx, run, "rollback");
  const gone = await readSettled(ctx, getRun(run.threadId, run.runId, "read the rolled-back run"), (o) => !o.ok);
  await judgeGone(ctx, RUNS.cancel_rollback_deletes_run, {
    read: gone,
    never: getRun(run.threadId, randomUUID(), "read a run that never existed, on the same thread"),
    what: "run",
    unknownIdRule: RUNS.run_unknown_id_not_found.id,
    ok: gone.status === 404,
    expected: 404,
    actual: gone.status === 404 ? 404 : (statusOf(gone) ?? gone.status ?? null),
    evidence: cancelled,
  });
  await threadFreed(ctx, run.threadId, "rollback");
  await judgeWorkStopped(ctx, RUNS.cancel_stops_run, run, cancelled, "action rollback");
}

/** POST /runs/cancel with this body and action interrupt. */
const cancelMany = (ctx: ScenarioContext, body: Json, step: string, expect: "success" | "any") =>
  ctx.call({ op: CANCEL_MANY, step, body, query: { action: "interrupt" }, expect });

/** Why a bulk cancel that was not accepted leaves its rule unjudged: refused as the spec lets it, or failed. */
function notAccepted(outcome: StepOutcome, form: string, documented: string): string {
  const status = outcome.status;
  return status !== undefined && status >= 400 && status < 500 && !outcome.notImplemented
    ? `cancelRuns refused ${form} (answered ${status}), as it may: ${documented}`
    : `cancelRuns ${why(outcome)}`;
}

/** The documented form: a thread_id and the run_ids on it. Answers the cancel, which tells whether the route exists. */
async function cancelByIds(ctx: ScenarioContext, slow: string): Promise<StepOutcome> {
  const run = await runningRun(ctx, slow);
  const outcome = await cancelMany(
    ctx,
    { thread_id: run.threadId, run_ids: [run.runId] },
    "cancel a run by its thread and run ids",
    "success",
  );
  if (outcome.ok) await judgeWorkStopped(ctx, RUNS.cancel_many_stops_runs, run, outcome);
  else {
    await stop(ctx, run.threadId, run.runId);
    await ctx.skipRule(RUNS.cancel_many_stops_runs, `cancelRuns ${why(outcome)}`, { evidence: outcome });
  }
  return outcome;
}

/** run_ids without their thread_id, as the Python SDK's cancel_many sends them when given no thread_id. */
async function cancelByRunIdsAlone(ctx: ScenarioContext, slow: string): Promise<void> {
  const rule = RUNS.cancel_many_run_ids_without_thread;
  const run = await runningRun(ctx, slow);
  const outcome = await cancelMany(ctx, { run_ids: [run.runId] }, "cancel a run by its run id alone", "any");
  if (outcome.ok) return judgeWorkStopped(ctx, rule, run, outcome);
  await stop(ctx, run.threadId, run.runId);
  const reason = notAccepted(outcome, "run_ids without a thread_id", "RunsCancel documents run_ids with a thread_id");
  await ctx.skipRule(rule, reason, { evidence: outcome });
}

export const runCancelScenarios: Scenario[] = [
  {
    id: "runs.cancel",
    title: "Cancelled runs stop and free their thread",
    tag: "Thread Runs",
    covers: [CANCEL],
    rules: [
      RUNS.cancel_stops_run,
      RUNS.cancel_interrupt_marks_run_interrupted,
      RUNS.cancel_frees_thread,
      RUNS.cancel_rollback_deletes_run,
    ],
    async run(ctx) {
      const slow = await graphAssistant(ctx, GRAPH_IDS.slow);
      await all([cancelInterrupt(ctx, slow), cancelRollback(ctx, slow)]);
    },
  },
  {
    id: "runs.cancel-many",
    title: "Runs cancelled several at once: by thread and run ids, and by run ids alone",
    tag: "Thread Runs",
    covers: [CANCEL_MANY],
    // Never by status: the API cancels every run on the server in that status, other people's too.
    rules: [RUNS.cancel_many_stops_runs, RUNS.cancel_many_run_ids_without_thread],
    async run(ctx) {
      const slow = await graphAssistant(ctx, GRAPH_IDS.slow);
      // Two runs at a time at most, so a target with two queue workers runs them all.
      await all<StepOutcome | void>([cancelByIds(ctx, slow), cancelByRunIdsAlone(ctx, slow)]);
    },
  },
];
