// Thread semantics: create and if_exists, get, update, search, count, delete; state updates, checkpoints, history,
// copy, busy threads.

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Rule } from "../../src/rules/rule.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import {
  bodyOf,
  contents,
  hasMessages,
  human,
  listOf,
  marker,
  pick,
  sameMembers,
  strings,
  why,
  type Json,
  searcher,
  own,
  owns,
} from "../support/index.ts";
import { graphAssistant, createThread, GRAPH_IDS, judgeCreatesAreNew, need, runBody } from "../support/index.ts";
import { judgeGone } from "../support/gone.ts";
import {
  COPY,
  COUNT,
  CREATE,
  DELETE,
  GET,
  HISTORY,
  HISTORY_GET,
  PATCH,
  SEARCH,
  STATE,
  STATE_AT,
  STATE_AT_OBJECT,
  THREADS,
  UPDATE_STATE,
} from "./rules.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates a thread with this metadata (and thread_id, if given), deleted at cleanup; skips the scenario if that fails. */
async function newThread(ctx: ScenarioContext, metadata: Json, threadId?: string): Promise<string> {
  const body = { ...(threadId ? { thread_id: threadId } : {}), metadata };
  const created = await ctx.call({ op: CREATE, step: "create a thread", body, sdk: "threads.create" });
  const id = need(ctx, created, "thread_id");
  await own(ctx, "thread", id, created.json);
  ctx.defer({ op: DELETE, step: `delete thread ${id}`, params: { thread_id: id } });
  return id;
}

/** Two creates make two new threads of the run: a server that answers with one it already had fails here. */
const createsNew: Scenario = {
  id: "threads.semantics.create-new",
  title: "Threads: each create makes a new thread of the run",
  tag: "Threads",
  covers: [CREATE],
  rules: [THREADS.thread_create_makes_new_thread],
  async run(ctx) {
    const metadata = marker(ctx, "threads-create-new");
    await judgeCreatesAreNew(ctx, THREADS.thread_create_makes_new_thread, "thread", (n) => ({
      op: CREATE,
      step: `create thread ${n} of 2`,
      body: { metadata },
      sdk: "threads.create",
    }));
  },
};

const lifecycle: Scenario = {
  id: "threads.semantics.lifecycle",
  title: "Threads: create with and without thread_id, if_exists, get, metadata merge, delete",
  tag: "Threads",
  covers: [CREATE, GET, PATCH, DELETE, STATE, HISTORY_GET, HISTORY],
  rules: [
    THREADS.thread_create_uses_given_id,
    THREADS.thread_create_generates_id,
    THREADS.thread_create_if_exists_raise_conflicts,
    THREADS.thread_create_if_exists_do_nothing_returns_existing,
    THREADS.thread_get_returns_thread,
    THREADS.thread_update_merges_metadata,
    THREADS.thread_delete_removes_thread,
    THREADS.thread_deleted_state_is_404,
    THREADS.thread_deleted_history_is_404,
  ],
  async run(ctx) {
    const meta = { ...marker(ctx, "threads-lifecycle"), a: "1" };
    const givenId = randomUUID();
    const thread: GivenThread = { meta, givenId, params: { thread_id: givenId } };
    ctx.reserve("thread", givenId);
    ctx.defer({ op: DELETE, step: `delete thread ${givenId}`, params: thread.params });
    await judgeCreateIds(ctx, thread);
    await judgeIfExists(ctx, thread);
    await judgeGet(ctx, thread);
    await judgeMetadataMerge(ctx, thread);
    await judgeDeletion(ctx, thread.params);
  },
};

/** The thread the lifecycle flows follow: created with a thread_id of the suite's choosing and this metadata. */
interface GivenThread {
  meta: Record<string, string>;
  givenId: string;
  params: { thread_id: string };
}

/** Creates the thread with its given thread_id, and another without one, which gets a new uuid. */
async function judgeCreateIds(ctx: ScenarioContext, { meta, givenId }: GivenThread): Promise<void> {
  const created = await ctx.call({
    op: CREATE,
    step: "create a thread with a given thread_id",
    body: { thread_id: givenId, metadata: meta },
    sdk: "threads.create",
  });
  await ctx.holds(THREADS.thread_create_uses_given_id, {
    evidence: created,
    ok: bodyOf(created)?.thread_id === givenId,
    expected: givenId,
    actual: bodyOf(created)?.thread_id ?? created.status,
  });
  const createdId = need(ctx, created, "thread_id");
  if (createdId !== givenId && (await owns(ctx, "thread", createdId)))
    ctx.defer({ op: DELETE, step: `delete thread ${createdId}`, params: { thread_id: createdId } });
  const generated = await ctx.call({
    op: CREATE,
    step: "create a thread without thread_id",
    body: { metadata: meta },
    sdk: "threads.create",
  });
  const generatedId = need(ctx, generated, "thread_id");
  await own(ctx, "thread", generatedId, generated.json);
  ctx.defer({ op: DELETE, step: `delete thread ${generatedId}`, params: { thread_id: generatedId } });
  await ctx.holds(THREADS.thread_create_generates_id, {
    evidence: generated,
    ok: UUID.test(generatedId) && generatedId !== givenId,
    expected: "a new uuid",
    actual: generatedId,
  });
}

