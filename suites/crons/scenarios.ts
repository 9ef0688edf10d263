// Crons: create (stateless and for a thread), read, search, count, update, delete; a target without crons is told apart.

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { bodyOf } from "../support/index.ts";
import { createAssistant, createThread, GRAPH_IDS, INPUT } from "../support/index.ts";

/** Once a year at 04:05 on 1 January, so no cron the suite creates ever fires during a run. */
const SCHEDULE = "5 4 1 1 *";
const NEW_SCHEDULE = "6 4 1 1 *";

const cronIdOf = (outcome: StepOutcome): string | undefined => {
  const id = bodyOf(outcome)?.cron_id;
  return typeof id === "string" ? id : undefined;
};

/** Records whether the target has crons: it does once one is created; a refusal or a missing route says why not. */
function recordCapability(ctx: ScenarioContext, outcomes: StepOutcome[]): void {
  if (outcomes.some((o) => o.ok && o.operation.path.endsWith("/crons"))) return ctx.capability("crons", true);
  const why = outcomes.map((o) => `${o.operation.operationId}: ${o.notImplemented ?? (o.status !== undefined ? `answered ${o.status}` : o.exchange.error?.message)}`);
  ctx.capability("crons", false, why.join("; "));
}

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
      const created = await ctx.call({ op: "POST /runs/crons", step: "create a cron", body, sdk: "crons.create" });
      const cronId = cronIdOf(created);
      if (cronId) ctx.defer({ op: "DELETE /runs/crons/{cron_id}", step: `delete cron ${cronId}`, params: { cron_id: cronId } });

      const threadId = await createThread(ctx);
      const forThread = await ctx.call({ op: "POST /threads/{thread_id}/runs/crons", step: "create a cron for a thread", params: { thread_id: threadId }, body, sdk: "crons.create_for_thread" });
      const threadCronId = cronIdOf(forThread);
      if (threadCronId) ctx.defer({ op: "DELETE /runs/crons/{cron_id}", step: `delete cron ${threadCronId}`, params: { cron_id: threadCronId } });
      const made = [cronId, threadCronId].filter((id): id is string => !!id);

      const search = await ctx.call({ op: "POST /runs/crons/search", step: "search crons of the assistant", body: { assistant_id: assistantId, limit: 10 }, sdk: "crons.search" });
      const found = Array.isArray(search.json) ? search.json.map((c) => (c as { cron_id?: unknown }).cron_id) : [];
      const count = await ctx.call({ op: "POST /runs/crons/count", step: "count crons of the assistant", body: { assistant_id: assistantId }, sdk: "crons.count" });
      recordCapability(ctx, [created, forThread, search, count]);
      if (made.length > 0) {
        await ctx.assert({ op: "POST /runs/crons/search", check: "cron_search_finds_created", claim: "search by assistant finds the crons created for it", ok: made.every((id) => found.includes(id)), expected: made, actual: found, evidence: search, sdk: "crons.search" });
        await ctx.assert({ op: "POST /runs/crons/count", check: "cron_count_matches_created", claim: "count by assistant counts the crons created for it", ok: count.json === made.length, expected: made.length, actual: count.json ?? null, evidence: count, sdk: "crons.count" });
      }

      // Without a cron to address, an unknown id still tells whether the route exists (404 vs not implemented).
      const params = { cron_id: cronId ?? randomUUID() };
      const expect = cronId ? "success" : "any";
      await ctx.call({ op: "GET /runs/crons/{cron_id}", step: cronId ? "read the cron" : "read an unknown cron", params, expect });
      const updated = await ctx.call({ op: "PATCH /runs/crons/{cron_id}", step: cronId ? "update the cron's schedule" : "update an unknown cron", params, body: { schedule: NEW_SCHEDULE }, expect, sdk: "crons.update" });
      if (cronId) {
        const reread = await ctx.call({ op: "GET /runs/crons/{cron_id}", step: "read the updated cron", params });
        await ctx.assert({ op: "PATCH /runs/crons/{cron_id}", check: "cron_update_changes_schedule", claim: "update changes the cron's schedule", ok: updated.ok && bodyOf(reread)?.schedule === NEW_SCHEDULE, expected: NEW_SCHEDULE, actual: bodyOf(reread)?.schedule ?? null, evidence: reread, sdk: "crons.update" });
      }
      await ctx.call({ op: "DELETE /runs/crons/{cron_id}", step: cronId ? "delete the cron" : "delete an unknown cron", params, expect, sdk: "crons.delete" });
      if (cronId) {
        const gone = await ctx.call({ op: "GET /runs/crons/{cron_id}", step: "read the deleted cron", params, expect: "any" });
        await ctx.assert({ op: "DELETE /runs/crons/{cron_id}", check: "cron_get_after_delete_404", claim: "a deleted cron is not found", ok: gone.status === 404, expected: 404, actual: gone.status ?? null, evidence: gone, sdk: "crons.delete" });
      }
    },
  },
];
