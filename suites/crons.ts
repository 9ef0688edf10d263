// Crons: create (stateless and for a thread), read, search, count, update, delete.

import { randomUUID } from "node:crypto";
import type { Scenario } from "../src/engine/scenario.ts";
import { createAssistant, createThread, GRAPH_IDS, INPUT } from "./support.ts";

/** Once a year at 04:05 on 1 January, so no cron the suite creates ever fires during a run. */
const SCHEDULE = "5 4 1 1 *";

export const cronScenarios: Scenario[] = [
  {
    id: "crons.every-operation",
    title: "Every cron operation on crons the suite created",
    tag: "Crons",
    covers: [
      "POST /runs/crons",
      "POST /threads/{thread_id}/runs/crons",
      "GET /runs/crons/{cron_id}",
      "PATCH /runs/crons/{cron_id}",
      "POST /runs/crons/search",
      "POST /runs/crons/count",
      "DELETE /runs/crons/{cron_id}",
    ],
    async run(ctx) {
      const assistantId = await createAssistant(ctx, GRAPH_IDS.echo);
      const body = { assistant_id: assistantId, schedule: SCHEDULE, input: INPUT, metadata: ctx.metadata };
      const created = await ctx.call({ op: "POST /runs/crons", step: "create a cron", body });
      const cronId = created.ok ? (created.json as { cron_id?: string } | undefined)?.cron_id : undefined;
      if (cronId) ctx.defer({ op: "DELETE /runs/crons/{cron_id}", step: `delete cron ${cronId}`, params: { cron_id: cronId } });

      const threadId = await createThread(ctx);
      const forThread = await ctx.call({ op: "POST /threads/{thread_id}/runs/crons", step: "create a cron for a thread", params: { thread_id: threadId }, body });
      const threadCronId = forThread.ok ? (forThread.json as { cron_id?: string } | undefined)?.cron_id : undefined;
      if (threadCronId) ctx.defer({ op: "DELETE /runs/crons/{cron_id}", step: `delete cron ${threadCronId}`, params: { cron_id: threadCronId } });

      await ctx.call({ op: "POST /runs/crons/search", step: "search crons of the assistant", body: { assistant_id: assistantId, limit: 10 } });
      await ctx.call({ op: "POST /runs/crons/count", step: "count crons of the assistant", body: { assistant_id: assistantId } });

      // Without a cron to address, an unknown id still tells whether the route exists (404 vs not implemented).
      const params = { cron_id: cronId ?? randomUUID() };
      const expect = cronId ? "success" : "any";
      await ctx.call({ op: "GET /runs/crons/{cron_id}", step: cronId ? "read the cron" : "read an unknown cron", params, expect });
      await ctx.call({ op: "PATCH /runs/crons/{cron_id}", step: cronId ? "update the cron's schedule" : "update an unknown cron", params, body: { schedule: "6 4 1 1 *" }, expect });
      await ctx.call({ op: "DELETE /runs/crons/{cron_id}", step: cronId ? "delete the cron" : "delete an unknown cron", params, expect });
    },
  },
];