/** Creates the given thread_id again: if_exists raise conflicts, do_nothing returns the thread unchanged. */
async function judgeIfExists(ctx: ScenarioContext, { meta, givenId }: GivenThread): Promise<void> {
  const conflict = await ctx.call({
    op: CREATE,
    step: "create the same thread_id with if_exists raise",
    body: { thread_id: givenId, metadata: meta, if_exists: "raise" },
    expect: "any",
    sdk: "threads.create",
  });
  await ctx.holds(THREADS.thread_create_if_exists_raise_conflicts, {
    evidence: conflict,
    ok: conflict.status === 409,
    expected: 409,
    actual: conflict.status,
  });
  const kept = await ctx.call({
    op: CREATE,
    step: "create the same thread_id with if_exists do_nothing",
    body: { thread_id: givenId, metadata: { ...meta, a: "changed" }, if_exists: "do_nothing" },
    sdk: "threads.create",
  });
  await ctx.holds(THREADS.thread_create_if_exists_do_nothing_returns_existing, {
    evidence: kept,
    ok: bodyOf(kept)?.thread_id === givenId && pick(kept.json, "metadata.a") === "1",
    expected: { thread_id: givenId, metadata: { a: "1" } },
    actual: kept.json ?? kept.status,
  });
}

async function judgeGet(ctx: ScenarioContext, { meta, givenId, params }: GivenThread): Promise<void> {
  const got = await ctx.call({ op: GET, step: "get the thread", params, sdk: "threads.get" });
  await ctx.holds(THREADS.thread_get_returns_thread, {
    evidence: got,
    ok: bodyOf(got)?.thread_id === givenId && pick(got.json, "metadata.a") === "1",
    expected: { thread_id: givenId, metadata: meta },
    actual: got.json ?? got.status,
  });
}

/** Updates the metadata with a new key: the thread keeps its old keys too. */
async function judgeMetadataMerge(ctx: ScenarioContext, { meta, params }: GivenThread): Promise<void> {
  const patched = await ctx.call({
    op: PATCH,
    step: "update the thread's metadata with a new key",
    params,
    body: { metadata: { b: "2" } },
    sdk: "threads.update",
  });
  const reread = await ctx.call({ op: GET, step: "get the updated thread", params, sdk: "threads.get" });
  const merged = pick(reread.json, "metadata") as Json | undefined;
  await ctx.holds(THREADS.thread_update_merges_metadata, {
    evidence: reread,
    ok: patched.ok && merged?.a === "1" && merged?.b === "2" && merged?.conformance_run === ctx.prefix,
    expected: { ...meta, b: "2" },
    actual: merged ?? reread.status,
  });
}

/** Deletes the thread: it, its state and its history (both reads) answer 404. */
async function judgeDeletion(ctx: ScenarioContext, params: GivenThread["params"]): Promise<void> {
  const deleted = await ctx.call({ op: DELETE, step: "delete the thread", params, sdk: "threads.delete" });
  // What was never there is read the same way, when a read after the delete answers 5xx (see ./gone.ts).
  const never = { thread_id: randomUUID() };
  const gone = await ctx.call({ op: GET, step: "get the deleted thread", params, expect: "any", sdk: "threads.get" });
  await judgeGone(ctx, THREADS.thread_delete_removes_thread, {
    read: gone,
    never: { op: GET, step: "get a thread that never existed", params: never, sdk: "threads.get" },
    what: "thread",
    unknownIdRule: THREADS.thread_unknown_id_not_found.id,
    ok: deleted.ok && gone.status === 404,
    expected: 404,
    actual: gone.status,
  });
  const state = await ctx.call({
    op: STATE,
    step: "get the state of the deleted thread",
    params,
    expect: "any",
    sdk: "threads.get_state",
  });
  await judgeGone(ctx, THREADS.thread_deleted_state_is_404, {
    read: state,
    never: { op: STATE, step: "get the state of a thread that never existed", params: never },
    what: "thread's state",
    unknownIdRule: THREADS.thread_unknown_id_not_found.id,
    ok: state.status === 404,
    expected: 404,
    actual: state.status,
  });
  const history = await ctx.call({
    op: HISTORY_GET,
    step: "get the history of the deleted thread",
    params,
    expect: "any",
  });
  const searched = await ctx.call({
    op: HISTORY,
    step: "search the history of the deleted thread",
    params,
    body: { limit: 1 },
    expect: "any",
    sdk: "threads.get_history",
  });
  // The read judged: one that shows the history still there if any does, else one that did not answer 404.
  const reads = [history, searched].filter((o) => o.status !== 404);
  const read = reads.find((o) => (o.status ?? 0) < 500) ?? reads[0] ?? searched;
  await judgeGone(ctx, THREADS.thread_deleted_history_is_404, {
    read,
    never: {
      op: read === searched ? HISTORY : HISTORY_GET,
      step: "get the history of a thread that never existed",
      params: never,
      ...(read === searched ? { body: { limit: 1 } } : {}),
    },
    what: "thread's history",
    unknownIdRule: THREADS.thread_unknown_id_not_found.id,
    ok: history.status === 404 && searched.status === 404,
    expected: [404, 404],
    actual: [history.status, searched.status],
  });
}

