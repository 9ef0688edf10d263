// Crons: create (stateless and for a thread), read, search, count, update, delete; a target without crons is told apart.

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { all, bodyOf, why, owns } from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, INPUT } from "../support/index.ts";
import { judgeGone } from "../support/gone.ts";
import { COUNT, CREATE, CREATE_FOR_THREAD, CRON, CRONS, DELETE, SEARCH, UPDATE } from "./rules.ts";

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
  const why = outcomes.map(
    (o) =>
      `${o.operation.operationId}: ${o.notImplemented ?? (o.status !== undefined ? `answered ${o.status}` : o.exchange.error?.message)}`,
  );
  ctx.capability("crons", false, why.join("; "));
}

/** The crons the scenario created: of the assistant, for a thread, and of another assistant (a decoy). */
interface Crons {
  assistantId: string;
  created: StepOutcome;
  forThread: StepOutcome;
  cronId: string | undefined;
  /** The ids of the assistant's crons that were created. */
  made: string[];
  otherCronId: string | undefined;
}

/** The cron the update and delete steps address, and what they expect of the target. */
interface Addressed {
  cronId: string | undefined;
  params: { cron_id: string };
  expect: "success" | "any";
}

/** Deletes a cron at cleanup, once it is proven this run's. */
async function deleteAtCleanup(ctx: ScenarioContext, cronId: string, shown: unknown): Promise<void> {
  if (await owns(ctx, "cron", cronId, shown))
    ctx.defer({ op: DELETE, step: `delete cron ${cronId}`, params: { cron_id: cronId } });
}

async function createCrons(ctx: ScenarioContext): Promise<Crons> {
  // The second assistant's cron is one a search or count by the first must leave out (another graph, so that the two
  // differ even where the target makes no assistant for the run and each is the graph's own).
  const [assistantId, otherId] = await all([
    graphAssistant(ctx, GRAPH_IDS.echo),
    graphAssistant(ctx, GRAPH_IDS.interrupt),
  ]);
  const body = { assistant_id: assistantId, schedule: SCHEDULE, input: INPUT, metadata: ctx.metadata };
  const created = await ctx.call({ op: CREATE, step: "create a cron", body, sdk: "crons.create" });
  const cronId = cronIdOf(created);
  if (cronId) await deleteAtCleanup(ctx, cronId, created.json);

  const threadId = await createThread(ctx);
  const forThread = await ctx.call({
    op: CREATE_FOR_THREAD,
    step: "create a cron for a thread",
    params: { thread_id: threadId },
    body,
    sdk: "crons.create_for_thread",
  });
  const threadCronId = cronIdOf(forThread);
  if (threadCronId) await deleteAtCleanup(ctx, threadCronId, forThread.json);
  const made = [cronId, threadCronId].filter((id): id is string => !!id);
  const other =
    made.length > 0
      ? await ctx.call({
          op: CREATE,
          step: "create a cron of another assistant",
          body: { ...body, assistant_id: otherId },
          report: false,
        })
      : undefined;
  const otherCronId = other && cronIdOf(other);
  if (otherCronId) await deleteAtCleanup(ctx, otherCronId, other?.json);
  return { assistantId, created, forThread, cronId, made, otherCronId };
}

async function judgeSearchAndCount(ctx: ScenarioContext, crons: Crons): Promise<void> {
  const { assistantId, created, forThread, made, otherCronId } = crons;
  const search = await ctx.call({
    op: SEARCH,
    step: "search crons of the assistant",
    body: { assistant_id: assistantId, limit: 10 },
    sdk: "crons.search",
  });
  const found = Array.isArray(search.json) ? search.json.map((c) => (c as { cron_id?: unknown }).cron_id) : [];
  const count = await ctx.call({
    op: COUNT,
    step: "count crons of the assistant",
    body: { assistant_id: assistantId },
    sdk: "crons.count",
  });
  recordCapability(ctx, [created, forThread, search, count]);
  if (made.length > 0) {
    await ctx.holds(CRONS.cron_search_finds_created, {
      ok: made.every((id) => found.includes(id)) && !found.includes(otherCronId),
      expected: made,
      actual: found,
      evidence: search,
    });
    await ctx.holds(CRONS.cron_count_matches_created, {
      ok: count.json === made.length,
      expected: made.length,
      actual: count.json ?? null,
      evidence: count,
    });
  } else {
    const reason = `the target created no cron (createCron ${why(created)}; createThreadCron ${why(forThread)})`;
    await ctx.skipRule(CRONS.cron_search_finds_created, reason, { evidence: search });
    await ctx.skipRule(CRONS.cron_count_matches_created, reason, { evidence: count });
  }
}

