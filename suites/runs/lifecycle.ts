// A thread run's life: create, get, join_stream, join, wait, list, delete; thread status; if_not_exists; thread join_stream.

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import {
  all,
  bodyOf,
  contents,
  dataOf,
  delay,
  envelopeSaysNotFound,
  eventsOf,
  getRun,
  getThread,
  INPUT,
  pick,
  poll,
  say,
  settled,
  startRun,
  stateValues,
  statusOf,
  STREAM_BOUNDS,
  why,
} from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, runBody } from "../support/index.ts";
import { judgeGone } from "../support/gone.ts";
import {
  CANCEL,
  CREATE,
  DELETE_RUN,
  JOIN,
  JOIN_STREAM,
  LIST,
  RUN,
  RUNS,
  STATELESS_WAIT,
  STREAM,
  THREAD_STREAM,
  WAIT,
} from "./rules.ts";
import { readSettled, runSettled, threadSettled } from "./settle.ts";

/**
 * Each call about a run that does not exist, on a thread that does, under a fresh random run id: 404, never a 5xx; a
 * join may instead answer 200 with the error in its body (errata E25).
 */
const unknownIds: Scenario = {
  id: "runs.unknown-ids",
  title: "Thread runs: a run id, or an assistant id, that does not exist answers 404",
  tag: "Thread Runs",
  covers: [RUN, JOIN, CANCEL, DELETE_RUN, STREAM, STATELESS_WAIT],
  rules: [RUNS.run_unknown_id_not_found, RUNS.run_unknown_assistant_not_found],
  async run(ctx) {
    const threadId = await createThread(ctx);
    const asks: [op: string, detail: string, sdk: string][] = [
      [RUN, "get", "runs.get"],
      [JOIN, "join", "runs.join"],
      [CANCEL, "cancel", "runs.cancel"],
      [DELETE_RUN, "delete", "runs.delete"],
    ];
    for (const [op, detail, sdk] of asks) {
      const outcome = await ctx.call({
        op,
        step: `${detail} a run that does not exist, on a thread the scenario created`,
        params: { thread_id: threadId, run_id: randomUUID() },
        expect: "any",
        timeoutMs: 10_000,
        sdk,
      });
      const inBand = op === JOIN && envelopeSaysNotFound(outcome);
      await ctx.holds(RUNS.run_unknown_id_not_found, {
        evidence: outcome,
        op,
        sdk,
        detail,
        ok: outcome.status === 404 || inBand,
        expected: op === JOIN ? [404, '200 {"__error__": {…not found…}}'] : 404,
        actual: op === JOIN && outcome.ok ? (outcome.json ?? outcome.status) : (outcome.status ?? why(outcome)),
      });
    }
    await unknownAssistant(ctx, threadId);
  },
};

/** A run naming an assistant that does not exist, under a fresh random id: refused with 404, and no run starts. */
async function unknownAssistant(ctx: ScenarioContext, threadId: string): Promise<void> {
  const rule = RUNS.run_unknown_assistant_not_found;
  const body = { assistant_id: randomUUID(), input: INPUT, metadata: ctx.metadata };
  const thread = { params: { thread_id: threadId } };
  const asks: [op: string, detail: string, sdk: string, extra: Partial<Step>][] = [
    [CREATE, "create", "runs.create", thread],
    [WAIT, "wait", "runs.wait", thread],
    [STREAM, "stream", "runs.stream", { ...thread, stream: STREAM_BOUNDS }],
    [STATELESS_WAIT, "stateless wait", "runs.wait", {}],
  ];
  // Runs the answers name: a run that was created despite the unknown assistant.
  const started = new Set<unknown>();
  for (const [op, detail, sdk, extra] of asks) {
    const outcome = await ctx.call({
      op,
      step: `${detail} a run of an assistant that does not exist`,
      body,
      expect: "any",
      timeoutMs: 10_000,
      sdk,
      ...extra,
    });
    await ctx.holds(rule, {
      evidence: outcome,
      op,
      sdk,
      detail,
      ok: outcome.status === 404,
      expected: 404,
      actual: outcome.status ?? why(outcome),
    });
    if (bodyOf(outcome)?.run_id) started.add(bodyOf(outcome)!.run_id);
  }
  const listed = await ctx.call({
    op: LIST,
    step: "list the runs of the thread the refused runs named",
    params: { thread_id: threadId },
    sdk: "runs.list",
  });
  // Only the thread's own: a list that leaves out no thread is for run_list_includes_runs to judge.
  for (const run of Array.isArray(listed.json) ? listed.json : [])
    if (pick(run, "thread_id") === threadId) started.add(pick(run, "run_id"));
  await ctx.holds(rule, {
    evidence: listed,
    op: LIST,
    sdk: "runs.list",
    detail: "no run started",
    ok: Array.isArray(listed.json) && started.size === 0,
    expected: [],
    actual: Array.isArray(listed.json) ? [...started] : why(listed),
  });
}