const search: Scenario = {
  id: "threads.semantics.search",
  title: "Thread search by metadata, values and status, with sort and pages; count agrees",
  tag: "Threads",
  covers: [CREATE, UPDATE_STATE, SEARCH, COUNT],
  rules: [
    THREADS.thread_search_by_metadata,
    THREADS.thread_search_by_values,
    THREADS.thread_search_by_status,
    THREADS.thread_search_sort_by_thread_id,
    THREADS.thread_search_sort_by_created_at,
    THREADS.thread_search_pages_disjoint_and_complete,
    THREADS.thread_count_agrees_with_search,
  ],
  async run(ctx) {
    await graphAssistant(ctx, GRAPH_IDS.echo);
    const meta = marker(ctx, "threads-search");
    const texts = [`${ctx.prefix} first`, `${ctx.prefix} second`] as const;
    const ids = await createSearchedThreads(ctx, meta, texts);
    const { find, count } = searcher(ctx, { search: SEARCH, count: COUNT, client: "threads", id: "thread_id" }, meta);
    const values = { messages: [{ content: texts[0] }] };
    const found = await judgeSearchFilters(ctx, find, ids, values);
    await judgeSearchOrder(ctx, find, ids);
    await judgeCount(ctx, count, values, found);
  },
};

type Searcher = ReturnType<typeof searcher>;
type Found = Awaited<ReturnType<Searcher["find"]>>;

/** What each filter found, for the counts to agree with. */
interface Filtered {
  byMeta: Found;
  byValues: Found;
  idle: Found;
  failed: Found;
}

/** Gives the thread a human message as state values; skips the scenario if the update fails. */
async function giveValues(ctx: ScenarioContext, id: string, text: string): Promise<void> {
  const updated = await ctx.call({
    op: UPDATE_STATE,
    step: "give the thread state values",
    params: { thread_id: id },
    body: { values: human(text), as_node: "echo" },
    sdk: "threads.update_state",
  });
  if (!updated.ok) ctx.skip(`updateThreadState ${why(updated)}, so the threads have no values to search`, updated);
}

/**
 * Creates the three threads the searches should find (the first two with values, one text each) and a decoy; returns
 * the three ids in creation order.
 */
async function createSearchedThreads(
  ctx: ScenarioContext,
  meta: Record<string, string>,
  texts: readonly [string, string],
): Promise<string[]> {
  // Created in the order middle, lowest, highest id: the id order is neither the creation order nor its reverse, so
  // a server that ignores sort_by or sort_order cannot pass the sort rules by chance.
  const [lowest, middle, highest] = [randomUUID(), randomUUID(), randomUUID()].sort() as [string, string, string];
  const ids: string[] = [];
  for (const [given, text] of [
    [middle, texts[0]],
    [lowest, texts[1]],
    [highest, undefined],
  ] as const) {
    const id = await newThread(ctx, text ? { ...meta, graph_id: GRAPH_IDS.echo } : meta, given);
    ids.push(id);
    if (text) await giveValues(ctx, id, text);
  }
  // The decoy has the first thread's values and status, but other metadata: no search or count here may see it.
  const decoy = await newThread(ctx, { ...marker(ctx, "threads-search-decoy"), graph_id: GRAPH_IDS.echo });
  await giveValues(ctx, decoy, texts[0]);
  return ids;
}

/** Searches by metadata, by the first thread's values, and by status. */
async function judgeSearchFilters(
  ctx: ScenarioContext,
  find: Searcher["find"],
  ids: string[],
  values: Json,
): Promise<Filtered> {
  const byMeta = await find({}, "search by this scenario's metadata");
  await ctx.holds(THREADS.thread_search_by_metadata, {
    evidence: byMeta.outcome,
    ok: sameMembers(byMeta.ids, ids),
    expected: ids,
    actual: byMeta.ids,
  });
  const byValues = await find({ values }, "search by state values");
  await ctx.holds(THREADS.thread_search_by_values, {
    evidence: byValues.outcome,
    ok: sameMembers(byValues.ids, [ids[0]!]),
    expected: [ids[0]],
    actual: byValues.ids,
  });
  const idle = await find({ status: "idle" }, "search by status idle");
  const failed = await find({ status: "error" }, "search by status error");
  await ctx.holds(THREADS.thread_search_by_status, {
    evidence: failed.outcome,
    ok: idle.outcome.ok && failed.outcome.ok && sameMembers(idle.ids, ids) && failed.ids.length === 0,
    expected: { idle: ids, error: [] },
    actual: { idle: idle.ids, error: failed.ids },
  });
  return { byMeta, byValues, idle, failed };
}

