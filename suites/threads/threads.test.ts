// The thread scenarios against the in-memory fake: every rule passes when it is right, each planted fault fails its rule.

import { describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { threadsArea } from "./index.ts";
import { threadSemanticScenarios } from "./semantics.ts";

const [createsNew, lifecycle, search, state, busy, unknownIds, deletedSearch, supersteps] = threadSemanticScenarios;
const ids = (scenario: (typeof threadSemanticScenarios)[number] | undefined) => scenario!.rules.map((r) => r.id);

describe.each([
  ["create-new", createsNew!],
  ["lifecycle", lifecycle!],
  ["search", search!],
  ["state", state!],
  ["busy", busy!],
  ["unknown-ids", unknownIds!],
  ["deleted-search", deletedSearch!],
  ["supersteps", supersteps!],
])("thread %s scenario on a correct server", (_, scenario) => {
  it("passes every rule it declares, with no suite error", async () => {
    const outcome = await runOnFake([scenario]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(scenario).map((r) => [r, "passed"])));
  });
});

provePlantedFaults(threadsArea);

describe("thread search and count on a server that breaks one filter", () => {
  it.each([
    ["thread_values_match_empty", ["thread_search_by_values"]],
    ["thread_status_ignored", ["thread_search_by_status"]],
    ["thread_sort_by_ignored", ["thread_search_sort_by_thread_id"]],
    ["thread_sort_order_ignored", ["thread_search_sort_by_thread_id", "thread_search_sort_by_created_at"]],
    ["thread_sort_order_always_asc", ["thread_search_sort_by_created_at"]],
    // The count alone is wrong: only the count rule fails, which the decoy thread and the error-status count show.
    ["thread_count_filter_ignored", ["thread_count_agrees_with_search"]],
    ["thread_count_status_ignored", ["thread_count_agrees_with_search"]],
  ] as const)("under %s fails exactly %j", async (fault, rules) => {
    const outcome = await runOnFake([search!], [fault]);
    expect(errored(outcome)).toEqual([]);
    const failed = Object.entries(summary(outcome))
      .filter(([, v]) => v !== "passed")
      .map(([rule]) => rule);
    expect(failed.sort()).toEqual([...rules].sort());
  });

  it("fails the metadata search on a server that ignores metadata, because of the decoy thread", async () => {
    const outcome = await runOnFake([search!], ["thread_metadata_ignored"]);
    expect(verdictsOf(outcome, "thread_search_by_metadata")).toEqual(["failed"]);
    expect(verdictsOf(outcome, "thread_search_by_values")).toEqual(["failed"]);
  });
});

describe("a history search's before, on servers that read one form of it only", () => {
  it.each([
    ["history_before_id_only", "a checkpoint id"],
    ["history_before_config_only", "a config"],
  ])("under %s passes, judged on the form taken (%s)", async (variant, form) => {
    const outcome = await runOnFake([state!], [variant]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(state).map((r) => [r, "passed"])));
    const judged = ruleResults(outcome).find((r) => r.checkId === "thread_history_honours_before");
    expect(judged?.exchange?.request.body).toContain(form === "a config" ? '"configurable"' : '"before":"');
  });

  it("fails when the form taken is ignored", async () => {
    const outcome = await runOnFake([state!], ["history_before_id_only", "history_before_ignored"]);
    const [finding] = ruleResults(outcome).filter((r) => r.checkId === "thread_history_honours_before");
    expect(finding?.verdict).toMatchObject({
      status: "failed",
      findings: [{ actual: { "a checkpoint id": expect.any(Array) } }],
    });
  });
});

describe("thread copy on a server that copies only the latest checkpoint", () => {
  it("passes the same-state rule and fails the same-history rule", async () => {
    const outcome = await runOnFake([state!], ["copy_latest_only"]);
    expect(verdictsOf(outcome, "thread_copy_has_same_state")).toEqual(["passed"]);
    expect(verdictsOf(outcome, "thread_copy_has_same_history")).toEqual(["failed"]);
  });
});

describe("a target whose fixture graph cannot be read", () => {
  it("reports every rule of the scenario as skipped with that reason, instead of failing it", async () => {
    const outcome = await runOnFake([state!], ["500:GET /assistants/{assistant_id}/graph"]);
    expect(errored(outcome)).toEqual([]);
    const rules = ruleResults(outcome);
    expect(rules.map((r) => r.checkId).sort()).toEqual(ids(state).sort());
    for (const r of rules) {
      expect(r.verdict).toMatchObject({
        status: "skipped",
        reason: expect.stringContaining("the fixture interrupt_agent could not be read (answered 500)"),
      });
    }
  });
});

describe("a server whose state answers never name their checkpoint", () => {
  it("fails the checkpoint rule, skips only the rules that need checkpoint ids, and judges the rest", async () => {
    const outcome = await runOnFake([state!], ["state_update_answers_nothing", "state_checkpoint_null"]);
    expect(errored(outcome)).toEqual([]);
    const verdicts = summary(outcome);
    expect(verdicts.thread_update_state_makes_checkpoint).toBe("failed");
    for (const rule of ["thread_history_newest_first", "thread_state_at_checkpoint_id", "thread_copy_is_independent"]) {
      expect(verdicts[rule], rule).toBe("skipped");
    }
    for (const rule of [
      "thread_history_lists_checkpoints",
      "thread_copy_has_same_state",
      "thread_copy_has_same_history",
    ]) {
      expect(verdicts[rule], rule).toBe("passed");
    }
  });
});

describe.concurrent("the delete rules on a server that answers 5xx for a thread that is not there", () => {
  const deleteRules = ["thread_delete_removes_thread", "thread_deleted_state_is_404", "thread_deleted_history_is_404"];

  it("skip, rather than fail, when a thread that never existed answers the same 5xx", async () => {
    const outcome = await runOnFake([lifecycle!], ["thread_missing_500"]);
    expect(errored(outcome)).toEqual([]);
    for (const rule of deleteRules) {
      expect(verdictsOf(outcome, rule), rule).toEqual(["skipped"]);
      const [result] = ruleResults(outcome).filter((r) => r.checkId === rule);
      expect(result?.verdict).toMatchObject({ reason: expect.stringContaining("answers 500 for anything missing") });
    }
  });

  it("fail, with both answers, when only the deleted thread answers 5xx", async () => {
    const outcome = await runOnFake([lifecycle!], ["thread_deleted_reads_500"]);
    expect(errored(outcome)).toEqual([]);
    for (const rule of deleteRules) expect(verdictsOf(outcome, rule), rule).toEqual(["failed"]);
    const [result] = ruleResults(outcome).filter((r) => r.checkId === "thread_delete_removes_thread");
    expect(result?.verdict).toMatchObject({
      findings: [{ actual: { "deleted thread": 500, "thread that never existed": 404 } }],
    });
    const unknown = await runOnFake([unknownIds!], ["thread_deleted_reads_500"]);
    expect(verdictsOf(unknown, "thread_unknown_id_not_found")).not.toContain("failed");
  });
});
