// Isolation between two users: what identity A creates (an assistant, a thread with a run, a cron where the target
// has crons) identity B can neither read, change, delete, list nor count, and A keeps it whole. Every resource is
// A's, created and deleted by A; B makes nothing unless the target wrongly lets it, and then B deletes it.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import { bodyOf, GRAPH_IDS, INPUT, listOf, marker, owns, settled, strings, why, type Json } from "../support/index.ts";
import {
  asSelf,
  judgeAttempt,
  judgeListing,
  metadataOf,
  needCredentials,
  NO_OTHER,
  same,
  type Attempt,
} from "./attempts.ts";
import {
  ASSISTANT,
  ASSISTANT_COUNT,
  ASSISTANT_CREATE,
  ASSISTANT_DELETE,
  ASSISTANT_PATCH,
  ASSISTANT_SEARCH,
  AUTH,
  CANCEL,
  COPY,
  CRON,
  CRON_COUNT,
  CRON_CREATE,
  CRON_DELETE,
  CRON_PATCH,
  CRON_SEARCH,
  HISTORY,
  JOIN,
  RUN,
  RUN_CREATE,
  RUN_DELETE,
  RUN_STREAM,
  RUNS,
  STATE,
  THREAD,
  THREAD_COUNT,
  THREAD_CREATE,
  THREAD_DELETE,
  THREAD_PATCH,
  THREAD_SEARCH,
  UPDATE_STATE,
} from "./rules.ts";

const SCENARIO = "auth.isolation";
/** Once a year at 04:05 on 1 January, so the cron never fires during a run. */
const SCHEDULE = "5 4 1 1 *";
const OTHER_SCHEDULE = "7 4 1 1 *";
/** What B writes where it must not: a metadata key, a message, a schedule. */
const PROBE = "written by the other identity";

interface Resource {
  id: string;
  /** A's own read of it, before B's attempts. */
  before: Json;
}

interface Owned {
  assistant: Resource;
  thread: Resource;
  /** The thread's state values before B's attempts. */
  state: unknown;
  runId?: string;
  /** Why there is no run to address, when there is none. */
  noRun?: { reason: string; evidence?: StepOutcome };
  cron?: Resource;
  noCron?: { reason: string; evidence?: StepOutcome };
  /** Threads B copied from A's where the target wrongly let it (B counts them as its own). */
  copies: number;
}

const read = (op: string, params: Record<string, string>, what: string): Step =>
  asSelf({ op, step: `read ${what} back`, params });

/** A creates a resource and reads it back; it is deleted at cleanup once proven the run's. */
async function create(
  ctx: ScenarioContext,
  kind: "assistant" | "thread",
  body: Json,
): Promise<{ created: StepOutcome; id: string; got: StepOutcome }> {
  const [op, getOp, deleteOp, param] =
    kind === "assistant"
      ? [ASSISTANT_CREATE, ASSISTANT, ASSISTANT_DELETE, "assistant_id"]
      : [THREAD_CREATE, THREAD, THREAD_DELETE, "thread_id"];
  const created = await ctx.call({ op, step: `create an ${kind}`, body, sdk: `${kind}s.create` });
  const id = bodyOf(created)?.[param];
  if (typeof id !== "string") return ctx.skip(`${created.operation.operationId} ${why(created)}`, created);
  if (!(await owns(ctx, kind, id, created.json)))
    return ctx.skip(`the ${kind} ${id} is not proven this run's, so the run leaves it alone`);
  ctx.defer({ op: deleteOp, step: `delete ${kind} ${id}`, params: { [param]: id } });
  const got = await ctx.call(read(getOp, { [param]: id }, `the ${kind}`));
  if (!got.ok) ctx.skip(`reading the ${kind} back ${why(got)}`, got);
  return { created, id, got };
}

/**
 * Judges that the metadata the target adds (every key the create did not send, such as `owner`) is the same on the
 * create's answer, a get and a search.
 */