/** Searches sorted by thread_id and by created_at, and two pages of two. */
async function judgeSearchOrder(ctx: ScenarioContext, find: Searcher["find"], ids: string[]): Promise<void> {
  const byId = await find({ sort_by: "thread_id", sort_order: "asc" }, "search sorted by thread_id ascending");
  const sortedIds = [...ids].sort();
  await ctx.holds(THREADS.thread_search_sort_by_thread_id, {
    evidence: byId.outcome,
    ok: byId.ids.length === ids.length && byId.ids.join() === sortedIds.join(),
    expected: sortedIds,
    actual: byId.ids,
  });
  const oldest = await find({ sort_by: "created_at", sort_order: "asc" }, "search sorted by created_at ascending");
  const newest = await find({ sort_by: "created_at", sort_order: "desc" }, "search sorted by created_at descending");
  const newestFirst = [...ids].reverse();
  const ascOk = oldest.ids.join() === ids.join();
  await ctx.holds(THREADS.thread_search_sort_by_created_at, {
    evidence: ascOk ? newest.outcome : oldest.outcome,
    ok: ascOk && newest.ids.join() === newestFirst.join(),
    expected: { asc: ids, desc: newestFirst },
    actual: { asc: oldest.ids, desc: newest.ids },
  });
  const page1 = await find({ sort_by: "thread_id", sort_order: "asc", limit: 2, offset: 0 }, "first page of 2");
  const page2 = await find({ sort_by: "thread_id", sort_order: "asc", limit: 2, offset: 2 }, "second page of 2");
  await ctx.holds(THREADS.thread_search_pages_disjoint_and_complete, {
    evidence: page2.outcome,
    ok:
      page1.ids.length === 2 &&
      !page1.ids.some((id) => page2.ids.includes(id)) &&
      sameMembers([...page1.ids, ...page2.ids], ids),
    expected: ids,
    actual: { page1: page1.ids, page2: page2.ids },
  });
}

/** Counts with each filter the searches used: every count equals the number of threads its search found. */
async function judgeCount(
  ctx: ScenarioContext,
  count: Searcher["count"],
  values: Json,
  found: Filtered,
): Promise<void> {
  const counted = [
    await count({}, "count by metadata"),
    await count({ values }, "count by values"),
    await count({ status: "idle" }, "count by status idle"),
    await count({ status: "error" }, "count by status error"),
  ];
  const counts = counted.map((o) => o.json);
  const lengths = [found.byMeta, found.byValues, found.idle, found.failed].map((f) => f.ids.length);
  const evidence = counted.find((o, i) => o.json !== lengths[i]) ?? counted[0]!;
  await ctx.holds(THREADS.thread_count_agrees_with_search, {
    evidence,
    ok: isDeepStrictEqual(counts, lengths),
    expected: lengths,
    actual: counts,
  });
}

/** Two threads with the same metadata, one of them deleted: search and count by that metadata see only the other. */
const deletedSearch: Scenario = {
  id: "threads.semantics.deleted-search",
  title: "A deleted thread drops out of search and count; its sibling with the same metadata stays",
  tag: "Threads",
  covers: [DELETE, SEARCH, COUNT],
  rules: [THREADS.thread_deleted_leaves_search],
  async run(ctx) {
    const meta = marker(ctx, "threads-deleted-search");
    const doomed = await newThread(ctx, meta);
    const kept = await newThread(ctx, meta);
    const deleted = await ctx.call({
      op: DELETE,
      step: "delete one of two threads with the same metadata",
      params: { thread_id: doomed },
      sdk: "threads.delete",
    });
    if (!deleted.ok) ctx.skip(`deleteThread ${why(deleted)}, so no thread is gone from search`, deleted);
    const { find, count } = searcher(ctx, { search: SEARCH, count: COUNT, client: "threads", id: "thread_id" }, meta);
    const found = await find({}, "search by the two threads' metadata");
    const counted = await count({}, "count by the two threads' metadata");
    const searchOk = sameMembers(found.ids, [kept]);
    await ctx.holds(THREADS.thread_deleted_leaves_search, {
      evidence: searchOk ? counted : found.outcome,
      ...(searchOk ? { op: COUNT, sdk: "threads.count" } : {}),
      ok: searchOk && counted.json === 1,
      expected: { search: [kept], count: 1 },
      actual: { search: found.ids, count: counted.json ?? counted.status ?? null },
    });
  },
};

/** The writes of each superstep a thread is created with: [as_node, message] pairs (interrupt_agent's nodes). */
const SUPERSTEPS: [node: string, text: string][][] = [
  [["ask", "s1"]],
  [
    ["ask", "s2"],
    ["finish", "s3"],
  ],
];

/** A thread created with two supersteps, the second of two writes: its history has a checkpoint for each superstep. */
const supersteps: Scenario = {
  id: "threads.semantics.supersteps",
  title: "A thread created with supersteps has the history they make",
  tag: "Threads",
  covers: [CREATE, HISTORY],
  rules: [THREADS.thread_create_supersteps_history],
  async run(ctx) {
    await graphAssistant(ctx, GRAPH_IDS.interrupt);
    const created = await ctx.call({
      op: CREATE,
      step: "create a thread with two supersteps, the second of two writes",
      body: {
        metadata: { ...marker(ctx, "threads-supersteps"), graph_id: GRAPH_IDS.interrupt },
        supersteps: SUPERSTEPS.map((updates) => ({
          updates: updates.map(([node, text]) => ({ values: human(text), as_node: node })),
        })),
      },
      sdk: "threads.create",
    });
    const id = need(ctx, created, "thread_id");
    await own(ctx, "thread", id, created.json);
    ctx.defer({ op: DELETE, step: `delete thread ${id}`, params: { thread_id: id } });
    const history = await ctx.call({
      op: HISTORY,
      step: "get the history of the thread",
      params: { thread_id: id },
      body: { limit: 10 },
      sdk: "threads.get_history",
    });
    // Newest first: the messages after each superstep, the last superstep's first.
    const expected = SUPERSTEPS.map((_, i) =>
      SUPERSTEPS.slice(0, i + 1).flatMap((u) => u.map(([, text]) => text)),
    ).reverse();
    const actual = (listOf(history) ?? []).map((e) => contents(e.values));
    await ctx.holds(THREADS.thread_create_supersteps_history, {
      evidence: history,
      ok: actual.length === expected.length && expected.every((texts, i) => sameMembers(actual[i]!, texts)),
      expected,
      actual: history.ok ? actual : why(history),
    });
  },
};

