// Waiting on runs: a join that answers once its running run has ended, a joined stream that a cancel ends, and a
// background run that fails (its join answers, its joined stream ends with the error, and a replay carries it again).

import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { SseEvent } from "../../src/http/sse.ts";
import {
  all,
  contents,
  createThread,
  dataOf,
  delay,
  eventsOf,
  getRun,
  graphAssistant,
  GRAPH_IDS,
  running,
  sleep,
  startRun,
  statusOf,
  stop,
  STREAM_BOUNDS,
  why,
  type Json,
} from "../support/index.ts";
import { CANCEL, JOIN, JOIN_STREAM, RUNS } from "./rules.ts";
import { readSettled, runSettled } from "./settle.ts";

/** How long the joined run runs: a join that does not wait answers well before. */
const JOINED_RUN_MS = 1_000;
/** How soon after the cancel answered the stream joined of the run must have ended. */
const PROMPT_MS = 2_000;
/** How long the cancelled run would run: far longer than the cancel may take to end its stream. */
const CANCELLED_RUN_MS = 8_000;
/** How long the join of a failing run may take to answer. */
const JOIN_FAILED_MS = 8_000;
/** The slow run queued ahead of a failing one, so that the failing run is still pending when its stream is joined. */
const AHEAD_MS = 200;

async function joinWaits(ctx: ScenarioContext, slow: string): Promise<void> {
  const threadId = await createThread(ctx);
  const step = `start a slow background run (${JOINED_RUN_MS} ms) to join`;
  const runId = await startRun(ctx, threadId, slow, delay(JOINED_RUN_MS), step);
  await running(ctx, threadId, runId);
  const joined = await ctx.call({
    op: JOIN,
    step: "join the run while it goes on",
    params: { thread_id: threadId, run_id: runId },
    timeoutMs: 10_000,
    sdk: "runs.join",
  });
  const after = await readSettled(ctx, getRun(threadId, runId, "read the joined run"), runSettled);
  const output = `slept ${JOINED_RUN_MS}ms`;
  await ctx.holds(RUNS.run_join_waits_for_end, {
    ok: joined.ok && contents(joined.json).includes(output) && statusOf(after) === "success",
    expected: { join: `final values with "${output}"`, run: "success" },
    actual: { join: joined.ok ? contents(joined.json) : why(joined), run: statusOf(after) ?? after.status ?? null },
    evidence: joined,
  });
}

async function cancelJoinedStream(ctx: ScenarioContext, slow: string): Promise<void> {
  const threadId = await createThread(ctx);
  const runId = await startRun(
    ctx,
    threadId,
    slow,
    delay(CANCELLED_RUN_MS),
    `start a slow background run (${CANCELLED_RUN_MS} ms) to cancel`,
  );
  const run = { thread_id: threadId, run_id: runId };
  await running(ctx, threadId, runId);
  let endedAt = 0;
  const joining = ctx
    .call({
      op: JOIN_STREAM,
      step: "join the run's stream while it goes on",
      params: run,
      stream: { maxEvents: 200, maxMs: PROMPT_MS + 3_000 },
      sdk: "runs.join_stream",
    })
    .then((outcome) => ((endedAt = Date.now()), outcome));
  // The stream is open by then: the cancel reaches a run with a client on its stream.
  await sleep(300);
  const cancelled = await ctx.call({
    op: CANCEL,
    step: "cancel the run with no action (interrupt is the default) while its stream is joined",
    params: run,
    timeoutMs: 10_000,
    sdk: "runs.cancel",
  });
  const cancelledAt = Date.now();
  const stream = await joining;
  if (!cancelled.ok) {
    await stop(ctx, threadId, runId);
    for (const rule of [RUNS.cancel_ends_joined_stream, RUNS.cancel_interrupt_marks_run_interrupted])
      await ctx.skipRule(rule, `cancelRun ${why(cancelled)}`, { evidence: cancelled });
    return;
  }
  const stopped = stream.exchange.response?.streamStop;
  const tookMs = endedAt - cancelledAt;
  if (!stream.ok) await ctx.skipRule(RUNS.cancel_ends_joined_stream, `joinStream ${why(stream)}`, { evidence: stream });
  else
    await ctx.holds(RUNS.cancel_ends_joined_stream, {
      ok: stopped === "end" && tookMs <= PROMPT_MS,
      expected: `the stream ends within ${PROMPT_MS} ms of the cancel`,
      actual: stopped === "end" ? `ended ${tookMs} ms after the cancel` : `still open ${tookMs} ms after the cancel`,
      evidence: stream,
    });
  const after = await readSettled(ctx, getRun(threadId, runId, "read the cancelled run"), runSettled);
  await ctx.holds(RUNS.cancel_interrupt_marks_run_interrupted, {
    ok: statusOf(after) === "interrupted",
    expected: "interrupted",
    actual: statusOf(after) ?? after.status ?? null,
    evidence: after,
    detail: "no action given, its stream joined",
  });
  if (!runSettled(after)) await stop(ctx, threadId, runId);
}