async function judgeMetadata(
  ctx: ScenarioContext,
  kind: "assistant" | "thread",
  sent: Json,
  { created, id, got }: { created: StepOutcome; id: string; got: StepOutcome },
): Promise<void> {
  const [searchOp, createOp, getOp, param] =
    kind === "assistant"
      ? [ASSISTANT_SEARCH, ASSISTANT_CREATE, ASSISTANT, "assistant_id"]
      : [THREAD_SEARCH, THREAD_CREATE, THREAD, "thread_id"];
  const search = await ctx.call(asSelf({ op: searchOp, step: `search the ${kind}`, body: { metadata: sent } }));
  const found = listOf(search)?.find((r) => r[param] === id);
  if (!found) {
    return ctx.skipRule(
      AUTH.auth_owner_metadata_consistent,
      `a search with the run's metadata did not list the ${kind} (${search.ok ? "not among the results" : why(search)})`,
      { op: searchOp, detail: kind, evidence: search },
    );
  }
  const views = [
    { name: "create", op: createOp, outcome: created, metadata: metadataOf(created.json) ?? {} },
    { name: "get", op: getOp, outcome: got, metadata: metadataOf(got.json) ?? {} },
    { name: "search", op: searchOp, outcome: search, metadata: metadataOf(found) ?? {} },
  ];
  const added = [...new Set(views.flatMap((v) => Object.keys(v.metadata)))].filter((k) => !(k in sent));
  const addedBy = (metadata: Json) => Object.fromEntries(added.map((k) => [k, metadata[k] ?? null]));
  const differing = views.find((v) => !same(addedBy(v.metadata), addedBy(views[1]!.metadata)));
  await ctx.holds(AUTH.auth_owner_metadata_consistent, {
    op: differing?.op ?? getOp,
    detail: kind,
    ok: !differing,
    expected: { get: addedBy(views[1]!.metadata) },
    actual: differing ? { [differing.name]: addedBy(differing.metadata) } : { get: addedBy(views[1]!.metadata) },
    evidence: differing?.outcome ?? got,
  });
}

/** A's run on its thread, brought to its end, so that the thread has state and a run to address. */
async function runOnThread(ctx: ScenarioContext, threadId: string, assistantId: string) {
  const started = await ctx.call({
    op: RUN_CREATE,
    step: "run the echo graph on the thread",
    params: { thread_id: threadId },
    body: { assistant_id: assistantId, input: INPUT, metadata: ctx.metadata },
    sdk: "runs.create",
  });
  const runId = bodyOf(started)?.run_id;
  if (typeof runId !== "string") return { noRun: { reason: `createRun ${why(started)}`, evidence: started } };
  const ended = await settled(ctx, threadId, runId, 15_000);
  if (!ended.ok) return { runId, noRun: { reason: `the run could not be read (${why(ended)})`, evidence: ended } };
  return { runId };
}

async function createCron(ctx: ScenarioContext, assistantId: string): Promise<Pick<Owned, "cron" | "noCron">> {
  const created = await ctx.call({
    op: CRON_CREATE,
    step: "create a cron",
    body: { assistant_id: assistantId, schedule: SCHEDULE, input: INPUT, metadata: ctx.metadata },
    sdk: "crons.create",
  });
  const id = bodyOf(created)?.cron_id;
  if (typeof id !== "string") return { noCron: { reason: `createCron ${why(created)}`, evidence: created } };
  if (!(await owns(ctx, "cron", id, created.json)))
    return { noCron: { reason: `the cron ${id} is not proven this run's` } };
  ctx.defer({ op: CRON_DELETE, step: `delete cron ${id}`, params: { cron_id: id } });
  const got = await ctx.call(read(CRON, { cron_id: id }, "the cron"));
  if (!got.ok) return { noCron: { reason: `reading the cron back ${why(got)}`, evidence: got } };
  return { cron: { id, before: bodyOf(got) ?? {} } };
}

/** What B's attempt changed of a resource A reads back: its answer, or a member that is no longer what it was. */
async function changedOf(
  ctx: ScenarioContext,
  step: Step,
  what: string,
  compare: (now: Json) => string | undefined,
): Promise<string | undefined> {
  const back = await ctx.call(step);
  if (!back.ok) return `${what}: A's read ${why(back)}`;
  const difference = compare(bodyOf(back) ?? {});
  return difference && `${what}: ${difference}`;
}

const metadataChanged = (before: Json) => (now: Json) =>
  same(metadataOf(now), metadataOf(before)) ? undefined : `metadata is now ${JSON.stringify(metadataOf(now))}`;