export const runLifecycleScenarios: Scenario[] = [
  {
    id: "runs.lifecycle",
    title: "A thread run from creation to deletion, and the thread's status along the way",
    tag: "Thread Runs",
    covers: [CREATE, RUN, LIST, JOIN, JOIN_STREAM, WAIT, DELETE_RUN, THREAD_STREAM],
    rules: [
      RUNS.thread_idle_before_run,
      RUNS.run_create_location_names_run,
      RUNS.thread_busy_while_running,
      RUNS.run_get_returns_run,
      RUNS.join_stream_ends_with_final_values,
      RUNS.run_join_returns_final_values,
      RUNS.thread_idle_after_success,
      RUNS.run_status_success,
      RUNS.run_wait_returns_final_values,
      RUNS.thread_join_stream_sees_run,
      RUNS.if_not_exists_reject_not_found,
      RUNS.if_not_exists_create_creates_thread,
      RUNS.run_list_includes_runs,
      RUNS.run_list_status_filter,
      RUNS.run_list_limit,
      RUNS.run_list_offset,
      RUNS.run_get_after_delete_404,
    ],
    async run(ctx) {
      const [echo, slow, failing] = await all([
        graphAssistant(ctx, GRAPH_IDS.echo),
        graphAssistant(ctx, GRAPH_IDS.slow),
        graphAssistant(ctx, GRAPH_IDS.failing),
      ]);
      const threadId = await createThread(ctx);
      const runId = await startSlowRun(ctx, slow, threadId);
      await judgeWhileRunning(ctx, threadId, runId);
      await joinRun(ctx, threadId, runId);
      await judgeAfterRun(ctx, threadId, runId);
      await waitWhileJoiningThread(ctx, echo, threadId);
      // A run in another status, which a status filter must leave out.
      const failed = await startRun(ctx, threadId, failing, say("fail"), "start a run of the failing graph");
      await settled(ctx, threadId, failed, 6_000);
      // Runs on other threads, which the thread's list must leave out.
      await ifNotExists(ctx, echo);
      await listRuns(ctx, threadId, runId, failed);
      await deleteRun(ctx, threadId, runId);
    },
  },
  unknownIds,
];

/** The new thread is idle; a slow background run starts on it, answering where the run is. Returns the run's id. */
async function startSlowRun(ctx: ScenarioContext, slow: string, threadId: string): Promise<string> {
  const fresh = await ctx.call(getThread(threadId, "read the new thread"));
  await ctx.holds(RUNS.thread_idle_before_run, {
    ok: statusOf(fresh) === "idle",
    expected: "idle",
    actual: statusOf(fresh),
    evidence: fresh,
  });

  const created = await ctx.call({
    op: CREATE,
    step: "start a slow background run (1500 ms)",
    params: { thread_id: threadId },
    body: runBody(slow, { ...delay(1500), stream_mode: ["values", "updates"], metadata: ctx.metadata }),
    sdk: "runs.create",
  });
  const runId = bodyOf(created)?.run_id;
  if (typeof runId !== "string") return ctx.skip(`createRun ${why(created)}, so there is no run to follow`, created);
  const location = created.exchange.response?.headers["content-location"];
  await ctx.holds(RUNS.run_create_location_names_run, {
    ok: !!location && location.endsWith(`/runs/${runId}`),
    expected: `…/runs/${runId}`,
    actual: location ?? null,
    evidence: created,
  });
  return runId;
}

/** While the run goes on: the thread is busy, and the run can be read. */
async function judgeWhileRunning(ctx: ScenarioContext, threadId: string, runId: string): Promise<void> {
  const busy = await poll(
    ctx,
    getThread(threadId, "read the thread while its run goes on"),
    (o) => statusOf(o) === "busy",
    1_500,
  );
  await ctx.holds(RUNS.thread_busy_while_running, {
    ok: statusOf(busy) === "busy",
    expected: "busy",
    actual: statusOf(busy),
    evidence: busy,
  });

  const read = await ctx.call({ ...getRun(threadId, runId, "read the run while it goes on"), expect: "success" });
  await ctx.holds(RUNS.run_get_returns_run, {
    ok: bodyOf(read)?.run_id === runId && bodyOf(read)?.thread_id === threadId,
    expected: { run_id: runId, thread_id: threadId },
    actual: { run_id: bodyOf(read)?.run_id, thread_id: bodyOf(read)?.thread_id },
    evidence: read,
  });
}

