// Runs that stop before the end: dynamic interrupts resumed with a Command (resume, update, goto), interrupt_before/after, failures.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { ACTIVE, all, bodyOf, contents, getThread, say, stateValues, statusOf, type Json } from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, runBody } from "../support/index.ts";
import { LIST, RUNS, THREAD, WAIT } from "./rules.ts";
import { readSettled, threadSettled } from "./settle.ts";

/** runs.wait on a thread, bounded. */
const wait = (
  ctx: ScenarioContext,
  threadId: string,
  assistantId: string,
  extra: Json,
  step: string,
): Promise<StepOutcome> =>
  ctx.call({
    op: WAIT,
    step,
    params: { thread_id: threadId },
    // A Command resumes without input: the SDK says the two are not combined.
    body:
      "command" in extra
        ? { assistant_id: assistantId, metadata: ctx.metadata, ...extra }
        : runBody(assistantId, { metadata: ctx.metadata, ...extra }),
    timeoutMs: 10_000,
    sdk: "runs.wait",
  });

/** Judges the thread's status after a run stopped (its wait answered), once the server recorded the end. */
async function threadStatusIs(
  ctx: ScenarioContext,
  threadId: string,
  expected: string,
  rule: Rule,
  detail?: string,
): Promise<void> {
  const thread = await readSettled(ctx, getThread(threadId), threadSettled);
  await ctx.holds(rule, {
    ok: statusOf(thread) === expected,
    expected,
    actual: statusOf(thread) ?? null,
    evidence: thread,
    ...(detail ? { detail } : {}),
  });
}

/** A thread of interrupt_agent stopped at its dynamic interrupt. */
async function interrupted(
  ctx: ScenarioContext,
  assistantId: string,
): Promise<{ threadId: string; outcome: StepOutcome }> {
  const threadId = await createThread(ctx);
  const outcome = await wait(ctx, threadId, assistantId, say("hi"), "run interrupt_agent until its interrupt");
  return { threadId, outcome };
}

async function resume(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { threadId, outcome } = await interrupted(ctx, assistantId);
  const envelope = bodyOf(outcome)?.__interrupt__;
  const ok =
    Array.isArray(envelope) &&
    envelope.length > 0 &&
    envelope.every((i) => !!i && typeof i === "object" && "value" in i);
  await ctx.holds(RUNS.run_wait_interrupt_envelope, {
    ok,
    expected: { __interrupt__: [{ value: "…" }] },
    actual: outcome.json ?? null,
    evidence: outcome,
  });
  await threadStatusIs(ctx, threadId, "interrupted", RUNS.thread_interrupted_after_interrupt, "interrupt()");
  const resumed = await wait(ctx, threadId, assistantId, { command: { resume: "yes" } }, "resume with Command(resume)");
  await ctx.holds(RUNS.command_resume_continues, {
    ok: contents(resumed.json).includes("answer: yes") && contents(resumed.json).includes("done"),
    expected: ["answer: yes", "done"],
    actual: contents(resumed.json),
    evidence: resumed,
  });
  await threadStatusIs(ctx, threadId, "idle", RUNS.thread_idle_after_resume);
}

async function resumeWithUpdate(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { threadId } = await interrupted(ctx, assistantId);
  const update = { messages: [{ role: "human", content: "added by the command" }] };
  const resumed = await wait(
    ctx,
    threadId,
    assistantId,
    { command: { resume: "ok", update } },
    "resume with Command(resume, update)",
  );
  const texts = contents(resumed.json);
  await ctx.holds(RUNS.command_update_applies, {
    ok: texts.includes("added by the command") && texts.includes("answer: ok"),
    expected: ["added by the command", "answer: ok"],
    actual: texts,
    evidence: resumed,
  });
}

async function goto(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { threadId } = await interrupted(ctx, assistantId);
  const jumped = await wait(
    ctx,
    threadId,
    assistantId,
    { command: { goto: "finish" } },
    "go to node finish with Command(goto)",
  );
  const texts = contents(jumped.json);
  await ctx.holds(RUNS.command_goto_runs_node, {
    ok: texts.includes("done") && !texts.some((t) => t.startsWith("answer:")),
    expected: "done, and no answer from ask",
    actual: texts,
    evidence: jumped,
  });
}

