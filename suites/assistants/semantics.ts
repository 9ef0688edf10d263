// Assistant semantics: create and if_exists, get, update and versions, set_latest, search, count, graph, schemas, subgraphs, delete.

import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import {
  bodyOf,
  createAssistant,
  GRAPH_IDS,
  listOf,
  marker,
  pick,
  sameMembers,
  strings,
  why,
  type Json,
  searcher,
  owns,
  judgeCreatesAreNew,
} from "../support/index.ts";
import { judgeGone } from "../support/gone.ts";
import {
  ASSISTANTS as A,
  COUNT,
  CREATE,
  DELETE,
  GET,
  GRAPH,
  LATEST,
  PATCH,
  SCHEMAS,
  SEARCH,
  SUBGRAPH,
  SUBGRAPHS,
  VERSIONS,
} from "./rules.ts";

// Graph servers often emit draft-07 schemas (zod-to-json-schema does); Ajv 2020 compiles them once it knows that meta-schema.
const DRAFT_07 = createRequire(import.meta.url)("ajv/dist/refs/json-schema-draft-07.json") as object;

/** Why a JSON Schema does not compile, or undefined when it does. */
function compileError(schema: unknown): string | undefined {
  if (!schema || typeof schema !== "object") return "not an object";
  const ajv = new Ajv2020({ strict: false, logger: false });
  ajv.addMetaSchema(DRAFT_07);
  try {
    ajv.compile(schema as object);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const versionsOf = (outcome: StepOutcome) => (listOf(outcome) ?? []).map((v) => v.version);

type AssistantParams = { assistant_id: string };

/** The assistant the lifecycle creates under an id it chose, and what it was created with. */
interface Given {
  id: string;
  givenId: string;
  name: string;
  meta: Record<string, string>;
  params: AssistantParams;
}

/** The versions the lifecycle makes: 1 at create, 2 and 3 by updating the metadata. */
interface Versions {
  v1: unknown;
  v2: unknown;
  v3: unknown;
}

async function createGiven(ctx: ScenarioContext): Promise<Given> {
  const meta = marker(ctx, "assistants-lifecycle");
  const givenId = randomUUID();
  const name = `${ctx.prefix}-lifecycle`;
  const id = await createAssistant(ctx, GRAPH_IDS.echo, {
    assistant_id: givenId,
    name,
    metadata: meta,
    if_exists: "raise",
  });
  return { id, givenId, name, meta, params: { assistant_id: id } };
}

/** A create that should not have made an assistant may have made one: it is deleted at cleanup. */
async function deleteStray(ctx: ScenarioContext, given: Given, outcome: StepOutcome): Promise<void> {
  const strayId = bodyOf(outcome)?.assistant_id;
  if (typeof strayId === "string" && strayId !== given.id && (await owns(ctx, "assistant", strayId, outcome.json)))
    ctx.defer({ op: DELETE, step: `delete assistant ${strayId}`, params: { assistant_id: strayId } });
}

/** Judges the given id and the assistant as read back; returns that first read. */
async function judgeGet(ctx: ScenarioContext, given: Given): Promise<Json | undefined> {
  const { givenId, id, name, meta, params } = given;
  const got = await ctx.call({ op: GET, step: "get the assistant", params, sdk: "assistants.get" });
  await ctx.holds(A.assistant_create_uses_given_id, {
    evidence: got,
    ok: id === givenId && bodyOf(got)?.assistant_id === givenId,
    expected: givenId,
    actual: id,
  });
  const original = bodyOf(got);
  await ctx.holds(A.assistant_get_returns_assistant, {
    evidence: got,
    ok:
      original?.graph_id === GRAPH_IDS.echo &&
      original?.name === name &&
      pick(original, "metadata.conformance_scenario") === meta.conformance_scenario,
    expected: { graph_id: GRAPH_IDS.echo, name, metadata: meta },
    actual: got.json ?? got.status,
  });
  return original;
}

async function judgeIfExists(ctx: ScenarioContext, given: Given): Promise<void> {
  const { givenId, id, name, meta } = given;
  const again = { assistant_id: givenId, graph_id: GRAPH_IDS.echo, metadata: meta, name: `${name}-renamed` };
  const conflict = await ctx.call({
    op: CREATE,
    step: "create the same assistant_id with if_exists raise",
    body: { ...again, if_exists: "raise" },
    expect: "any",
    sdk: "assistants.create",
  });
  await deleteStray(ctx, given, conflict);
  await ctx.holds(A.assistant_create_if_exists_raise_conflicts, {
    evidence: conflict,
    ok: conflict.status === 409,
    expected: 409,
    actual: conflict.status,
  });
  const kept = await ctx.call({
    op: CREATE,
    step: "create the same assistant_id with if_exists do_nothing",
    body: { ...again, if_exists: "do_nothing" },
    sdk: "assistants.create",
  });
  await deleteStray(ctx, given, kept);
  await ctx.holds(A.assistant_create_if_exists_do_nothing_returns_existing, {
    evidence: kept,
    ok: bodyOf(kept)?.assistant_id === id && bodyOf(kept)?.name === name,
    expected: { assistant_id: id, name },
    actual: kept.json ?? kept.status,
  });
}

async function judgeUnknownGraph(ctx: ScenarioContext, given: Given): Promise<void> {
  const unknown = await ctx.call({
    op: CREATE,
    step: "create an assistant for a graph the server does not have",
    body: { graph_id: `${ctx.prefix}-no-such-graph`, name: `${given.name}-unknown-graph`, metadata: given.meta },
    expect: "any",
    sdk: "assistants.create",
  });
  await deleteStray(ctx, given, unknown);
  await ctx.holds(A.assistant_create_rejects_unknown_graph, {
    evidence: unknown,
    ok: unknown.status !== undefined && unknown.status >= 400 && unknown.status < 500,
    expected: "4xx",
    actual: unknown.status,
  });
}

/** Updates the metadata to revision 2, then 3, judging the first update; the scenario stops if it fails. */
async function judgeUpdates(ctx: ScenarioContext, given: Given, v1: unknown): Promise<Versions> {
  const { meta, params } = given;
  const update = (revision: string) =>
    ctx.call({
      op: PATCH,
      step: `update the metadata (revision ${revision})`,
      params,
      body: { metadata: { revision } },
      sdk: "assistants.update",
    });
  const patched = await update("2");
  const v2 = bodyOf(patched)?.version;
  await ctx.holds(A.assistant_update_makes_new_version, {
    evidence: patched,
    ok: typeof v1 === "number" && typeof v2 === "number" && v2 > v1,
    expected: `a version above ${String(v1)}`,
    actual: v2 ?? patched.status,
  });
  if (!patched.ok) ctx.skip(`updateAssistant ${why(patched)}, so there are no versions to list or switch`, patched);
  const reread = await ctx.call({ op: GET, step: "get the updated assistant", params, sdk: "assistants.get" });
  const stored = pick(reread.json, "metadata") as Json | undefined;
  await ctx.holds(A.assistant_update_stores_metadata, {
    evidence: reread,
    ok: stored?.revision === "2" && stored?.conformance_scenario === meta.conformance_scenario,
    expected: { ...meta, revision: "2" },
    actual: stored ?? reread.status,
  });
  const v3 = bodyOf(await update("3"))?.version;
  return { v1, v2, v3 };
}

async function judgeVersions(ctx: ScenarioContext, params: AssistantParams, versions: Versions): Promise<void> {
  const { v1, v2, v3 } = versions;
  const listed = await ctx.call({
    op: VERSIONS,
    step: "list the versions",
    params,
    body: { limit: 10 },
    sdk: "assistants.get_versions",
  });
  await ctx.holds(A.assistant_versions_newest_first, {
    evidence: listed,
    ok: versionsOf(listed).join() === [v3, v2, v1].join(),
    expected: [v3, v2, v1],
    actual: versionsOf(listed),
  });
  const page = await ctx.call({
    op: VERSIONS,
    step: "list versions with limit 1 and offset 1",
    params,
    body: { limit: 1, offset: 1 },
    sdk: "assistants.get_versions",
  });
  await ctx.holds(A.assistant_versions_limit_offset, {
    evidence: page,
    ok: versionsOf(page).join() === String(v2),
    expected: [v2],
    actual: versionsOf(page),
  });
  // Versions 1 (no revision) and 3 (revision 3) are the decoys the filter must leave out.
  const filtered = await ctx.call({
    op: VERSIONS,
    step: "list versions with metadata revision 2",
    params,
    body: { limit: 10, metadata: { revision: "2" } },
    sdk: "assistants.get_versions",
  });
  await ctx.holds(A.assistant_versions_filter_metadata, {
    evidence: filtered,
    ok: versionsOf(filtered).join() === String(v2),
    expected: [v2],
    actual: versionsOf(filtered),
  });
}

async function judgeSetLatest(ctx: ScenarioContext, given: Given, v1: unknown): Promise<void> {
  const { meta, params } = given;
  const latest = await ctx.call({
    op: LATEST,
    step: `make version ${String(v1)} the latest`,
    params,
    body: { version: v1 },
    sdk: "assistants.set_latest",
  });
  const switched = await ctx.call({
    op: GET,
    step: "get the assistant after set_latest",
    params,
    sdk: "assistants.get",
  });
  await ctx.holds(A.assistant_set_latest_switches_version, {
    evidence: switched,
    ok: latest.ok && bodyOf(switched)?.version === v1 && pick(switched.json, "metadata.revision") === undefined,
    expected: { version: v1, metadata: meta },
    actual: switched.json ?? switched.status,
  });
}

async function judgeDelete(ctx: ScenarioContext, params: AssistantParams): Promise<void> {
  const deleted = await ctx.call({ op: DELETE, step: "delete the assistant", params, sdk: "assistants.delete" });
  const gone = await ctx.call({
    op: GET,
    step: "get the deleted assistant",
    params,
    expect: "any",
    sdk: "assistants.get",
  });
  await judgeGone(ctx, A.assistant_delete_removes_assistant, {
    read: gone,
    never: {
      op: GET,
      step: "get an assistant that never existed",
      params: { assistant_id: randomUUID() },
      sdk: "assistants.get",
    },
    what: "assistant",
    unknownIdRule: A.assistant_unknown_id_not_found.id,
    ok: deleted.ok && gone.status === 404,
    expected: 404,
    actual: gone.status,
  });
}

/** Two creates make two new assistants of the run: a server that answers with one it already had fails here. */
const createsNew: Scenario = {
  id: "assistants.semantics.create-new",
  title: "Assistants: each create makes a new assistant of the run",
  tag: "Assistants",
  covers: [CREATE],
  rules: [A.assistant_create_makes_new_assistant],
  async run(ctx) {
    const metadata = marker(ctx, "assistants-create-new");
    await judgeCreatesAreNew(ctx, A.assistant_create_makes_new_assistant, "assistant", (n) => ({
      op: CREATE,
      step: `create assistant ${n} of 2`,
      body: { graph_id: GRAPH_IDS.echo, name: `${ctx.prefix}-new-${n}`, metadata, config: {} },
      sdk: "assistants.create",
    }));
  },
};

const lifecycle: Scenario = {
  id: "assistants.semantics.lifecycle",
  title: "Assistants: create with if_exists, get, update and versions, set_latest, delete",
  tag: "Assistants",
  covers: [CREATE, GET, PATCH, VERSIONS, LATEST, DELETE],
  rules: [
    A.assistant_create_uses_given_id,
    A.assistant_get_returns_assistant,
    A.assistant_create_if_exists_raise_conflicts,
    A.assistant_create_if_exists_do_nothing_returns_existing,
    A.assistant_create_rejects_unknown_graph,
    A.assistant_update_makes_new_version,
    A.assistant_update_stores_metadata,
    A.assistant_versions_newest_first,
    A.assistant_versions_limit_offset,
    A.assistant_versions_filter_metadata,
    A.assistant_set_latest_switches_version,
    A.assistant_delete_removes_assistant,
  ],
  async run(ctx) {
    const given = await createGiven(ctx);
    const original = await judgeGet(ctx, given);
    await judgeIfExists(ctx, given);
    await judgeUnknownGraph(ctx, given);
    const versions = await judgeUpdates(ctx, given, original?.version);
    await judgeVersions(ctx, given.params, versions);
    await judgeSetLatest(ctx, given, versions.v1);
    await judgeDelete(ctx, given.params);
  },
};

/** The assistants the search scenario made (c of the subgraph fixture) and the search and count it judges them with. */
interface Searched extends ReturnType<typeof searcher> {
  a: string;
  b: string;
  c: string;
  mine: string[];
  named: (letter: string) => string;
}

async function createSearched(ctx: ScenarioContext): Promise<Searched> {
  const meta = marker(ctx, "assistants-search");
  const named = (letter: string) => `${ctx.prefix}-srch-${letter}`;
  // Created out of name order, so that neither the creation order nor its reverse is the order by name. Each
  // filter has a decoy it must leave out: c is of another graph, a and c have other names, d has other metadata.
  const b = await createAssistant(ctx, GRAPH_IDS.echo, { name: named("b"), metadata: meta });
  const c = await createAssistant(ctx, GRAPH_IDS.subgraph, { name: named("c"), metadata: meta });
  const a = await createAssistant(ctx, GRAPH_IDS.echo, { name: named("a"), metadata: meta });
  await createAssistant(ctx, GRAPH_IDS.echo, { name: named("d"), metadata: marker(ctx, "assistants-search-decoy") });
  const { find, count } = searcher(
    ctx,
    { search: SEARCH, count: COUNT, client: "assistants", id: "assistant_id" },
    meta,
  );
  return { a, b, c, mine: [a, b, c], named, find, count };
}

async function judgeSearchFilters(ctx: ScenarioContext, { a, b, c, mine, find }: Searched): Promise<void> {
  const byMeta = await find({}, "search by this scenario's metadata");
  await ctx.holds(A.assistant_search_by_metadata, {
    evidence: byMeta.outcome,
    ok: byMeta.outcome.ok && sameMembers(byMeta.ids, mine),
    expected: mine,
    actual: byMeta.ids,
  });
  const echo = await find({ graph_id: GRAPH_IDS.echo }, `search by graph_id ${GRAPH_IDS.echo}`);
  const sub = await find({ graph_id: GRAPH_IDS.subgraph }, `search by graph_id ${GRAPH_IDS.subgraph}`);
  const echoRight = echo.outcome.ok && sameMembers(echo.ids, [a, b]);
  await ctx.holds(A.assistant_search_by_graph_id, {
    evidence: echoRight ? sub.outcome : echo.outcome,
    ok: echoRight && sub.outcome.ok && sameMembers(sub.ids, [c]),
    expected: { [GRAPH_IDS.echo]: [a, b], [GRAPH_IDS.subgraph]: [c] },
    actual: { [GRAPH_IDS.echo]: echo.ids, [GRAPH_IDS.subgraph]: sub.ids },
  });
  const partOfName = await find({ name: "SRCH-B" }, "search by a part of the name, in upper case");
  await ctx.holds(A.assistant_search_by_name, {
    evidence: partOfName.outcome,
    ok: partOfName.outcome.ok && sameMembers(partOfName.ids, [b]),
    expected: [b],
    actual: partOfName.ids,
  });
}

async function judgeSortAndSelect(ctx: ScenarioContext, { mine, named, find }: Searched): Promise<void> {
  const sorted = await find({ sort_by: "name", sort_order: "asc" }, "search sorted by name ascending");
  const byName = ["a", "b", "c"].map(named);
  const sortedNames = strings(listOf(sorted.outcome), "name");
  await ctx.holds(A.assistant_search_sort_by_name, {
    evidence: sorted.outcome,
    ok: sorted.ids.join() === mine.join(),
    expected: byName,
    actual: sortedNames,
  });
  const selected = await find({ select: ["assistant_id", "name"] }, "search selecting assistant_id and name");
  const fields = (listOf(selected.outcome) ?? []).map((x) => Object.keys(x).sort().join());
  await ctx.holds(A.assistant_search_select, {
    evidence: selected.outcome,
    ok: fields.length === mine.length && fields.every((f) => f === "assistant_id,name"),
    expected: "assistant_id,name",
    actual: fields,
  });
}

async function judgeCount(ctx: ScenarioContext, { mine, count }: Searched): Promise<void> {
  // What a right search returns, from what the scenario created: count is held to that, not to the search above.
  const expected = { metadata: mine.length, graph_id: 2, name: 1 };
  const counted = {
    metadata: await count({}, "count by metadata"),
    graph_id: await count({ graph_id: GRAPH_IDS.echo }, `count by metadata and graph_id ${GRAPH_IDS.echo}`),
    name: await count({ name: "SRCH-B" }, "count by metadata and a part of the name"),
  };
  const actual = Object.fromEntries(Object.entries(counted).map(([k, o]) => [k, o.json ?? o.status]));
  const wrong = (Object.keys(expected) as (keyof typeof expected)[]).find((k) => counted[k].json !== expected[k]);
  await ctx.holds(A.assistant_count_agrees_with_search, {
    evidence: counted[wrong ?? "metadata"],
    ok: wrong === undefined,
    expected,
    actual,
  });
}

const search: Scenario = {
  id: "assistants.semantics.search",
  title: "Assistant search by metadata, graph_id and name, with sort and select; count agrees",
  tag: "Assistants",
  covers: [CREATE, SEARCH, COUNT],
  rules: [
    A.assistant_search_by_metadata,
    A.assistant_search_by_graph_id,
    A.assistant_search_by_name,
    A.assistant_search_sort_by_name,
    A.assistant_search_select,
    A.assistant_count_agrees_with_search,
  ],
  async run(ctx) {
    const searched = await createSearched(ctx);
    await judgeSearchFilters(ctx, searched);
    await judgeSortAndSelect(ctx, searched);
    await judgeCount(ctx, searched);
  },
};

const nodesOf = (outcome: StepOutcome) => strings(listOf(outcome, "nodes"), "id");

const graph: Scenario = {
  id: "assistants.semantics.graph",
  title: "Assistant graph and schemas of the echo fixture",
  tag: "Assistants",
  // Reading a graph's schemas may compile the graph: seconds of the server's CPU. Beside other scenarios, such a
  // read can outlast the request's time limit, a finding the suite itself would have caused.
  alone: true,
  covers: [GRAPH, SCHEMAS],
  rules: [A.assistant_graph_matches_fixture, A.assistant_schemas_compile, A.assistant_schemas_describe_state],
  async run(ctx) {
    const params = { assistant_id: await createAssistant(ctx, GRAPH_IDS.echo) };
    const drawn = await ctx.call({ op: GRAPH, step: "get the graph", params, sdk: "assistants.get_graph" });
    const edges = (listOf(drawn, "edges") ?? []).map((e) => `${String(e.source)}->${String(e.target)}`);
    const expected = { nodes: ["__start__", "echo", "__end__"], edges: ["__start__->echo", "echo->__end__"] };
    await ctx.holds(A.assistant_graph_matches_fixture, {
      evidence: drawn,
      ok: sameMembers(nodesOf(drawn), expected.nodes) && sameMembers(edges, expected.edges),
      expected,
      actual: { nodes: nodesOf(drawn), edges },
    });

    const schemas = await ctx.call({ op: SCHEMAS, step: "get the schemas", params, sdk: "assistants.get_schemas" });
    const body = bodyOf(schemas);
    const errors = Object.fromEntries(
      ["input_schema", "output_schema", "state_schema", "config_schema", "context_schema"]
        .flatMap((k) => (body?.[k] == null && k !== "state_schema" ? [] : [[k, compileError(body?.[k])]]))
        .filter(([, e]) => e !== undefined),
    );
    await ctx.holds(A.assistant_schemas_compile, {
      evidence: schemas,
      ok: body?.graph_id === GRAPH_IDS.echo && Object.keys(errors).length === 0,
      expected: { graph_id: GRAPH_IDS.echo, errors: {} },
      actual: { graph_id: body?.graph_id, errors },
    });
    await ctx.holds(A.assistant_schemas_describe_state, {
      evidence: schemas,
      ok: pick(body, "state_schema.properties.messages") !== undefined,
      expected: "state_schema.properties.messages",
      actual: pick(body, "state_schema.properties") ?? schemas.status,
    });
  },
};

const keysOf = (o: StepOutcome) => Object.keys(bodyOf(o) ?? {});

async function judgeXray(ctx: ScenarioContext, params: AssistantParams): Promise<void> {
  const flat = await ctx.call({ op: GRAPH, step: "get the graph without xray", params, sdk: "assistants.get_graph" });
  const xray = await ctx.call({
    op: GRAPH,
    step: "get the graph with xray",
    params,
    query: { xray: true },
    sdk: "assistants.get_graph",
  });
  const inner = (ids: string[]) => ["child_echo", "child_done"].every((n) => ids.some((id) => id.endsWith(n)));
  const flatRight = nodesOf(flat).includes("child") && !inner(nodesOf(flat));
  await ctx.holds(A.assistant_graph_xray_expands_subgraphs, {
    evidence: flatRight ? xray : flat,
    ok: flatRight && inner(nodesOf(xray)),
    expected: { flat: "node child", xray: "nodes …child_echo, …child_done" },
    actual: { flat: nodesOf(flat), xray: nodesOf(xray) },
  });
}

async function judgeSubgraphList(ctx: ScenarioContext, params: AssistantParams): Promise<void> {
  const listed = await ctx.call({
    op: SUBGRAPHS,
    step: "list the subgraphs",
    params,
    sdk: "assistants.get_subgraphs",
  });
  const recursed = await ctx.call({
    op: SUBGRAPHS,
    step: "list the subgraphs with recurse",
    params,
    query: { recurse: true },
    sdk: "assistants.get_subgraphs",
  });
  await ctx.holds(A.assistant_subgraphs_lists_child, {
    evidence: keysOf(listed).join() === "child" ? recursed : listed,
    ok: keysOf(listed).join() === "child" && keysOf(recursed).join() === "child",
    expected: [["child"], ["child"]],
    actual: [keysOf(listed), keysOf(recursed)],
  });
}

async function judgeNamespace(ctx: ScenarioContext, params: AssistantParams): Promise<void> {
  const named = await ctx.call({
    op: SUBGRAPH,
    step: "get the subgraph in namespace child",
    params: { ...params, namespace: "child" },
    query: { recurse: true },
    sdk: "assistants.get_subgraphs",
  });
  const unknown = await ctx.call({
    op: SUBGRAPH,
    step: "get the subgraphs in a namespace that does not exist",
    params: { ...params, namespace: "no_such_child" },
    expect: "any",
    sdk: "assistants.get_subgraphs",
  });
  await ctx.holds(A.assistant_subgraphs_namespace, {
    evidence: unknown,
    ok: keysOf(named).join() === "child" && (unknown.status === 404 || (unknown.ok && keysOf(unknown).length === 0)),
    expected: { child: ["child"], no_such_child: "none (or 404)" },
    actual: { child: keysOf(named), no_such_child: unknown.json ?? unknown.status },
  });
}

const subgraphs: Scenario = {
  id: "assistants.semantics.subgraphs",
  title: "Assistant subgraphs (namespace, recurse) and graph xray of the subgraph fixture",
  tag: "Assistants",
  // Reading a graph's schemas may compile the graph: seconds of the server's CPU. Beside other scenarios, such a
  // read can outlast the request's time limit, a finding the suite itself would have caused.
  alone: true,
  covers: [GRAPH, SUBGRAPHS, SUBGRAPH],
  rules: [A.assistant_graph_xray_expands_subgraphs, A.assistant_subgraphs_lists_child, A.assistant_subgraphs_namespace],
  async run(ctx) {
    const params = { assistant_id: await createAssistant(ctx, GRAPH_IDS.subgraph) };
    await judgeXray(ctx, params);
    await judgeSubgraphList(ctx, params);
    await judgeNamespace(ctx, params);
  },
};

/** Each read or write of an assistant that does not exist, under a fresh random id: 404, never a 5xx. */
const unknownIds: Scenario = {
  id: "assistants.semantics.unknown-ids",
  title: "Assistants: an id that does not exist answers 404",
  tag: "Assistants",
  covers: [GET, PATCH, DELETE, GRAPH, SCHEMAS, VERSIONS],
  rules: [A.assistant_unknown_id_not_found],
  async run(ctx) {
    const asks: [op: string, detail: string, sdk: string, extra: Partial<Step>][] = [
      [GET, "get", "assistants.get", {}],
      [PATCH, "update", "assistants.update", { body: { metadata: marker(ctx, "assistants-unknown-ids") } }],
      [DELETE, "delete", "assistants.delete", {}],
      [GRAPH, "graph", "assistants.get_graph", {}],
      [SCHEMAS, "schemas", "assistants.get_schemas", {}],
      [VERSIONS, "versions", "assistants.get_versions", { body: { limit: 10 } }],
    ];
    for (const [op, detail, sdk, extra] of asks) {
      const id = randomUUID();
      const outcome = await ctx.call({
        op,
        step: `${detail} of an assistant that does not exist`,
        params: { assistant_id: id },
        ...extra,
        expect: "any",
        sdk,
      });
      // A server that makes an assistant on update made it under this run's own random id: it is deleted at cleanup.
      if (op === PATCH && outcome.ok) {
        ctx.reserve("assistant", id);
        ctx.defer({ op: DELETE, step: `delete assistant ${id}`, params: { assistant_id: id } });
      }
      // The versions of an assistant that does not exist: none (the spec documents no 404 there), or a 404.
      const none = op === VERSIONS && outcome.ok && listOf(outcome)?.length === 0;
      await ctx.holds(A.assistant_unknown_id_not_found, {
        evidence: outcome,
        op,
        sdk,
        detail,
        ok: outcome.status === 404 || none,
        expected: op === VERSIONS ? "404, or an empty list" : 404,
        actual: outcome.status ?? why(outcome),
      });
    }
  },
};

export const assistantSemanticScenarios: Scenario[] = [createsNew, lifecycle, search, graph, subgraphs, unknownIds];