/** Joins the run's stream, then the run: both end with the thread's final values. */
async function joinRun(ctx: ScenarioContext, threadId: string, runId: string): Promise<void> {
  const run = { thread_id: threadId, run_id: runId };
  const joinedStream = await ctx.call({
    op: JOIN_STREAM,
    step: "join the run's stream while it goes on",
    params: run,
    stream: { maxEvents: 100, maxMs: 10_000 },
    sdk: "runs.join_stream",
  });
  const joined = await ctx.call({
    op: JOIN,
    step: "join the run",
    params: run,
    timeoutMs: 10_000,
    sdk: "runs.join",
  });
  const { outcome: state, values } = await stateValues(ctx, threadId);
  const lastValues = dataOf(
    eventsOf(joinedStream)
      .filter((e) => e.event === "values")
      .at(-1),
  );
  await ctx.holds(RUNS.join_stream_ends_with_final_values, {
    ok: values !== undefined && isDeepStrictEqual(lastValues, values),
    expected: values,
    actual: lastValues ?? null,
    evidence: joinedStream,
  });
  await ctx.holds(RUNS.run_join_returns_final_values, {
    ok: state.ok && isDeepStrictEqual(joined.json, values),
    expected: values,
    actual: joined.json ?? null,
    evidence: joined,
  });
}

/** After the run (join answered): the thread is idle again and the run succeeded, once the server recorded its end. */
async function judgeAfterRun(ctx: ScenarioContext, threadId: string, runId: string): Promise<void> {
  const after = await readSettled(ctx, getThread(threadId, "read the thread after the run"), threadSettled);
  await ctx.holds(RUNS.thread_idle_after_success, {
    ok: statusOf(after) === "idle",
    expected: "idle",
    actual: statusOf(after),
    evidence: after,
  });
  const done = await readSettled(
    ctx,
    { ...getRun(threadId, runId, "read the finished run"), expect: "success" },
    runSettled,
  );
  await ctx.holds(RUNS.run_status_success, {
    ok: statusOf(done) === "success",
    expected: "success",
    actual: statusOf(done),
    evidence: done,
  });
}

/** Deletes the first run: reading it then answers 404. */
async function deleteRun(ctx: ScenarioContext, threadId: string, runId: string): Promise<void> {
  const run = { thread_id: threadId, run_id: runId };
  await ctx.call({ op: DELETE_RUN, step: "delete the first run", params: run, sdk: "runs.delete" });
  const gone = await ctx.call(getRun(threadId, runId, "read the deleted run"));
  await judgeGone(ctx, RUNS.run_get_after_delete_404, {
    read: gone,
    never: getRun(threadId, randomUUID(), "read a run that never existed, on the same thread"),
    what: "run",
    unknownIdRule: RUNS.run_unknown_id_not_found.id,
    ok: gone.status === 404,
    expected: 404,
    actual: gone.status ?? null,
  });
}

/** runs.wait while the thread's own stream (threads.join_stream) is open: the stream should carry the run. */
async function waitWhileJoiningThread(ctx: ScenarioContext, echo: string, threadId: string): Promise<void> {
  const thread = { thread_id: threadId };
  const [threadStream, waited] = await all([
    ctx.call({
      op: THREAD_STREAM,
      step: "follow the thread's stream while a run goes on (bounded read)",
      params: thread,
      stream: { maxEvents: 50, maxMs: 2_500 },
      sdk: "threads.join_stream",
    }),
    new Promise((resolve) => setTimeout(resolve, 200)).then(() =>
      ctx.call({
        op: WAIT,
        step: "run the echo graph and wait",
        params: thread,
        body: runBody(echo, { ...say("again"), metadata: ctx.metadata }),
        timeoutMs: 10_000,
        sdk: "runs.wait",
      }),
    ),
  ]);
  const { values } = await stateValues(ctx, threadId);
  await ctx.holds(RUNS.run_wait_returns_final_values, {
    ok: values !== undefined && isDeepStrictEqual(waited.json, values) && contents(values).includes("echo: again"),
    expected: values,
    actual: waited.json ?? null,
    evidence: waited,
  });
  ctx.capability(
    "thread stream",
    threadStream.ok,
    threadStream.ok ? undefined : `joinThreadStream ${why(threadStream)}`,
  );
  if (!threadStream.ok)
    return ctx.skipRule(RUNS.thread_join_stream_sees_run, `joinThreadStream ${why(threadStream)}`, {
      evidence: threadStream,
    });
  const seen = eventsOf(threadStream).some((e) => e.event.split("|")[0] === "values" || e.event === "metadata");
  await ctx.holds(RUNS.thread_join_stream_sees_run, {
    ok: seen,
    expected: "metadata or values events",
    actual: eventsOf(threadStream).map((e) => e.event),
    evidence: threadStream,
  });
}

