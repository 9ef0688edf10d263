// Reads that follow an early answer (a join, a wait or a cancel that returned): polled briefly before they are judged.

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import { ACTIVE, poll, statusOf } from "../support/index.ts";

/** How long a server may take, after it answered, to record that the run ended. */
export const SETTLE_MS = 3_000;

/**
 * Sends the step (reported, as any other); while `done` does not hold of the answer, polls it unreported within
 * `timeoutMs`. Answers the last outcome, so the caller judges what the server shows once it had time to settle.
 */
export async function readSettled(
  ctx: ScenarioContext,
  step: Step,
  done: (outcome: StepOutcome) => boolean,
  timeoutMs = SETTLE_MS,
): Promise<StepOutcome> {
  const first = await ctx.call(step);
  return done(first) ? first : poll(ctx, step, done, timeoutMs);
}

/** A thread no longer busy (or not readable, which the caller judges). */
export const threadSettled = (outcome: StepOutcome) => statusOf(outcome) !== "busy";

/** A run that has left pending and running, or is gone. */
export const runSettled = (outcome: StepOutcome) =>
  outcome.status === 404 || (outcome.ok && !ACTIVE.includes(statusOf(outcome) ?? "pending"));
