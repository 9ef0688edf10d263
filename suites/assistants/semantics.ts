// Assistant semantics: create and if_exists, get, update and versions, set_latest, search, count, graph, schemas, subgraphs, delete.

import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Scenario } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { bodyOf, listOf, marker, pick, sameMembers, strings, why, type Json } from "../support/index.ts";
import { createAssistant, GRAPH_IDS } from "../support/index.ts";

const CREATE = "POST /assistants";
const GET = "GET /assistants/{assistant_id}";
const PATCH = "PATCH /assistants/{assistant_id}";
const DELETE = "DELETE /assistants/{assistant_id}";
const SEARCH = "POST /assistants/search";
const COUNT = "POST /assistants/count";
const VERSIONS = "POST /assistants/{assistant_id}/versions";
const LATEST = "POST /assistants/{assistant_id}/latest";
const GRAPH = "GET /assistants/{assistant_id}/graph";
const SCHEMAS = "GET /assistants/{assistant_id}/schemas";
const SUBGRAPHS = "GET /assistants/{assistant_id}/subgraphs";
const SUBGRAPH = "GET /assistants/{assistant_id}/subgraphs/{namespace}";

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

const lifecycle: Scenario = {
  id: "assistants.semantics.lifecycle",
  title: "Assistants: create with if_exists, get, update and versions, set_latest, delete",
  tag: "Assistants",
  covers: [CREATE, GET, PATCH, VERSIONS, LATEST, DELETE],
  async run(ctx) {
    const meta = marker(ctx, "assistants-lifecycle");
    const givenId = randomUUID();
    const name = `${ctx.prefix}-lifecycle`;
    const id = await createAssistant(ctx, GRAPH_IDS.echo, { assistant_id: givenId, name, metadata: meta, if_exists: "raise" });
    const params = { assistant_id: id };
    const got = await ctx.call({ op: GET, step: "get the assistant", params, sdk: "assistants.get" });
    await ctx.assert({ op: CREATE, check: "assistant_create_uses_given_id", sdk: "assistants.create", evidence: got, claim: "an assistant created with an assistant_id has that id", ok: id === givenId && bodyOf(got)?.assistant_id === givenId, expected: givenId, actual: id });
    const original = bodyOf(got);
    await ctx.assert({ op: GET, check: "assistant_get_returns_assistant", sdk: "assistants.get", evidence: got, claim: "get returns the assistant as created: graph_id, name and metadata", ok: original?.graph_id === GRAPH_IDS.echo && original?.name === name && pick(original, "metadata.conformance_scenario") === meta.conformance_scenario, expected: { graph_id: GRAPH_IDS.echo, name, metadata: meta }, actual: got.json ?? got.status });

    const again = { assistant_id: givenId, graph_id: GRAPH_IDS.echo, metadata: meta, name: `${name}-renamed` };
    const conflict = await ctx.call({ op: CREATE, step: "create the same assistant_id with if_exists raise", body: { ...again, if_exists: "raise" }, expect: "any", sdk: "assistants.create" });
    await ctx.assert({ op: CREATE, check: "assistant_create_if_exists_raise_conflicts", sdk: "assistants.create", evidence: conflict, claim: "creating a taken assistant_id with if_exists raise answers 409", ok: conflict.status === 409, expected: 409, actual: conflict.status });
    const kept = await ctx.call({ op: CREATE, step: "create the same assistant_id with if_exists do_nothing", body: { ...again, if_exists: "do_nothing" }, sdk: "assistants.create" });
    await ctx.assert({ op: CREATE, check: "assistant_create_if_exists_do_nothing_returns_existing", sdk: "assistants.create", evidence: kept, claim: "if_exists do_nothing returns the existing assistant unchanged", ok: bodyOf(kept)?.assistant_id === givenId && bodyOf(kept)?.name === name, expected: { assistant_id: givenId, name }, actual: kept.json ?? kept.status });

    const unknown = await ctx.call({ op: CREATE, step: "create an assistant for a graph the server does not have", body: { graph_id: `${ctx.prefix}-no-such-graph`, name: `${name}-unknown-graph`, metadata: meta }, expect: "any", sdk: "assistants.create" });
    const strayId = bodyOf(unknown)?.assistant_id;
    if (typeof strayId === "string") ctx.defer({ op: DELETE, step: `delete assistant ${strayId}`, params: { assistant_id: strayId } });
    await ctx.assert({ op: CREATE, check: "assistant_create_rejects_unknown_graph", sdk: "assistants.create", evidence: unknown, claim: "creating an assistant for a graph_id the server does not deploy is rejected with a 4xx", ok: unknown.status !== undefined && unknown.status >= 400 && unknown.status < 500, expected: "4xx", actual: unknown.status });

    const v1 = original?.version;
    const update = (revision: string) => ctx.call({ op: PATCH, step: `update the metadata (revision ${revision})`, params, body: { metadata: { revision } }, sdk: "assistants.update" });
    const patched = await update("2");
    const v2 = bodyOf(patched)?.version;
    await ctx.assert({ op: PATCH, check: "assistant_update_makes_new_version", sdk: "assistants.update", evidence: patched, claim: "update makes a new, higher version", ok: typeof v1 === "number" && typeof v2 === "number" && v2 > v1, expected: `a version above ${String(v1)}`, actual: v2 ?? patched.status });
    if (!patched.ok) ctx.skip(`updateAssistant ${why(patched)}, so there are no versions to list or switch`);
    const reread = await ctx.call({ op: GET, step: "get the updated assistant", params, sdk: "assistants.get" });
    const stored = pick(reread.json, "metadata") as Json | undefined;
    await ctx.assert({ op: PATCH, check: "assistant_update_stores_metadata", sdk: "assistants.update", evidence: reread, claim: "update merges the new metadata into the old and stores it", ok: stored?.revision === "2" && stored?.conformance_scenario === meta.conformance_scenario, expected: { ...meta, revision: "2" }, actual: stored ?? reread.status });
    const v3 = bodyOf(await update("3"))?.version;

    const listed = await ctx.call({ op: VERSIONS, step: "list the versions", params, body: { limit: 10 }, sdk: "assistants.get_versions" });
    await ctx.assert({ op: VERSIONS, check: "assistant_versions_newest_first", sdk: "assistants.get_versions", evidence: listed, claim: "get_versions lists every version, newest first", ok: versionsOf(listed).join() === [v3, v2, v1].join(), expected: [v3, v2, v1], actual: versionsOf(listed) });
    const page = await ctx.call({ op: VERSIONS, step: "list versions with limit 1 and offset 1", params, body: { limit: 1, offset: 1 }, sdk: "assistants.get_versions" });
    await ctx.assert({ op: VERSIONS, check: "assistant_versions_limit_offset", sdk: "assistants.get_versions", evidence: page, claim: "get_versions honours limit and offset", ok: versionsOf(page).join() === String(v2), expected: [v2], actual: versionsOf(page) });
    const filtered = await ctx.call({ op: VERSIONS, step: "list versions with metadata revision 2", params, body: { limit: 10, metadata: { revision: "2" } }, sdk: "assistants.get_versions" });
    await ctx.assert({ op: VERSIONS, check: "assistant_versions_filter_metadata", sdk: "assistants.get_versions", evidence: filtered, claim: "get_versions with metadata lists only the versions whose metadata contains it", ok: versionsOf(filtered).join() === String(v2), expected: [v2], actual: versionsOf(filtered) });

    const latest = await ctx.call({ op: LATEST, step: `make version ${String(v1)} the latest`, params, body: { version: v1 }, sdk: "assistants.set_latest" });
    const switched = await ctx.call({ op: GET, step: "get the assistant after set_latest", params, sdk: "assistants.get" });
    await ctx.assert({ op: LATEST, check: "assistant_set_latest_switches_version", sdk: "assistants.set_latest", evidence: switched, claim: "set_latest makes that version current, with its metadata", ok: latest.ok && bodyOf(switched)?.version === v1 && pick(switched.json, "metadata.revision") === undefined, expected: { version: v1, metadata: meta }, actual: switched.json ?? switched.status });

    const deleted = await ctx.call({ op: DELETE, step: "delete the assistant", params, sdk: "assistants.delete" });
    const gone = await ctx.call({ op: GET, step: "get the deleted assistant", params, expect: "any", sdk: "assistants.get" });
    await ctx.assert({ op: DELETE, check: "assistant_delete_removes_assistant", sdk: "assistants.delete", evidence: gone, claim: "after delete, get answers 404", ok: deleted.ok && gone.status === 404, expected: 404, actual: gone.status });
  },
};