/** B's attempts to read, change and run on A's resources; its deletes come last, once everything else is judged. */
function attempts(ctx: ScenarioContext, owned: Owned): { attempts: Attempt[]; deletes: Attempt[] } {
  const { assistant, thread, runId, cron } = owned;
  const a = { assistant_id: assistant.id };
  const t = { thread_id: thread.id };
  const assistantName = `assistant ${assistant.id}`;
  const threadName = `thread ${thread.id}`;
  const readAssistant = read(ASSISTANT, a, "the assistant");
  const readThread = read(THREAD, t, "the thread");
  const readState = read(STATE, t, "the thread's state");
  const stateChanged = () =>
    changedOf(ctx, readState, `${threadName} state`, (now) =>
      same(now.values, owned.state) ? undefined : `values are now ${JSON.stringify(now.values)}`,
    );
  const list: Attempt[] = [
    {
      rule: AUTH.auth_isolation_get,
      what: "read A's assistant",
      resource: assistantName,
      detail: "assistant",
      step: { op: ASSISTANT, params: a },
    },
    {
      rule: AUTH.auth_isolation_get,
      what: "read A's thread",
      resource: threadName,
      detail: "thread",
      step: { op: THREAD, params: t },
    },
    {
      rule: AUTH.auth_isolation_get,
      what: "read A's thread state",
      resource: threadName,
      detail: "thread state",
      step: { op: STATE, params: t },
    },
    {
      rule: AUTH.auth_isolation_get,
      what: "read A's thread history",
      resource: threadName,
      detail: "thread history",
      step: { op: HISTORY, params: t, body: { limit: 10 } },
    },
    {
      rule: AUTH.auth_isolation_get,
      what: "copy A's thread",
      resource: threadName,
      detail: "thread copy",
      step: { op: COPY, params: t, body: {} },
      accepted: async (outcome) => {
        const id = bodyOf(outcome)?.thread_id;
        if (typeof id !== "string") return;
        owned.copies += 1;
        if (await owns(ctx, "thread", id, outcome.json))
          ctx.defer({ op: THREAD_DELETE, step: `delete the copy ${id}`, params: { thread_id: id }, as: "other" });
      },
    },
    {
      rule: AUTH.auth_isolation_change,
      what: "update A's assistant's metadata",
      resource: assistantName,
      detail: "assistant",
      step: { op: ASSISTANT_PATCH, params: a, body: { metadata: { auth_probe: PROBE } } },
      changed: () => changedOf(ctx, readAssistant, assistantName, metadataChanged(assistant.before)),
    },
    {
      rule: AUTH.auth_isolation_change,
      what: "update A's thread's metadata",
      resource: threadName,
      detail: "thread",
      step: { op: THREAD_PATCH, params: t, body: { metadata: { auth_probe: PROBE } } },
      changed: () => changedOf(ctx, readThread, threadName, metadataChanged(thread.before)),
    },
    {
      rule: AUTH.auth_isolation_change,
      what: "update A's thread state",
      resource: threadName,
      detail: "thread state",
      step: { op: UPDATE_STATE, params: t, body: { values: { messages: [{ role: "human", content: PROBE }] } } },
      changed: stateChanged,
    },
    {
      rule: AUTH.auth_isolation_runs,
      what: "list the runs of A's thread",
      resource: threadName,
      detail: "runs list",
      step: { op: RUNS, params: t },
    },
    {
      rule: AUTH.auth_isolation_runs,
      what: "start a run on A's thread",
      resource: threadName,
      detail: "run create",
      // The graph's own id, which the API accepts as an assistant: what is judged is the thread, not A's assistant.
      step: {
        op: RUN_CREATE,
        params: t,
        body: { assistant_id: GRAPH_IDS.echo, input: { messages: [{ role: "human", content: PROBE }] } },
      },
    },
  ];
  if (runId) {
    const r = { ...t, run_id: runId };
    const runName = `run ${runId} of ${threadName}`;
    list.push(
      {
        rule: AUTH.auth_isolation_runs,
        what: "read A's run",
        resource: runName,
        detail: "run",
        step: { op: RUN, params: r },
      },
      {
        rule: AUTH.auth_isolation_runs,
        what: "join A's run",
        resource: runName,
        detail: "join",
        step: { op: JOIN, params: r },
      },
      {
        rule: AUTH.auth_isolation_runs,
        what: "stream A's run",
        resource: runName,
        detail: "run stream",
        step: { op: RUN_STREAM, params: r, stream: { maxEvents: 20, maxMs: 3_000 } },
      },
      {
        rule: AUTH.auth_isolation_runs,
        what: "cancel A's run",
        resource: runName,
        detail: "cancel",
        step: { op: CANCEL, params: r, query: { action: "interrupt" } },
      },
    );
  }
  if (cron) {
    const c = { cron_id: cron.id };
    const cronName = `cron ${cron.id}`;
    list.push(
      {
        rule: AUTH.auth_isolation_get,
        what: "read A's cron",
        resource: cronName,
        detail: "cron",
        step: { op: CRON, params: c },
      },
      {
        rule: AUTH.auth_isolation_change,
        what: "change A's cron's schedule",
        resource: cronName,
        detail: "cron",
        step: { op: CRON_PATCH, params: c, body: { schedule: OTHER_SCHEDULE } },
        changed: () =>
          changedOf(ctx, read(CRON, c, "the cron"), cronName, (now) =>
            now.schedule === cron.before.schedule ? undefined : `schedule is now ${JSON.stringify(now.schedule)}`,
          ),
      },
    );
  }
  const gone = (step: Step, name: string) => async () => {
    const back = await ctx.call(step);
    return back.ok ? undefined : `${name}: A's read ${why(back)}`;
  };
  const deletes: Attempt[] = [];
  if (runId) {
    const r = { ...t, run_id: runId };
    deletes.push({
      rule: AUTH.auth_isolation_delete,
      what: "delete A's run",
      resource: `run ${runId}`,
      detail: "run",
      step: { op: RUN_DELETE, params: r },
      changed: gone(read(RUN, r, "the run"), `run ${runId}`),
    });
  }
  if (cron) {
    const c = { cron_id: cron.id };
    deletes.push({
      rule: AUTH.auth_isolation_delete,
      what: "delete A's cron",
      resource: `cron ${cron.id}`,
      detail: "cron",
      step: { op: CRON_DELETE, params: c },
      changed: gone(read(CRON, c, "the cron"), `cron ${cron.id}`),
    });
  }
  deletes.push(
    {
      rule: AUTH.auth_isolation_delete,
      what: "delete A's thread",
      resource: threadName,
      detail: "thread",
      step: { op: THREAD_DELETE, params: t },
      changed: gone(readThread, threadName),
    },
    {
      rule: AUTH.auth_isolation_delete,
      what: "delete A's assistant",
      resource: assistantName,
      detail: "assistant",
      step: { op: ASSISTANT_DELETE, params: a },
      changed: gone(readAssistant, assistantName),
    },
  );
  return { attempts: list, deletes };
}

