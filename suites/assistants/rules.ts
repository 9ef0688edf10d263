// The assistants' rules: create and if_exists, get, update and versions, set_latest, delete (and its threads), search
// and count, the system's assistant for each graph and graph ids in its place, and the graph, schemas and subgraphs of
// the fixture graphs.

import { defineRules, errataRef, specRef } from "../../src/rules/rule.ts";

export const CREATE = "POST /assistants";
export const GET = "GET /assistants/{assistant_id}";
export const PATCH = "PATCH /assistants/{assistant_id}";
export const DELETE = "DELETE /assistants/{assistant_id}";
export const SEARCH = "POST /assistants/search";
export const COUNT = "POST /assistants/count";
export const VERSIONS = "POST /assistants/{assistant_id}/versions";
export const LATEST = "POST /assistants/{assistant_id}/latest";
export const GRAPH = "GET /assistants/{assistant_id}/graph";
export const SCHEMAS = "GET /assistants/{assistant_id}/schemas";
export const SUBGRAPHS = "GET /assistants/{assistant_id}/subgraphs";
export const SUBGRAPH = "GET /assistants/{assistant_id}/subgraphs/{namespace}";
export const WAIT = "POST /threads/{thread_id}/runs/wait";

const create = { operations: [CREATE], sdk: ["assistants.create"] } as const;
const update = { operations: [PATCH], sdk: ["assistants.update"], ref: specRef(PATCH) } as const;
const versions = { operations: [VERSIONS], sdk: ["assistants.get_versions"] } as const;
const search = { operations: [SEARCH], sdk: ["assistants.search"], ref: specRef(SEARCH, "/requestBody") } as const;
const graph = { operations: [GRAPH], sdk: ["assistants.get_graph"] } as const;
const schemas = {
  operations: [SCHEMAS],
  sdk: ["assistants.get_schemas"],
  ref: specRef(SCHEMAS, "/responses/200"),
} as const;