const search: Scenario = {
  id: "assistants.semantics.search",
  title: "Assistant search by metadata, graph_id and name, with sort and select; count agrees",
  tag: "Assistants",
  covers: [CREATE, SEARCH, COUNT],
  async run(ctx) {
    const meta = marker(ctx, "assistants-search");
    const names = [`${ctx.prefix}-srch-a`, `${ctx.prefix}-srch-b`];
    const ids: string[] = [];
    for (const name of names) ids.push(await createAssistant(ctx, GRAPH_IDS.echo, { name, metadata: meta }));
    const find = async (body: Json, step: string) => {
      const outcome = await ctx.call({ op: SEARCH, step, body: { metadata: meta, limit: 10, ...body }, sdk: "assistants.search" });
      return { outcome, ids: strings(listOf(outcome), "assistant_id") };
    };
    const count = (body: Json, step: string) => ctx.call({ op: COUNT, step, body: { metadata: meta, ...body }, sdk: "assistants.count" });

    const byMeta = await find({}, "search by this scenario's metadata");
    await ctx.assert({ op: SEARCH, check: "assistant_search_by_metadata", sdk: "assistants.search", evidence: byMeta.outcome, claim: "search by metadata returns exactly the assistants with that metadata", ok: sameMembers(byMeta.ids, ids), expected: ids, actual: byMeta.ids });
    const echo = await find({ graph_id: GRAPH_IDS.echo }, `search by graph_id ${GRAPH_IDS.echo}`);
    const none = await find({ graph_id: GRAPH_IDS.subgraph }, `search by graph_id ${GRAPH_IDS.subgraph}`);
    await ctx.assert({ op: SEARCH, check: "assistant_search_by_graph_id", sdk: "assistants.search", evidence: none.outcome, claim: "search by graph_id returns only the assistants of that graph", ok: echo.outcome.ok && none.outcome.ok && sameMembers(echo.ids, ids) && none.ids.length === 0, expected: { [GRAPH_IDS.echo]: ids, [GRAPH_IDS.subgraph]: [] }, actual: { [GRAPH_IDS.echo]: echo.ids, [GRAPH_IDS.subgraph]: none.ids } });
    const byName = await find({ name: "SRCH-B" }, "search by a part of the name, in upper case");
    await ctx.assert({ op: SEARCH, check: "assistant_search_by_name", sdk: "assistants.search", evidence: byName.outcome, claim: "search by name matches a case-insensitive part of the name", ok: sameMembers(byName.ids, [ids[1]]), expected: [ids[1]], actual: byName.ids });
    const sorted = await find({ sort_by: "name", sort_order: "asc" }, "search sorted by name ascending");
    await ctx.assert({ op: SEARCH, check: "assistant_search_sort_by_name", sdk: "assistants.search", evidence: sorted.outcome, claim: "sort_by name with sort_order asc orders by name", ok: sorted.ids.join() === ids.join(), expected: ids, actual: sorted.ids });
    const selected = await find({ select: ["assistant_id", "name"] }, "search selecting assistant_id and name");
    const fields = (listOf(selected.outcome) ?? []).map((a) => Object.keys(a).sort().join());
    await ctx.assert({ op: SEARCH, check: "assistant_search_select", sdk: "assistants.search", evidence: selected.outcome, claim: "select returns only the selected fields", ok: fields.length === ids.length && fields.every((f) => f === "assistant_id,name"), expected: "assistant_id,name", actual: fields });

    const counted = [await count({}, "count by metadata"), await count({ graph_id: GRAPH_IDS.subgraph }, "count by another graph_id"), await count({ name: "SRCH-B" }, "count by a part of the name")];
    const counts = counted.map((o) => o.json);
    const lengths = [byMeta.ids.length, none.ids.length, byName.ids.length];
    const evidence = counted.find((o, i) => o.json !== lengths[i]) ?? counted[0];
    await ctx.assert({ op: COUNT, check: "assistant_count_agrees_with_search", sdk: "assistants.count", evidence, claim: "count gives the number of assistants the same search returns (by metadata, graph_id, name)", ok: counts.join() === lengths.join(), expected: lengths, actual: counts });
  },
};

