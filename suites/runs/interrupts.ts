// Runs that stop before the end: dynamic interrupts resumed with a Command (resume, update, goto), interrupt_before/after, failures.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { all, bodyOf, contents, getThread, say, stateValues, statusOf, type Json } from "../support/index.ts";
import { createAssistant, createThread, GRAPH_IDS, runBody } from "../support/index.ts";

const WAIT = "POST /threads/{thread_id}/runs/wait";
const THREAD = "GET /threads/{thread_id}";

/** runs.wait on a thread, bounded. */
const wait = (ctx: ScenarioContext, threadId: string, assistantId: string, extra: Json, step: string): Promise<StepOutcome> =>
  ctx.call({ op: WAIT, step, params: { thread_id: threadId }, body: runBody(assistantId, { metadata: ctx.metadata, ...extra }), timeoutMs: 10_000, sdk: "runs.wait" });

/** Asserts the thread's status after a run stopped, as the API documents it. */
async function threadStatusIs(ctx: ScenarioContext, threadId: string, expected: string, check: string, claim: string): Promise<void> {
  const thread = await ctx.call(getThread(threadId));
  await ctx.assert({ op: THREAD, check, claim, ok: statusOf(thread) === expected, expected, actual: statusOf(thread) ?? null, evidence: thread, sdk: "threads.get" });
}

/** A thread of interrupt_agent stopped at its dynamic interrupt. */
async function interrupted(ctx: ScenarioContext, assistantId: string): Promise<{ threadId: string; outcome: StepOutcome }> {
  const threadId = await createThread(ctx);
  const outcome = await wait(ctx, threadId, assistantId, say("hi"), "run interrupt_agent until its interrupt");
  return { threadId, outcome };
}

async function resume(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { threadId, outcome } = await interrupted(ctx, assistantId);
  const envelope = bodyOf(outcome)?.__interrupt__;
  const ok = Array.isArray(envelope) && envelope.length > 0 && envelope.every((i) => !!i && typeof i === "object" && "value" in i);
  await ctx.assert({ op: WAIT, check: "run_wait_interrupt_envelope", claim: "wait on a run stopped by interrupt() answers {__interrupt__: [{value, …}]}", ok, expected: { __interrupt__: [{ value: "…" }] }, actual: outcome.json ?? null, evidence: outcome, sdk: "runs.wait" });
  await threadStatusIs(ctx, threadId, "interrupted", "thread_interrupted_after_interrupt", "a thread whose run stopped at an interrupt is interrupted");
  const resumed = await wait(ctx, threadId, assistantId, { command: { resume: "yes" } }, "resume with Command(resume)");
  await ctx.assert({ op: WAIT, check: "command_resume_continues", claim: "Command(resume) hands the value to interrupt() and the graph runs on", ok: contents(resumed.json).includes("answer: yes") && contents(resumed.json).includes("done"), expected: ["answer: yes", "done"], actual: contents(resumed.json), evidence: resumed, sdk: "runs.wait" });
  await threadStatusIs(ctx, threadId, "idle", "thread_idle_after_resume", "a resumed thread whose run succeeded is idle");
}

async function resumeWithUpdate(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { threadId } = await interrupted(ctx, assistantId);
  const update = { messages: [{ role: "human", content: "added by the command" }] };
  const resumed = await wait(ctx, threadId, assistantId, { command: { resume: "ok", update } }, "resume with Command(resume, update)");
  const texts = contents(resumed.json);
  await ctx.assert({ op: WAIT, check: "command_update_applies", claim: "Command(update) writes to the state before the graph runs on", ok: texts.includes("added by the command") && texts.includes("answer: ok"), expected: ["added by the command", "answer: ok"], actual: texts, evidence: resumed, sdk: "runs.wait" });
}

async function goto(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { threadId } = await interrupted(ctx, assistantId);
  const jumped = await wait(ctx, threadId, assistantId, { command: { goto: "finish" } }, "go to node finish with Command(goto)");
  const texts = contents(jumped.json);
  await ctx.assert({ op: WAIT, check: "command_goto_runs_node", claim: "Command(goto) runs the named node", ok: texts.includes("done") && !texts.some((t) => t.startsWith("answer:")), expected: "done, and no answer from ask", actual: texts, evidence: jumped, sdk: "runs.wait" });
}

