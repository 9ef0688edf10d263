// The stateless-run scenario against the runs fake: every rule passes when it is right, each planted fault fails its rule.

import { describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, runOnFake, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { startRunsFake } from "../../fixtures/fakes/runs.ts";
import { statelessArea } from "./index.ts";

const [scenario] = statelessArea.scenarios;

describe.concurrent("the stateless-run scenario", () => {
  it("passes every rule it declares on a correct server, with no suite error", async () => {
    const outcome = await runOnFake([scenario!], [], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(scenario!.rules.map((r) => [r.id, "passed"])));
  });

  it("fails the Content-Location rule it shares with thread runs, for each on_completion, when the header is missing", async () => {
    const outcome = await runOnFake([scenario!], ["run_location_missing"], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    expect(verdictsOf(outcome, "run_create_location_names_run")).toEqual(["failed", "failed"]);
  });
});

provePlantedFaults(statelessArea, startRunsFake);
