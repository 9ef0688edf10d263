// Threads and their state: create, read, search, count, update, state, checkpoints, history, copy, storage, prune, delete.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { graphAssistant, createThread, GRAPH_IDS, owns, pick, shownAt, threadWithRun } from "../support/index.ts";

export const threadScenarios: Scenario[] = [
  {
    id: "threads.every-operation",
    title: "Every thread and state operation on threads the suite created",
    tag: "Threads",
    covers: [
      "POST /threads",
      "GET /threads/{thread_id}",
      "PATCH /threads/{thread_id}",
      "POST /threads/search",
      "POST /threads/count",
      "GET /threads/{thread_id}/state",
      "POST /threads/{thread_id}/state",
      "GET /threads/{thread_id}/state/{checkpoint_id}",
      "POST /threads/{thread_id}/state/checkpoint",
      "GET /threads/{thread_id}/history",
      "POST /threads/{thread_id}/history",
      "POST /threads/{thread_id}/copy",
      "GET /threads/{thread_id}/storage",
      "POST /threads/prune",
      "DELETE /threads/{thread_id}",
    ],
    rules: [],
    async run(ctx) {
      const assistantId = await graphAssistant(ctx, GRAPH_IDS.echo);
      const threadId = await threadWithRun(ctx, assistantId);
      const params = { thread_id: threadId };
      await readUpdateAndFind(ctx, params);
      await stateAndHistory(ctx, params);
      await copyAndStorage(ctx, params);
      await pruneAndDelete(ctx, params);
      await errorAnswers(ctx, params);
    },
  },
];

type ThreadParams = { thread_id: string };

/** Reads the thread, adds metadata, then searches and counts by this run's metadata. */
async function readUpdateAndFind(ctx: ScenarioContext, params: ThreadParams): Promise<void> {
  await ctx.call({ op: "GET /threads/{thread_id}", step: "read the thread", params, sdk: "threads.get" });
  await ctx.call({
    op: "PATCH /threads/{thread_id}",
    step: "add metadata",
    params,
    body: { metadata: { ...ctx.metadata, topic: "conformance" } },
    sdk: "threads.update",
  });
  await ctx.call({
    op: "POST /threads/search",
    step: "search by this run's metadata",
    body: { metadata: ctx.metadata, limit: 10, offset: 0 },
    sdk: "threads.search",
  });
  await ctx.call({
    op: "POST /threads/count",
    step: "count by this run's metadata",
    body: { metadata: ctx.metadata },
    sdk: "threads.count",
  });
}

/** Reads the state, updates it, reads it at the first checkpoint both ways, then reads and searches history. */
async function stateAndHistory(ctx: ScenarioContext, params: ThreadParams): Promise<void> {
  const state = await ctx.call({
    op: "GET /threads/{thread_id}/state",
    step: "read the latest state",
    params,
    sdk: "threads.get_state",
  });
  const checkpointId = pick(state.json, "checkpoint.checkpoint_id");
  await ctx.call({
    op: "POST /threads/{thread_id}/state",
    step: "update the state as node echo",
    params,
    body: { values: { messages: [{ role: "human", content: "added by update_state" }] }, as_node: "echo" },
    sdk: "threads.update_state",
  });
  if (typeof checkpointId === "string") {
    await ctx.call({
      op: "GET /threads/{thread_id}/state/{checkpoint_id}",
      step: "read the state at the first checkpoint",
      params: { ...params, checkpoint_id: checkpointId },
      sdk: "threads.get_state",
    });
    await ctx.call({
      op: "POST /threads/{thread_id}/state/checkpoint",
      step: "read the state at a checkpoint given as an object",
      params,
      body: { checkpoint: { checkpoint_id: checkpointId } },
      sdk: "threads.get_state",
    });
  } else {
    const reason = `the state showed no checkpoint id (${shownAt(state, "checkpoint.checkpoint_id")}), so no state at a checkpoint can be read`;
    await ctx.skipStep("GET /threads/{thread_id}/state/{checkpoint_id}", reason, "threads.get_state");
    await ctx.skipStep("POST /threads/{thread_id}/state/checkpoint", reason, "threads.get_state");
  }
  await ctx.call({ op: "GET /threads/{thread_id}/history", step: "read history", params, query: { limit: 5 } });
  await ctx.call({
    op: "POST /threads/{thread_id}/history",
    step: "search history",
    params,
    body: { limit: 5 },
    sdk: "threads.get_history",
  });
}

/** Copies the thread (the copy is deleted at cleanup) and reads its storage. */
async function copyAndStorage(ctx: ScenarioContext, params: ThreadParams): Promise<void> {
  const copy = await ctx.call({
    op: "POST /threads/{thread_id}/copy",
    step: "copy the thread",
    params,
    sdk: "threads.copy",
  });
  const copyId = (copy.json as { thread_id?: unknown } | undefined)?.thread_id;
  if (copy.ok && typeof copyId === "string" && (await owns(ctx, "thread", copyId))) {
    ctx.defer({
      op: "DELETE /threads/{thread_id}",
      step: `delete copied thread ${copyId}`,
      params: { thread_id: copyId },
    });
  }
  await ctx.call({ op: "GET /threads/{thread_id}/storage", step: "read thread storage", params });
}

/** Prunes another thread the suite created, then deletes this one. */
async function pruneAndDelete(ctx: ScenarioContext, params: ThreadParams): Promise<void> {
  const doomed = await createThread(ctx);
  await ctx.call({
    op: "POST /threads/prune",
    step: "prune a thread the suite created",
    body: { thread_ids: [doomed], strategy: "delete" },
  });
  await ctx.call({ op: "DELETE /threads/{thread_id}", step: "delete the thread", params, sdk: "threads.delete" });
}

/** Error answers: the documented status and the documented error body. */
async function errorAnswers(ctx: ScenarioContext, params: ThreadParams): Promise<void> {
  await ctx.call({
    op: "GET /threads/{thread_id}",
    step: "read the deleted thread (404 with an error body)",
    params,
    expect: "any",
    sdk: "threads.get",
  });
  await ctx.call({
    op: "POST /threads",
    step: "create with an if_exists value outside its enum (422 with an error body)",
    body: { metadata: ctx.metadata, if_exists: "sometimes" },
    expect: "any",
  });
}
