// The planted fault that makes each thread rule fail in suites/threads/threads.test.ts.

import type { ThreadFault } from "../../fixtures/fakes/threads.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { THREADS } from "./rules.ts";

export const THREADS_PLANTED = {
  thread_history_lists_checkpoints: { fault: "history_always_empty" },
  thread_create_makes_new_thread: { fault: "thread_create_returns_existing" },
  thread_create_uses_given_id: { fault: "thread_given_id_ignored" },
  thread_create_generates_id: { fault: "thread_generated_id_not_uuid" },
  thread_create_if_exists_raise_conflicts: { fault: "thread_if_exists_ignored" },
  thread_create_if_exists_do_nothing_returns_existing: { fault: "thread_if_exists_ignored" },
  thread_get_returns_thread: { fault: "500:GET /threads/{thread_id}" },
  thread_update_merges_metadata: { fault: "thread_update_replaces_metadata" },
  thread_delete_removes_thread: { fault: "thread_delete_ignored" },
  thread_deleted_state_is_404: { fault: "missing_thread_state_served" },
  thread_deleted_history_is_404: { fault: "missing_thread_history_served" },
  thread_unknown_id_not_found: { fault: "thread_missing_500" },
  thread_search_by_metadata: { fault: "thread_metadata_ignored" },
  thread_search_by_values: { fault: "thread_values_ignored" },
  thread_search_by_status: { fault: "thread_status_ignored" },
  thread_search_sort_by_thread_id: { fault: "thread_sort_by_ignored" },
  thread_search_sort_by_created_at: { fault: "thread_sort_order_ignored" },
  thread_search_pages_disjoint_and_complete: { fault: "thread_offset_ignored" },
  thread_count_agrees_with_search: { fault: "thread_count_filter_ignored" },
  thread_deleted_leaves_search: { fault: "thread_deleted_still_searched" },
  thread_create_supersteps_history: { fault: "thread_supersteps_per_update" },
  thread_update_state_shows_values: { fault: "state_update_drops_values" },
  thread_update_state_makes_checkpoint: { fault: "state_update_no_checkpoint" },
  thread_state_next_follows_as_node: { fault: "state_next_ignores_as_node" },
  thread_update_state_refused_while_busy: { fault: "busy_update_allowed" },
  thread_state_at_checkpoint_id: { fault: "state_at_checkpoint_is_latest" },
  thread_state_at_checkpoint_object: { fault: "state_at_checkpoint_is_latest" },
  thread_history_newest_first: { fault: "history_oldest_first" },
  thread_history_get_honours_before: { fault: "history_before_ignored" },
  thread_history_honours_limit: { fault: "history_limit_ignored" },
  thread_history_honours_before: { fault: "history_before_ignored" },
  thread_history_honours_metadata: { fault: "history_metadata_ignored" },
  thread_copy_has_same_state: { fault: "copy_empty" },
  thread_copy_has_same_history: { fault: "copy_latest_only" },
  thread_copy_is_independent: { fault: "copy_shares_checkpoints" },
} as const satisfies PlantedFaults<keyof typeof THREADS, ThreadFault>;
