// What a run streams against what it leaves: values events that each hold the whole state, and the checkpoint
// records (debug), checkpoints events and tasks events of a run on a fresh thread against its history after it.

import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { dataOf, eventsOf, listOf, pick, why, type Json } from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, runBody, STREAM_BOUNDS } from "../support/index.ts";
import { STREAM, STREAMS } from "./rules.ts";

const HISTORY = "POST /threads/{thread_id}/history";
/** One run on a fresh thread streams every mode judged here. */
const MODES = ["values", "debug", "checkpoints", "tasks"];
/** The modes of the list that older servers take. */
const OLDER_MODES = ["values", "debug"];

async function streamRun(ctx: ScenarioContext, threadId: string, echo: string, modes: string[]): Promise<StepOutcome> {
  return ctx.call({
    op: STREAM,
    step: `stream a run of the echo graph in modes ${modes.join(", ")}`,
    params: { thread_id: threadId },
    body: runBody(echo, { stream_mode: modes, metadata: ctx.metadata }),
    stream: STREAM_BOUNDS,
    sdk: "runs.stream",
  });
}

/** The thread's history, oldest first (unreported read), or the answer when it cannot be read. */
async function historyOf(ctx: ScenarioContext, threadId: string): Promise<Json[] | StepOutcome> {
  const read = await ctx.call({
    op: HISTORY,
    step: "read the thread's history after the run",
    params: { thread_id: threadId },
    body: { limit: 20 },
    report: false,
  });
  return listOf(read)?.reverse() ?? read;
}

/** A checkpoint as a stream or the history shows it: its id, values and next, each only where it is given. */
interface Shown {
  id?: unknown;
  values?: unknown;
  next?: unknown;
}

const shownBy = (record: unknown): Shown => {
  const id = pick(record, "config.configurable.checkpoint_id") ?? pick(record, "checkpoint.checkpoint_id");
  const { values, next } = (record ?? {}) as Json;
  return {
    ...(id !== undefined ? { id } : {}),
    ...(values !== undefined ? { values } : {}),
    ...(next !== undefined ? { next } : {}),
  };
};

/** Whether a streamed checkpoint agrees with a history entry in everything it shows. */
const agrees = (streamed: Shown, entry: Shown) =>
  Object.entries(streamed).every(([key, value]) => isDeepStrictEqual(value, entry[key as keyof Shown]));

/**
 * Judges the checkpoints a stream showed against the history, oldest first: as many, each agreeing with its entry.
 * When neither has any there is nothing to compare (a stream without the mode's events is judged elsewhere).
 */
async function judgeAgainstHistory(
  ctx: ScenarioContext,
  rule: Rule,
  outcome: StepOutcome,
  streamed: Shown[],
  history: Json[] | StepOutcome,
): Promise<void> {
  if (!Array.isArray(history))
    return ctx.skipRule(rule, `the thread's history could not be read (${why(history)})`, { evidence: history });
  const entries = history.map(shownBy);
  if (streamed.length === 0 && entries.length === 0)
    return ctx.skipRule(rule, "the run streamed no checkpoint and the history lists none: nothing to compare", {
      evidence: outcome,
    });
  const differs = entries.length === streamed.length ? streamed.findIndex((s, i) => !agrees(s, entries[i]!)) : 0;
  await ctx.holds(rule, {
    ok: differs < 0,
    expected: {
      checkpoints: entries.length,
      ...(differs >= 0 ? { at: differs, entry: entries[differs] ?? null } : {}),
    },
    actual: {
      checkpoints: streamed.length,
      ...(differs >= 0 ? { at: differs, streamed: streamed[differs] ?? null } : {}),
    },
    evidence: outcome,
  });
}

/** The nodes the run's checkpoints show running: each checkpoint's next, but the last's, without the graph's start. */
const nodesRun = (history: Json[]) =>
  new Set(
    history
      .slice(0, -1)
      .flatMap((e) => (Array.isArray(e.next) ? e.next.map(String) : []))
      .filter((n) => n !== "__start__"),
  );

