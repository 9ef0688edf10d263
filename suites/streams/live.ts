// Runs still going: joining a resumable run's stream mid-run from the start, and a client that leaves a run's stream
// mid-run, with on_disconnect continue (the run ends, and its stream is rejoined) or cancel (the run stops).

import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { SseEvent } from "../../src/http/sse.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { all, contents, dataOf, delay, eventsOf, sleep, stateValues, statusOf, why } from "../support/index.ts";
import { createThread, graphAssistant, GRAPH_IDS, running, runBody, settled, startRun } from "../support/index.ts";
import { firstDifference, join } from "./replay.ts";
import { JOIN, STREAM, STREAMS } from "./rules.ts";

/** How long the slow graph sleeps: long enough to join or leave its stream mid-run. */
const DELAY_MS = 500;
const OUTPUT = `slept ${DELAY_MS}ms`;

const lastValues = (events: readonly SseEvent[]) => dataOf(events.filter((e) => e.event === "values").at(-1));

/** Starts a resumable background run, waits for it to be going, joins it from the start, then once more after its end. */
async function joinLive(ctx: ScenarioContext, slow: string): Promise<void> {
  const rule = STREAMS.stream_join_live_run_continues;
  const threadId = await createThread(ctx);
  const body = { ...delay(DELAY_MS), stream_resumable: true, stream_mode: ["values", "updates"] };
  const runId = await startRun(
    ctx,
    threadId,
    slow,
    body,
    `start a resumable background run of slow_agent (${DELAY_MS} ms)`,
  );
  const params = { thread_id: threadId, run_id: runId };
  const started = await running(ctx, threadId, runId);
  if (statusOf(started) !== "running") {
    await settled(ctx, threadId, runId);
    const seen = statusOf(started) ?? why(started);
    return ctx.skipRule(rule, `the run was ${seen} when it was to be joined, not going`, { evidence: started });
  }
  const live = await join(ctx, params, "-1", "join the running run's stream from the start (Last-Event-ID -1)");
  if (live.notImplemented) return ctx.skipRule(rule, `the target has no run join stream: ${live.notImplemented}`);
  await settled(ctx, threadId, runId);
  const after = await join(ctx, params, "-1", "join the ended run's stream from the start (Last-Event-ID -1)");
  const { values } = await stateValues(ctx, threadId);
  const last = lastValues(eventsOf(live));
  const names = eventsOf(live).map((e) => e.event);
  if (!live.ok || values === undefined || !isDeepStrictEqual(last, values)) {
    await ctx.holds(rule, {
      ok: false,
      expected: { "last values": values ?? "the thread's state after the run" },
      actual: live.ok ? { events: names, "last values": last ?? null } : why(live),
      evidence: live,
    });
    return;
  }
  const difference = firstDifference(eventsOf(after), eventsOf(live));
  // The live join against the replay of the ended run: what it missed or added, at the first place they differ.
  await ctx.holds(rule, {
    ok: after.ok && !difference,
    expected: difference
      ? { at: difference.index, replayed: difference.expected }
      : "the events replayed after the end",
    actual: difference ? { at: difference.index, joined: difference.actual } : `the join after the end ${why(after)}`,
    evidence: live,
  });
}

/** A run of the slow graph streamed until two events have arrived, when the client leaves. */
interface Left {
  threadId: string;
  runId: string;
  /** The events received before leaving. */
  events: SseEvent[];
  outcome: StepOutcome;
  /** When the client left. */
  at: number;
}

async function streamAndLeave(
  ctx: ScenarioContext,
  slow: string,
  onDisconnect: "continue" | "cancel",
  rules: Rule[],
): Promise<Left | undefined> {
  const threadId = await createThread(ctx);
  const outcome = await ctx.call({
    op: STREAM,
    step: `stream a resumable run of slow_agent (${DELAY_MS} ms) with on_disconnect ${onDisconnect}, and leave after 2 events`,
    params: { thread_id: threadId },
    body: runBody(slow, {
      ...delay(DELAY_MS),
      stream_mode: ["values"],
      stream_resumable: true,
      on_disconnect: onDisconnect,
      metadata: ctx.metadata,
    }),
    stream: { maxEvents: 2, maxMs: 5_000 },
    sdk: "runs.stream",
  });
  const at = Date.now();
  const events = eventsOf(outcome);
  const runId = (dataOf(events[0]) as { run_id?: unknown } | undefined)?.run_id;
  const stop = outcome.exchange.response?.streamStop;
  const reason =
    typeof runId !== "string"
      ? "the stream named no run (no metadata event first)"
      : stop !== "max-events"
        ? `the stream ended before the client could leave it mid-run (${stop ?? why(outcome)})`
        : undefined;
  if (reason === undefined) return { threadId, runId: runId as string, events, outcome, at };
  for (const rule of rules) await ctx.skipRule(rule, reason, { evidence: outcome });
  return undefined;
}

