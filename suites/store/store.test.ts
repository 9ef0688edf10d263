// The store scenarios against the in-memory fake: every rule passes when it is right, each planted fault fails its rule.

import { beforeAll, describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
import type { RunOutcome } from "../../src/engine/run.ts";
import { storeArea } from "./index.ts";
import { storeSemanticScenarios } from "./semantics.ts";

const [item, search, ttl] = storeSemanticScenarios;
const ids = (scenario: (typeof storeSemanticScenarios)[number] | undefined) => scenario!.rules.map((r) => r.id);

describe.each([
  ["item", item!],
  ["search", search!],
])("store %s scenario on a correct server", (_, scenario) => {
  it("passes every rule it declares, with no suite error", async () => {
    const outcome = await runOnFake([scenario]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(scenario).map((r) => [r, "passed"])));
  });
});

provePlantedFaults(storeArea);

describe("store ttl scenario", () => {
  const outcomes: Record<string, RunOutcome> = {};
  beforeAll(async () => {
    // Each run waits out a real 6 s ttl, so the servers run at once.
    const faults = { correct: [], ttlIgnored: ["store_ttl_ignored"], refreshIgnored: ["store_refresh_ignored"] };
    await Promise.all(
      Object.entries(faults).map(async ([name, planted]) => (outcomes[name] = await runOnFake([ttl!], planted))),
    );
  }, 30_000);

  it("passes every rule on a correct server", () => {
    expect(errored(outcomes.correct!)).toEqual([]);
    expect(summary(outcomes.correct!)).toEqual(Object.fromEntries(ids(ttl).map((r) => [r, "passed"])));
    expect(outcomes.correct!.capabilities).toContainEqual(
      expect.objectContaining({ name: "store ttl", supported: true }),
    );
  });

  it("fails on a server that accepts ttl and ignores it, and skips the refresh rules with the reason", () => {
    expect(summary(outcomes.ttlIgnored!)).toEqual({
      store_ttl_expires_item: "failed",
      store_get_refresh_ttl_extends: "skipped",
      store_search_refresh_ttl_extends: "skipped",
    });
    expect(outcomes.ttlIgnored!.capabilities).toContainEqual(
      expect.objectContaining({ name: "store ttl", supported: false }),
    );
  });

  it("skips the ttl rules with the reason on a server that refuses ttl, and fails the refusal itself", async () => {
    const outcome = await runOnFake([ttl!], ["store_ttl_refused"]);
    const rules = ruleResults(outcome);
    expect(rules.map((r) => [r.checkId, r.verdict.status])).toEqual(ids(ttl).map((r) => [r, "skipped"]));
    expect(rules[0]?.verdict).toMatchObject({ reason: "the target refuses ttl 0.1 and 1 (minutes): answered 422" });
    const acceptance = outcome.results.filter(
      (r) => r.operationId === "putStoreItem" && r.checkId === "positive_data_acceptance",
    );
    expect(acceptance.map((r) => r.verdict.status)).toContain("failed");
  });

  it("fails the refresh rules on a server that ignores refresh_ttl", () => {
    expect(summary(outcomes.refreshIgnored!)).toEqual({
      store_ttl_expires_item: "passed",
      store_get_refresh_ttl_extends: "failed",
      store_search_refresh_ttl_extends: "failed",
    });
  });
});

describe("a store scenario that cannot start", () => {
  it("reports every rule it declares as skipped, with the reason", async () => {
    const outcome = await runOnFake([item!], ["500:PUT /store/items"]);
    expect(errored(outcome)).toEqual([]);
    const skipped = ruleResults(outcome).filter((r) => r.verdict.status === "skipped");
    expect(skipped.map((r) => r.checkId).sort()).toEqual(ids(item).sort());
    expect(skipped[0]?.verdict).toMatchObject({ reason: expect.stringContaining("putStoreItem answered 500") });
  });
});