const state: Scenario = {
  id: "threads.semantics.state",
  title: "Thread state: update_state with as_node, checkpoints, state at a checkpoint, history, copy",
  tag: "Threads",
  covers: [UPDATE_STATE, STATE, STATE_AT, STATE_AT_OBJECT, HISTORY_GET, HISTORY, COPY],
  rules: [
    THREADS.thread_update_state_shows_values,
    THREADS.thread_update_state_makes_checkpoint,
    THREADS.thread_state_next_follows_as_node,
    THREADS.thread_history_lists_checkpoints,
    THREADS.thread_history_newest_first,
    THREADS.thread_state_at_checkpoint_id,
    THREADS.thread_state_at_checkpoint_object,
    THREADS.thread_history_honours_limit,
    THREADS.thread_history_honours_before,
    THREADS.thread_history_get_honours_before,
    THREADS.thread_history_honours_metadata,
    THREADS.thread_copy_has_same_state,
    THREADS.thread_copy_has_same_history,
    THREADS.thread_copy_is_independent,
  ],
  async run(ctx) {
    await graphAssistant(ctx, GRAPH_IDS.interrupt);
    const id = await newThread(ctx, { ...marker(ctx, "threads-state"), graph_id: GRAPH_IDS.interrupt });
    const thread = stateThread(ctx, id);
    const updates = await judgeStateUpdates(ctx, thread);
    const history = await judgeHistoryOrder(ctx, thread, updates);
    await judgeStateAtCheckpoint(ctx, thread, updates, history);
    await judgeHistoryLimitAndBefore(ctx, thread, updates, history);
    await judgeHistoryMetadata(ctx, thread, updates, history);
    await judgeCopy(ctx, thread, updates, history);
  },
};

/** The thread the state flows work on, with calls bound to it. */
interface StateThread {
  id: string;
  params: { thread_id: string };
  /** A call on this thread, unless the step gives its own params. */
  call(step: Step): Promise<StepOutcome>;
  /** Updates the state as this node and returns the new checkpoint's id, if the answer names one. */
  update(asNode: string, values: Json, step: string): Promise<string | undefined>;
  /** Reads the latest state of this thread, or of another (the copy). */
  read(step: string, threadId?: string): Promise<StepOutcome>;
}

function stateThread(ctx: ScenarioContext, id: string): StateThread {
  const params = { thread_id: id };
  const call = (step: Step) => ctx.call({ params, ...step });
  return {
    id,
    params,
    call,
    async update(asNode, values, step) {
      const outcome = await call({
        op: UPDATE_STATE,
        step,
        body: { values, as_node: asNode },
        sdk: "threads.update_state",
      });
      const id = checkpointOf(outcome);
      return typeof id === "string" ? id : undefined;
    },
    read: (step, threadId = id) => call({ op: STATE, step, params: { thread_id: threadId }, sdk: "threads.get_state" }),
  };
}

/**
 * The checkpoints of the three updates, oldest first (as the update answers named them, or else as the state read
 * after each showed them), and the state read after the third. A checkpoint neither named is undefined, and only the
 * rules that need it are skipped.
 */
interface Updates {
  c1?: string;
  c2?: string;
  c3?: string;
  latest: StepOutcome;
}

/** The checkpoints these rules need, when all are known; else the rules are skipped with the reason. */
async function knownCheckpoints<T extends (string | undefined)[]>(
  ctx: ScenarioContext,
  ids: [...T],
  rules: Rule[],
): Promise<{ [K in keyof T]: string } | undefined> {
  if (ids.every((id) => id !== undefined)) return ids as { [K in keyof T]: string };
  const reason =
    "neither update_state's answer nor the state read after it named the checkpoint, so this cannot be judged";
  for (const rule of rules) await ctx.skipRule(rule, reason);
  return undefined;
}

/** The thread's history as first read (newest first), and its checkpoint ids. */
interface History {
  entries: Json[];
  ids: string[];
}

const checkpointOf = (outcome: StepOutcome) => pick(outcome.json, "checkpoint.checkpoint_id");
const idOf = (outcome: StepOutcome) => {
  const id = checkpointOf(outcome);
  return typeof id === "string" ? id : undefined;
};