/** B's searches and counts, narrowed to what the scenario created: none may show A's resources. */
async function judgeListings(ctx: ScenarioContext, owned: Owned, metadata: Json): Promise<void> {
  const { assistant, thread, cron } = owned;
  const lists = (op: string, body: Json, kind: string, param: string, id: string) =>
    judgeListing(ctx, AUTH.auth_isolation_search, {
      step: { op, step: `as the other identity, search ${kind}s`, body: { ...body, limit: 100 } },
      detail: kind,
      expected: `no ${kind} ${id} of A's in the results`,
      leak: (o) => (strings(listOf(o), param).includes(id) ? `listed A's ${kind} ${id}` : undefined),
    });
  const counts = (op: string, body: Json, kind: string, own: number) =>
    judgeListing(ctx, AUTH.auth_isolation_count, {
      step: { op, step: `as the other identity, count ${kind}s`, body },
      detail: kind,
      expected: `${own}: A's ${kind} not counted`,
      leak: (o) => (typeof o.json === "number" && o.json <= own ? undefined : `counted ${JSON.stringify(o.json)}`),
    });
  await lists(ASSISTANT_SEARCH, { metadata }, "assistant", "assistant_id", assistant.id);
  await lists(THREAD_SEARCH, { metadata }, "thread", "thread_id", thread.id);
  await counts(ASSISTANT_COUNT, { metadata }, "assistant", 0);
  // Copies B was wrongly let make carry the scenario's metadata, and are B's own.
  await counts(THREAD_COUNT, { metadata }, "thread", owned.copies);
  const reason = owned.noCron?.reason ?? "there is no cron";
  const where = (op: string) => ({
    op,
    detail: "cron",
    ...(owned.noCron?.evidence ? { evidence: owned.noCron.evidence } : {}),
  });
  if (cron) {
    await lists(CRON_SEARCH, { assistant_id: assistant.id }, "cron", "cron_id", cron.id);
    await counts(CRON_COUNT, { assistant_id: assistant.id }, "cron", 0);
  } else {
    await ctx.skipRule(AUTH.auth_isolation_search, reason, where(CRON_SEARCH));
    await ctx.skipRule(AUTH.auth_isolation_count, reason, where(CRON_COUNT));
  }
}