const nodesOf = (outcome: StepOutcome) => strings(listOf(outcome, "nodes"), "id");

const graph: Scenario = {
  id: "assistants.semantics.graph",
  title: "Assistant graph and schemas of the echo fixture",
  tag: "Assistants",
  covers: [GRAPH, SCHEMAS],
  async run(ctx) {
    const params = { assistant_id: await createAssistant(ctx, GRAPH_IDS.echo) };
    const drawn = await ctx.call({ op: GRAPH, step: "get the graph", params, sdk: "assistants.get_graph" });
    const edges = (listOf(drawn, "edges") ?? []).map((e) => `${String(e.source)}->${String(e.target)}`);
    const expected = { nodes: ["__start__", "echo", "__end__"], edges: ["__start__->echo", "echo->__end__"] };
    await ctx.assert({ op: GRAPH, check: "assistant_graph_matches_fixture", sdk: "assistants.get_graph", evidence: drawn, claim: "get_graph returns the nodes and edges of the echo graph", ok: sameMembers(nodesOf(drawn), expected.nodes) && sameMembers(edges, expected.edges), expected, actual: { nodes: nodesOf(drawn), edges } });

    const schemas = await ctx.call({ op: SCHEMAS, step: "get the schemas", params, sdk: "assistants.get_schemas" });
    const body = bodyOf(schemas);
    const errors = Object.fromEntries(
      ["input_schema", "output_schema", "state_schema", "config_schema", "context_schema"].flatMap((k) => (body?.[k] == null && k !== "state_schema" ? [] : [[k, compileError(body?.[k])]])).filter(([, e]) => e !== undefined),
    );
    await ctx.assert({ op: SCHEMAS, check: "assistant_schemas_compile", sdk: "assistants.get_schemas", evidence: schemas, claim: "get_schemas returns the graph_id and JSON Schemas that compile (JSON Schema 2020-12 or draft-07)", ok: body?.graph_id === GRAPH_IDS.echo && Object.keys(errors).length === 0, expected: { graph_id: GRAPH_IDS.echo, errors: {} }, actual: { graph_id: body?.graph_id, errors } });
    await ctx.assert({ op: SCHEMAS, check: "assistant_schemas_describe_state", sdk: "assistants.get_schemas", evidence: schemas, claim: "the state schema describes the graph's messages channel", ok: pick(body, "state_schema.properties.messages") !== undefined, expected: "state_schema.properties.messages", actual: pick(body, "state_schema.properties") ?? schemas.status });
  },
};

