// Streaming a thread run in every stream mode, with and without subgraphs, and a graph that fails mid-stream.

import { isDeepStrictEqual } from "node:util";
import { MODE_EVENTS } from "../../src/checks/stream-common.ts";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { all, dataOf, eventsOf, stateValues, type Json } from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, runBody, STREAM_BOUNDS } from "../support/index.ts";
import { STREAM, STREAMS } from "./rules.ts";
/** Modes every fixture graph produces events for; messages modes and custom depend on what a graph emits. */
const ALWAYS_EMITTED = ["values", "updates", "debug", "tasks", "checkpoints", "events"];

/** runs.stream on a fresh thread; `stream_mode` left out means the documented default, values. */
async function streamOnThread(
  ctx: ScenarioContext,
  assistantId: string,
  extra: Json,
  step: string,
): Promise<{ threadId: string; outcome: StepOutcome }> {
  const threadId = await createThread(ctx);
  const outcome = await ctx.call({
    op: STREAM,
    step,
    params: { thread_id: threadId },
    body: runBody(assistantId, { metadata: ctx.metadata, ...extra }),
    stream: STREAM_BOUNDS,
    sdk: "runs.stream",
  });
  return { threadId, outcome };
}

const names = (outcome: StepOutcome) => eventsOf(outcome).map((e) => e.event);

async function mode(ctx: ScenarioContext, echo: string, m: string): Promise<StepOutcome> {
  const { threadId, outcome } = await streamOnThread(
    ctx,
    echo,
    m === "values" ? {} : { stream_mode: [m] },
    m === "values" ? "stream a run in the default mode (values)" : `stream a run in ${m} mode`,
  );
  const own = eventsOf(outcome).filter((e) => (MODE_EVENTS[m] ?? []).includes(e.event.split("|")[0]!));
  const failed = eventsOf(outcome).some((e) => e.event === "error");
  const detail = !outcome.ok
    ? `refused: ${outcome.notImplemented ?? outcome.status ?? outcome.exchange.error?.message}`
    : failed
      ? "the run streamed an error"
      : own.length > 0
        ? `${own.length} ${[...new Set(own.map((e) => e.event))].join(", ")} event(s)`
        : "accepted; no events with the fixture graphs";
  ctx.capability(`stream mode: ${m}`, outcome.ok && !failed, detail);
  if (ALWAYS_EMITTED.includes(m)) {
    await ctx.holds(STREAMS.stream_mode_emits_events, {
      detail: m,
      ok: own.length > 0,
      expected: MODE_EVENTS[m],
      actual: names(outcome),
      evidence: outcome,
    });
  }
  if (m === "values") {
    const { values } = await stateValues(ctx, threadId);
    const last = dataOf(
      eventsOf(outcome)
        .filter((e) => e.event === "values")
        .at(-1),
    );
    await ctx.holds(STREAMS.stream_final_values_match_state, {
      ok: values !== undefined && isDeepStrictEqual(last, values),
      expected: values ?? null,
      actual: last ?? null,
      evidence: outcome,
    });
  }
  return outcome;
}

async function subgraphs(ctx: ScenarioContext, subgraph: string): Promise<StepOutcome[]> {
  const [on, off, values] = await all([
    streamOnThread(
      ctx,
      subgraph,
      { stream_mode: ["updates"], stream_subgraphs: true },
      "stream the subgraph graph's updates with stream_subgraphs",
    ),
    streamOnThread(
      ctx,
      subgraph,
      { stream_mode: ["updates"] },
      "stream the subgraph graph's updates without stream_subgraphs",
    ),
    streamOnThread(
      ctx,
      subgraph,
      { stream_mode: ["values"], stream_subgraphs: true },
      "stream the subgraph graph's values with stream_subgraphs",
    ),
  ]);
  const namespaced = names(on.outcome).filter((n) => n.startsWith("updates|"));
  await ctx.holds(STREAMS.stream_subgraphs_namespaced_events, {
    ok: namespaced.length > 0,
    expected: "updates|child:<task id>",
    actual: names(on.outcome),
    evidence: on.outcome,
  });
  const crashed = eventsOf(values.outcome).find((e) => e.event === "error");
  await ctx.holds(STREAMS.stream_subgraphs_values_completes, {
    ok: values.outcome.ok && !crashed && names(values.outcome).includes("values"),
    expected: "values events and no error",
    actual: crashed ? (dataOf(crashed) ?? crashed.data) : names(values.outcome),
    evidence: values.outcome,
  });
  return [on.outcome, off.outcome, values.outcome];
}

async function failure(ctx: ScenarioContext, failing: string): Promise<StepOutcome> {
  const { outcome } = await streamOnThread(
    ctx,
    failing,
    { stream_mode: ["values", "updates"] },
    "stream a run of the failing graph",
  );
  const error = dataOf(eventsOf(outcome).find((e) => e.event === "error")) as Json | undefined;
  await ctx.holds(STREAMS.stream_reports_graph_error, {
    ok: !!error && typeof error.error === "string" && typeof error.message === "string",
    expected: { error: "…", message: "…" },
    actual: error ?? names(outcome),
    evidence: outcome,
  });
  return outcome;
}

export const streamModeScenarios: Scenario[] = [
  {
    id: "streams.modes",
    title: "Thread run streams in every stream mode, with subgraphs, and with a failing graph",
    tag: "Thread Runs",
    covers: [STREAM],
    rules: [
      STREAMS.stream_mode_emits_events,
      STREAMS.stream_final_values_match_state,
      STREAMS.stream_subgraphs_namespaced_events,
      STREAMS.stream_subgraphs_values_completes,
      STREAMS.stream_reports_graph_error,
    ],
    async run(ctx) {
      const [echo, subgraph, failing] = await all([
        graphAssistant(ctx, GRAPH_IDS.echo),
        graphAssistant(ctx, GRAPH_IDS.subgraph),
        graphAssistant(ctx, GRAPH_IDS.failing),
      ]);
      const streams = (
        await all<StepOutcome | StepOutcome[]>([
          ...Object.keys(MODE_EVENTS).map((m) => mode(ctx, echo, m)),
          subgraphs(ctx, subgraph),
          failure(ctx, failing),
        ])
      ).flat();
      const ends = streams.filter((o) => eventsOf(o).some((e) => e.event === "end")).length;
      ctx.capability(
        "stream end event",
        ends > 0,
        `${ends} of ${streams.length} run streams ended with an end event (optional: the spec lists it because the Python SDK stops on it)`,
      );
    },
  },
];
