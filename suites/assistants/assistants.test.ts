// The assistant scenarios against the in-memory fake: every rule passes when it is right, each planted fault fails its rule.

import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/engine/scenario.ts";
import { startAssistantFake } from "../../fixtures/fakes/assistants.ts";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake as runOn, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { deleteThreadScenarios } from "./delete-threads.ts";
import { assistantsArea } from "./index.ts";
import { ASSISTANTS } from "./rules.ts";
import { assistantSemanticScenarios } from "./semantics.ts";
import { systemScenarios } from "./system.ts";
import { versionScenarios } from "./versions.ts";

const [createsNew, lifecycle, search, graph, subgraphs, unknownIds] = assistantSemanticScenarios;
const [versions] = versionScenarios;
const [deleteThreads] = deleteThreadScenarios;
const [system, graphId] = systemScenarios;
const ids = (scenario: Scenario | undefined) => scenario!.rules.map((r) => r.id);
const runOnFake = (scenarios: Scenario[], faults: string[] = []) => runOn(scenarios, faults, startAssistantFake);

describe("the assistant rules", () => {
  it("keep the ids reports are keyed on, each judged by one scenario", () => {
    expect(Object.keys(ASSISTANTS)).toHaveLength(34);
    const judging = [
      createsNew,
      lifecycle,
      search,
      graph,
      subgraphs,
      unknownIds,
      versions,
      deleteThreads,
      system,
      graphId,
    ];
    expect(judging.flatMap(ids).sort()).toEqual(Object.keys(ASSISTANTS).sort());
    expect(ids(search)).toEqual([
      "assistant_search_by_metadata",
      "assistant_search_by_graph_id",
      "assistant_search_by_name",
      "assistant_search_sort_by_name",
      "assistant_search_select",
      "assistant_count_agrees_with_search",
    ]);
  });
});

describe.each([
  ["create-new", createsNew!],
  ["lifecycle", lifecycle!],
  ["search", search!],
  ["graph", graph!],
  ["subgraphs", subgraphs!],
  ["unknown-ids", unknownIds!],
  ["versions", versions!],
  ["delete-threads", deleteThreads!],
  ["system", system!],
  ["graph-id", graphId!],
])("assistant %s scenario on a correct server", (_, scenario) => {
  it("passes every rule it declares, with no suite error", async () => {
    const outcome = await runOnFake([scenario]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(scenario).map((r) => [r, "passed"])));
  });
});

provePlantedFaults(assistantsArea, startAssistantFake);

describe.concurrent("assistant search and count hold each filter on their own", () => {
  it.each([
    ["assistant_name_case_sensitive", "assistant_search_by_name"],
    ["assistant_count_metadata_ignored", "assistant_count_agrees_with_search"],
    ["assistant_count_graph_id_ignored", "assistant_count_agrees_with_search"],
    ["assistant_count_name_ignored", "assistant_count_agrees_with_search"],
  ])("under %s, %s fails and every other rule passes", async (fault, rule) => {
    const outcome = await runOnFake([search!], [fault]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(search).map((r) => [r, r === rule ? "failed" : "passed"])));
  });

  it("fails the count of a server that ignores every filter even with no other assistants on it", async () => {
    const outcome = await runOnFake([search!], ["assistant_count_all", "assistant_system_missing"]);
    const [count] = ruleResults(outcome).filter((r) => r.checkId === "assistant_count_agrees_with_search");
    expect(count?.verdict).toMatchObject({
      status: "failed",
      findings: [{ actual: { metadata: 4, graph_id: 4, name: 4 } }],
    });
  });
});

describe("an assistant lifecycle on a server that ignores if_exists", () => {
  it("fails both if_exists rules", async () => {
    const outcome = await runOnFake([lifecycle!], ["assistant_if_exists_ignored"]);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, "assistant_create_if_exists_raise_conflicts")).toEqual(["failed"]);
    expect(verdictsOf(outcome, "assistant_create_if_exists_do_nothing_returns_existing")).toEqual(["failed"]);
  });
});

describe("an assistant scenario that cannot start", () => {
  it("reports every rule it declares as skipped, with the reason", async () => {
    const outcome = await runOnFake([search!], ["500:POST /assistants"]);
    expect(errored(outcome)).toEqual([]);
    const skipped = ruleResults(outcome).filter((r) => r.verdict.status === "skipped");
    expect(skipped.map((r) => r.checkId).sort()).toEqual(ids(search).sort());
    expect(skipped[0]?.verdict).toMatchObject({ reason: expect.stringContaining("answered 500") });
  });
});

describe("the delete rule on a server that answers 5xx for an assistant that is not there", () => {
  it("is skipped, rather than failed, when an assistant that never existed answers the same 5xx", async () => {
    const outcome = await runOnFake([lifecycle!], ["assistant_missing_500"]);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, "assistant_delete_removes_assistant")).toEqual(["skipped"]);
    const [result] = ruleResults(outcome).filter((r) => r.checkId === "assistant_delete_removes_assistant");
    expect(result?.verdict).toMatchObject({
      reason: expect.stringContaining("not_a_server_error and assistant_unknown_id_not_found judge that"),
    });
  });
});

describe.concurrent("the new assistant rules see their decoys", () => {
  it.each([
    ["assistant_metadata_ignored", "assistant_system_one_per_graph", system],
    ["assistant_count_metadata_ignored", "assistant_system_one_per_graph", system],
    ["assistant_graph_id_ignored", "assistant_system_one_per_graph", system],
    ["assistant_first_version_zero", "assistant_version_numbers", versions],
    ["assistant_delete_threads_unfiltered", "assistant_delete_threads_deletes_its_threads", deleteThreads],
  ])("under %s, %s fails", async (fault, rule, scenario) => {
    const outcome = await runOnFake([scenario!], [fault]);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, rule)).toContain("failed");
  });

  it("skips the default delete when the other assistant's thread went with the first one's", async () => {
    const outcome = await runOnFake([deleteThreads!], ["assistant_delete_threads_unfiltered"]);
    expect(verdictsOf(outcome, "assistant_delete_keeps_threads_by_default")).toEqual(["skipped"]);
  });
});
