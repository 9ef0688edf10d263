// Human in the loop: what a thread shows while a run waits at an interrupt, an edit before the resume, interrupts and
// resumes in a stream, Command where it does not apply, two interrupts at once and one inside a subgraph.

import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { INTERRUPT_QUESTION } from "../../fixtures/graphs/messages.ts";
import {
  all,
  bodyOf,
  contents,
  createThread,
  dataOf,
  eventsOf,
  getThread,
  GRAPH_IDS,
  graphAssistant,
  human,
  pick,
  say,
  statusOf,
  STREAM_BOUNDS,
  why,
  type Json,
} from "../support/index.ts";
import {
  allPending,
  disagreements,
  pendingOf,
  readViews,
  shown,
  stateStep,
  waitOn,
  type Views,
} from "./interrupt-views.ts";
import { parallelInterrupts, subgraphInterrupt } from "./many-interrupts.ts";
import { HISTORY, RUNS, STATE, STATE_AT, STREAM, THREAD, UPDATE_STATE, WAIT } from "./rules.ts";
import { readSettled, threadSettled } from "./settle.ts";

const streamOn = (ctx: ScenarioContext, threadId: string, body: Json, step: string): Promise<StepOutcome> =>
  ctx.call({
    op: STREAM,
    step,
    params: { thread_id: threadId },
    body: { metadata: ctx.metadata, stream_mode: ["values"], ...body },
    stream: STREAM_BOUNDS,
    timeoutMs: 10_000,
    sdk: "runs.stream",
  });

async function judgeViews(ctx: ScenarioContext, views: Views, detail: string, next?: string[]): Promise<void> {
  const problems = disagreements(views, next, !next);
  await ctx.holds(RUNS.interrupt_views_agree, {
    ok: problems.length === 0,
    expected: "the same next, tasks and interrupts in the thread, its state and its newest history entry",
    actual: { problems, ...shown(views) },
    evidence: problems.some((p) => p.includes("history")) ? views.history : views.state,
    detail,
  });
}

/** The interrupts a stream's root values and updates events carry under `__interrupt__`. */
const streamedInterrupts = (outcome: StepOutcome) =>
  pendingOf(
    eventsOf(outcome)
      .filter((e) => e.event === "values" || e.event === "updates")
      .flatMap((e) => pick(dataOf(e), "__interrupt__") ?? []),
  );

/** The messages of a stream's last root values event. */
const lastValues = (outcome: StepOutcome) =>
  contents(
    dataOf(
      eventsOf(outcome)
        .filter((e) => e.event === "values")
        .at(-1),
    ),
  );

/**
 * interrupt_agent streamed to its interrupt, the views compared, the state edited, the run resumed in a stream, then
 * resumed again once the thread waits at nothing.
 */
async function editedAndStreamed(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const threadId = await createThread(ctx);
  const first = await streamOn(
    ctx,
    threadId,
    { assistant_id: assistantId, ...say("hi") },
    "stream a run of interrupt_agent to its interrupt",
  );
  const views = await readViews(ctx, threadId);
  await judgeViews(ctx, views, "interrupt()");
  const listed = allPending(bodyOf(views.state));
  const streamed = streamedInterrupts(first);
  const asked = { question: INTERRUPT_QUESTION, about: "hi" };
  await ctx.holds(RUNS.stream_shows_interrupt, {
    ok:
      streamed.some((i) => isDeepStrictEqual(i.value, asked)) &&
      listed.every((i) => streamed.some((s) => s.id === i.id)),
    expected: { __interrupt__: [{ id: listed.map((i) => i.id), value: asked }] },
    actual: streamed,
    evidence: first,
  });

  const next = bodyOf(views.state)?.next;
  const edit = await ctx.call({
    op: UPDATE_STATE,
    step: "edit the interrupted thread's state",
    params: { thread_id: threadId },
    body: { values: human("edited before the resume") },
    sdk: "threads.update_state",
  });
  const edited = edit.ok ? await readViewsAfterEdit(ctx, threadId) : undefined;
  if (edited) {
    await ctx.holds(RUNS.update_state_keeps_interrupt, {
      ok: statusOf(edited.thread) === "interrupted" && isDeepStrictEqual(bodyOf(edited.state)?.next, next),
      expected: { status: "interrupted", next },
      actual: { status: statusOf(edited.thread) ?? null, next: bodyOf(edited.state)?.next ?? null },
      evidence: edited.state,
    });
  } else await ctx.skipRule(RUNS.update_state_keeps_interrupt, `update_state ${why(edit)}`, { evidence: edit });

  const resumed = await streamOn(
    ctx,
    threadId,
    { assistant_id: assistantId, command: { resume: "yes" } },
    "resume the run in a stream with Command(resume)",
  );
  await ctx.holds(RUNS.stream_resume_completes, {
    ok: lastValues(resumed).includes("answer: yes") && lastValues(resumed).includes("done"),
    expected: ["…", "answer: yes", "done"],
    actual: lastValues(resumed),
    evidence: resumed,
  });
  const final = await ctx.call(stateStep(threadId, "read the resumed thread's state"));
  const texts = contents(bodyOf(final)?.values);
  if (edited) {
    await ctx.holds(RUNS.resume_sees_update, {
      ok: texts.includes("edited before the resume") && texts.includes("answer: yes"),
      expected: ["…", "edited before the resume", "answer: yes", "…"],
      actual: texts,
      evidence: final,
    });
  } else await ctx.skipRule(RUNS.resume_sees_update, `update_state ${why(edit)}`, { evidence: edit });
  await resumeIdle(ctx, threadId, assistantId, texts);
}

