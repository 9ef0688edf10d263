// Thread runs: create, read, list, join, join stream, stream, wait, cancel (one and many), delete, thread join stream.

import type { Scenario, ScenarioContext } from "../src/engine/scenario.ts";
import { createAssistant, createThread, GRAPH_IDS, need, runBody, STREAM_BOUNDS } from "./support.ts";

/** A run of the slow fixture that is still going when the next step acts on it. */
async function slowRun(ctx: ScenarioContext, assistantId: string, threadId: string, delayMs = 5_000): Promise<string> {
  const created = await ctx.call({
    op: "POST /threads/{thread_id}/runs",
    step: `start a slow run (${delayMs} ms)`,
    params: { thread_id: threadId },
    body: runBody(assistantId, { config: { configurable: { delay_ms: delayMs } } }),
  });
  return need(ctx, created, "run_id");
}

export const runScenarios: Scenario[] = [
  {
    id: "runs.every-operation",
    title: "Every thread-run operation on runs the suite started",
    tag: "Thread Runs",
    covers: [
      "POST /threads/{thread_id}/runs",
      "GET /threads/{thread_id}/runs",
      "GET /threads/{thread_id}/runs/{run_id}",
      "GET /threads/{thread_id}/runs/{run_id}/join",
      "GET /threads/{thread_id}/runs/{run_id}/stream",
      "POST /threads/{thread_id}/runs/stream",
      "POST /threads/{thread_id}/runs/wait",
      "POST /threads/{thread_id}/runs/{run_id}/cancel",
      "POST /runs/cancel",
      "DELETE /threads/{thread_id}/runs/{run_id}",
      "GET /threads/{thread_id}/stream",
    ],
    async run(ctx) {
      const assistantId = await createAssistant(ctx, GRAPH_IDS.echo);
      const threadId = await createThread(ctx);
      const thread = { thread_id: threadId };

      const created = await ctx.call({ op: "POST /threads/{thread_id}/runs", step: "start a background run", params: thread, body: runBody(assistantId) });
      const runId = need(ctx, created, "run_id");
      const run = { ...thread, run_id: runId };
      await ctx.call({ op: "GET /threads/{thread_id}/runs/{run_id}/join", step: "join the run until it ends", params: run });
      await ctx.call({ op: "GET /threads/{thread_id}/runs/{run_id}", step: "read the finished run", params: run });
      await ctx.call({ op: "GET /threads/{thread_id}/runs", step: "list the thread's runs", params: thread, query: { limit: 10, offset: 0 } });
      await ctx.call({
        op: "GET /threads/{thread_id}/runs/{run_id}/stream",
        step: "join the finished run's stream",
        params: run,
        stream: { maxEvents: 50, maxMs: 3_000 },
      });
      await ctx.call({
        op: "POST /threads/{thread_id}/runs/stream",
        step: "stream a run in values and updates modes",
        params: thread,
        body: runBody(assistantId, { stream_mode: ["values", "updates"] }),
        stream: STREAM_BOUNDS,
      });
      await ctx.call({ op: "POST /threads/{thread_id}/runs/wait", step: "run and wait for the final values", params: thread, body: runBody(assistantId) });
      await ctx.call({
        op: "GET /threads/{thread_id}/stream",
        step: "join the thread's stream while it is idle (bounded read)",
        params: thread,
        stream: { maxEvents: 20, maxMs: 1_500 },
      });
      await ctx.call({ op: "DELETE /threads/{thread_id}/runs/{run_id}", step: "delete the finished run", params: run });

      const slow = await createAssistant(ctx, GRAPH_IDS.slow);
      const cancelThread = await createThread(ctx);
      const toCancel = await slowRun(ctx, slow, cancelThread);
      await ctx.call({
        op: "POST /threads/{thread_id}/runs/{run_id}/cancel",
        step: "cancel the running run",
        params: { thread_id: cancelThread, run_id: toCancel },
        query: { action: "interrupt", wait: true },
      });
      const manyThread = await createThread(ctx);
      const toCancelMany = await slowRun(ctx, slow, manyThread);
      await ctx.call({
        op: "POST /runs/cancel",
        step: "cancel runs by thread and run ids",
        body: { thread_id: manyThread, run_ids: [toCancelMany] },
        query: { action: "interrupt" },
      });
    },
  },
];