/** Leaves a run streamed with on_disconnect continue, rejoins it after the last event received, and waits for its end. */
async function leaveAndRejoin(ctx: ScenarioContext, slow: string): Promise<void> {
  const [finishes, rejoins] = [STREAMS.stream_disconnect_continue_finishes, STREAMS.stream_disconnect_continue_rejoins];
  const left = await streamAndLeave(ctx, slow, "continue", [finishes, rejoins]);
  if (!left) return;
  const params = { thread_id: left.threadId, run_id: left.runId };
  const lastId = left.events.at(-1)?.id;
  const rest = lastId
    ? await join(ctx, params, lastId, `rejoin the run's stream after event ${lastId}, the last received`)
    : undefined;
  const ended = await settled(ctx, left.threadId, left.runId);
  const { values } = await stateValues(ctx, left.threadId);
  await ctx.holds(finishes, {
    ok: statusOf(ended) === "success" && contents(values).includes(OUTPUT),
    expected: { status: "success", messages: `… ${OUTPUT}` },
    actual: { status: statusOf(ended) ?? ended.status ?? null, messages: contents(values) },
    evidence: left.outcome,
  });
  if (!rest)
    return ctx.skipRule(rejoins, "the events received carry no id to rejoin after", { evidence: left.outcome });
  if (rest.notImplemented) return ctx.skipRule(rejoins, `the target has no run join stream: ${rest.notImplemented}`);
  const whole = await join(ctx, params, "-1", "join the ended run's stream from the start (Last-Event-ID -1)");
  const received = [...left.events, ...eventsOf(rest)];
  const difference = firstDifference(eventsOf(whole), received);
  const ids = received.map((e) => e.id);
  const last = lastValues(received);
  await ctx.holds(rejoins, {
    ok:
      rest.ok &&
      whole.ok &&
      !difference &&
      new Set(ids).size === ids.length &&
      values !== undefined &&
      isDeepStrictEqual(last, values),
    expected: difference
      ? { at: difference.index, event: difference.expected }
      : { events: eventsOf(whole).map((e) => e.id ?? null), "last values": values ?? null },
    actual: difference
      ? { at: difference.index, event: difference.actual }
      : { events: ids, "last values": last ?? null },
    evidence: rest,
  });
}

/** Leaves a run streamed with on_disconnect cancel; once it would have ended, it has neither succeeded nor written. */
async function leaveAndCancel(ctx: ScenarioContext, slow: string): Promise<void> {
  const rule = STREAMS.stream_disconnect_cancel_stops_run;
  const left = await streamAndLeave(ctx, slow, "cancel", [rule]);
  if (!left) return;
  const ended = await settled(ctx, left.threadId, left.runId);
  await sleep(left.at + DELAY_MS + 100 - Date.now());
  const { values } = await stateValues(ctx, left.threadId);
  const status = statusOf(ended) ?? ended.status ?? null;
  // A run deleted once cancelled (404) has stopped too.
  const stopped = ended.status === 404 || (ended.ok && !["success", "running", "pending"].includes(String(status)));
  await ctx.holds(rule, {
    ok: stopped && !contents(values).includes(OUTPUT),
    expected: { status: "not success (a cancelled run)", messages: `without "${OUTPUT}"` },
    actual: { status, messages: contents(values) },
    evidence: left.outcome,
  });
}

export const streamLiveScenarios: Scenario[] = [
  {
    id: "streams.live",
    title: "A run's stream joined while the run is going, and left mid-run with on_disconnect continue and cancel",
    tag: "Thread Runs",
    covers: [STREAM, JOIN],
    rules: [
      STREAMS.stream_join_live_run_continues,
      STREAMS.stream_disconnect_continue_finishes,
      STREAMS.stream_disconnect_continue_rejoins,
      STREAMS.stream_disconnect_cancel_stops_run,
    ],
    async run(ctx) {
      const slow = await graphAssistant(ctx, GRAPH_IDS.slow);
      await all([joinLive(ctx, slow), leaveAndRejoin(ctx, slow), leaveAndCancel(ctx, slow)]);
    },
  },
];
