// A thread run's life: create, get, join_stream, join, wait, list, delete; thread status; if_not_exists; thread join_stream.

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { all, bodyOf, contents, dataOf, delay, eventsOf, getRun, getThread, poll, say, stateValues, statusOf } from "../support/index.ts";
import { createAssistant, createThread, GRAPH_IDS, runBody } from "../support/index.ts";

const RUNS = "POST /threads/{thread_id}/runs";
const RUN = "GET /threads/{thread_id}/runs/{run_id}";
const LIST = "GET /threads/{thread_id}/runs";

export const runLifecycleScenarios: Scenario[] = [
  {
    id: "runs.lifecycle",
    title: "A thread run from creation to deletion, and the thread's status along the way",
    tag: "Thread Runs",
    covers: [RUNS, RUN, LIST, "GET /threads/{thread_id}/runs/{run_id}/join", "GET /threads/{thread_id}/runs/{run_id}/stream", "POST /threads/{thread_id}/runs/wait", "DELETE /threads/{thread_id}/runs/{run_id}", "GET /threads/{thread_id}/stream"],
    async run(ctx) {
      const [echo, slow] = await all([createAssistant(ctx, GRAPH_IDS.echo), createAssistant(ctx, GRAPH_IDS.slow)]);
      const threadId = await createThread(ctx);
      const thread = { thread_id: threadId };

      const fresh = await ctx.call(getThread(threadId, "read the new thread"));
      await ctx.assert({ op: "GET /threads/{thread_id}", check: "thread_idle_before_run", claim: "a new thread is idle", ok: statusOf(fresh) === "idle", expected: "idle", actual: statusOf(fresh), evidence: fresh, sdk: "threads.get" });

      const created = await ctx.call({ op: RUNS, step: "start a slow background run (1500 ms)", params: thread, body: runBody(slow, { ...delay(1500), stream_mode: ["values", "updates"], metadata: ctx.metadata }), sdk: "runs.create" });
      const runId = bodyOf(created)?.run_id;
      if (typeof runId !== "string") return ctx.skip(`createRun answered ${created.status ?? created.exchange.error?.message}, so there is no run to follow`);
      const location = created.exchange.response?.headers["content-location"];
      await ctx.assert({ op: RUNS, check: "run_create_location_names_run", claim: "Content-Location names the created run", ok: !!location && location.endsWith(`/runs/${runId}`), expected: `…/runs/${runId}`, actual: location ?? null, evidence: created, sdk: "runs.create" });

      const busy = await poll(ctx, getThread(threadId, "read the thread while its run goes on"), (o) => statusOf(o) === "busy", 1_500);
      await ctx.assert({ op: "GET /threads/{thread_id}", check: "thread_busy_while_running", claim: "a thread is busy while a run on it goes on", ok: statusOf(busy) === "busy", expected: "busy", actual: statusOf(busy), evidence: busy, sdk: "threads.get" });

      const run = { ...thread, run_id: runId };
      const read = await ctx.call({ ...getRun(threadId, runId, "read the run while it goes on"), expect: "success" });
      await ctx.assert({ op: RUN, check: "run_get_returns_run", claim: "get answers the run asked for, on its thread", ok: bodyOf(read)?.run_id === runId && bodyOf(read)?.thread_id === threadId, expected: { run_id: runId, thread_id: threadId }, actual: { run_id: bodyOf(read)?.run_id, thread_id: bodyOf(read)?.thread_id }, evidence: read, sdk: "runs.get" });

      const joinedStream = await ctx.call({ op: "GET /threads/{thread_id}/runs/{run_id}/stream", step: "join the run's stream while it goes on", params: run, stream: { maxEvents: 100, maxMs: 10_000 }, sdk: "runs.join_stream" });
      const joined = await ctx.call({ op: "GET /threads/{thread_id}/runs/{run_id}/join", step: "join the run", params: run, timeoutMs: 10_000, sdk: "runs.join" });
      const { outcome: state, values } = await stateValues(ctx, threadId);
      const lastValues = dataOf(eventsOf(joinedStream).filter((e) => e.event === "values").at(-1));
      await ctx.assert({ op: "GET /threads/{thread_id}/runs/{run_id}/stream", check: "join_stream_ends_with_final_values", claim: "a joined stream's last values event is the thread's final state", ok: values !== undefined && isDeepStrictEqual(lastValues, values), expected: values, actual: lastValues ?? null, evidence: joinedStream, sdk: "runs.join_stream" });
      await ctx.assert({ op: "GET /threads/{thread_id}/runs/{run_id}/join", check: "run_join_returns_final_values", claim: "join answers the thread's final values", ok: state.ok && isDeepStrictEqual(joined.json, values), expected: values, actual: joined.json ?? null, evidence: joined, sdk: "runs.join" });

      const after = await ctx.call(getThread(threadId, "read the thread after the run"));
      await ctx.assert({ op: "GET /threads/{thread_id}", check: "thread_idle_after_success", claim: "a thread is idle again once its run succeeded", ok: statusOf(after) === "idle", expected: "idle", actual: statusOf(after), evidence: after, sdk: "threads.get" });
      const done = await ctx.call({ ...getRun(threadId, runId, "read the finished run"), expect: "success" });
      await ctx.assert({ op: RUN, check: "run_status_success", claim: "a run that finished is in status success", ok: statusOf(done) === "success", expected: "success", actual: statusOf(done), evidence: done, sdk: "runs.get" });

      await waitWhileJoiningThread(ctx, echo, threadId);
      await listRuns(ctx, threadId, runId);

      await ctx.call({ op: "DELETE /threads/{thread_id}/runs/{run_id}", step: "delete the first run", params: run, sdk: "runs.delete" });
      const gone = await ctx.call(getRun(threadId, runId, "read the deleted run"));
      await ctx.assert({ op: RUN, check: "run_get_after_delete_404", claim: "a deleted run is not found", ok: gone.status === 404, expected: 404, actual: gone.status ?? null, evidence: gone, sdk: "runs.get" });

      await ifNotExists(ctx, echo);
    },
  },
];