/** Updates the state as ask, then twice as finish: each update shows, makes a checkpoint and sets next. */
async function judgeStateUpdates(ctx: ScenarioContext, { update, read }: StateThread): Promise<Updates> {
  const c1 = await update("ask", human("u1"), "update the state as node ask");
  const s1 = await read("get the state after the update as ask");
  await ctx.holds(THREADS.thread_update_state_shows_values, {
    evidence: s1,
    ok: hasMessages(bodyOf(s1)?.values, ["u1"]),
    expected: { messages: [{ content: "u1" }] },
    actual: bodyOf(s1)?.values ?? s1.status,
  });
  const c2 = await update("finish", { messages: [{ role: "ai", content: "u2" }] }, "update the state as node finish");
  const s2 = await read("get the state after the update as finish");
  await ctx.holds(THREADS.thread_update_state_makes_checkpoint, {
    evidence: s2,
    ok: c1 !== c2 && checkpointOf(s1) === c1 && checkpointOf(s2) === c2,
    expected: [c1, c2],
    actual: [checkpointOf(s1), checkpointOf(s2)],
  });
  const next = [pick(s1.json, "next"), pick(s2.json, "next")];
  await ctx.holds(THREADS.thread_state_next_follows_as_node, {
    evidence: s2,
    ok: isDeepStrictEqual(next, [["finish"], []]),
    expected: [["finish"], []],
    actual: next,
  });
  const c3 = await update(
    "finish",
    { messages: [{ role: "ai", content: "u3" }] },
    "update the state as node finish again",
  );
  const latest = await read("get the latest state");
  return { c1: c1 ?? idOf(s1), c2: c2 ?? idOf(s2), c3: c3 ?? idOf(latest), latest };
}

async function judgeHistoryOrder(
  ctx: ScenarioContext,
  { call }: StateThread,
  { c1, c2, c3 }: Updates,
): Promise<History> {
  const full = await call({ op: HISTORY_GET, step: "get the history", query: { limit: 10 } });
  const entries = listOf(full) ?? [];
  const fullIds = strings(entries, "checkpoint.checkpoint_id");
  await ctx.holds(THREADS.thread_history_lists_checkpoints, {
    evidence: full,
    ok: entries.length >= 3,
    expected: "at least the 3 checkpoints the updates made",
    actual: full.ok ? `${entries.length} entries` : (full.status ?? full.exchange.error?.message),
  });
  const known = await knownCheckpoints(ctx, [c1, c2, c3], [THREADS.thread_history_newest_first]);
  if (known) {
    const ours = fullIds.filter((c) => known.includes(c));
    await ctx.holds(THREADS.thread_history_newest_first, {
      evidence: full,
      ok: fullIds[0] === c3 && ours.join() === [c3, c2, c1].join(),
      expected: [c3, c2, c1],
      actual: fullIds,
    });
  }
  return { entries, ids: fullIds };
}

/** Reads the state at the first checkpoint, by id and as an object: each equals that checkpoint's history entry. */
async function judgeStateAtCheckpoint(
  ctx: ScenarioContext,
  { call, params }: StateThread,
  { c1, latest }: Updates,
  { entries }: History,
): Promise<void> {
  const atRules = [THREADS.thread_state_at_checkpoint_id, THREADS.thread_state_at_checkpoint_object];
  const [first] = (await knownCheckpoints(ctx, [c1], atRules)) ?? [];
  if (first === undefined) return;
  const entry1 = entries.find((e) => pick(e, "checkpoint.checkpoint_id") === first);
  const matchesEntry1 = (o: StepOutcome) =>
    !!entry1 &&
    checkpointOf(o) === first &&
    isDeepStrictEqual(bodyOf(o)?.values, entry1.values) &&
    isDeepStrictEqual(bodyOf(o)?.next, entry1.next) &&
    !isDeepStrictEqual(bodyOf(o)?.values, bodyOf(latest)?.values);
  const expectedEntry = entry1 ?? "a history entry for the first checkpoint";
  const atId = await call({
    op: STATE_AT,
    step: "get the state at the first checkpoint by id",
    params: { ...params, checkpoint_id: first },
    sdk: "threads.get_state",
  });
  await ctx.holds(THREADS.thread_state_at_checkpoint_id, {
    evidence: atId,
    ok: matchesEntry1(atId),
    expected: expectedEntry,
    actual: atId.json ?? atId.status,
  });
  const atObject = await call({
    op: STATE_AT_OBJECT,
    step: "get the state at the first checkpoint given as an object",
    body: { checkpoint: { checkpoint_id: first } },
    sdk: "threads.get_state",
  });
  await ctx.holds(THREADS.thread_state_at_checkpoint_object, {
    evidence: atObject,
    ok: matchesEntry1(atObject),
    expected: expectedEntry,
    actual: atObject.json ?? atObject.status,
  });
}

/** Searches the thread's history (POST) with this body. */
async function searchHistory({ call }: StateThread, body: Json, step: string) {
  const outcome = await call({ op: HISTORY, step, body, sdk: "threads.get_history" });
  return { outcome, ids: strings(listOf(outcome), "checkpoint.checkpoint_id") };
}

/**
 * The forms of a history search's `before`, in the order tried: the published CheckpointConfig, the checkpoint id (the
 * only form the official JS server reads), and a config (the only form the official Python server reads); errata E26.
 */
