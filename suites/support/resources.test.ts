import { describe, expect, it } from "vitest";
import { ScenarioStopped, type ScenarioContext } from "../../src/engine/scenario.ts";
import { claimCreated } from "./resources.ts";

/** A context whose calls all throw as a stopped scenario's do, and which records what it claims. */
function stoppedContext() {
  const claims: [string, string, unknown][] = [];
  const ctx = {
    has: () => true,
    call: async () => {
      throw new ScenarioStopped("the run was interrupted");
    },
    claim: (kind: string, id: string, proof: unknown) => {
      claims.push([kind, id, proof]);
      return { owned: true };
    },
  } as unknown as ScenarioContext;
  return { ctx, claims };
}

describe("claimCreated", () => {
  it("claims on the create's own answer when the scenario was stopped while the create was in flight", async () => {
    const { ctx, claims } = stoppedContext();
    const shown = { thread_id: "t1", metadata: { conformance_run: "cf-x" } };
    await expect(claimCreated(ctx, "thread", "t1", shown)).resolves.toEqual({ owned: true });
    expect(claims).toEqual([["thread", "t1", shown]]);
  });

  it("stops as before when there is no answer to prove it by", async () => {
    const { ctx, claims } = stoppedContext();
    await expect(claimCreated(ctx, "thread", "t1", undefined)).rejects.toBeInstanceOf(ScenarioStopped);
    expect(claims).toEqual([]);
  });
});
