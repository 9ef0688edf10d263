// The store scenarios against the in-memory fake: every rule passes when it is right, each planted fault fails its rule.

import { beforeAll, describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { startStoreFake, type StoreOptions } from "../../fixtures/fakes/store.ts";
import type { RunOutcome } from "../../src/engine/run.ts";
import { storeArea } from "./index.ts";
import { storeSemanticScenarios } from "./semantics.ts";

const [item, search, ttl] = storeSemanticScenarios;
const ids = (scenario: (typeof storeSemanticScenarios)[number] | undefined) => scenario!.rules.map((r) => r.id);
const fake =
  (options: StoreOptions & { declares?: boolean } = {}) =>
  (faults: readonly string[]) =>
    startStoreFake(faults, options);

describe.each([
  ["item", item!],
  ["search", search!],
])("store %s scenario on a correct server", (_, scenario) => {
  it("passes every rule it declares, with no suite error", async () => {
    const outcome = await runOnFake([scenario], [], startStoreFake);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(scenario).map((r) => [r, "passed"])));
  });
});

provePlantedFaults(storeArea, startStoreFake);

describe("a store item that does not exist (E15)", () => {
  it("may be answered 200 null, as both official servers do, and then conforms to the spec", async () => {
    const outcome = await runOnFake([item!], [], fake({ missingItem: "null" }));
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(item).map((r) => [r, "passed"])));
    const schema = outcome.results.filter(
      (r) => r.operationId === "getStoreItem" && r.checkId === "response_schema_conformance",
    );
    expect(schema.map((r) => r.verdict.status)).not.toContain("failed");
  });

  it("is not shown by a 200 with a body that is neither the item nor null", async () => {
    const outcome = await runOnFake([item!], [], fake({ missingItem: "object" }));
    expect(verdictsOf(outcome, "store_delete_removes_item")).toEqual(["failed"]);
  });
});

describe("the order of a store search without query (E18)", () => {
  it("may be oldest first", async () => {
    const outcome = await runOnFake([search!], [], fake({ oldestFirst: true }));
    expect(verdictsOf(outcome, "store_search_ordered_by_updated_at")).toEqual(["passed"]);
  });

  it("is not the order of first writes, which a second put of a key does not change", async () => {
    const outcome = await runOnFake([search!], ["store_search_write_order"], startStoreFake);
    const [result] = ruleResults(outcome).filter((r) => r.checkId === "store_search_ordered_by_updated_at");
    expect(result?.verdict).toMatchObject({ status: "failed", findings: [{ actual: ["a", "b", "c", "d"] }] });
  });
});

describe("store ttl scenario (E19)", () => {
  const outcomes: Record<string, RunOutcome> = {};
  beforeAll(async () => {
    // Each run waits out a real 6 s ttl, so the servers run at once.
    const runs: Record<string, [string[], StoreOptions & { declares?: boolean }]> = {
      correct: [[], {}],
      ttlIgnored: [["store_ttl_ignored"], {}],
      ttlIgnoredUndeclared: [["store_ttl_ignored"], { declares: false }],
      refreshIgnored: [["store_refresh_ignored"], {}],
      searchRefreshAndPrefixIgnored: [["store_search_refresh_ignored", "store_search_prefix_ignored"], {}],
      correctUndeclared: [[], { declares: false }],
    };
    await Promise.all(
      Object.entries(runs).map(
        async ([name, [faults, options]]) => (outcomes[name] = await runOnFake([ttl!], faults, fake(options))),
      ),
    );
  }, 30_000);

  it("passes every rule on a correct server, whether or not it declares store_ttl", () => {
    for (const name of ["correct", "correctUndeclared"]) {
      expect(errored(outcomes[name]!)).toEqual([]);
      expect(summary(outcomes[name]!), name).toEqual(Object.fromEntries(ids(ttl).map((r) => [r, "passed"])));
      expect(outcomes[name]!.capabilities).toContainEqual(
        expect.objectContaining({ name: "store ttl", supported: true }),
      );
    }
  });

  it("fails a server that declares store_ttl and ignores the ttl, and skips the refresh rules with the reason", () => {
    expect(summary(outcomes.ttlIgnored!)).toEqual({
      store_ttl_expires_item: "failed",
      store_get_refresh_ttl_extends: "skipped",
      store_search_refresh_ttl_extends: "skipped",
    });
    expect(outcomes.ttlIgnored!.capabilities).toContainEqual(
      expect.objectContaining({ name: "store ttl", supported: false }),
    );
  });

  it("reports the ttl rules not implemented, with what was seen, on a server that does not declare store_ttl", () => {
    const rules = ruleResults(outcomes.ttlIgnoredUndeclared!);
    expect(rules.map((r) => [r.checkId, r.verdict.status])).toEqual(ids(ttl).map((r) => [r, "not_implemented"]));
    expect(rules[0]?.verdict).toMatchObject({
      reason: expect.stringMatching(
        /^ttl 0\.1 min was accepted, but the item was still there \d+ s after the put: the target ignores ttl, or deletes expired items on a sweep interval longer than the run waits$/,
      ),
    });
  });

  it("fails the refresh rules on a server that ignores refresh_ttl", () => {
    expect(summary(outcomes.refreshIgnored!)).toEqual({
      store_ttl_expires_item: "passed",
      store_get_refresh_ttl_extends: "failed",
      store_search_refresh_ttl_extends: "failed",
    });
  });

  it("fails the search refresh rule on a server that ignores refresh_ttl and namespace_prefix in search, whose search finds the item refreshed by get", () => {
    expect(summary(outcomes.searchRefreshAndPrefixIgnored!)).toEqual({
      store_ttl_expires_item: "passed",
      store_get_refresh_ttl_extends: "passed",
      store_search_refresh_ttl_extends: "failed",
    });
  });

  it("reports a refused ttl as not implemented, unless the target declares store_ttl, and fails the refusal itself", async () => {
    const [undeclared, declared] = await Promise.all([
      runOnFake([ttl!], ["store_ttl_refused"], fake({ declares: false })),
      runOnFake([ttl!], ["store_ttl_refused"], startStoreFake),
    ]);
    const rules = ruleResults(undeclared);
    expect(rules.map((r) => [r.checkId, r.verdict.status])).toEqual(ids(ttl).map((r) => [r, "not_implemented"]));
    expect(rules[0]?.verdict).toMatchObject({ reason: "the target refuses ttl 0.1 and 1 (minutes): answered 422" });
    const acceptance = undeclared.results.filter(
      (r) => r.operationId === "putStoreItem" && r.checkId === "positive_data_acceptance",
    );
    expect(acceptance.map((r) => r.verdict.status)).toContain("failed");
    expect(summary(declared)).toEqual({
      store_ttl_expires_item: "failed",
      store_get_refresh_ttl_extends: "skipped",
      store_search_refresh_ttl_extends: "skipped",
    });
  });
});

describe("a store scenario that cannot start", () => {
  it("reports every rule it declares as skipped, with the reason", async () => {
    const outcome = await runOnFake([item!], ["500:PUT /store/items"], startStoreFake);
    expect(errored(outcome)).toEqual([]);
    const skipped = ruleResults(outcome).filter((r) => r.verdict.status === "skipped");
    expect(skipped.map((r) => r.checkId).sort()).toEqual(ids(item).sort());
    expect(skipped[0]?.verdict).toMatchObject({ reason: expect.stringContaining("putStoreItem answered 500") });
  });
});