const BEFORE_FORMS: readonly [form: string, before: (id: string) => unknown][] = [
  ["a checkpoint object", (id) => ({ checkpoint_id: id })],
  ["a checkpoint id", (id) => id],
  ["a config", (id) => ({ configurable: { checkpoint_id: id } })],
];

/**
 * Searches the history before a checkpoint in the first form the target takes (answers 2xx to): its answer is judged.
 * When it takes none, answers the last refusal, and every form's status.
 */
async function searchHistoryBefore({ call }: StateThread, checkpointId: string) {
  const refused: Record<string, number | string> = {};
  let outcome: StepOutcome | undefined;
  for (const [form, before] of BEFORE_FORMS) {
    outcome = await call({
      op: HISTORY,
      step: `get the history before the latest checkpoint (${form})`,
      body: { limit: 10, before: before(checkpointId) },
      expect: "any",
      sdk: "threads.get_history",
    });
    if (outcome.ok) return { form, outcome, ids: strings(listOf(outcome), "checkpoint.checkpoint_id"), refused };
    refused[form] = outcome.status ?? why(outcome);
  }
  return { form: "none", outcome: outcome!, ids: [] as string[], refused };
}

/** Reads the history with limit 2, then before the latest checkpoint, both in the body (POST) and as an id (GET). */
async function judgeHistoryLimitAndBefore(
  ctx: ScenarioContext,
  thread: StateThread,
  { c1, c3 }: Updates,
  { ids: fullIds }: History,
): Promise<void> {
  const limited = await searchHistory(thread, { limit: 2 }, "get the history with limit 2");
  await ctx.holds(THREADS.thread_history_honours_limit, {
    evidence: limited.outcome,
    ok: limited.ids.join() === fullIds.slice(0, 2).join() && limited.ids.length === 2,
    expected: fullIds.slice(0, 2),
    actual: limited.ids,
  });
  const beforeRules = [THREADS.thread_history_honours_before, THREADS.thread_history_get_honours_before];
  const [first, last] = (await knownCheckpoints(ctx, [c1, c3], beforeRules)) ?? [];
  if (first === undefined || last === undefined) return;

  const older = fullIds.slice(fullIds.indexOf(last) + 1);
  const before = await searchHistoryBefore(thread, last);
  await ctx.holds(THREADS.thread_history_honours_before, {
    evidence: before.outcome,
    ok: before.outcome.ok && before.ids.join() === older.join() && before.ids.includes(first),
    expected: older,
    actual: before.outcome.ok ? { [before.form]: before.ids } : before.refused,
  });
  const beforeQuery = await thread.call({
    op: HISTORY_GET,
    step: "get the history before the latest checkpoint (a checkpoint id)",
    query: { limit: 10, before: last },
  });
  const beforeIds = strings(listOf(beforeQuery), "checkpoint.checkpoint_id");
  await ctx.holds(THREADS.thread_history_get_honours_before, {
    evidence: beforeQuery,
    ok: beforeIds.join() === older.join() && beforeIds.includes(first),
    expected: older,
    actual: beforeQuery.ok ? beforeIds : beforeQuery.status,
  });
}

/** Searches the history by the second checkpoint's metadata.step, when the checkpoints carry one. */
async function judgeHistoryMetadata(
  ctx: ScenarioContext,
  thread: StateThread,
  { c2, c3 }: Updates,
  { entries }: History,
): Promise<void> {
  const [second, last] = (await knownCheckpoints(ctx, [c2, c3], [THREADS.thread_history_honours_metadata])) ?? [];
  if (second === undefined || last === undefined) return;
  const step = pick(
    entries.find((e) => pick(e, "checkpoint.checkpoint_id") === second),
    "metadata.step",
  );
  if (typeof step === "number") {
    const byMeta = await searchHistory(
      thread,
      { limit: 10, metadata: { step } },
      `get the history with metadata step ${step}`,
    );
    const steps = (listOf(byMeta.outcome) ?? []).map((e) => pick(e, "metadata.step"));
    await ctx.holds(THREADS.thread_history_honours_metadata, {
      evidence: byMeta.outcome,
      ok: byMeta.ids.includes(second) && steps.every((s) => s === step) && !byMeta.ids.includes(last),
      expected: `checkpoints with step ${step}, including ${second}`,
      actual: byMeta.ids,
    });
  } else {
    await ctx.skipRule(
      THREADS.thread_history_honours_metadata,
      "the checkpoints carry no numeric metadata.step to filter on",
    );
  }
}