export const ASSISTANTS = defineRules({
  assistant_create_makes_new_assistant: {
    title: "a create makes a new assistant: an id no other create answered, that reads back with the metadata given",
    severity: "critical",
    level: "core",
    ...create,
    ref: specRef(CREATE, "/responses/200"),
  },
  assistant_create_uses_given_id: {
    title: "an assistant created with an assistant_id has that id",
    severity: "major",
    level: "core",
    ...create,
    ref: specRef(CREATE, "/requestBody"),
  },
  assistant_get_returns_assistant: {
    title: "get returns the assistant as created: graph_id, name and metadata",
    severity: "major",
    level: "core",
    operations: [GET],
    sdk: ["assistants.get"],
    ref: specRef(GET, "/responses/200"),
  },
  assistant_create_if_exists_raise_conflicts: {
    title: "creating a taken assistant_id with if_exists raise answers 409",
    severity: "major",
    level: "standard",
    ...create,
    ref: specRef(CREATE, "/responses/409"),
  },
  assistant_create_if_exists_do_nothing_returns_existing: {
    title: "if_exists do_nothing returns the existing assistant unchanged",
    severity: "major",
    level: "standard",
    ...create,
    ref: specRef(CREATE, "/responses/200"),
  },
  assistant_create_rejects_unknown_graph: {
    title: "creating an assistant for a graph_id the server does not deploy is rejected with a 4xx",
    severity: "major",
    level: "standard",
    ...create,
    ref: specRef(CREATE, "/requestBody"),
  },
  assistant_update_makes_new_version: {
    title: "update makes a new, higher version",
    severity: "major",
    level: "core",
    ...update,
  },
  assistant_update_stores_metadata: {
    title: "update merges the new metadata into the old and stores it",
    severity: "major",
    level: "core",
    ...update,
  },
  assistant_versions_newest_first: {
    title: "get_versions lists every version, newest first",
    severity: "major",
    level: "standard",
    ...versions,
    ref: specRef(VERSIONS, "/responses/200"),
  },
  assistant_versions_limit_offset: {
    title: "get_versions honours limit and offset",
    severity: "major",
    level: "standard",
    ...versions,
    ref: errataRef("E2"),
  },
  assistant_versions_filter_metadata: {
    title: "get_versions with metadata lists only the versions whose metadata contains it",
    severity: "major",
    level: "core",
    ...versions,
    ref: errataRef("E2"),
  },
  assistant_set_latest_switches_version: {
    title: "set_latest makes that version current, with its metadata",
    severity: "major",
    level: "core",
    operations: [LATEST],
    sdk: ["assistants.set_latest"],
    ref: specRef(LATEST),
  },
  assistant_delete_removes_assistant: {
    title: "after delete, get answers 404",
    severity: "major",
    level: "core",
    operations: [DELETE],
    sdk: ["assistants.delete"],
    ref: specRef(DELETE),
  },
  assistant_version_numbers: {
    title:
      "a new assistant is version 1, and an update after set_latest to an older version is numbered above every version there is",
    severity: "major",
    level: "standard",
    operations: [PATCH, CREATE],
    sdk: ["assistants.update", "assistants.create"],
    ref: specRef(CREATE, "/description"),
  },
  assistant_set_latest_unknown_version_refused: {
    title: "set_latest to a version the assistant does not have is refused with a 4xx, and the current version stays",
    severity: "major",
    level: "standard",
    operations: [LATEST],
    sdk: ["assistants.set_latest"],
    ref: specRef(LATEST, "/description"),
  },
  assistant_update_keeps_other_fields: {
    title: "an update of the metadata alone keeps the config, context and description",
    severity: "major",
    level: "standard",
    ...update,
    ref: specRef(PATCH, "/description"),
  },
  assistant_delete_removes_versions: {
    title: "after delete, the assistant has no versions: get_versions answers 404 or an empty list",
    severity: "major",
    level: "standard",
    operations: [VERSIONS, DELETE],
    sdk: ["assistants.get_versions", "assistants.delete"],
    ref: specRef(DELETE, "/description"),
  },
  assistant_delete_threads_deletes_its_threads: {
    title:
      "delete with delete_threads=true also deletes the threads whose metadata.assistant_id is the assistant, and no other",
    severity: "major",
    level: "standard",
    operations: [DELETE],
    sdk: ["assistants.delete"],
    ref: specRef(DELETE, "/parameters"),
  },
  assistant_delete_keeps_threads_by_default: {
    title: "delete without delete_threads leaves the assistant's threads",
    severity: "major",
    level: "standard",
    operations: [DELETE],
    sdk: ["assistants.delete"],
    ref: specRef(DELETE, "/parameters"),
  },
  assistant_unknown_id_not_found: {
    title:
      "an assistant id that does not exist answers 404 (not a 5xx) on get, update, delete, graph and schemas, and 404 or no versions on versions",
    severity: "major",
    level: "standard",
    operations: [GET, PATCH, DELETE, GRAPH, SCHEMAS, VERSIONS],
    sdk: [
      "assistants.get",
      "assistants.update",
      "assistants.delete",
      "assistants.get_graph",
      "assistants.get_schemas",
      "assistants.get_versions",
    ],
    ref: specRef(GET, "/responses/404"),
  },
  assistant_search_by_metadata: {
    title: "search by metadata returns exactly the assistants whose metadata contains it",
    severity: "major",
    level: "core",
    ...search,
  },
  assistant_search_by_graph_id: {
    title: "search by graph_id returns only the assistants of that graph",
    severity: "major",
    level: "core",
    ...search,
  },
  assistant_search_by_name: {
    title: "search by name matches a case-insensitive part of the name",
    severity: "major",
    level: "core",
    ...search,
  },
  assistant_search_sort_by_name: {
    title: "sort_by name with sort_order asc orders by name",
    severity: "major",
    level: "standard",
    ...search,
  },
  assistant_search_select: {
    title: "select returns only the selected fields",
    severity: "major",
    level: "standard",
    ...search,
  },
  assistant_count_agrees_with_search: {
    title: "count gives the number of assistants that a search with the same metadata, graph_id or name returns",
    severity: "major",
    level: "core",
    operations: [COUNT],
    sdk: ["assistants.count"],
    ref: specRef(COUNT, "/requestBody"),
  },
  assistant_system_one_per_graph: {
    title:
      "for each graph it serves, the server has one assistant with metadata created_by system, named after the graph, and count agrees",
    severity: "minor",
    level: "standard",
    operations: [SEARCH, COUNT],
    sdk: ["assistants.search", "assistants.count"],
    ref: errataRef("E29"),
  },
  assistant_graph_id_as_assistant_id: {
    title:
      "a graph id stands for the graph's default assistant in get_graph and in a run; where get takes it, it answers that graph's assistant",
    severity: "major",
    level: "core",
    operations: [GRAPH, WAIT, GET],
    sdk: ["assistants.get_graph", "runs.wait", "assistants.get"],
    ref: errataRef("E29"),
  },
  assistant_graph_matches_fixture: {
    title: "get_graph returns the nodes and edges of the assistant's graph",
    severity: "major",
    level: "core",
    ...graph,
    ref: specRef(GRAPH, "/responses/200"),
  },
  assistant_schemas_compile: {
    title: "get_schemas returns the graph_id and JSON Schemas that compile (JSON Schema 2020-12 or draft-07)",
    severity: "major",
    level: "core",
    ...schemas,
  },
  assistant_schemas_describe_state: {
    title: "the state schema describes the graph's state channels",
    severity: "major",
    level: "standard",
    ...schemas,
  },
  assistant_graph_xray_expands_subgraphs: {
    title: "without xray a subgraph is one node of the graph; with xray its own nodes appear",
    severity: "major",
    level: "standard",
    ...graph,
    ref: specRef(GRAPH, "/parameters"),
  },
  assistant_subgraphs_lists_child: {
    title: "get_subgraphs (with and without recurse) lists each subgraph under its namespace",
    severity: "major",
    level: "core",
    operations: [SUBGRAPHS],
    sdk: ["assistants.get_subgraphs"],
    ref: specRef(SUBGRAPHS),
  },
  assistant_subgraphs_namespace: {
    title: "get_subgraphs with a namespace gives only that subgraph, and none for a namespace that does not exist",
    severity: "major",
    level: "standard",
    operations: [SUBGRAPH],
    sdk: ["assistants.get_subgraphs"],
    ref: specRef(SUBGRAPH),
  },
});
