// Waiting within bounds: sleeps, polling with backoff, and independent flows that all end before the scenario does.

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Repeats an unreported step with a short backoff (100 ms, growing to 500 ms) until `done` holds or `timeoutMs`
 * has passed; answers the last outcome either way, so the caller judges what it saw.
 */
export async function poll(
  ctx: ScenarioContext,
  step: Step,
  done: (outcome: StepOutcome) => boolean,
  timeoutMs = 5_000,
): Promise<StepOutcome> {
  const deadline = Date.now() + timeoutMs;
  let wait = 100;
  for (;;) {
    const outcome = await ctx.call({ ...step, report: false });
    if (done(outcome) || Date.now() + wait > deadline) return outcome;
    await sleep(wait);
    wait = Math.min(500, Math.round(wait * 1.5));
  }
}

/** Runs independent flows at once and waits for all of them (so none outlives the scenario), then rethrows the first failure. */
export async function all<T>(flows: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(flows);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