/** Rules of instances the scenario has nothing to address for: skipped with the reason, once per instance. */
async function skipMissing(ctx: ScenarioContext, owned: Owned): Promise<void> {
  if (!owned.runId && owned.noRun) {
    const { reason, evidence } = owned.noRun;
    for (const [op, detail] of [
      [RUN, "run"],
      [JOIN, "join"],
      [RUN_STREAM, "run stream"],
      [CANCEL, "cancel"],
    ] as const) {
      await ctx.skipRule(AUTH.auth_isolation_runs, reason, { op, detail, ...(evidence ? { evidence } : {}) });
    }
    await ctx.skipRule(AUTH.auth_isolation_delete, reason, { op: RUN_DELETE, detail: "run" });
  }
  if (!owned.cron) {
    const reason = owned.noCron?.reason ?? "there is no cron";
    const evidence = owned.noCron?.evidence;
    const seen = evidence ? { evidence } : {};
    await ctx.skipRule(AUTH.auth_isolation_get, reason, { op: CRON, detail: "cron", ...seen });
    await ctx.skipRule(AUTH.auth_isolation_change, reason, { op: CRON_PATCH, detail: "cron", ...seen });
    await ctx.skipRule(AUTH.auth_isolation_delete, reason, { op: CRON_DELETE, detail: "cron", ...seen });
  }
}

/**
 * After B's attempts: A reads each resource back unchanged, updates it and deletes it. One result per resource, its
 * evidence the first step that went wrong (or the last one).
 */
async function judgeOwnerAccess(ctx: ScenarioContext, owned: Owned): Promise<void> {
  const { assistant, thread, runId, cron } = owned;
  const update = { metadata: { auth_owner_update: ctx.prefix } };
  const sequence = async (detail: string, steps: (() => Promise<{ outcome: StepOutcome; problem?: string }>)[]) => {
    let last: StepOutcome | undefined;
    for (const step of steps) {
      const { outcome, problem } = await step();
      last = outcome;
      if (problem) {
        await ctx.holds(AUTH.auth_owner_keeps_access, {
          op: `${outcome.operation.method} ${outcome.operation.path}`,
          detail,
          ok: false,
          expected: `A reads its ${detail} unchanged, updates it and deletes it`,
          actual: problem,
          evidence: outcome,
        });
        return;
      }
    }
    await ctx.holds(AUTH.auth_owner_keeps_access, {
      op: `${last!.operation.method} ${last!.operation.path}`,
      detail,
      ok: true,
      evidence: last!,
    });
  };
  const call = (step: Step, problem: (o: StepOutcome) => string | undefined) => async () => {
    const outcome = await ctx.call(step);
    return { outcome, problem: problem(outcome) };
  };
  const answered = (what: string) => (o: StepOutcome) => (o.ok ? undefined : `${what} ${why(o)}`);
  const unchanged = (what: string, before: Json) => (o: StepOutcome) =>
    !o.ok
      ? `reading ${what} back ${why(o)}`
      : same(metadataOf(o.json), metadataOf(before))
        ? undefined
        : `${what} reads back with metadata ${JSON.stringify(metadataOf(o.json))}`;
  const updated = (what: string) => (o: StepOutcome) =>
    !o.ok
      ? `reading ${what} after the update ${why(o)}`
      : metadataOf(o.json)?.auth_owner_update === ctx.prefix
        ? undefined
        : `${what} reads back without the update`;
  const deleted = (what: string) => (o: StepOutcome) =>
    o.status === 404 ? undefined : `reading ${what} after its delete ${why(o)}`;
  const lifecycle = (what: string, op: { get: string; patch: string; del: string }, params: Record<string, string>) => [
    call(
      { op: op.patch, step: `update ${what}`, params, body: update, expect: "any", report: false },
      answered(`updating ${what}`),
    ),
    call(read(op.get, params, what), updated(what)),
    call({ op: op.del, step: `delete ${what}`, params, expect: "any", report: false }, answered(`deleting ${what}`)),
    call(read(op.get, params, what), deleted(what)),
  ];

  const t = { thread_id: thread.id };
  await sequence("thread", [
    call(read(THREAD, t, "the thread"), unchanged("the thread", thread.before)),
    call(read(STATE, t, "the thread's state"), (o) =>
      !o.ok
        ? `reading the thread's state ${why(o)}`
        : same(bodyOf(o)?.values, owned.state)
          ? undefined
          : `the thread's state values are now ${JSON.stringify(bodyOf(o)?.values)}`,
    ),
    ...(runId ? [call(read(RUN, { ...t, run_id: runId }, "the run"), answered("reading the run"))] : []),
    ...lifecycle("the thread", { get: THREAD, patch: THREAD_PATCH, del: THREAD_DELETE }, t),
  ]);
  if (cron) {
    const c = { cron_id: cron.id };
    await sequence("cron", [
      call(read(CRON, c, "the cron"), (o) =>
        !o.ok
          ? `reading the cron back ${why(o)}`
          : bodyOf(o)?.schedule === cron.before.schedule
            ? undefined
            : `the cron's schedule is now ${JSON.stringify(bodyOf(o)?.schedule)}`,
      ),
      call(
        { op: CRON_DELETE, step: "delete the cron", params: c, expect: "any", report: false },
        answered("deleting the cron"),
      ),
      call(read(CRON, c, "the cron"), deleted("the cron")),
    ]);
  }
  const a = { assistant_id: assistant.id };
  await sequence("assistant", [
    call(read(ASSISTANT, a, "the assistant"), unchanged("the assistant", assistant.before)),
    ...lifecycle("the assistant", { get: ASSISTANT, patch: ASSISTANT_PATCH, del: ASSISTANT_DELETE }, a),
  ]);
}

