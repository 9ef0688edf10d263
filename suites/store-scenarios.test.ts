// The store scenarios against the in-memory fake: every rule passes when it is right, and each planted fault is reported.

import { beforeAll, describe, expect, it } from "vitest";
import type { RunOutcome } from "../src/engine/run.ts";
import { errored, ruleResults, runOnFake, summary, verdictsOf } from "./scenario-run.ts";
import { storeSemanticScenarios } from "./store-scenarios.ts";

const [item, search, ttl] = storeSemanticScenarios;

const ITEM_RULES = [
  "store_get_returns_put_item", "store_put_replaces_value", "store_put_keeps_created_at", "store_put_advances_updated_at",
  "store_put_accepts_index_false", "store_put_accepts_index_fields", "store_delete_removes_item", "store_put_rejects_empty_namespace",
  "store_put_rejects_empty_label", "store_put_rejects_dotted_label", "store_put_rejects_non_object_value",
];
const SEARCH_RULES = [
  "store_search_finds_deeper_namespaces", "store_search_prefix_matches_whole_labels", "store_search_most_recent_first",
  "store_search_prefix_confines", "store_search_filter_matches_values", "store_search_pages_disjoint_and_complete",
  "store_search_query_answers", "store_namespaces_prefix", "store_namespaces_suffix", "store_namespaces_max_depth", "store_namespaces_pages",
];
const TTL_RULES = ["store_ttl_expires_item", "store_get_refresh_ttl_extends", "store_search_refresh_ttl_extends"];

describe.each([
  ["item", item!, ITEM_RULES],
  ["search", search!, SEARCH_RULES],
])("store %s scenario on a correct server", (_, scenario, rules) => {
  it("passes every rule, with no suite error", async () => {
    const outcome = await runOnFake([scenario]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(rules.map((r) => [r, "passed"])));
  });
});

describe.each([
  [item!, "store_put_merges", "store_put_replaces_value"],
  [item!, "store_put_resets_created_at", "store_put_keeps_created_at"],
  [item!, "store_put_keeps_updated_at", "store_put_advances_updated_at"],
  [item!, "store_delete_ignored", "store_delete_removes_item"],
  [item!, "store_accepts_dotted_label", "store_put_rejects_dotted_label"],
  [item!, "store_accepts_non_object", "store_put_rejects_non_object_value"],
  [item!, "500:GET /store/items", "store_get_returns_put_item"],
  [search!, "store_string_prefix", "store_search_prefix_matches_whole_labels"],
  [search!, "store_search_oldest_first", "store_search_most_recent_first"],
  [search!, "store_filter_ignored", "store_search_filter_matches_values"],
  [search!, "store_offset_ignored", "store_search_pages_disjoint_and_complete"],
  [search!, "store_query_fails", "store_search_query_answers"],
  [search!, "store_suffix_ignored", "store_namespaces_suffix"],
  [search!, "store_max_depth_ignored", "store_namespaces_max_depth"],
  [search!, "store_namespaces_offset_ignored", "store_namespaces_pages"],
])("%s with fault %s", (scenario, fault, rule) => {
  it(`reports ${rule} as failed`, async () => {
    const outcome = await runOnFake([scenario], [fault]);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, rule)).toContain("failed");
  });
});

describe("store ttl scenario", () => {
  const outcomes: Record<string, RunOutcome> = {};
  beforeAll(async () => {
    // Each run waits out a real 6 s ttl, so the three servers run at once.
    const faults = { correct: [], ttlIgnored: ["store_ttl_ignored"], refreshIgnored: ["store_refresh_ignored"] };
    await Promise.all(Object.entries(faults).map(async ([name, planted]) => (outcomes[name] = await runOnFake([ttl!], planted))));
  }, 30_000);

  it("passes every rule on a correct server, in about 8 s", () => {
    expect(errored(outcomes.correct!)).toEqual([]);
    expect(summary(outcomes.correct!)).toEqual(Object.fromEntries(TTL_RULES.map((r) => [r, "passed"])));
    expect(outcomes.correct!.capabilities).toContainEqual(expect.objectContaining({ name: "store ttl", supported: true }));
  });

  it("fails on a server that accepts ttl and ignores it, and skips the refresh rules with the reason", () => {
    expect(summary(outcomes.ttlIgnored!)).toEqual({ store_ttl_expires_item: "failed", store_get_refresh_ttl_extends: "skipped", store_search_refresh_ttl_extends: "skipped" });
    expect(outcomes.ttlIgnored!.capabilities).toContainEqual(expect.objectContaining({ name: "store ttl", supported: false }));
  });

  it("skips the ttl rules with the reason on a server that refuses ttl, and fails the refusal itself", async () => {
    const outcome = await runOnFake([ttl!], ["store_ttl_refused"]);
    const rules = ruleResults(outcome);
    expect(rules.map((r) => [r.checkId, r.verdict.status])).toEqual(TTL_RULES.map((r) => [r, "skipped"]));
    expect(rules[0]?.verdict).toMatchObject({ reason: "the target refuses ttl 0.1 and 1 (minutes): answered 422" });
    expect(outcome.results.filter((r) => r.operationId === "putStoreItem" && r.checkId === "positive_data_acceptance").map((r) => r.verdict.status)).toContain("failed");
  });

  it("fails the refresh rules on a server that ignores refresh_ttl", () => {
    expect(summary(outcomes.refreshIgnored!)).toEqual({ store_ttl_expires_item: "passed", store_get_refresh_ttl_extends: "failed", store_search_refresh_ttl_extends: "failed" });
  });
});