async function interruptBefore(ctx: ScenarioContext, echo: string): Promise<void> {
  const threadId = await createThread(ctx);
  await wait(
    ctx,
    threadId,
    echo,
    { ...say("hi"), interrupt_before: ["echo"] },
    "run the echo graph with interrupt_before [echo]",
  );
  const { outcome: state, values } = await stateValues(ctx, threadId);
  const next = bodyOf(state)?.next;
  await ctx.holds(RUNS.interrupt_before_pauses_before_node, {
    ok: Array.isArray(next) && next.includes("echo") && !contents(values).includes("echo: hi"),
    expected: { next: ["echo"] },
    actual: { next: next ?? null, messages: contents(values) },
    evidence: state,
  });
  await threadStatusIs(ctx, threadId, "interrupted", RUNS.thread_interrupted_after_interrupt, "interrupt_before");
  const resumed = await wait(ctx, threadId, echo, { input: null }, "resume with no input");
  await ctx.holds(RUNS.interrupt_before_resumes, {
    ok: contents(resumed.json).includes("echo: hi"),
    expected: "echo: hi",
    actual: contents(resumed.json),
    evidence: resumed,
  });
}

async function interruptAfter(ctx: ScenarioContext, echo: string): Promise<void> {
  const threadId = await createThread(ctx);
  const stopped = await wait(
    ctx,
    threadId,
    echo,
    { ...say("hi"), interrupt_after: ["echo"] },
    "run the echo graph with interrupt_after [echo]",
  );
  const thread = await readSettled(ctx, getThread(threadId), threadSettled);
  const { values } = await stateValues(ctx, threadId);
  await ctx.holds(RUNS.interrupt_after_pauses_after_node, {
    ok: contents(values).includes("echo: hi") && statusOf(thread) === "interrupted",
    expected: { messages: "… echo: hi", status: "interrupted" },
    actual: { messages: contents(values), status: statusOf(thread) ?? null },
    evidence: stopped,
  });
}

async function failure(ctx: ScenarioContext, failing: string): Promise<void> {
  const threadId = await createThread(ctx);
  const failed = await wait(ctx, threadId, failing, say("hi"), "run the failing graph and wait");
  const error = bodyOf(failed)?.__error__ as Json | undefined;
  await ctx.holds(RUNS.run_wait_error_envelope, {
    ok: !!error && typeof error.error === "string" && typeof error.message === "string",
    expected: { __error__: { error: "…", message: "…" } },
    actual: failed.json ?? null,
    evidence: failed,
  });
  await threadStatusIs(ctx, threadId, "error", RUNS.thread_error_after_failure);
  const firstStatus = (o: StepOutcome) => (Array.isArray(o.json) ? (o.json[0] as Json | undefined)?.status : undefined);
  const runs = await readSettled(
    ctx,
    { op: LIST, step: "list the failed run", params: { thread_id: threadId }, sdk: "runs.list" },
    (o) => !ACTIVE.includes(String(firstStatus(o) ?? "")),
  );
  const status = firstStatus(runs);
  await ctx.holds(RUNS.run_status_error_after_failure, {
    ok: status === "error",
    expected: "error",
    actual: status ?? null,
    evidence: runs,
  });
}

export const runInterruptScenarios: Scenario[] = [
  {
    id: "runs.interrupts",
    title: "Interrupted, resumed and failed thread runs",
    tag: "Thread Runs",
    covers: [WAIT, THREAD, LIST],
    rules: [
      RUNS.run_wait_interrupt_envelope,
      RUNS.thread_interrupted_after_interrupt,
      RUNS.command_resume_continues,
      RUNS.thread_idle_after_resume,
      RUNS.command_update_applies,
      RUNS.command_goto_runs_node,
      RUNS.interrupt_before_pauses_before_node,
      RUNS.interrupt_before_resumes,
      RUNS.interrupt_after_pauses_after_node,
      RUNS.run_wait_error_envelope,
      RUNS.thread_error_after_failure,
      RUNS.run_status_error_after_failure,
    ],
    async run(ctx) {
      const [interrupt, echo, failing] = await all([
        graphAssistant(ctx, GRAPH_IDS.interrupt),
        graphAssistant(ctx, GRAPH_IDS.echo),
        graphAssistant(ctx, GRAPH_IDS.failing),
      ]);
      await all([
        resume(ctx, interrupt),
        resumeWithUpdate(ctx, interrupt),
        goto(ctx, interrupt),
        interruptBefore(ctx, echo),
        interruptAfter(ctx, echo),
        failure(ctx, failing),
      ]);
    },
  },
];
