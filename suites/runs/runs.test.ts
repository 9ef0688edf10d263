// The thread-run scenarios against the runs fake: every rule passes when it is right, each planted fault fails its rule.

import { describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
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

describe("the lifecycle scenario on a server without the thread stream", () => {
  it("records that, reports the thread stream's rule not implemented, and judges the rest", async () => {
    const lifecycle = runsArea.scenarios.find((s) => s.id === "runs.lifecycle")!;
    const outcome = await runOnFake([lifecycle], ["thread_stream_missing"], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    const others = lifecycle.rules.filter((r) => r.id !== "thread_join_stream_sees_run").map((r) => [r.id, "passed"]);
    expect(summary(outcome)).toEqual({ ...Object.fromEntries(others), thread_join_stream_sees_run: "not_implemented" });
    const missing = ruleResults(outcome).find((r) => r.checkId === "thread_join_stream_sees_run");
    expect(missing?.verdict).toMatchObject({ reason: expect.any(String) });
    expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name: "thread stream", supported: false }));
  });
});

provePlantedFaults(runsArea, startRunsFake);
