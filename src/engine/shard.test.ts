// The shards of a run: every machine computes the same slices, whose union is the plan, balanced by recorded duration.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../suites/index.ts";
import { InputError } from "../input-error.ts";
import { DURATIONS_FILE, parseShard, recordedDurations, shardOf, type Shard } from "./shard.ts";

type Item = { id: string; hazard?: boolean; alone?: boolean };

/** The whole plan as the CLI runs it: every scenario, hazards last, then the property phase. */
const PLAN: Item[] = [
  ...SCENARIOS.filter((s) => !s.hazard),
  { id: "property" },
  ...SCENARIOS.filter((s) => s.hazard),
].map((s: Item) => ({ id: s.id, ...(s.hazard ? { hazard: true } : {}), ...(s.alone ? { alone: true } : {}) }));
const durations = recordedDurations();
const shards = (count: number, plan: readonly Item[] = PLAN, recorded = durations) =>
  Array.from({ length: count }, (_, i) => shardOf(plan, { index: i + 1, count }, recorded));
const load = (items: readonly Item[], recorded = durations) => items.reduce((sum, s) => sum + (recorded[s.id] ?? 0), 0);

describe("parseShard", () => {
  it.each([
    ["1/1", { index: 1, count: 1 }],
    ["2/3", { index: 2, count: 3 }],
    [" 3 / 3 ", { index: 3, count: 3 }],
  ])("reads %s", (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it.each(["0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2", "1.5/2", ""])("refuses %j in one line", (text) => {
    expect(() => parseShard(text)).toThrow(InputError);
    expect(() => parseShard(text)).toThrow(/^`--shard` must be i\/n with 1 <= i <= n \(like 2\/3\), but received /);
  });
});

describe("recorded durations", () => {
  it("hold a duration in ms for scenarios of the suite only, the property phase and the hazards among them", () => {
    const file = JSON.parse(readFileSync(DURATIONS_FILE, "utf8")) as Record<string, number>;
    expect(durations).toEqual(file);
    const ids = new Set(PLAN.map((s) => s.id));
    // A scenario added since is dealt as the median; one renamed or removed would skew the median.
    for (const [id, ms] of Object.entries(file)) {
      expect(ids, id).toContain(id);
      expect(ms, id).toBeGreaterThanOrEqual(0);
    }
    for (const item of PLAN.filter((s) => s.id === "property" || s.hazard)) expect(file).toHaveProperty([item.id]);
    expect(Object.keys(file).length).toBeGreaterThan(PLAN.length * 0.8);
  });
});

describe("shardOf", () => {
  it.each([1, 2, 3, 4, 7])("deals the plan into %i shards: their union is the plan, each scenario once", (count) => {
    const slices = shards(count);
    const ids = slices.flat().map((s) => s.id);
    expect(ids.sort()).toEqual(PLAN.map((s) => s.id).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps the plan's order within a shard, and hands back the planned objects themselves", () => {
    for (const slice of shards(3)) {
      const at = slice.map((s) => PLAN.indexOf(s));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
  });

  it("gives every machine the same slices, whatever order the scenarios are listed in", () => {
    const reversed = [...PLAN].reverse();
    const ids = (slices: Item[][]) => slices.map((slice) => slice.map((s) => s.id).sort());
    expect(ids(shards(3))).toEqual(ids(shards(3)));
    expect(ids(shards(3, reversed))).toEqual(ids(shards(3)));
  });

  it("puts every hazard in the last shard", () => {
    const hazards = PLAN.filter((s) => s.hazard);
    expect(hazards.length).toBeGreaterThan(0);
    for (const count of [2, 3, 5]) {
      const slices = shards(count);
      expect(slices.at(-1)).toEqual(expect.arrayContaining(hazards));
      for (const slice of slices.slice(0, -1)) expect(slice.filter((s) => s.hazard)).toEqual([]);
    }
  });

  it.each([2, 3, 4])("balances %i shards on the recorded durations within what longest-first promises", (count) => {
    const loads = shards(count).map((slice) => load(slice));
    const total = load(PLAN);
    const longest = Math.max(...PLAN.map((s) => durations[s.id]!));
    // No split can beat the average or the longest scenario; longest-first stays within 4/3 of the best split.
    const best = Math.max(total / count, longest);
    expect(Math.max(...loads)).toBeLessThanOrEqual((4 / 3) * best);
    expect(Math.max(...loads)).toBeLessThan(total * 0.7);
  });

  it("deals the longest first onto the least loaded shard", () => {
    const plan = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
    const recorded = { a: 10, b: 10, c: 30, d: 5, e: 5 };
    expect(shards(2, plan, recorded).map((slice) => slice.map((s) => s.id))).toEqual([["c"], ["a", "b", "d", "e"]]);
  });

  it("breaks ties of duration by id, and ties of load by the lower shard", () => {
    const plan = ["d", "b", "a", "c"].map((id) => ({ id }));
    const recorded = { a: 1, b: 1, c: 1, d: 1 };
    expect(shards(2, plan, recorded).map((slice) => slice.map((s) => s.id))).toEqual([
      ["a", "c"],
      ["d", "b"],
    ]);
  });

  it("counts a scenario without a recorded duration as the median of the recorded ones", () => {
    const plan = ["long", "x", "y", "z"].map((id) => ({ id }));
    // The median of 1, 2, 9 and 100 is 5.5: the three unrecorded ones together weigh less than "long".
    const recorded = { long: 100, p: 1, q: 2, r: 9 };
    expect(shards(2, plan, recorded).map((slice) => slice.map((s) => s.id))).toEqual([["long"], ["x", "y", "z"]]);
    // Beside one recorded 12, each unrecorded one weighs 12 too.
    expect(shards(2, plan, { long: 12 }).map((slice) => slice.map((s) => s.id))).toEqual([
      ["long", "y"],
      ["x", "z"],
    ]);
  });

  it("weighs every scenario alike when nothing is recorded", () => {
    const plan = Array.from({ length: 9 }, (_, i) => ({ id: `s${i}` }));
    expect(shards(3, plan, {}).map((slice) => slice.length)).toEqual([3, 3, 3]);
  });

  it("leaves a shard empty when there are more shards than scenarios", () => {
    const plan = [{ id: "a" }, { id: "b" }];
    const shard: Shard = { index: 3, count: 3 };
    expect(shardOf(plan, shard, {})).toEqual([]);
    expect(shards(3, plan, {}).flat()).toHaveLength(2);
  });
});
