// Splits a run across machines: each machine computes the same slices of the plan, balanced by recorded duration.

import { readFileSync } from "node:fs";
import { packagePath } from "../paths.ts";
import { InputError } from "../input-error.ts";

/** The `index`-th of `count` slices of a run, counted from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses "i/n" with 1 <= i <= n. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || index > count)
    throw new InputError(`\`--shard\` must be i/n with 1 <= i <= n (like 2/3), but received ${text}`);
  return { index, count };
}

/** Where the recorded durations are: scenario id -> median wall time in ms. */
export const DURATIONS_FILE = packagePath("suites", "durations.json");

let recorded: Readonly<Record<string, number>> | undefined;

/** The recorded durations; none when the file is missing or unreadable (every scenario then weighs the same). */
export function recordedDurations(): Readonly<Record<string, number>> {
  if (recorded) return recorded;
  try {
    const parsed = JSON.parse(readFileSync(DURATIONS_FILE, "utf8")) as unknown;
    recorded = isDurations(parsed) ? parsed : {};
  } catch {
    recorded = {};
  }
  return recorded;
}

const isDurations = (value: unknown): value is Record<string, number> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === "number" && Number.isFinite(v) && v >= 0);

/**
 * The scenarios of `shard`, in plan order. Greedy longest-first onto the least loaded shard (ties: by id, then the
 * lowest shard), so every machine computes the same slices and their union is the plan, each scenario once. Hazards
 * all go to the last shard, which counts their time before the rest is dealt.
 */
export function shardOf<T extends { id: string; alone?: boolean; hazard?: boolean }>(
  scenarios: readonly T[],
  shard: Shard,
  durations: Readonly<Record<string, number>>,
): T[] {
  const weight = weigher(durations);
  const last = shard.count - 1;
  const loads: number[] = new Array<number>(shard.count).fill(0);
  const slot = new Map<string, number>();
  for (const s of scenarios.filter((s) => s.hazard)) {
    slot.set(s.id, last);
    loads[last] += weight(s.id);
  }
  const rest = scenarios.filter((s) => !s.hazard);
  rest.sort((a, b) => weight(b.id) - weight(a.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const s of rest) {
    const least = loads.indexOf(Math.min(...loads));
    slot.set(s.id, least);
    loads[least] += weight(s.id);
  }
  return scenarios.filter((s) => slot.get(s.id) === shard.index - 1);
}

/** A scenario's recorded duration; one not recorded counts as the median of those that are. */
function weigher(durations: Readonly<Record<string, number>>): (id: string) => number {
  const known = Object.values(durations).sort((a, b) => a - b);
  const middle = Math.floor(known.length / 2);
  const median =
    known.length === 0 ? 1 : known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
  return (id) => (Object.prototype.hasOwnProperty.call(durations, id) ? durations[id]! : median);
}
