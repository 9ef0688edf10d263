// Stateless runs: /runs/wait answers values, on_completion delete and keep, /runs/stream, and /runs/batch.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { all, bodyOf, contents, poll, say, settled, statusOf, why, owns } from "../support/index.ts";
import { graphAssistant, GRAPH_IDS, runBody, STREAM_BOUNDS } from "../support/index.ts";
import { RUNS } from "../runs/rules.ts";
import { BATCH, CREATE, STATELESS, STREAM, WAIT } from "./rules.ts";

/** Starts a stateless background run (runs.create): its answer, and its thread and run ids with the thread's cleanup registered. */
async function background(ctx: ScenarioContext, echo: string, onCompletion: "delete" | "keep") {
  const created = await ctx.call({
    op: CREATE,
    step: `start a stateless run with on_completion ${onCompletion}`,
    body: runBody(echo, { on_completion: onCompletion, metadata: ctx.metadata }),
    sdk: "runs.create",
  });
  const threadId = bodyOf(created)?.thread_id;
  const runId = bodyOf(created)?.run_id;
  if (typeof threadId !== "string" || typeof runId !== "string") return { created };
  if (await owns(ctx, "thread", threadId)) {
    ctx.defer({
      op: "DELETE /threads/{thread_id}",
      step: `delete thread ${threadId}`,
      params: { thread_id: threadId },
    });
  }
  const location = created.exchange.response?.headers["content-location"];
  await ctx.holds(RUNS.run_create_location_names_run, {
    op: CREATE,
    ok: !!location && location.endsWith(`/runs/${runId}`),
    expected: `…/runs/${runId}`,
    actual: location ?? null,
    evidence: created,
    detail: `on_completion ${onCompletion}`,
  });
  return { created, ids: { threadId, runId } };
}

const noRun = (created: StepOutcome) =>
  `createStatelessRun ${why(created)} without a thread_id and run_id, so there is no run to follow`;
const readThread = (threadId: string) => ({
  op: "GET /threads/{thread_id}",
  step: "read the stateless run's thread",
  params: { thread_id: threadId },
  expect: "any" as const,
});

async function onCompletionDelete(ctx: ScenarioContext, echo: string): Promise<void> {
  const { created, ids } = await background(ctx, echo, "delete");
  if (!ids) return ctx.skipRule(STATELESS.stateless_delete_removes_thread, noRun(created), { evidence: created });
  const gone = await poll(ctx, readThread(ids.threadId), (o) => o.status === 404, 6_000);
  await ctx.holds(STATELESS.stateless_delete_removes_thread, {
    ok: gone.status === 404,
    expected: 404,
    actual: gone.status ?? null,
    evidence: gone,
  });
}

async function onCompletionKeep(ctx: ScenarioContext, echo: string): Promise<void> {
  const { created, ids } = await background(ctx, echo, "keep");
  if (!ids) return ctx.skipRule(STATELESS.stateless_keep_keeps_thread, noRun(created), { evidence: created });
  const ended = await settled(ctx, ids.threadId, ids.runId, 6_000);
  const kept = await ctx.call(readThread(ids.threadId));
  await ctx.holds(STATELESS.stateless_keep_keeps_thread, {
    ok: statusOf(ended) === "success" && kept.ok,
    expected: { run: "success", thread: 200 },
    actual: { run: statusOf(ended) ?? ended.status ?? null, thread: kept.status ?? null },
    evidence: kept,
  });
}

async function waitForValues(ctx: ScenarioContext, echo: string): Promise<void> {
  const waited = await ctx.call({
    op: WAIT,
    step: "run without a thread and wait",
    body: runBody(echo, { ...say("stateless"), metadata: ctx.metadata }),
    timeoutMs: 10_000,
    sdk: "runs.wait",
  });
  const body = bodyOf(waited);
  await ctx.holds(STATELESS.stateless_wait_returns_values, {
    ok: !!body && contents(body).includes("echo: stateless") && !("run_id" in body),
    expected: { messages: ["stateless", "echo: stateless"] },
    actual: waited.json ?? null,
    evidence: waited,
  });
}

async function batch(ctx: ScenarioContext, echo: string): Promise<void> {
  const payloads = [
    runBody(echo, { ...say("first"), metadata: ctx.metadata }),
    runBody(echo, { ...say("second"), metadata: ctx.metadata }),
  ];
  const created = await ctx.call({
    op: BATCH,
    step: "start two stateless runs in one batch",
    body: payloads,
    sdk: "runs.create_batch",
  });
  const runs = Array.isArray(created.json) ? (created.json as Record<string, unknown>[]) : [];
  for (const run of runs) {
    if (typeof run?.thread_id === "string" && (await owns(ctx, "thread", run.thread_id)))
      ctx.defer({
        op: "DELETE /threads/{thread_id}",
        step: `delete thread ${run.thread_id}`,
        params: { thread_id: run.thread_id },
      });
  }
  const ids = new Set(runs.map((r) => r?.run_id).filter((id) => typeof id === "string"));
  // Let the runs end before their threads are cleaned up: deleting a thread under a running run is not what is tested here.
  await all(
    runs.map((r) =>
      typeof r?.thread_id === "string" && typeof r.run_id === "string"
        ? settled(ctx, r.thread_id, r.run_id, 6_000)
        : Promise.resolve(undefined),
    ),
  );
  await ctx.holds(STATELESS.batch_creates_one_run_per_payload, {
    ok: runs.length === payloads.length && ids.size === payloads.length,
    expected: `${payloads.length} runs with distinct run_id`,
    actual: runs.map((r) => r?.run_id ?? null),
    evidence: created,
  });
}

export const statelessScenarios: Scenario[] = [
  {
    id: "stateless.runs",
    title: "Stateless runs: wait, background with on_completion, stream, batch",
    tag: "Stateless Runs",
    covers: [CREATE, WAIT, STREAM, BATCH],
    rules: [
      STATELESS.stateless_wait_returns_values,
      RUNS.run_create_location_names_run,
      STATELESS.stateless_delete_removes_thread,
      STATELESS.stateless_keep_keeps_thread,
      STATELESS.batch_creates_one_run_per_payload,
    ],
    async run(ctx) {
      const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
      await all<unknown>([
        waitForValues(ctx, echo),
        onCompletionDelete(ctx, echo),
        onCompletionKeep(ctx, echo),
        ctx.call({
          op: STREAM,
          step: "stream a run without a thread",
          body: runBody(echo, { stream_mode: ["values", "updates"], metadata: ctx.metadata }),
          stream: STREAM_BOUNDS,
          sdk: "runs.stream",
        }),
        batch(ctx, echo),
      ]);
    },
  },
];