/** Reads and updates the cron, and judges the update when there is a cron; returns the update's answer. */
async function judgeUpdate(ctx: ScenarioContext, { cronId, params, expect }: Addressed): Promise<StepOutcome> {
  await ctx.call({ op: CRON, step: cronId ? "read the cron" : "read an unknown cron", params, expect });
  const updated = await ctx.call({
    op: UPDATE,
    step: cronId ? "update the cron's schedule" : "update an unknown cron",
    params,
    body: { schedule: NEW_SCHEDULE },
    expect,
    sdk: "crons.update",
  });
  if (cronId) {
    const reread = await ctx.call({ op: CRON, step: "read the updated cron", params });
    await ctx.holds(CRONS.cron_update_changes_schedule, {
      ok: updated.ok && bodyOf(reread)?.schedule === NEW_SCHEDULE,
      expected: NEW_SCHEDULE,
      actual: bodyOf(reread)?.schedule ?? null,
      evidence: reread,
    });
  }
  return updated;
}

/**
 * Deletes the cron and judges that it is gone; without a cron, skips this rule and the update's with the reason, the
 * unknown id's answers as their evidence.
 */
async function judgeDelete(
  ctx: ScenarioContext,
  { cronId, params, expect }: Addressed,
  created: StepOutcome,
  updated: StepOutcome,
): Promise<void> {
  const deleted = await ctx.call({
    op: DELETE,
    step: cronId ? "delete the cron" : "delete an unknown cron",
    params,
    expect,
    sdk: "crons.delete",
  });
  if (cronId) {
    const gone = await ctx.call({ op: CRON, step: "read the deleted cron", params, expect: "any" });
    await judgeGone(ctx, CRONS.cron_get_after_delete_404, {
      read: gone,
      never: { op: CRON, step: "read a cron that never existed", params: { cron_id: randomUUID() } },
      what: "cron",
      ok: gone.status === 404,
      expected: 404,
      actual: gone.status ?? null,
    });
  } else {
    const reason = `createCron ${why(created)}, so there is no cron to update or delete`;
    await ctx.skipRule(CRONS.cron_update_changes_schedule, reason, { evidence: updated });
    await ctx.skipRule(CRONS.cron_get_after_delete_404, reason, { evidence: deleted });
  }
}

export const cronScenarios: Scenario[] = [
  {
    id: "crons.every-operation",
    title: "Every cron operation on crons the suite created",
    tag: "Crons",
    covers: [CREATE, CREATE_FOR_THREAD, CRON, UPDATE, SEARCH, COUNT, DELETE],
    rules: [
      CRONS.cron_search_finds_created,
      CRONS.cron_count_matches_created,
      CRONS.cron_update_changes_schedule,
      CRONS.cron_get_after_delete_404,
    ],
    async run(ctx) {
      const crons = await createCrons(ctx);
      await judgeSearchAndCount(ctx, crons);
      // Without a cron to address, an unknown id still tells whether the route exists (404 vs not implemented).
      const { cronId } = crons;
      const addressed: Addressed = {
        cronId,
        params: { cron_id: cronId ?? randomUUID() },
        expect: cronId ? "success" : "any",
      };
      const updated = await judgeUpdate(ctx, addressed);
      await judgeDelete(ctx, addressed, crons.created, updated);
    },
  },
];
