// Interrupts beyond one in one graph: two raised in the same step and answered by id, and one inside a subgraph.

import { isDeepStrictEqual } from "node:util";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import { bodyOf, contents, createThread, getThread, listOf, pick, say, statusOf, why } from "../support/index.ts";
import { allPending, pendingOf, stateStep, waitOn } from "./interrupt-views.ts";
import { RUNS, STATE_AT } from "./rules.ts";
import { readSettled, threadSettled } from "./settle.ts";

/** parallel_interrupt_agent stopped at both its interrupts, the state's list of them judged, then both answered by id. */
export async function parallelInterrupts(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const threadId = await createThread(ctx);
  await waitOn(
    ctx,
    threadId,
    { assistant_id: assistantId, ...say("hi") },
    "run parallel_interrupt_agent to its interrupts",
  );
  const state = await ctx.call(stateStep(threadId, "read the state of the thread waiting at two interrupts"));
  const asked = (listOf(state, "tasks") ?? []).map((task) => ({
    task: task.name,
    interrupts: pendingOf(task.interrupts),
  }));
  const idOf = (question: string) =>
    asked.find((t) => t.interrupts.length === 1 && isDeepStrictEqual(t.interrupts[0]!.value, { question }))
      ?.interrupts[0]!.id;
  const [a, b] = [idOf("a"), idOf("b")];
  const distinct = typeof a === "string" && typeof b === "string" && a !== b;
  await ctx.holds(RUNS.parallel_interrupts_listed, {
    ok: distinct,
    expected: [
      { task: "ask_a", interrupts: [{ id: "<id a>", value: { question: "a" } }] },
      { task: "ask_b", interrupts: [{ id: "<id b>", value: { question: "b" } }] },
    ],
    actual: asked,
    evidence: state,
  });
  if (!distinct) {
    const reason = "the state lists no two interrupts with ids of their own to answer";
    return ctx.skipRule(RUNS.parallel_resume_by_id, reason, { evidence: state });
  }
  const resumed = await waitOn(
    ctx,
    threadId,
    { assistant_id: assistantId, command: { resume: { [a]: "yes a", [b]: "yes b" } } },
    "answer both interrupts by id",
  );
  const final = await ctx.call(stateStep(threadId, "read the state once both are answered"));
  const texts = contents(bodyOf(final)?.values);
  await ctx.holds(RUNS.parallel_resume_by_id, {
    ok: ["a: yes a", "b: yes b", "done"].every((t) => texts.includes(t)),
    expected: ["hi", "a: yes a", "b: yes b", "done"],
    actual: texts,
    evidence: resumed.ok ? final : resumed,
  });
}

/** subgraph_interrupt_agent stopped inside its child: the child's state read two ways, then the resume. */
export async function subgraphInterrupt(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const threadId = await createThread(ctx);
  await waitOn(
    ctx,
    threadId,
    { assistant_id: assistantId, ...say("hi") },
    "run subgraph_interrupt_agent to its interrupt",
  );
  await readSettled(ctx, getThread(threadId, "wait for the run's end to be recorded"), threadSettled);
  const state = await ctx.call(stateStep(threadId, "read the state with the subgraphs' states", { subgraphs: true }));
  const task = (listOf(state, "tasks") ?? []).find((t) => t.name === "child");
  const child = task?.state;
  const namespace = pick(child, "checkpoint.checkpoint_ns");
  const held = allPending(child);
  await ctx.holds(RUNS.subgraph_state_under_task, {
    ok:
      isDeepStrictEqual(bodyOf(state)?.next, ["child"]) &&
      isDeepStrictEqual(pick(child, "next"), ["child_ask"]) &&
      typeof namespace === "string" &&
      namespace.startsWith("child") &&
      held.some((i) => isDeepStrictEqual(i.value, { question: "child" })),
    expected: {
      next: ["child"],
      tasks: [{ name: "child", state: { next: ["child_ask"], checkpoint: { checkpoint_ns: "child:<task id>" } } }],
    },
    actual: { next: bodyOf(state)?.next ?? null, child: child ?? null },
    evidence: state,
  });
  await readAtChildCheckpoint(ctx, threadId, pick(child, "checkpoint"));
  const resumed = await waitOn(
    ctx,
    threadId,
    { assistant_id: assistantId, command: { resume: "sub yes" } },
    "resume the interrupt inside the subgraph",
  );
  const thread = await readSettled(ctx, getThread(threadId, "read the resumed thread"), threadSettled);
  const final = await ctx.call(stateStep(threadId, "read the resumed thread's state"));
  const texts = contents(bodyOf(final)?.values);
  await ctx.holds(RUNS.subgraph_resume_completes, {
    ok:
      texts.includes("child answer: sub yes") &&
      isDeepStrictEqual(bodyOf(final)?.next, []) &&
      statusOf(thread) === "idle",
    expected: { messages: ["hi", "child answer: sub yes"], next: [], status: "idle" },
    actual: { messages: texts, next: bodyOf(final)?.next ?? null, status: statusOf(thread) ?? null },
    evidence: resumed.ok ? final : resumed,
  });
}

/** The state at the child's checkpoint, addressed by namespace and id in the body. */
async function readAtChildCheckpoint(ctx: ScenarioContext, threadId: string, checkpoint: unknown): Promise<void> {
  const namespace = pick(checkpoint, "checkpoint_ns");
  const id = pick(checkpoint, "checkpoint_id");
  if (typeof namespace !== "string" || !namespace || typeof id !== "string") {
    const reason = "the state shows no checkpoint of the subgraph to address";
    return ctx.skipRule(RUNS.subgraph_checkpoint_readable, reason);
  }
  const read = await ctx.call({
    op: STATE_AT,
    step: "read the state at the subgraph's checkpoint",
    params: { thread_id: threadId },
    body: { checkpoint: { thread_id: threadId, checkpoint_ns: namespace, checkpoint_id: id } },
    sdk: "threads.get_state",
  });
  const body = bodyOf(read);
  await ctx.holds(RUNS.subgraph_checkpoint_readable, {
    ok:
      isDeepStrictEqual(body?.next, ["child_ask"]) &&
      pick(body, "checkpoint.checkpoint_ns") === namespace &&
      contents(body?.values).includes("hi"),
    expected: { next: ["child_ask"], checkpoint: { checkpoint_ns: namespace, checkpoint_id: id } },
    actual: read.ok ? { next: body?.next ?? null, checkpoint: body?.checkpoint ?? null } : why(read),
    evidence: read,
  });
}
