// A second run on a busy thread: multitask_strategy reject, interrupt, rollback, enqueue, and the documented default.

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import {
  all,
  bodyOf,
  contents,
  delay,
  getRun,
  running,
  say,
  settled,
  startRun,
  stateValues,
  statusOf,
  stop,
  why,
} from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, runBody } from "../support/index.ts";
import { judgeGone } from "../support/gone.ts";
import { CREATE, RUNS } from "./rules.ts";

/** A thread whose first run (input "one") is running, and a way to start the second (input "two"). */
async function busyThread(ctx: ScenarioContext, slow: string, firstMs: number) {
  const threadId = await createThread(ctx);
  const first = await startRun(
    ctx,
    threadId,
    slow,
    { ...say("one"), ...delay(firstMs) },
    `start a first run (${firstMs} ms)`,
  );
  await running(ctx, threadId, first);
  const second = (strategy: string | undefined): Promise<StepOutcome> =>
    ctx.call({
      op: CREATE,
      step: strategy
        ? `start a second run with multitask_strategy ${strategy}`
        : "start a second run without multitask_strategy",
      params: { thread_id: threadId },
      body: runBody(slow, {
        ...say("two"),
        ...delay(0),
        metadata: ctx.metadata,
        ...(strategy ? { multitask_strategy: strategy } : {}),
      }),
      expect: strategy === "reject" || !strategy ? "any" : "success",
      sdk: "runs.create",
    });
  return { threadId, first, second };
}

const runIdOf = (o: StepOutcome) => (typeof bodyOf(o)?.run_id === "string" ? (bodyOf(o)!.run_id as string) : undefined);

/** The second run was not created: its strategy's rules cannot be judged. */
async function notCreated(ctx: ScenarioContext, created: StepOutcome, strategy: string, rules: Rule[]): Promise<void> {
  const reason = `createRun with multitask_strategy ${strategy} ${why(created)}, so there is no second run to follow`;
  for (const rule of rules) await ctx.skipRule(rule, reason);
}

async function reject(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 2_000);
  const refused = await second("reject");
  await ctx.holds(RUNS.multitask_reject_refuses, {
    ok: !!refused.status && refused.status >= 400 && refused.status < 500,
    expected: "4xx",
    actual: refused.status ?? null,
    evidence: refused,
  });
  await ctx.holds(RUNS.multitask_reject_conflict, {
    ok: refused.status === 409,
    expected: 409,
    actual: refused.status ?? null,
    evidence: refused,
  });
  const firstAfter = await settled(ctx, threadId, first, 6_000);
  const accepted = runIdOf(refused);
  if (accepted) await settled(ctx, threadId, accepted, 6_000);
  await ctx.holds(RUNS.multitask_reject_first_unaffected, {
    ok: statusOf(firstAfter) === "success",
    expected: "success",
    actual: statusOf(firstAfter) ?? firstAfter.status ?? null,
    evidence: firstAfter,
  });
}

async function interrupt(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 8_000);
  const created = await second("interrupt");
  const secondId = runIdOf(created);
  if (!secondId) {
    await stop(ctx, threadId, first);
    return notCreated(ctx, created, "interrupt", [
      RUNS.multitask_interrupt_runs_second,
      RUNS.multitask_interrupt_interrupts_first,
    ]);
  }
  const secondAfter = await settled(ctx, threadId, secondId, 6_000);
  await ctx.holds(RUNS.multitask_interrupt_runs_second, {
    ok: statusOf(secondAfter) === "success",
    expected: "success",
    actual: statusOf(secondAfter) ?? null,
    evidence: secondAfter,
  });
  const firstAfter = await ctx.call(getRun(threadId, first, "read the interrupted first run"));
  await ctx.holds(RUNS.multitask_interrupt_interrupts_first, {
    ok: statusOf(firstAfter) === "interrupted",
    expected: "interrupted",
    actual: statusOf(firstAfter) ?? firstAfter.status ?? null,
    evidence: firstAfter,
  });
}

async function rollback(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 8_000);
  const created = await second("rollback");
  const secondId = runIdOf(created);
  if (!secondId) {
    await stop(ctx, threadId, first);
    return notCreated(ctx, created, "rollback", [RUNS.multitask_rollback_deletes_first]);
  }
  await settled(ctx, threadId, secondId, 6_000);
  const firstAfter = await ctx.call(getRun(threadId, first, "read the rolled-back first run"));
  await judgeGone(ctx, RUNS.multitask_rollback_deletes_first, {
    read: firstAfter,
    never: getRun(threadId, randomUUID(), "read a run that never existed, on the same thread"),
    what: "run",
    unknownIdRule: RUNS.run_unknown_id_not_found.id,
    ok: firstAfter.status === 404,
    expected: 404,
    actual: firstAfter.status === 404 ? 404 : (statusOf(firstAfter) ?? firstAfter.status ?? null),
  });
}

async function enqueue(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 600);
  const created = await second("enqueue");
  const secondId = runIdOf(created);
  if (!secondId) {
    await settled(ctx, threadId, first, 6_000);
    return notCreated(ctx, created, "enqueue", [RUNS.multitask_enqueue_runs_in_order]);
  }
  const secondAfter = await settled(ctx, threadId, secondId, 8_000);
  const firstAfter = await ctx.call(getRun(threadId, first, "read the first run"));
  const { values } = await stateValues(ctx, threadId);
  const order = ["one", "slept 600ms", "two", "slept 0ms"].map((t) => contents(values).indexOf(t));
  const inOrder = order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!));
  await ctx.holds(RUNS.multitask_enqueue_runs_in_order, {
    ok: inOrder && statusOf(firstAfter) === "success" && statusOf(secondAfter) === "success",
    expected: { messages: ["one", "slept 600ms", "two", "slept 0ms"], status: "success" },
    actual: { messages: contents(values), first: statusOf(firstAfter) ?? null, second: statusOf(secondAfter) ?? null },
    evidence: secondAfter,
  });
}

async function byDefault(ctx: ScenarioContext, slow: string): Promise<void> {
  const { threadId, first, second } = await busyThread(ctx, slow, 600);
  const created = await second(undefined);
  await ctx.holds(RUNS.multitask_default_enqueues, {
    ok: created.ok,
    expected: "2xx",
    actual: created.status ?? null,
    evidence: created,
  });
  const secondId = runIdOf(created);
  await settled(ctx, threadId, secondId ?? first, 6_000);
}

export const runMultitaskScenarios: Scenario[] = [
  {
    id: "runs.multitask",
    title: "A second run on a busy thread, by multitask strategy",
    tag: "Thread Runs",
    covers: [CREATE],
    rules: [
      RUNS.multitask_reject_refuses,
      RUNS.multitask_reject_conflict,
      RUNS.multitask_reject_first_unaffected,
      RUNS.multitask_interrupt_runs_second,
      RUNS.multitask_interrupt_interrupts_first,
      RUNS.multitask_rollback_deletes_first,
      RUNS.multitask_enqueue_runs_in_order,
      RUNS.multitask_default_enqueues,
    ],
    async run(ctx) {
      const slow = await graphAssistant(ctx, GRAPH_IDS.slow);
      // Two at a time: each pair needs at most two queue workers at once.
      await all([reject(ctx, slow), interrupt(ctx, slow)]);
      await all([rollback(ctx, slow), enqueue(ctx, slow)]);
      await byDefault(ctx, slow);
    },
  },
];