async function readViewsAfterEdit(ctx: ScenarioContext, threadId: string) {
  const thread = await ctx.call(getThread(threadId, "read the edited thread's status"));
  const state = await ctx.call(stateStep(threadId, "read the edited thread's state"));
  return { thread, state };
}

/** Command(resume) once the thread's run has finished: refused, or nothing runs. */
async function resumeIdle(ctx: ScenarioContext, threadId: string, assistantId: string, before: string[]) {
  await readSettled(ctx, getThread(threadId, "wait for the resumed thread to be idle"), threadSettled);
  const again = await waitOn(
    ctx,
    threadId,
    { assistant_id: assistantId, command: { resume: "again" } },
    "resume a thread that waits at no interrupt",
    "any",
  );
  const refused = again.status !== undefined && again.status >= 400 && again.status < 500;
  const after = again.ok
    ? contents(bodyOf(await ctx.call(stateStep(threadId, "read the state after it")))?.values)
    : [];
  await ctx.holds(RUNS.command_resume_idle_no_effect, {
    ok: refused || (again.ok && isDeepStrictEqual(after, before)),
    expected: { status: "4xx, or 2xx with the values unchanged", messages: before },
    actual: { status: again.status ?? why(again), messages: after },
    evidence: again,
  });
}

/** branch_agent stopped before `finish`, the views compared, then a run with both input and command. */
async function beforeFinish(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const threadId = await createThread(ctx);
  await waitOn(
    ctx,
    threadId,
    { assistant_id: assistantId, ...say("go left"), interrupt_before: ["finish"] },
    "run branch_agent with interrupt_before [finish]",
  );
  await judgeViews(ctx, await readViews(ctx, threadId), "interrupt_before", ["finish"]);
  const mixed = await waitOn(
    ctx,
    threadId,
    { assistant_id: assistantId, input: human("written by the input"), command: { resume: "go on" } },
    "run with both input and command",
    "any",
  );
  const refused = mixed.status !== undefined && mixed.status >= 400 && mixed.status < 500;
  const texts = mixed.ok
    ? contents(bodyOf(await ctx.call(stateStep(threadId, "read the state after it")))?.values)
    : [];
  await ctx.holds(RUNS.command_with_input_not_mixed, {
    ok: refused || (mixed.ok && texts.includes("finished") && !texts.includes("written by the input")),
    expected: { status: "4xx, or 2xx with finish run and the input left out", messages: ["…", "finished"] },
    actual: { status: mixed.status ?? why(mixed), messages: texts },
    evidence: mixed,
  });
}

export const humanInTheLoopScenarios: Scenario[] = [
  {
    id: "runs.human-in-the-loop",
    title: "Human in the loop: a waiting thread's views, edits, streamed resumes, misused Commands, many interrupts",
    tag: "Thread Runs",
    covers: [STATE, THREAD, HISTORY, UPDATE_STATE, STREAM, WAIT, STATE_AT],
    rules: [
      RUNS.interrupt_views_agree,
      RUNS.stream_shows_interrupt,
      RUNS.update_state_keeps_interrupt,
      RUNS.stream_resume_completes,
      RUNS.resume_sees_update,
      RUNS.command_resume_idle_no_effect,
      RUNS.command_with_input_not_mixed,
      RUNS.parallel_interrupts_listed,
      RUNS.parallel_resume_by_id,
      RUNS.subgraph_state_under_task,
      RUNS.subgraph_checkpoint_readable,
      RUNS.subgraph_resume_completes,
    ],
    async run(ctx) {
      const [interrupt, branch, parallel, subgraph] = await all([
        graphAssistant(ctx, GRAPH_IDS.interrupt),
        graphAssistant(ctx, GRAPH_IDS.branch),
        graphAssistant(ctx, GRAPH_IDS.parallelInterrupt),
        graphAssistant(ctx, GRAPH_IDS.subgraphInterrupt),
      ]);
      await all([
        editedAndStreamed(ctx, interrupt),
        beforeFinish(ctx, branch),
        parallelInterrupts(ctx, parallel),
        subgraphInterrupt(ctx, subgraph),
      ]);
    },
  },
];