async function interruptBefore(ctx: ScenarioContext, echo: string): Promise<void> {
  const threadId = await createThread(ctx);
  await wait(ctx, threadId, echo, { ...say("hi"), interrupt_before: ["echo"] }, "run the echo graph with interrupt_before [echo]");
  const { outcome: state, values } = await stateValues(ctx, threadId);
  const next = bodyOf(state)?.next;
  await ctx.assert({ op: WAIT, check: "interrupt_before_pauses_before_node", claim: "interrupt_before stops the run before the node: it is next and has not written", ok: Array.isArray(next) && next.includes("echo") && !contents(values).includes("echo: hi"), expected: { next: ["echo"] }, actual: { next: next ?? null, messages: contents(values) }, evidence: state, sdk: "runs.wait" });
  await threadStatusIs(ctx, threadId, "interrupted", "thread_interrupted_after_interrupt", "a thread whose run stopped at interrupt_before is interrupted");
  const resumed = await wait(ctx, threadId, echo, { input: null }, "resume with no input");
  await ctx.assert({ op: WAIT, check: "interrupt_before_resumes", claim: "a run with no input resumes the thread at the node it stopped before", ok: contents(resumed.json).includes("echo: hi"), expected: "echo: hi", actual: contents(resumed.json), evidence: resumed, sdk: "runs.wait" });
}

async function interruptAfter(ctx: ScenarioContext, echo: string): Promise<void> {
  const threadId = await createThread(ctx);
  const stopped = await wait(ctx, threadId, echo, { ...say("hi"), interrupt_after: ["echo"] }, "run the echo graph with interrupt_after [echo]");
  const { values } = await stateValues(ctx, threadId);
  const thread = await ctx.call(getThread(threadId));
  await ctx.assert({ op: WAIT, check: "interrupt_after_pauses_after_node", claim: "interrupt_after stops the run once the node has written, leaving the thread interrupted", ok: contents(values).includes("echo: hi") && statusOf(thread) === "interrupted", expected: { messages: "… echo: hi", status: "interrupted" }, actual: { messages: contents(values), status: statusOf(thread) ?? null }, evidence: stopped, sdk: "runs.wait" });
}

async function failure(ctx: ScenarioContext, failing: string): Promise<void> {
  const threadId = await createThread(ctx);
  const failed = await wait(ctx, threadId, failing, say("hi"), "run the failing graph and wait");
  const error = bodyOf(failed)?.__error__ as Json | undefined;
  await ctx.assert({ op: WAIT, check: "run_wait_error_envelope", claim: "wait on a failed run answers {__error__: {error, message}}", ok: !!error && typeof error.error === "string" && typeof error.message === "string", expected: { __error__: { error: "…", message: "…" } }, actual: failed.json ?? null, evidence: failed, sdk: "runs.wait" });
  await threadStatusIs(ctx, threadId, "error", "thread_error_after_failure", "a thread whose last run failed is in status error");
  const runs = await ctx.call({ op: "GET /threads/{thread_id}/runs", step: "list the failed run", params: { thread_id: threadId }, sdk: "runs.list" });
  const status = Array.isArray(runs.json) ? (runs.json[0] as Json | undefined)?.status : undefined;
  await ctx.assert({ op: "GET /threads/{thread_id}/runs", check: "run_status_error_after_failure", claim: "a run whose graph raised is in status error", ok: status === "error", expected: "error", actual: status ?? null, evidence: runs, sdk: "runs.list" });
}

export const runInterruptScenarios: Scenario[] = [
  {
    id: "runs.interrupts",
    title: "Interrupted, resumed and failed thread runs",
    tag: "Thread Runs",
    covers: [WAIT, THREAD, "GET /threads/{thread_id}/runs"],
    async run(ctx) {
      const [interrupt, echo, failing] = await all([createAssistant(ctx, GRAPH_IDS.interrupt), createAssistant(ctx, GRAPH_IDS.echo), createAssistant(ctx, GRAPH_IDS.failing)]);
      await all([resume(ctx, interrupt), resumeWithUpdate(ctx, interrupt), goto(ctx, interrupt), interruptBefore(ctx, echo), interruptAfter(ctx, echo), failure(ctx, failing)]);
    },
  },
];