async function joinFailed(ctx: ScenarioContext, failing: string): Promise<void> {
  const threadId = await createThread(ctx);
  const run = {
    thread_id: threadId,
    run_id: await startRun(ctx, threadId, failing, {}, "start a run of the failing graph"),
  };
  const joined = await ctx.call({
    op: JOIN,
    step: "join the failing run",
    params: run,
    timeoutMs: JOIN_FAILED_MS,
    sdk: "runs.join",
  });
  await ctx.holds(RUNS.run_join_failed_run_answers, {
    ok: joined.ok,
    expected: `2xx within ${JOIN_FAILED_MS} ms`,
    actual: joined.ok ? (joined.json ?? joined.status ?? null) : why(joined),
    evidence: joined,
  });
  if (!joined.ok) await stop(ctx, run.thread_id, run.run_id);
}

/** The error event a stream ends with ({error, message}), ignoring a final end event; undefined if it ends otherwise. */
function endingError(events: readonly SseEvent[]): SseEvent | undefined {
  const last = events.filter((e) => e.event !== "end").at(-1);
  const data = dataOf(last) as Json | undefined;
  return last?.event === "error" && typeof data?.error === "string" && typeof data.message === "string"
    ? last
    : undefined;
}

const names = (outcome: StepOutcome) => eventsOf(outcome).map((e) => e.event);

async function joinStreamFailed(ctx: ScenarioContext, slow: string, failing: string): Promise<void> {
  // Queued behind a short slow run, so that it is still pending when its stream is joined.
  const threadId = await createThread(ctx);
  await startRun(ctx, threadId, slow, delay(AHEAD_MS), `start a short slow run (${AHEAD_MS} ms) ahead`);
  const extra = { multitask_strategy: "enqueue", stream_resumable: true, stream_mode: ["values"] };
  const step = "queue a resumable run of the failing graph behind it";
  const run = { thread_id: threadId, run_id: await startRun(ctx, threadId, failing, extra, step) };
  const first = await ctx.call({
    op: JOIN_STREAM,
    step: "join the failing run's stream while it is queued",
    params: run,
    stream: STREAM_BOUNDS,
    sdk: "runs.join_stream",
  });
  const error = endingError(eventsOf(first));
  await ctx.holds(RUNS.join_stream_reports_run_error, {
    ok: first.ok && !!error,
    expected: "… then an error event {error, message}, last",
    actual: first.ok ? names(first) : why(first),
    evidence: first,
  });
  if (!error) {
    const reason = "the joined stream did not end with an error event, so there is none to replay";
    return ctx.skipRule(RUNS.join_stream_replays_run_error, reason, { evidence: first });
  }
  const again = await ctx.call({
    op: JOIN_STREAM,
    step: "join the failed run's stream again from the start (Last-Event-ID -1)",
    params: run,
    headers: { "last-event-id": "-1" },
    stream: { maxEvents: 200, maxMs: 5_000 },
    sdk: "runs.join_stream",
  });
  const replayed = eventsOf(again).find((e) => e.event === "error");
  await ctx.holds(RUNS.join_stream_replays_run_error, {
    ok: again.ok && !!replayed && isDeepStrictEqual(dataOf(replayed), dataOf(error)),
    expected: { events: names(first), error: dataOf(error) },
    actual: again.ok ? { events: names(again), error: dataOf(replayed) ?? null } : why(again),
    evidence: again,
  });
}

export const runWaitingScenarios: Scenario[] = [
  {
    id: "runs.waiting",
    title: "Waiting on runs: join of a running run, a joined stream ended by a cancel, a failing background run",
    tag: "Thread Runs",
    covers: [JOIN, JOIN_STREAM, CANCEL],
    rules: [
      RUNS.run_join_waits_for_end,
      RUNS.cancel_ends_joined_stream,
      RUNS.cancel_interrupt_marks_run_interrupted,
      RUNS.run_join_failed_run_answers,
      RUNS.join_stream_reports_run_error,
      RUNS.join_stream_replays_run_error,
    ],
    async run(ctx) {
      const [slow, failing] = await all([graphAssistant(ctx, GRAPH_IDS.slow), graphAssistant(ctx, GRAPH_IDS.failing)]);
      await all([
        joinWaits(ctx, slow),
        cancelJoinedStream(ctx, slow),
        joinFailed(ctx, failing),
        joinStreamFailed(ctx, slow, failing),
      ]);
    },
  },
];
