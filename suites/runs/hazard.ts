// A hazard tested on purpose, last and on threads of its own: threads deleted under running runs (the first one read
// back), then a run.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import {
  contents,
  createThread,
  delay,
  graphAssistant,
  GRAPH_IDS,
  INPUT,
  running,
  sleep,
  startRun,
  statusOf,
  why,
} from "../support/index.ts";
import { deleteBusyThread, judgeStillGone, type DeletedThread } from "./deleted-thread.ts";
import { RUNS, WAIT } from "./rules.ts";

/** How long each deleted run would have run: the server finishes (or fails) it after its thread is gone. */
const RUN_MS = 2_000;
/** A server whose queue workers each die with such a run stops after as many rounds as it has workers. */
const ROUNDS = 3;

export const runHazardScenarios: Scenario[] = [
  {
    id: "runs.hazard.busy-thread-delete",
    title: "Threads deleted under running runs, then a run on another thread",
    tag: "Thread Runs",
    covers: [],
    rules: [RUNS.run_queue_survives_busy_thread_delete, RUNS.thread_delete_removes_active_run],
    hazard: true,
    timeoutMs: 90_000,
    async run(ctx) {
      const slow = await graphAssistant(ctx, GRAPH_IDS.slow);
      const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
      let waited: StepOutcome | undefined;
      for (let round = 1; round <= ROUNDS; round++) {
        const deleted = await deleteUnderRun(ctx, slow, round === 1);
        if (!deleted) return;
        await sleep(RUN_MS + 1_000);
        if (deleted.later) await judgeStillGone(ctx, deleted.later);
        waited = await runAfter(ctx, echo, round);
        if (!echoed(waited)) break;
      }
      await ctx.holds(RUNS.run_queue_survives_busy_thread_delete, {
        evidence: waited!,
        ok: echoed(waited!),
        expected: `a run completes after each of ${ROUNDS} threads was deleted under its running run`,
        actual: waited!.ok ? (waited!.json ?? null) : why(waited!),
      });
    },
  },
];

/**
 * Starts a slow run on a new thread and deletes the thread while it runs, judging what the delete removed when
 * `judged`; undefined (rules skipped) if the run never ran.
 */
async function deleteUnderRun(
  ctx: ScenarioContext,
  slow: string,
  judged: boolean,
): Promise<{ later?: DeletedThread } | undefined> {
  const doomed = await createThread(ctx);
  const runId = await startRun(ctx, doomed, slow, delay(RUN_MS), "start a run on a thread to delete under it");
  const started = await running(ctx, doomed, runId);
  if (statusOf(started) !== "running") {
    const rules = [
      RUNS.run_queue_survives_busy_thread_delete,
      ...(judged ? [RUNS.thread_delete_removes_active_run] : []),
    ];
    for (const rule of rules) await ctx.skipRule(rule, "a run never showed running", { evidence: started });
    return undefined;
  }
  if (judged) return { later: await deleteBusyThread(ctx, doomed, runId, "a running run") };
  await ctx.call({
    op: "DELETE /threads/{thread_id}",
    step: "delete the thread while its run is going",
    params: { thread_id: doomed },
    expect: "any",
    sdk: "threads.delete",
  });
  return {};
}

async function runAfter(ctx: ScenarioContext, echo: string, round: number): Promise<StepOutcome> {
  const after = await createThread(ctx);
  return ctx.call({
    op: WAIT,
    step: `run the echo graph on another thread after deletion ${round}`,
    params: { thread_id: after },
    body: { assistant_id: echo, input: INPUT },
    // The echo graph answers at once on a working server: a queue that runs nothing shows within this.
    timeoutMs: 8_000,
    sdk: "runs.wait",
  });
}

const echoed = (outcome: StepOutcome) => outcome.ok && contents(outcome.json).some((t) => t.startsWith("echo:"));
