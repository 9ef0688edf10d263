// The assistant scenarios against the in-memory fake: every rule passes when it is right, and each planted fault is reported.

import { describe, expect, it } from "vitest";
import { assistantSemanticScenarios } from "./semantics.ts";
import { errored, runOnFake, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";

const [lifecycle, search, graph, subgraphs] = assistantSemanticScenarios;

const RULES = {
  lifecycle: [
    "assistant_create_uses_given_id", "assistant_get_returns_assistant", "assistant_create_if_exists_raise_conflicts",
    "assistant_create_if_exists_do_nothing_returns_existing", "assistant_create_rejects_unknown_graph", "assistant_update_makes_new_version", "assistant_update_stores_metadata",
    "assistant_versions_newest_first", "assistant_versions_limit_offset", "assistant_versions_filter_metadata",
    "assistant_set_latest_switches_version", "assistant_delete_removes_assistant",
  ],
  search: [
    "assistant_search_by_metadata", "assistant_search_by_graph_id", "assistant_search_by_name", "assistant_search_sort_by_name",
    "assistant_search_select", "assistant_count_agrees_with_search",
  ],
  graph: ["assistant_graph_matches_fixture", "assistant_schemas_compile", "assistant_schemas_describe_state"],
  subgraphs: ["assistant_graph_xray_expands_subgraphs", "assistant_subgraphs_lists_child", "assistant_subgraphs_namespace"],
};

describe.each([
  ["lifecycle", lifecycle!, RULES.lifecycle],
  ["search", search!, RULES.search],
  ["graph", graph!, RULES.graph],
  ["subgraphs", subgraphs!, RULES.subgraphs],
])("assistant %s scenario on a correct server", (_, scenario, rules) => {
  it("passes every rule, with no suite error", async () => {
    const outcome = await runOnFake([scenario]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(rules.map((r) => [r, "passed"])));
  });
});

describe.each([
  [lifecycle!, "assistant_if_exists_ignored", "assistant_create_if_exists_raise_conflicts"],
  [lifecycle!, "assistant_unknown_graph_accepted", "assistant_create_rejects_unknown_graph"],
  [lifecycle!, "assistant_update_same_version", "assistant_update_makes_new_version"],
  [lifecycle!, "assistant_update_drops_metadata", "assistant_update_stores_metadata"],
  [lifecycle!, "assistant_versions_oldest_first", "assistant_versions_newest_first"],
  [lifecycle!, "assistant_versions_offset_ignored", "assistant_versions_limit_offset"],
  [lifecycle!, "assistant_versions_filter_ignored", "assistant_versions_filter_metadata"],
  [lifecycle!, "assistant_set_latest_ignored", "assistant_set_latest_switches_version"],
  [lifecycle!, "assistant_delete_ignored", "assistant_delete_removes_assistant"],
  [search!, "assistant_graph_id_ignored", "assistant_search_by_graph_id"],
  [search!, "assistant_name_case_sensitive", "assistant_search_by_name"],
  [search!, "assistant_sort_ignored", "assistant_search_sort_by_name"],
  [search!, "assistant_select_ignored", "assistant_search_select"],
  [search!, "assistant_count_all", "assistant_count_agrees_with_search"],
  [graph!, "assistant_graph_wrong_edges", "assistant_graph_matches_fixture"],
  [graph!, "assistant_schema_invalid", "assistant_schemas_compile"],
  [subgraphs!, "assistant_xray_ignored", "assistant_graph_xray_expands_subgraphs"],
  [subgraphs!, "assistant_namespace_ignored", "assistant_subgraphs_namespace"],
])("%s with fault %s", (scenario, fault, rule) => {
  it(`reports ${rule} as failed`, async () => {
    const outcome = await runOnFake([scenario], [fault]);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, rule)).toContain("failed");
  });
});
