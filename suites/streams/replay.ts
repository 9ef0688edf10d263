// Comparing a run's events as streamed with the same events replayed, and joining a run's stream.

import { isDeepStrictEqual } from "node:util";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { SseEvent } from "../../src/http/sse.ts";
import { dataOf } from "../support/index.ts";
import { JOIN } from "./rules.ts";

/** What a replay must reproduce of each event: its id, its name and its data (compared as JSON). */
const replayed = (events: readonly SseEvent[]) =>
  events.map((e) => ({ id: e.id ?? null, event: e.event, data: dataOf(e) ?? e.data }));

/** Where the first difference between two event lists is, or undefined when they are the same. */
export function firstDifference(
  expected: readonly SseEvent[],
  actual: readonly SseEvent[],
): { index: number; expected: unknown; actual: unknown } | undefined {
  const [want, got] = [replayed(expected), replayed(actual)];
  for (let index = 0; index < Math.max(want.length, got.length); index++) {
    if (!isDeepStrictEqual(want[index], got[index]))
      return { index, expected: want[index] ?? null, actual: got[index] ?? null };
  }
  return undefined;
}

/** Joins a run's stream after `lastEventId` ("-1": from the start), read to its end within 5 s. */
export const join = (
  ctx: ScenarioContext,
  params: Record<string, string>,
  lastEventId: string,
  step: string,
  expect: "success" | "any" = "success",
): Promise<StepOutcome> =>
  ctx.call({
    op: JOIN,
    step,
    params,
    headers: { "last-event-id": lastEventId },
    stream: { maxEvents: 200, maxMs: 5_000 },
    expect,
    sdk: "runs.join_stream",
  });
