import { describe, expect, it } from "vitest";
import { startOrder } from "./run.ts";

const plan = [
  { id: "a" },
  { id: "schemas", alone: true },
  { id: "long" },
  { id: "hazard", hazard: true },
  { id: "b" },
  { id: "longest" },
];
const durations = { a: 100, schemas: 5_000, long: 9_000, longest: 30_000, b: 100 };

describe("startOrder", () => {
  it("keeps the plan's order one at a time", () => {
    expect(startOrder(plan, 1, durations).map((s) => s.id)).toEqual(plan.map((s) => s.id));
  });

  it("side by side: those that run alone first, then longest first, hazards last", () => {
    expect(startOrder(plan, 3, durations).map((s) => s.id)).toEqual(["schemas", "longest", "long", "a", "b", "hazard"]);
  });

  it("keeps the plan's order among scenarios without a recorded duration", () => {
    expect(startOrder(plan, 2, {}).map((s) => s.id)).toEqual(["schemas", "a", "long", "b", "longest", "hazard"]);
  });
});
