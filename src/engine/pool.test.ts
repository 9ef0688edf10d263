import { describe, expect, it } from "vitest";
import { runPool } from "./pool.ts";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs items that each take `ms`, recording what was running beside each start. */
async function trace(items: { id: string; alone?: boolean; ms: number }[], slots: number, stopAfter = Infinity) {
  const running = new Set<string>();
  const beside: Record<string, string[]> = {};
  const started: string[] = [];
  let peak = 0;
  await runPool(
    items,
    { slots, alone: (item) => item.alone === true, stopped: () => started.length >= stopAfter },
    async (item) => {
      beside[item.id] = [...running];
      started.push(item.id);
      running.add(item.id);
      peak = Math.max(peak, running.size);
      await tick(item.ms);
      running.delete(item.id);
    },
  );
  return { beside, started, peak };
}

describe("runPool", () => {
  it("runs one at a time with one slot, in order", async () => {
    const { started, peak } = await trace(
      [
        { id: "a", ms: 5 },
        { id: "b", ms: 1 },
        { id: "c", ms: 1 },
      ],
      1,
    );
    expect(started).toEqual(["a", "b", "c"]);
    expect(peak).toBe(1);
  });

  it("fills every slot and starts in order", async () => {
    const { started, peak } = await trace(
      Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, ms: 10 })),
      3,
    );
    expect(started).toEqual(["s0", "s1", "s2", "s3", "s4", "s5"]);
    expect(peak).toBe(3);
  });

  it("runs an item that must run alone with nothing beside it, and starts nothing beside it", async () => {
    const { beside, peak } = await trace(
      [
        { id: "a", ms: 20 },
        { id: "b", ms: 20 },
        { id: "solo", alone: true, ms: 20 },
        { id: "c", ms: 5 },
        { id: "d", ms: 5 },
      ],
      4,
    );
    expect(beside.solo).toEqual([]);
    expect(beside.c).toEqual([]);
    expect(beside.d).toEqual(["c"]);
    expect(peak).toBe(2);
  });

  it("starts nothing once stopped, and waits for what is running", async () => {
    const { started } = await trace(
      Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, ms: 5 })),
      2,
      3,
    );
    expect(started).toEqual(["s0", "s1", "s2"]);
  });

  it("rejects with a work item's error once the others have ended", async () => {
    let ended = false;
    const run = runPool([1, 2], { slots: 2, alone: () => false, stopped: () => false }, async (n) => {
      if (n === 1) throw new Error("boom");
      await tick(10);
      ended = true;
    });
    await expect(run).rejects.toThrow("boom");
    expect(ended).toBe(true);
  });
});