/** Copies the thread: the copy has its state and history, and updating the copy leaves the original as it was. */
async function judgeCopy(
  ctx: ScenarioContext,
  { id, call, read }: StateThread,
  { c3, latest }: Updates,
  { entries }: History,
): Promise<void> {
  const copied = await call({ op: COPY, step: "copy the thread", sdk: "threads.copy" });
  const copyId = need(ctx, copied, "thread_id");
  await own(ctx, "thread", copyId, copied.json);
  ctx.defer({ op: DELETE, step: `delete copied thread ${copyId}`, params: { thread_id: copyId } });
  const copyState = await read("get the state of the copy", copyId);
  await ctx.holds(THREADS.thread_copy_has_same_state, {
    evidence: copyState,
    ok:
      copyId !== id &&
      isDeepStrictEqual(bodyOf(copyState)?.values, bodyOf(latest)?.values) &&
      isDeepStrictEqual(bodyOf(copyState)?.next, bodyOf(latest)?.next),
    expected: { values: bodyOf(latest)?.values, next: bodyOf(latest)?.next },
    actual: bodyOf(copyState) ?? copyState.status,
  });
  const copyHistory = await call({
    op: HISTORY_GET,
    step: "get the history of the copy",
    params: { thread_id: copyId },
    query: { limit: 10 },
  });
  const valuesOf = (list: Json[] | undefined) => (list ?? []).map((e) => e.values);
  await ctx.holds(THREADS.thread_copy_has_same_history, {
    evidence: copyHistory,
    ok: entries.length > 0 && isDeepStrictEqual(valuesOf(listOf(copyHistory)), valuesOf(entries)),
    expected: valuesOf(entries),
    actual: valuesOf(listOf(copyHistory)),
  });
  const diverged = await call({
    op: UPDATE_STATE,
    step: "update the copy's state",
    params: { thread_id: copyId },
    body: { values: { messages: [{ role: "ai", content: "copy only" }] }, as_node: "finish" },
    sdk: "threads.update_state",
  });
  const original = await read("get the original's state after the copy changed");
  const [last] = (await knownCheckpoints(ctx, [c3], [THREADS.thread_copy_is_independent])) ?? [];
  if (last === undefined) return;
  await ctx.holds(THREADS.thread_copy_is_independent, {
    evidence: original,
    ok:
      diverged.ok &&
      checkpointOf(original) === last &&
      isDeepStrictEqual(bodyOf(original)?.values, bodyOf(latest)?.values),
    expected: { checkpoint_id: last, values: bodyOf(latest)?.values },
    actual: bodyOf(original) ?? original.status,
  });
}

const busy: Scenario = {
  id: "threads.semantics.busy",
  title: "update_state on a thread with a run in flight is refused",
  tag: "Threads",
  covers: [UPDATE_STATE],
  rules: [THREADS.thread_update_state_refused_while_busy],
  async run(ctx) {
    const assistantId = await graphAssistant(ctx, GRAPH_IDS.slow);
    const threadId = await createThread(ctx);
    const params = { thread_id: threadId };
    const run = await ctx.call({
      op: "POST /threads/{thread_id}/runs",
      step: "start a 3 s background run of slow_agent",
      params,
      body: runBody(assistantId, { config: { configurable: { delay_ms: 3000 } } }),
      sdk: "runs.create",
    });
    const runId = need(ctx, run, "run_id");
    ctx.defer({
      op: "POST /threads/{thread_id}/runs/{run_id}/cancel",
      step: "cancel the slow run",
      params: { ...params, run_id: runId },
    });
    const refused = await ctx.call({
      op: UPDATE_STATE,
      step: "update the state while the run is in flight",
      params,
      body: { values: human("too early") },
      expect: "any",
      sdk: "threads.update_state",
    });
    await ctx.holds(THREADS.thread_update_state_refused_while_busy, {
      evidence: refused,
      ok: refused.status === 409,
      expected: 409,
      actual: refused.status,
    });
  },
};

/** Each read or write of a thread that does not exist, under a fresh random id: 404, never a 5xx. */
const unknownIds: Scenario = {
  id: "threads.semantics.unknown-ids",
  title: "Threads: an id that does not exist answers 404",
  tag: "Threads",
  covers: [GET, PATCH, DELETE, STATE, HISTORY_GET, HISTORY],
  rules: [THREADS.thread_unknown_id_not_found],
  async run(ctx) {
    const asks: [op: string, detail: string, sdk: string | undefined, extra: Partial<Step>][] = [
      [GET, "get", "threads.get", {}],
      [PATCH, "update", "threads.update", { body: { metadata: marker(ctx, "threads-unknown-ids") } }],
      [DELETE, "delete", "threads.delete", {}],
      [STATE, "state", "threads.get_state", {}],
      [HISTORY_GET, "history via GET", undefined, { query: { limit: 1 } }],
      [HISTORY, "history via POST", "threads.get_history", { body: { limit: 1 } }],
    ];
    for (const [op, detail, sdk, extra] of asks) {
      const id = randomUUID();
      const outcome = await ctx.call({
        op,
        step: `${detail} of a thread that does not exist`,
        params: { thread_id: id },
        ...extra,
        expect: "any",
        ...(sdk ? { sdk } : {}),
      });
      // A server that makes a thread on update made it under this run's own random id: it is deleted at cleanup.
      if (op === PATCH && outcome.ok) {
        ctx.reserve("thread", id);
        ctx.defer({ op: DELETE, step: `delete thread ${id}`, params: { thread_id: id } });
      }
      await ctx.holds(THREADS.thread_unknown_id_not_found, {
        evidence: outcome,
        op,
        ...(sdk ? { sdk } : {}),
        detail,
        ok: outcome.status === 404,
        expected: 404,
        actual: outcome.status ?? why(outcome),
      });
    }
  },
};

export const threadSemanticScenarios: Scenario[] = [
  createsNew,
  lifecycle,
  search,
  state,
  busy,
  unknownIds,
  deletedSearch,
  supersteps,
];