const subgraphs: Scenario = {
  id: "assistants.semantics.subgraphs",
  title: "Assistant subgraphs (namespace, recurse) and graph xray of the subgraph fixture",
  tag: "Assistants",
  covers: [GRAPH, SUBGRAPHS, SUBGRAPH],
  async run(ctx) {
    const params = { assistant_id: await createAssistant(ctx, GRAPH_IDS.subgraph) };
    const flat = await ctx.call({ op: GRAPH, step: "get the graph without xray", params, sdk: "assistants.get_graph" });
    const xray = await ctx.call({ op: GRAPH, step: "get the graph with xray", params, query: { xray: true }, sdk: "assistants.get_graph" });
    const inner = (ids: string[]) => ["child_echo", "child_done"].every((n) => ids.some((id) => id.endsWith(n)));
    await ctx.assert({ op: GRAPH, check: "assistant_graph_xray_expands_subgraphs", sdk: "assistants.get_graph", evidence: xray, claim: "without xray the subgraph is one node; with xray its nodes (child_echo, child_done) appear", ok: nodesOf(flat).includes("child") && !inner(nodesOf(flat)) && inner(nodesOf(xray)), expected: { flat: "node child", xray: "nodes …child_echo, …child_done" }, actual: { flat: nodesOf(flat), xray: nodesOf(xray) } });

    const keys = (o: StepOutcome) => Object.keys(bodyOf(o) ?? {});
    const listed = await ctx.call({ op: SUBGRAPHS, step: "list the subgraphs", params, sdk: "assistants.get_subgraphs" });
    const recursed = await ctx.call({ op: SUBGRAPHS, step: "list the subgraphs with recurse", params, query: { recurse: true }, sdk: "assistants.get_subgraphs" });
    await ctx.assert({ op: SUBGRAPHS, check: "assistant_subgraphs_lists_child", sdk: "assistants.get_subgraphs", evidence: recursed, claim: "get_subgraphs (with and without recurse) lists the child subgraph under its namespace", ok: keys(listed).join() === "child" && keys(recursed).join() === "child", expected: [["child"], ["child"]], actual: [keys(listed), keys(recursed)] });
    const named = await ctx.call({ op: SUBGRAPH, step: "get the subgraph in namespace child", params: { ...params, namespace: "child" }, query: { recurse: true }, sdk: "assistants.get_subgraphs" });
    const unknown = await ctx.call({ op: SUBGRAPH, step: "get the subgraphs in a namespace that does not exist", params: { ...params, namespace: "no_such_child" }, expect: "any", sdk: "assistants.get_subgraphs" });
    await ctx.assert({ op: SUBGRAPH, check: "assistant_subgraphs_namespace", sdk: "assistants.get_subgraphs", evidence: unknown, claim: "get_subgraphs with a namespace gives only that subgraph, and none for a namespace that does not exist", ok: keys(named).join() === "child" && (unknown.status === 404 || (unknown.ok && keys(unknown).length === 0)), expected: { child: ["child"], no_such_child: "none (or 404)" }, actual: { child: keys(named), no_such_child: unknown.json ?? unknown.status } });
  },
};

export const assistantSemanticScenarios: Scenario[] = [lifecycle, search, graph, subgraphs];
