// The auth scenarios against the two-user fake: every rule passes when it is right, each planted fault fails its rule,
// and a run without the second identity (or without credentials at all) skips the rules with the reason.

import { describe, expect, it } from "vitest";
import { AUTH_TOKENS, startAuthFake, type AuthFakeOptions } from "../../fixtures/fakes/auth.ts";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
import type { Finding } from "../../src/model.ts";
import { NO_CREDENTIALS, NO_OTHER } from "./attempts.ts";
import { authArea, authScenarios } from "./index.ts";
import { isolationScenario } from "./isolation.ts";
import { refusalScenario } from "./refusal.ts";
import { AUTH } from "./rules.ts";
import { storeIsolationScenario } from "./store.ts";

const fake =
  (options: AuthFakeOptions = {}) =>
  (faults: readonly string[]) =>
    startAuthFake(faults, options);
const ids = (scenarios = authScenarios) => [...new Set(scenarios.flatMap((s) => s.rules.map((r) => r.id)))];
const all = (status: string, scenarios = authScenarios) => Object.fromEntries(ids(scenarios).map((id) => [id, status]));
const ISOLATION = Object.values(AUTH)
  .map((r) => r.id)
  .filter((id) => id.startsWith("auth_isolation_") || id === "auth_owner_keeps_access");

describe("the auth scenarios on a correct two-user server", () => {
  it("pass every rule, with no suite error", async () => {
    const outcome = await runOnFake(authScenarios, [], startAuthFake);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(all("passed"));
    expect(outcome.leftovers).toEqual([]);
    expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name: "auth", id: "auth", supported: true }));
  });

  it("pass the store rule whether the store refuses the other user or gives each user namespaces of its own", async () => {
    for (const store of ["labels", "per-user"] as const) {
      const outcome = await runOnFake([storeIsolationScenario], [], fake({ store }));
      expect(errored(outcome)).toEqual([]);
      expect(summary(outcome), store).toEqual({ auth_isolation_store: "passed" });
    }
  });

  it("pass the run rules where a join stream says in its events that the run is not there (E25)", async () => {
    const outcome = await runOnFake([isolationScenario], [], fake({ streamNotFoundInBand: true }));
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(all("passed", [isolationScenario]));
    const stream = ruleResults(outcome).filter((r) => r.operationId === "joinRunStream");
    expect(stream.map((r) => [r.checkId, r.exchange?.response?.status])).toEqual([
      ["auth_isolation_runs", 200],
      ["auth_isolation_hides_existence", 200],
    ]);
  });

  it("skip the cron instances, with the reason, where the target makes no cron", async () => {
    const outcome = await runOnFake([isolationScenario], ["500:POST /runs/crons"], startAuthFake);
    expect(errored(outcome)).toEqual([]);
    const withCrons = ["auth_isolation_get", "auth_isolation_change", "auth_isolation_delete"];
    const listings = ["auth_isolation_search", "auth_isolation_count"];
    expect(summary(outcome)).toEqual({
      ...all("passed", [isolationScenario]),
      ...Object.fromEntries([...withCrons, ...listings].map((id) => [id, "passed,skipped"])),
    });
    const skipped = ruleResults(outcome).filter((r) => r.verdict.status === "skipped");
    expect(skipped.map((r) => r.operationId).sort()).toEqual(
      ["countCrons", "deleteCron", "getCron", "searchCrons", "updateCron"].sort(),
    );
    for (const result of skipped) expect(result.verdict).toMatchObject({ reason: "createCron answered 500" });
  });
});

provePlantedFaults(authArea, startAuthFake);

describe("a target that serves requests without credentials", () => {
  it("fails the refusal rule, and is recorded as without auth", async () => {
    const outcome = await runOnFake([refusalScenario], ["no_auth_required"], startAuthFake);
    expect(summary(outcome)).toEqual({
      auth_required: "failed",
      auth_malformed_refused: "passed",
      auth_unknown_token_refused: "passed",
    });
    expect(outcome.capabilities).toContainEqual(
      expect.objectContaining({
        name: "auth",
        supported: false,
        detail: "0 of 6 reads without credentials refused with 401 or 403",
      }),
    );
    expect(outcome.leftovers).toEqual([]);
  });
});

describe("a store that does not keep users apart", () => {
  it("fails the store rule when shared", async () => {
    const outcome = await runOnFake([storeIsolationScenario], [], fake({ store: "shared" }));
    expect(summary(outcome)).toEqual({ auth_isolation_store: "failed" });
    const failed = ruleResults(outcome).filter((r) => r.verdict.status === "failed");
    expect(failed.map((r) => r.step).sort()).toEqual(
      ["delete", "overwrite", "read", "search", "namespace listing"]
        .map((d) => `${AUTH.auth_isolation_store.title} (${d})`)
        .sort(),
    );
  });

  it("is skipped with the reason where the run cannot use its own namespace", async () => {
    const outcome = await runOnFake([storeIsolationScenario], [], fake({ store: "identity" }));
    const [result] = ruleResults(outcome);
    expect(result?.verdict).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/^the run's own put under its namespace answered 403: .*identity/),
    });
  });
});

describe("a run without the identities the rules need", () => {
  it("skips every isolation rule without --auth-other, and still judges the owner metadata", async () => {
    const outcome = await runOnFake(authScenarios, [], fake({ identities: { other: false } }));
    expect(errored(outcome)).toEqual([]);
    const skipped = ruleResults(outcome).filter((r) => ISOLATION.includes(r.checkId));
    expect(new Set(skipped.map((r) => r.checkId))).toEqual(new Set(ISOLATION));
    for (const result of skipped) expect(result.verdict).toEqual({ status: "skipped", reason: NO_OTHER });
    expect(summary(outcome)).toMatchObject({
      auth_required: "passed",
      auth_malformed_refused: "passed",
      auth_unknown_token_refused: "passed",
      auth_owner_metadata_consistent: "passed",
    });
  });

  it("skips every auth rule without --auth", async () => {
    const outcome = await runOnFake(authScenarios, [], fake({ identities: { self: false, other: false } }));
    expect(summary(outcome)).toEqual(all("skipped"));
    for (const result of ruleResults(outcome)) expect(result.verdict).toMatchObject({ reason: NO_CREDENTIALS });
  });
});

describe("a finding of the get-isolation rule", () => {
  it("shows the other identity's request and the owner's resource", async () => {
    const outcome = await runOnFake([isolationScenario], ["get_ignores_owner"], startAuthFake);
    const failed = ruleResults(outcome).filter(
      (r) => r.checkId === "auth_isolation_get" && r.verdict.status === "failed",
    );
    expect(failed).toHaveLength(1);
    const [result] = failed;
    const finding = (result!.verdict as { findings: Finding[] }).findings[0]!;
    const threadId = /\/threads\/([^/?]+)$/.exec(result!.exchange!.request.url)?.[1];
    expect(threadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result!.exchange!.request).toMatchObject({ method: "GET", headers: { authorization: "<redacted>" } });
    expect(result!.exchange!.response?.status).toBe(200);
    expect(finding.expected).toEqual({
      other: "404 (or 403) to GET /threads/{thread_id}",
      owner: `thread ${threadId} unchanged`,
    });
    expect(finding.actual).toEqual({
      other: `GET /threads/${threadId} answered 200`,
      owner: `thread ${threadId} unchanged`,
    });
    // Neither identity's token is in the report.
    const report = JSON.stringify(outcome.results);
    expect(report).not.toContain(AUTH_TOKENS.self);
    expect(report).not.toContain(AUTH_TOKENS.other);
  });
});