/** runs.wait while the thread's own stream (threads.join_stream) is open: the stream should carry the run. */
async function waitWhileJoiningThread(ctx: ScenarioContext, echo: string, threadId: string): Promise<void> {
  const thread = { thread_id: threadId };
  const [threadStream, waited] = await all([
    ctx.call({ op: "GET /threads/{thread_id}/stream", step: "follow the thread's stream while a run goes on (bounded read)", params: thread, stream: { maxEvents: 50, maxMs: 2_500 }, sdk: "threads.join_stream" }),
    new Promise((resolve) => setTimeout(resolve, 200)).then(() =>
      ctx.call({ op: "POST /threads/{thread_id}/runs/wait", step: "run the echo graph and wait", params: thread, body: runBody(echo, { ...say("again"), metadata: ctx.metadata }), timeoutMs: 10_000, sdk: "runs.wait" }),
    ),
  ]);
  const { values } = await stateValues(ctx, threadId);
  await ctx.assert({ op: "POST /threads/{thread_id}/runs/wait", check: "run_wait_returns_final_values", claim: "wait answers the thread's final values", ok: values !== undefined && isDeepStrictEqual(waited.json, values) && contents(values).includes("echo: again"), expected: values, actual: waited.json ?? null, evidence: waited, sdk: "runs.wait" });
  if (threadStream.ok) {
    const seen = eventsOf(threadStream).some((e) => e.event.split("|")[0] === "values" || e.event === "metadata");
    await ctx.assert({ op: "GET /threads/{thread_id}/stream", check: "thread_join_stream_sees_run", claim: "the thread's stream carries the events of a run on the thread", ok: seen, expected: "metadata or values events", actual: eventsOf(threadStream).map((e) => e.event), evidence: threadStream, sdk: "threads.join_stream" });
  }
}