export const isolationScenario: Scenario = {
  id: SCENARIO,
  title: "What one user creates, another can neither see nor touch, and its owner keeps",
  covers: [],
  rules: [
    AUTH.auth_owner_metadata_consistent,
    AUTH.auth_isolation_get,
    AUTH.auth_isolation_change,
    AUTH.auth_isolation_delete,
    AUTH.auth_isolation_search,
    AUTH.auth_isolation_count,
    AUTH.auth_isolation_runs,
    AUTH.auth_isolation_hides_existence,
    AUTH.auth_owner_keeps_access,
  ],
  timeoutMs: 120_000,
  async run(ctx) {
    needCredentials(ctx);
    const metadata = marker(ctx, SCENARIO);
    const assistantBody = { graph_id: GRAPH_IDS.echo, name: `${ctx.prefix}-auth`, metadata, config: {} };
    const assistant = await create(ctx, "assistant", assistantBody);
    await judgeMetadata(ctx, "assistant", metadata, assistant);
    const thread = await create(ctx, "thread", { metadata });
    await judgeMetadata(ctx, "thread", metadata, thread);
    if (!ctx.identities.other) ctx.skip(NO_OTHER);

    const run = await runOnThread(ctx, thread.id, assistant.id);
    const cron = await createCron(ctx, assistant.id);
    // A's own reads before B's attempts: what "unchanged" means.
    const before = async (op: string, params: Record<string, string>, what: string) => {
      const back = await ctx.call(read(op, params, what));
      if (!back.ok) ctx.skip(`reading ${what} before the other identity's attempts ${why(back)}`, back);
      return bodyOf(back) ?? {};
    };
    const owned: Owned = {
      assistant: { id: assistant.id, before: await before(ASSISTANT, { assistant_id: assistant.id }, "the assistant") },
      thread: { id: thread.id, before: await before(THREAD, { thread_id: thread.id }, "the thread") },
      state: (await before(STATE, { thread_id: thread.id }, "the thread's state")).values,
      ...run,
      ...cron,
      copies: 0,
    };
    const { attempts: list, deletes } = attempts(ctx, owned);
    for (const attempt of list) await judgeAttempt(ctx, attempt);
    await judgeListings(ctx, owned, metadata);
    for (const attempt of deletes) await judgeAttempt(ctx, attempt);
    await skipMissing(ctx, owned);
    await judgeOwnerAccess(ctx, owned);
  },
};
