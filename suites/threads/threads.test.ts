// The thread scenarios against the in-memory fake: every rule passes when it is right, and each planted fault is reported.

import { describe, expect, it } from "vitest";
import { errored, runOnFake, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { threadSemanticScenarios } from "./semantics.ts";

const [lifecycle, search, state, busy] = threadSemanticScenarios;

const RULES = {
  lifecycle: [
    "thread_create_uses_given_id", "thread_create_generates_id", "thread_create_if_exists_raise_conflicts", "thread_create_if_exists_do_nothing_returns_existing",
    "thread_get_returns_thread", "thread_update_merges_metadata", "thread_delete_removes_thread", "thread_deleted_state_is_404", "thread_deleted_history_is_404",
  ],
  search: [
    "thread_search_by_metadata", "thread_search_by_values", "thread_search_by_status", "thread_search_sort_by_thread_id",
    "thread_search_sort_by_created_at", "thread_search_pages_disjoint_and_complete", "thread_count_agrees_with_search",
  ],
  state: [
    "thread_update_state_shows_values", "thread_update_state_makes_checkpoint", "thread_state_next_follows_as_node", "thread_history_newest_first",
    "thread_state_at_checkpoint_id", "thread_state_at_checkpoint_object", "thread_history_honours_limit", "thread_history_honours_before",
    "thread_history_get_honours_before", "thread_history_honours_metadata", "thread_copy_has_same_state", "thread_copy_has_same_history", "thread_copy_is_independent",
  ],
  busy: ["thread_update_state_refused_while_busy"],
};

describe.each([
  ["lifecycle", lifecycle!, RULES.lifecycle],
  ["search", search!, RULES.search],
  ["state", state!, RULES.state],
  ["busy", busy!, RULES.busy],
])("thread %s scenario on a correct server", (_, scenario, rules) => {
  it("passes every rule, with no suite error", async () => {
    const outcome = await runOnFake([scenario]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(rules.map((r) => [r, "passed"])));
  });
});

describe.each([
  [lifecycle!, "thread_if_exists_ignored", "thread_create_if_exists_raise_conflicts"],
  [lifecycle!, "thread_update_replaces_metadata", "thread_update_merges_metadata"],
  [lifecycle!, "thread_delete_ignored", "thread_delete_removes_thread"],
  [search!, "thread_values_match_empty", "thread_search_by_values"],
  [search!, "thread_status_ignored", "thread_search_by_status"],
  [search!, "thread_sort_ignored", "thread_search_sort_by_created_at"],
  [search!, "thread_offset_ignored", "thread_search_pages_disjoint_and_complete"],
  [search!, "thread_count_all", "thread_count_agrees_with_search"],
  [state!, "state_next_ignores_as_node", "thread_state_next_follows_as_node"],
  [state!, "state_update_no_checkpoint", "thread_update_state_makes_checkpoint"],
  [state!, "state_at_checkpoint_is_latest", "thread_state_at_checkpoint_id"],
  [state!, "history_oldest_first", "thread_history_newest_first"],
  [state!, "history_limit_ignored", "thread_history_honours_limit"],
  [state!, "history_before_ignored", "thread_history_honours_before"],
  [state!, "history_metadata_ignored", "thread_history_honours_metadata"],
  [state!, "copy_empty", "thread_copy_has_same_state"],
  [state!, "copy_shares_checkpoints", "thread_copy_is_independent"],
  [busy!, "busy_update_allowed", "thread_update_state_refused_while_busy"],
])("%s with fault %s", (scenario, fault, rule) => {
  it(`reports ${rule} as failed`, async () => {
    const outcome = await runOnFake([scenario], [fault]);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, rule)).toContain("failed");
  });
});

describe("a target without the fixture graph", () => {
  it("skips the scenario with that reason instead of failing it", async () => {
    const outcome = await runOnFake([state!], ["500:GET /assistants/{assistant_id}/graph"]);
    const skipped = outcome.results.filter((r) => r.checkId === "scenario");
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((r) => r.verdict.status === "skipped" && r.verdict.reason.includes("does not serve the fixture graph interrupt_agent"))).toBe(true);
    expect(summary(outcome)).toEqual({});
  });
});