/** runs.list: the thread's runs only, by status, and one page at a time. */
async function listRuns(ctx: ScenarioContext, threadId: string, firstRun: string, failedRun: string): Promise<void> {
  const list = (step: string, query: Record<string, string | number>) =>
    ctx.call({ op: LIST, step, params: { thread_id: threadId }, query, sdk: "runs.list" });
  const ids = (o: StepOutcome) => (Array.isArray(o.json) ? o.json.map((r) => (r as { run_id?: unknown }).run_id) : []);
  const everything = await list("list the thread's runs", {});
  await ctx.holds(RUNS.run_list_includes_runs, {
    ok: ids(everything).length === 3 && ids(everything).includes(firstRun) && ids(everything).includes(failedRun),
    expected: `3 runs including ${firstRun} and ${failedRun}`,
    actual: ids(everything),
    evidence: everything,
  });
  const succeeded = await list("list the thread's successful runs", { status: "success" });
  const statuses = Array.isArray(succeeded.json) ? succeeded.json.map((r) => (r as { status?: unknown }).status) : [];
  await ctx.holds(RUNS.run_list_status_filter, {
    ok: statuses.length === 2 && statuses.every((s) => s === "success") && !ids(succeeded).includes(failedRun),
    expected: ["success", "success"],
    actual: statuses,
    evidence: succeeded,
  });
  const first = await list("list one run", { limit: 1, offset: 0 });
  await ctx.holds(RUNS.run_list_limit, {
    ok: ids(first).length === 1,
    expected: 1,
    actual: ids(first).length,
    evidence: first,
  });
  const second = await list("list the next run", { limit: 1, offset: 1 });
  await ctx.holds(RUNS.run_list_offset, {
    ok: ids(second).length === 1 && ids(second)[0] !== ids(first)[0],
    expected: "one run, not the first page's",
    actual: ids(second),
    evidence: second,
  });
}

/** if_not_exists: reject refuses an unknown thread with 404; create makes the thread and runs on it. */
async function ifNotExists(ctx: ScenarioContext, echo: string): Promise<void> {
  const unknown = randomUUID();
  const refused = await ctx.call({
    op: CREATE,
    step: "start a run on an unknown thread with if_not_exists reject",
    params: { thread_id: unknown },
    body: runBody(echo, { if_not_exists: "reject", metadata: ctx.metadata }),
    expect: "any",
    sdk: "runs.create",
  });
  ctx.reserve("thread", unknown);
  if (refused.ok)
    ctx.defer({ op: "DELETE /threads/{thread_id}", step: `delete thread ${unknown}`, params: { thread_id: unknown } });
  await ctx.holds(RUNS.if_not_exists_reject_not_found, {
    ok: refused.status === 404,
    expected: 404,
    actual: refused.status ?? null,
    evidence: refused,
  });
  const threadId = randomUUID();
  ctx.reserve("thread", threadId);
  ctx.defer({ op: "DELETE /threads/{thread_id}", step: `delete thread ${threadId}`, params: { thread_id: threadId } });
  const made = await ctx.call({
    op: WAIT,
    step: "run on an unknown thread with if_not_exists create",
    params: { thread_id: threadId },
    body: runBody(echo, { if_not_exists: "create", metadata: ctx.metadata }),
    timeoutMs: 10_000,
    sdk: "runs.wait",
  });
  const thread = await ctx.call({ ...getThread(threadId, "read the thread if_not_exists created"), expect: "any" });
  await ctx.holds(RUNS.if_not_exists_create_creates_thread, {
    ok: made.ok && thread.ok && contents(made.json).includes("echo: hi"),
    expected: "the run's values, and the thread exists",
    actual: { wait: made.status ?? null, thread: thread.status ?? null },
    evidence: made,
  });
}