/** runs.list: everything, by status, and one page at a time. */
async function listRuns(ctx: ScenarioContext, threadId: string, firstRun: string): Promise<void> {
  const list = (step: string, query: Record<string, string | number>) => ctx.call({ op: LIST, step, params: { thread_id: threadId }, query, sdk: "runs.list" });
  const ids = (o: Awaited<ReturnType<typeof list>>) => (Array.isArray(o.json) ? o.json.map((r) => (r as { run_id?: unknown }).run_id) : []);
  const everything = await list("list the thread's runs", {});
  await ctx.assert({ op: LIST, check: "run_list_includes_runs", claim: "list includes the thread's runs", ok: ids(everything).length === 2 && ids(everything).includes(firstRun), expected: `2 runs including ${firstRun}`, actual: ids(everything), evidence: everything, sdk: "runs.list" });
  const succeeded = await list("list the thread's successful runs", { status: "success" });
  const statuses = Array.isArray(succeeded.json) ? succeeded.json.map((r) => (r as { status?: unknown }).status) : [];
  await ctx.assert({ op: LIST, check: "run_list_status_filter", claim: "a status filter lists only, and all, runs in that status", ok: statuses.length === 2 && statuses.every((s) => s === "success"), expected: ["success", "success"], actual: statuses, evidence: succeeded, sdk: "runs.list" });
  const first = await list("list one run", { limit: 1, offset: 0 });
  await ctx.assert({ op: LIST, check: "run_list_limit", claim: "limit caps the page size", ok: ids(first).length === 1, expected: 1, actual: ids(first).length, evidence: first, sdk: "runs.list" });
  const second = await list("list the next run", { limit: 1, offset: 1 });
  await ctx.assert({ op: LIST, check: "run_list_offset", claim: "offset skips that many runs: the second page of one holds the other run", ok: ids(second).length === 1 && ids(second)[0] !== ids(first)[0], expected: "one run, not the first page's", actual: ids(second), evidence: second, sdk: "runs.list" });
}

/** if_not_exists: reject refuses an unknown thread with 404; create makes the thread and runs on it. */
async function ifNotExists(ctx: ScenarioContext, echo: string): Promise<void> {
  const refused = await ctx.call({ op: RUNS, step: "start a run on an unknown thread with if_not_exists reject", params: { thread_id: randomUUID() }, body: runBody(echo, { if_not_exists: "reject", metadata: ctx.metadata }), expect: "any", sdk: "runs.create" });
  await ctx.assert({ op: RUNS, check: "if_not_exists_reject_not_found", claim: "a run on an unknown thread with if_not_exists reject answers 404", ok: refused.status === 404, expected: 404, actual: refused.status ?? null, evidence: refused, sdk: "runs.create" });
  const threadId = randomUUID();
  ctx.defer({ op: "DELETE /threads/{thread_id}", step: `delete thread ${threadId}`, params: { thread_id: threadId } });
  const made = await ctx.call({ op: "POST /threads/{thread_id}/runs/wait", step: "run on an unknown thread with if_not_exists create", params: { thread_id: threadId }, body: runBody(echo, { if_not_exists: "create", metadata: ctx.metadata }), timeoutMs: 10_000, sdk: "runs.wait" });
  const thread = await ctx.call({ ...getThread(threadId, "read the thread if_not_exists created"), expect: "any" });
  await ctx.assert({ op: "POST /threads/{thread_id}/runs/wait", check: "if_not_exists_create_creates_thread", claim: "if_not_exists create makes the thread and runs on it", ok: made.ok && thread.ok && contents(made.json).includes("echo: hi"), expected: "the run's values, and the thread exists", actual: { wait: made.status ?? null, thread: thread.status ?? null }, evidence: made, sdk: "runs.wait" });
}
