// The cron scenario against the runs fake: every rule passes when it is right, each planted fault fails its rule, and a
// target without crons is told apart.

import { describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { startRunsFake } from "../../fixtures/fakes/runs.ts";
import { cronsArea } from "./index.ts";

const [scenario] = cronsArea.scenarios;
const ids = scenario!.rules.map((r) => r.id);

describe.concurrent("the cron scenario", () => {
  it("passes every rule it declares on a server with crons, and records the capability", async () => {
    const outcome = await runOnFake([scenario!], [], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids.map((r) => [r, "passed"])));
    expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name: "crons", supported: true }));
  });

  it("on a server without crons, records that and reports every rule not implemented", async () => {
    const outcome = await runOnFake([scenario!], ["crons_missing"], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids.map((r) => [r, "not_implemented"])));
    expect(ruleResults(outcome)[0]?.verdict).toMatchObject({ reason: expect.any(String) });
    expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name: "crons", supported: false }));
  });

  it("fails the search rule when a search leaves out the crons made for a thread", async () => {
    const outcome = await runOnFake([scenario!], ["cron_search_misses_thread_crons"], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, "cron_search_finds_created")).toEqual(["failed"]);
  });
});

provePlantedFaults(cronsArea, startRunsFake);
