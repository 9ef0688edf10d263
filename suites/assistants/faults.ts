// The planted fault that makes each assistant rule fail in suites/assistants/assistants.test.ts.

import type { AssistantFault } from "../../fixtures/fakes/assistants.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { ASSISTANTS } from "./rules.ts";

export const ASSISTANTS_PLANTED = {
  assistant_create_makes_new_assistant: { fault: "assistant_create_returns_existing" },
  assistant_create_uses_given_id: { fault: "assistant_given_id_ignored" },
  assistant_get_returns_assistant: { fault: "assistant_create_drops_name" },
  assistant_create_if_exists_raise_conflicts: { fault: "assistant_if_exists_ignored" },
  assistant_create_if_exists_do_nothing_returns_existing: { fault: "assistant_do_nothing_conflicts" },
  assistant_create_rejects_unknown_graph: { fault: "assistant_unknown_graph_accepted" },
  assistant_update_makes_new_version: { fault: "assistant_update_same_version" },
  assistant_update_stores_metadata: { fault: "assistant_update_drops_metadata" },
  assistant_versions_newest_first: { fault: "assistant_versions_oldest_first" },
  assistant_versions_limit_offset: { fault: "assistant_versions_offset_ignored" },
  assistant_versions_filter_metadata: { fault: "assistant_versions_filter_ignored" },
  assistant_set_latest_switches_version: { fault: "assistant_set_latest_ignored" },
  assistant_version_numbers: { fault: "assistant_version_reused" },
  assistant_set_latest_unknown_version_refused: { fault: "assistant_set_latest_unknown_accepted" },
  assistant_update_keeps_other_fields: { fault: "assistant_update_drops_config" },
  assistant_delete_removes_assistant: { fault: "assistant_delete_ignored" },
  assistant_delete_removes_versions: { fault: "assistant_delete_keeps_versions" },
  assistant_delete_threads_deletes_its_threads: { fault: "assistant_delete_threads_ignored" },
  assistant_delete_keeps_threads_by_default: { fault: "assistant_delete_threads_always" },
  assistant_unknown_id_not_found: { fault: "assistant_missing_500" },
  assistant_search_by_metadata: { fault: "assistant_metadata_ignored" },
  assistant_search_by_graph_id: { fault: "assistant_graph_id_ignored" },
  assistant_search_by_name: { fault: "assistant_name_ignored" },
  assistant_search_sort_by_name: { fault: "assistant_sort_ignored" },
  assistant_search_select: { fault: "assistant_select_ignored" },
  assistant_count_agrees_with_search: { fault: "assistant_count_all" },
  assistant_system_one_per_graph: { fault: "assistant_system_missing" },
  assistant_graph_id_as_assistant_id: { fault: "assistant_graph_id_refused" },
  assistant_graph_matches_fixture: { fault: "assistant_graph_wrong_edges" },
  assistant_schemas_compile: { fault: "assistant_schema_invalid" },
  assistant_schemas_describe_state: { fault: "assistant_state_schema_empty" },
  assistant_graph_xray_expands_subgraphs: { fault: "assistant_xray_ignored" },
  assistant_subgraphs_lists_child: { fault: "assistant_subgraphs_empty" },
  assistant_subgraphs_namespace: { fault: "assistant_namespace_ignored" },
} as const satisfies PlantedFaults<keyof typeof ASSISTANTS, AssistantFault>;
