// The planted fault that makes each store rule fail in suites/store/store.test.ts.

import type { StoreFault } from "../../fixtures/fakes/store.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { STORE } from "./rules.ts";

export const STORE_PLANTED = {
  store_get_returns_put_item: { fault: "500:GET /store/items" },
  store_put_replaces_value: { fault: "store_put_merges" },
  store_put_keeps_created_at: { fault: "store_put_resets_created_at" },
  store_put_advances_updated_at: { fault: "store_put_keeps_updated_at" },
  store_put_accepts_index_false: { fault: "store_index_refused" },
  store_put_accepts_index_fields: { fault: "store_index_refused" },
  store_delete_removes_item: { fault: "store_delete_ignored" },
  store_put_rejects_empty_namespace: { fault: "store_accepts_empty_namespace" },
  store_put_rejects_empty_label: { fault: "store_accepts_empty_label" },
  store_put_rejects_dotted_label: { fault: "store_accepts_dotted_label" },
  store_put_rejects_non_object_value: { fault: "store_accepts_non_object" },
  store_search_finds_deeper_namespaces: { fault: "store_search_exact_namespace" },
  store_search_prefix_matches_whole_labels: { fault: "store_string_prefix" },
  store_search_ordered_by_updated_at: { fault: "store_search_write_order" },
  store_search_prefix_confines: { fault: "store_search_prefix_ignored" },
  store_search_filter_matches_values: { fault: "store_filter_ignored" },
  store_search_pages_disjoint_and_complete: { fault: "store_offset_ignored" },
  store_search_query_answers: { fault: "store_query_fails" },
  store_namespaces_prefix: { fault: "store_namespaces_prefix_ignored" },
  store_namespaces_suffix: { fault: "store_suffix_ignored" },
  store_namespaces_max_depth: { fault: "store_max_depth_ignored" },
  store_namespaces_pages: { fault: "store_namespaces_offset_ignored" },
  store_ttl_expires_item: { fault: "store_ttl_ignored" },
  store_get_refresh_ttl_extends: { fault: "store_refresh_ignored" },
  store_search_refresh_ttl_extends: { fault: "store_refresh_ignored" },
} as const satisfies PlantedFaults<keyof typeof STORE, StoreFault>;
