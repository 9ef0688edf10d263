// A hazard tested on purpose, last and on threads of its own: deleting a thread under a running run, then running.

import type { Scenario } from "../../src/engine/scenario.ts";
import {
  contents,
  createThread,
  delay,
  graphAssistant,
  GRAPH_IDS,
  INPUT,
  running,
  startRun,
  statusOf,
  why,
} from "../support/index.ts";
import { RUNS, WAIT } from "./rules.ts";

export const runHazardScenarios: Scenario[] = [
  {
    id: "runs.hazard.busy-thread-delete",
    title: "Deleting a thread under a running run, then running on another thread",
    tag: "Thread Runs",
    covers: [],
    rules: [RUNS.run_queue_survives_busy_thread_delete],
    hazard: true,
    timeoutMs: 60_000,
    async run(ctx) {
      const [slow, echo] = [await graphAssistant(ctx, GRAPH_IDS.slow), await graphAssistant(ctx, GRAPH_IDS.echo)];
      const doomed = await createThread(ctx);
      const runId = await startRun(ctx, doomed, slow, delay(3_000), "start a 3 s run on the thread to delete");
      const started = await running(ctx, doomed, runId);
      if (statusOf(started) !== "running") {
        return ctx.skipRule(RUNS.run_queue_survives_busy_thread_delete, "the run never showed running", {
          evidence: started,
        });
      }
      const deleted = await ctx.call({
        op: "DELETE /threads/{thread_id}",
        step: "delete the thread while its run is going",
        params: { thread_id: doomed },
        expect: "any",
        sdk: "threads.delete",
      });
      const after = await createThread(ctx);
      const waited = await ctx.call({
        op: WAIT,
        step: "run the echo graph on another thread afterwards",
        params: { thread_id: after },
        body: { assistant_id: echo, input: INPUT },
        timeoutMs: 20_000,
        sdk: "runs.wait",
      });
      const echoed = contents(waited.json).some((text) => text.startsWith("echo:"));
      await ctx.holds(RUNS.run_queue_survives_busy_thread_delete, {
        evidence: waited,
        ok: waited.ok && echoed,
        expected: "the echo run completes, with the echo in its values",
        actual: waited.ok ? (waited.json ?? null) : `${why(waited)} (the delete answered ${why(deleted)})`,
      });
    },
  },
];
