// The thread-run scenarios against the runs fake: every rule passes when it is right, each planted fault fails its rule.

import { describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
import { startRunsFake } from "../../fixtures/fakes/runs.ts";
import { runsArea } from "./index.ts";

describe.concurrent("thread-run scenarios on a correct server", () => {
  for (const scenario of runsArea.scenarios) {
    it(`${scenario.id} passes every rule it declares, with no suite error`, async () => {
      const outcome = await runOnFake([scenario], [], startRunsFake);
      expect(errored(outcome)).toEqual([]);
      expect(summary(outcome)).toEqual(Object.fromEntries(scenario.rules.map((r) => [r.id, "passed"])));
    });
  }
});

provePlantedFaults(runsArea, startRunsFake);
