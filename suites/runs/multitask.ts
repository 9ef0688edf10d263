// A second run on a busy thread: multitask_strategy reject, interrupt, rollback, enqueue, and the documented default.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { all, bodyOf, contents, delay, getRun, running, say, settled, startRun, stateValues, statusOf, stop } from "../support/index.ts";
import { createAssistant, createThread, GRAPH_IDS, runBody } from "../support/index.ts";

const RUNS = "POST /threads/{thread_id}/runs";

/** A thread whose first run (input "one") is running, and a way to start the second (input "two"). */
async function busyThread(ctx: ScenarioContext, slow: string, firstMs: number) {
  const threadId = await createThread(ctx);
  const first = await startRun(ctx, threadId, slow, { ...say("one"), ...delay(firstMs) }, `start a first run (${firstMs} ms)`);
  await running(ctx, threadId, first);
  const second = (strategy: string | undefined): Promise<StepOutcome> =>
    ctx.call({
      op: RUNS,
      step: strategy ? `start a second run with multitask_strategy ${strategy}` : "start a second run without multitask_strategy",
      params: { thread_id: threadId },
      body: runBody(slow, { ...say("two"), ...delay(0), metadata: ctx.metadata, ...(strategy ? { multitask_strategy: strategy } : {}) }),
      expect: strategy === "reject" || !strategy ? "any" : "success",
      sdk: "runs.create",
    });
  return { threadId, first, second };
}

const runIdOf = (o: StepOutcome) => (typeof bodyOf(o)?.run_id === "string" ? (bodyOf(o)!.run_id as string) : undefined);

async function reject(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 2_000);
  const refused = await second("reject");
  await ctx.assert({ op: RUNS, check: "multitask_reject_refuses", claim: "with multitask_strategy reject, a run on a busy thread is refused", ok: !!refused.status && refused.status >= 400 && refused.status < 500, expected: "4xx", actual: refused.status ?? null, evidence: refused, sdk: "runs.create" });
  await ctx.assert({ op: RUNS, check: "multitask_reject_conflict", claim: "the refusal is 409 Conflict (the thread is busy)", ok: refused.status === 409, expected: 409, actual: refused.status ?? null, evidence: refused, sdk: "runs.create" });
  const firstAfter = await settled(ctx, threadId, first, 6_000);
  const accepted = runIdOf(refused);
  if (accepted) await settled(ctx, threadId, accepted, 6_000);
  await ctx.assert({ op: RUNS, check: "multitask_reject_first_unaffected", claim: "the running run is unaffected by the refused one and succeeds", ok: statusOf(firstAfter) === "success", expected: "success", actual: statusOf(firstAfter) ?? firstAfter.status ?? null, evidence: firstAfter, sdk: "runs.create" });
}

async function interrupt(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 8_000);
  const created = await second("interrupt");
  const secondId = runIdOf(created);
  if (!secondId) return void (await stop(ctx, threadId, first));
  const secondAfter = await settled(ctx, threadId, secondId, 6_000);
  await ctx.assert({ op: RUNS, check: "multitask_interrupt_runs_second", claim: "with multitask_strategy interrupt, the new run runs to success", ok: statusOf(secondAfter) === "success", expected: "success", actual: statusOf(secondAfter) ?? null, evidence: secondAfter, sdk: "runs.create" });
  const firstAfter = await ctx.call(getRun(threadId, first, "read the interrupted first run"));
  await ctx.assert({ op: RUNS, check: "multitask_interrupt_interrupts_first", claim: "with multitask_strategy interrupt, the running run is kept in status interrupted", ok: statusOf(firstAfter) === "interrupted", expected: "interrupted", actual: statusOf(firstAfter) ?? firstAfter.status ?? null, evidence: firstAfter, sdk: "runs.create" });
}

async function rollback(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 8_000);
  const created = await second("rollback");
  const secondId = runIdOf(created);
  if (!secondId) return void (await stop(ctx, threadId, first));
  await settled(ctx, threadId, secondId, 6_000);
  const firstAfter = await ctx.call(getRun(threadId, first, "read the rolled-back first run"));
  await ctx.assert({ op: RUNS, check: "multitask_rollback_deletes_first", claim: "with multitask_strategy rollback, the running run is deleted", ok: firstAfter.status === 404, expected: 404, actual: firstAfter.status === 404 ? 404 : (statusOf(firstAfter) ?? firstAfter.status ?? null), evidence: firstAfter, sdk: "runs.create" });
}

async function enqueue(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 600);
  const created = await second("enqueue");
  const secondId = runIdOf(created);
  if (!secondId) return void (await settled(ctx, threadId, first, 6_000));
  const secondAfter = await settled(ctx, threadId, secondId, 8_000);
  const firstAfter = await ctx.call(getRun(threadId, first, "read the first run"));
  const { values } = await stateValues(ctx, threadId);
  const order = ["one", "slept 600ms", "two", "slept 0ms"].map((t) => contents(values).indexOf(t));
  const inOrder = order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!));
  await ctx.assert({ op: RUNS, check: "multitask_enqueue_runs_in_order", claim: "with multitask_strategy enqueue, both runs succeed, the queued one after the first", ok: inOrder && statusOf(firstAfter) === "success" && statusOf(secondAfter) === "success", expected: { messages: ["one", "slept 600ms", "two", "slept 0ms"], status: "success" }, actual: { messages: contents(values), first: statusOf(firstAfter) ?? null, second: statusOf(secondAfter) ?? null }, evidence: secondAfter, sdk: "runs.create" });
}

async function byDefault(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 600);
  const created = await second(undefined);
  await ctx.assert({ op: RUNS, check: "multitask_default_enqueues", claim: "without multitask_strategy a run on a busy thread is queued (the documented default is enqueue)", ok: created.ok, expected: "2xx", actual: created.status ?? null, evidence: created, sdk: "runs.create" });
  const secondId = runIdOf(created);
  await settled(ctx, threadId, secondId ?? first, 6_000);
}

export const runMultitaskScenarios: Scenario[] = [
  {
    id: "runs.multitask",
    title: "A second run on a busy thread, by multitask strategy",
    tag: "Thread Runs",
    covers: [RUNS],
    async run(ctx) {
      const slow = await createAssistant(ctx, GRAPH_IDS.slow);
      // Two at a time: each pair needs at most two queue workers at once.
      await all([reject(ctx, slow), interrupt(ctx, slow)]);
      await all([rollback(ctx, slow), enqueue(ctx, slow)]);
      await byDefault(ctx, slow);
    },
  },
];
