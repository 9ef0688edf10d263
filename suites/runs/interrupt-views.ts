// What a thread waiting at an interrupt shows of it: the state's tasks and their interrupts, the thread's interrupts by
// task id and the newest history entry, read together and compared; and the waited runs that bring it there.

import { isDeepStrictEqual } from "node:util";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { bodyOf, getThread, listOf, pick, statusOf, type Json } from "../support/index.ts";
import { HISTORY, STATE, WAIT } from "./rules.ts";
import { readSettled, threadSettled } from "./settle.ts";

/** An interrupt as the views are compared on: its id and its value. */
export interface Pending {
  id: unknown;
  value: unknown;
}

/** The interrupts of a list, by id and value only, in the order of their ids. */
export const pendingOf = (list: unknown): Pending[] =>
  (Array.isArray(list) ? list : [])
    .map((i) => ({ id: pick(i, "id"), value: pick(i, "value") }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));

/** The interrupts of each task of a state, by task id (tasks with none are listed with none). */
export function interruptsByTask(state: unknown): Map<string, Pending[]> {
  const tasks = pick(state, "tasks");
  const found = new Map<string, Pending[]>();
  for (const task of Array.isArray(tasks) ? tasks : []) {
    const id = pick(task, "id");
    if (typeof id === "string") found.set(id, pendingOf(pick(task, "interrupts")));
  }
  return found;
}

/** Every interrupt a state's tasks hold. */
export const allPending = (state: unknown): Pending[] => pendingOf([...interruptsByTask(state).values()].flat());

/** A run on a thread, waited for (bounded); `body` is sent as it is, so a resume carries no input. */
export const waitOn = (
  ctx: ScenarioContext,
  threadId: string,
  body: Json,
  step: string,
  expect: "success" | "any" = "success",
): Promise<StepOutcome> =>
  ctx.call({
    op: WAIT,
    step,
    params: { thread_id: threadId },
    body: { metadata: ctx.metadata, ...body },
    expect,
    timeoutMs: 10_000,
    sdk: "runs.wait",
  });

export const stateStep = (threadId: string, step: string, query?: Record<string, boolean>) => ({
  op: STATE,
  step,
  params: { thread_id: threadId },
  ...(query ? { query } : {}),
  sdk: "threads.get_state",
});

export interface Views {
  thread: StepOutcome;
  state: StepOutcome;
  history: StepOutcome;
}

/** Reads the thread (once the run's end is recorded), its state and its newest history entry. */
export async function readViews(ctx: ScenarioContext, threadId: string): Promise<Views> {
  const thread = await readSettled(ctx, getThread(threadId, "read the waiting thread"), threadSettled);
  const state = await ctx.call(stateStep(threadId, "read the waiting thread's state"));
  const history = await ctx.call({
    op: HISTORY,
    step: "read the waiting thread's newest history entry",
    params: { thread_id: threadId },
    body: { limit: 1 },
    sdk: "threads.get_history",
  });
  return { thread, state, history };
}

/**
 * What the views disagree on, in words (none when they agree). `next` is what the state must show next; `raised`
 * says the graph called interrupt(), so its tasks must hold at least one interrupt.
 */
export function disagreements(views: Views, next: readonly string[] | undefined, raised: boolean): string[] {
  const problems: string[] = [];
  const state = bodyOf(views.state);
  const stateNext = state?.next;
  if (statusOf(views.thread) !== "interrupted") problems.push(`the thread's status is ${statusOf(views.thread)}`);
  if (!Array.isArray(stateNext) || stateNext.length === 0) problems.push("the state names no next node");
  else if (next && !isDeepStrictEqual(stateNext, next))
    problems.push(`the state's next is not ${JSON.stringify(next)}`);
  const byTask = interruptsByTask(state);
  const names = (listOf(views.state, "tasks") ?? []).map((t) => t.name);
  if (Array.isArray(stateNext) && !stateNext.every((n) => names.includes(n))) {
    problems.push("a node the state names next has no task");
  }
  if (raised && ![...byTask.values()].some((list) => list.length > 0)) problems.push("no task holds an interrupt");
  problems.push(...threadDisagrees(bodyOf(views.thread)?.interrupts, byTask));
  const flat = state?.interrupts;
  if (flat !== undefined && !isDeepStrictEqual(pendingOf(flat), allPending(state))) {
    problems.push("the state's interrupts are not those of its tasks");
  }
  problems.push(...historyDisagrees(views.history, state, byTask));
  return problems;
}

/** The thread's interrupts (optional in the document): an object keyed by the id of the task that holds them. */
function threadDisagrees(shown: unknown, byTask: Map<string, Pending[]>): string[] {
  if (shown === undefined) return [];
  if (!shown || typeof shown !== "object" || Array.isArray(shown)) return ["the thread's interrupts are not an object"];
  const problems: string[] = [];
  for (const [key, list] of Object.entries(shown as Json)) {
    const held = byTask.get(key);
    if (!held) problems.push(`the thread's interrupts name ${key}, which is not a task of the state`);
    else if (!isDeepStrictEqual(pendingOf(list), held))
      problems.push(`task ${key} holds other interrupts in the state`);
  }
  for (const [task, list] of byTask) {
    if (list.length > 0 && !(task in (shown as Json))) problems.push(`the thread's interrupts leave out task ${task}`);
  }
  return problems;
}

function historyDisagrees(history: StepOutcome, state: Json | undefined, byTask: Map<string, Pending[]>): string[] {
  const newest = listOf(history)?.[0];
  if (!newest) return ["the history has no entry"];
  const problems: string[] = [];
  if (!isDeepStrictEqual(newest.next, state?.next)) problems.push("the newest history entry has another next");
  const id = (s: unknown) => pick(s, "checkpoint.checkpoint_id");
  if (id(newest) !== undefined && id(state) !== undefined && id(newest) !== id(state)) {
    problems.push("the newest history entry is another checkpoint");
  }
  if (!isDeepStrictEqual(interruptsByTask(newest), byTask)) {
    problems.push("the newest history entry has other tasks or interrupts");
  }
  return problems;
}

/** What a judgement shows of the views. */
export const shown = (views: Views) => ({
  status: statusOf(views.thread) ?? null,
  next: bodyOf(views.state)?.next ?? null,
  tasks: Object.fromEntries(interruptsByTask(bodyOf(views.state))),
  thread_interrupts: bodyOf(views.thread)?.interrupts ?? null,
  history_next: pick(listOf(views.history)?.[0], "next") ?? null,
});