async function judgeTasks(ctx: ScenarioContext, outcome: StepOutcome, history: Json[] | StepOutcome): Promise<void> {
  const rule = STREAMS.stream_tasks_name_nodes_run;
  if (!Array.isArray(history))
    return ctx.skipRule(rule, `the thread's history could not be read (${why(history)})`, { evidence: history });
  const tasks = eventsOf(outcome)
    .filter((e) => e.event === "tasks")
    .map((e) => (dataOf(e) ?? {}) as Json);
  const expected = [...nodesRun(history)].sort();
  if (tasks.length === 0 && expected.length === 0)
    return ctx.skipRule(rule, "the run streamed no tasks event and its history shows no node running", {
      evidence: outcome,
    });
  const finishes = (t: Json) => "result" in t || "error" in t;
  const started = tasks.filter((t) => !finishes(t));
  const finished = tasks.filter(finishes);
  const pairs = (a: Json[], b: Json[]) => a.every((t) => b.some((u) => u.id === t.id && u.name === t.name));
  const names = [...new Set(tasks.map((t) => String(t.name)))].sort();
  await ctx.holds(rule, {
    ok: isDeepStrictEqual(names, expected) && pairs(started, finished) && pairs(finished, started),
    expected: { nodes: expected, "each task": "a start and a finish with the same id and name" },
    actual: {
      nodes: names,
      started: started.map((t) => [t.id, t.name]),
      finished: finished.map((t) => [t.id, t.name]),
    },
    evidence: outcome,
  });
}

/** Message identities, for comparing states whatever extra members each answer gives a message. */
const messagesOf = (values: unknown): string[] => {
  const messages = pick(values, "messages");
  return Array.isArray(messages)
    ? messages.map((m) => JSON.stringify([pick(m, "id") ?? null, pick(m, "type") ?? null, pick(m, "content") ?? null]))
    : [];
};

const startsWith = (whole: string[], start: string[]) =>
  start.length <= whole.length && start.every((m, i) => whole[i] === m);

/** Each values event's messages start with those of the event before. */
async function judgeCumulative(ctx: ScenarioContext, outcome: StepOutcome): Promise<void> {
  const values = eventsOf(outcome)
    .filter((e) => e.event === "values")
    .map((e) => messagesOf(dataOf(e)));
  if (values.length === 0)
    return ctx.skipRule(STREAMS.stream_values_cumulative, "the run streamed no values event", { evidence: outcome });
  const broken = values.findIndex((v, i) => i > 0 && !startsWith(v, values[i - 1]!));
  await ctx.holds(STREAMS.stream_values_cumulative, {
    ok: broken < 0,
    expected: broken > 0 ? { [`values event ${broken - 1}`]: values[broken - 1] } : `${values.length} values events`,
    actual: broken > 0 ? { [`values event ${broken}`]: values[broken] } : `${values.length} values events`,
    evidence: outcome,
  });
}

/** Checkpoints as the debug checkpoint records and the checkpoints events of a stream show them. */
function streamedCheckpoints(outcome: StepOutcome): { debug: Shown[]; checkpoints: Shown[] } {
  const debug = eventsOf(outcome)
    .map((e) => (e.event === "debug" ? (dataOf(e) as Json | undefined) : undefined))
    .filter((d): d is Json => d?.type === "checkpoint")
    .map((d) => shownBy(d.payload));
  const checkpoints = eventsOf(outcome)
    .filter((e) => e.event === "checkpoints")
    .map((e) => shownBy(dataOf(e)));
  return { debug, checkpoints };
}

export const streamHistoryScenarios: Scenario[] = [
  {
    id: "streams.history",
    title: "What a run streams (values, debug checkpoints, checkpoints, tasks) against the state and history it leaves",
    tag: "Thread Runs",
    covers: [STREAM],
    rules: [
      STREAMS.stream_values_cumulative,
      STREAMS.stream_debug_checkpoints_match_history,
      STREAMS.stream_checkpoints_match_history,
      STREAMS.stream_tasks_name_nodes_run,
    ],
    async run(ctx) {
      const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
      let threadId = await createThread(ctx);
      let outcome = await streamRun(ctx, threadId, echo, MODES);
      const refused = !outcome.ok;
      if (refused) {
        // A target that refuses the newer modes is still judged on the modes every version has, on a fresh thread.
        const reason = `the stream in modes ${MODES.join(", ")} was refused (${why(outcome)})`;
        for (const rule of [STREAMS.stream_checkpoints_match_history, STREAMS.stream_tasks_name_nodes_run])
          await ctx.skipRule(rule, reason, { evidence: outcome });
        threadId = await createThread(ctx);
        outcome = await streamRun(ctx, threadId, echo, OLDER_MODES);
        if (!outcome.ok)
          ctx.skip(`the stream in modes ${OLDER_MODES.join(", ")} was refused too (${why(outcome)})`, outcome);
      }
      const history = await historyOf(ctx, threadId);
      const { debug, checkpoints } = streamedCheckpoints(outcome);
      await judgeCumulative(ctx, outcome);
      await judgeAgainstHistory(ctx, STREAMS.stream_debug_checkpoints_match_history, outcome, debug, history);
      if (refused) return;
      await judgeAgainstHistory(ctx, STREAMS.stream_checkpoints_match_history, outcome, checkpoints, history);
      await judgeTasks(ctx, outcome, history);
    },
  },
];
