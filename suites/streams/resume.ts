// Resumable streams: join_stream with Last-Event-ID replays the same events, and a join of an unknown run is refused.

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { SseEvent } from "../../src/http/sse.ts";
import { bodyOf, dataOf, eventsOf, streamSaysNotFound } from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, runBody, STREAM_BOUNDS } from "../support/index.ts";
import { firstDifference, join } from "./replay.ts";
import { JOIN, STREAM, STREAMS } from "./rules.ts";

/** The resumable run the scenario streamed, and the events it streamed. */
interface Streamed {
  threadId: string;
  run: { thread_id: string; run_id: string };
  events: SseEvent[];
}

async function streamResumable(ctx: ScenarioContext): Promise<Streamed> {
  const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
  const threadId = await createThread(ctx);
  const original = await ctx.call({
    op: STREAM,
    step: "stream a resumable run in values and updates modes",
    params: { thread_id: threadId },
    body: runBody(echo, { stream_mode: ["values", "updates"], stream_resumable: true, metadata: ctx.metadata }),
    stream: STREAM_BOUNDS,
    sdk: "runs.stream",
  });
  const runId = (dataOf(eventsOf(original)[0]) as { run_id?: unknown } | undefined)?.run_id ?? bodyOf(original)?.run_id;
  if (typeof runId !== "string")
    return ctx.skip("the stream named no run (no metadata event), so there is nothing to join");
  return { threadId, run: { thread_id: threadId, run_id: runId }, events: eventsOf(original) };
}

async function judgeReplay(ctx: ScenarioContext, { run, events }: Streamed): Promise<void> {
  const fromStart = await join(ctx, run, "-1", "join the finished run's stream from the start (Last-Event-ID -1)");
  if (fromStart.notImplemented) return ctx.skip(`the target has no run join stream: ${fromStart.notImplemented}`);
  const replay = firstDifference(events, eventsOf(fromStart));
  await ctx.holds(STREAMS.stream_resumable_replays_events, {
    ok: events.length > 0 && !replay,
    expected: replay?.expected ?? `${events.length} events`,
    actual: replay ? { at: replay.index, event: replay.actual } : eventsOf(fromStart).length,
    evidence: fromStart,
  });
}

async function judgeResume(ctx: ScenarioContext, { run, events }: Streamed): Promise<void> {
  const resumeAt = events[1]?.id;
  if (resumeAt === undefined) {
    await ctx.skipRule(
      STREAMS.stream_resumes_after_last_event_id,
      "the run's stream has no second event with an id to resume after",
    );
    return;
  }
  const rest = await join(ctx, run, resumeAt, `resume the run's stream after event ${resumeAt}`);
  const resumed = firstDifference(events.slice(2), eventsOf(rest));
  await ctx.holds(STREAMS.stream_resumes_after_last_event_id, {
    ok: rest.ok && !resumed,
    expected: resumed?.expected ?? `${events.length - 2} events`,
    actual: resumed ? { at: resumed.index, event: resumed.actual } : rest.ok ? eventsOf(rest).length : rest.status,
    evidence: rest,
  });
}

async function judgeUnknownRun(ctx: ScenarioContext, threadId: string): Promise<void> {
  const unknown = await join(
    ctx,
    { thread_id: threadId, run_id: randomUUID() },
    "-1",
    "join the stream of a run that does not exist",
    "any",
  );
  await ctx.holds(STREAMS.join_stream_unknown_run_not_found, {
    ok: unknown.status === 404 || streamSaysNotFound(unknown),
    expected: [404, "200 and only an error event saying the run is not found"],
    actual: unknown.ok
      ? eventsOf(unknown).map((e) => ({ event: e.event, data: dataOf(e) ?? e.data }))
      : (unknown.status ?? unknown.exchange.error?.message ?? null),
    evidence: unknown,
  });
}

export const streamResumeScenarios: Scenario[] = [
  {
    id: "streams.resume",
    title: "A resumable run's stream replayed with Last-Event-ID",
    tag: "Thread Runs",
    covers: [STREAM, JOIN],
    rules: [
      STREAMS.stream_resumable_replays_events,
      STREAMS.stream_resumes_after_last_event_id,
      STREAMS.join_stream_unknown_run_not_found,
    ],
    async run(ctx) {
      const streamed = await streamResumable(ctx);
      await judgeReplay(ctx, streamed);
      await judgeResume(ctx, streamed);
      await judgeUnknownRun(ctx, streamed.threadId);
    },
  },
];
