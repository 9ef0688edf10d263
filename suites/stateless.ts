// Stateless runs: create, wait, stream, batch.

import type { Scenario } from "../src/engine/scenario.ts";
import { createAssistant, GRAPH_IDS, runBody, STREAM_BOUNDS } from "./support.ts";

export const statelessScenarios: Scenario[] = [
  {
    id: "stateless.every-operation",
    title: "Every stateless-run operation",
    tag: "Stateless Runs",
    covers: ["POST /runs", "POST /runs/wait", "POST /runs/stream", "POST /runs/batch"],
    async run(ctx) {
      const assistantId = await createAssistant(ctx, GRAPH_IDS.echo);
      await ctx.call({ op: "POST /runs/wait", step: "run without a thread and wait for the final values", body: runBody(assistantId) });
      await ctx.call({ op: "POST /runs", step: "start a background run without a thread", body: runBody(assistantId, { on_completion: "delete" }) });
      await ctx.call({ op: "POST /runs/stream", step: "stream a run without a thread", body: runBody(assistantId, { stream_mode: ["values"] }), stream: STREAM_BOUNDS });
      await ctx.call({
        op: "POST /runs/batch",
        step: "start two runs in one batch",
        body: [runBody(assistantId), runBody(assistantId)],
      });
    },
  },
];
