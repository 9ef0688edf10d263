import { describe, expect, it } from "vitest";
import { formatDuration } from "./format.ts";

describe("formatDuration", () => {
  it("rounds to whole seconds past a minute without ever printing 60s", () => {
    expect(formatDuration(119_600)).toBe("2m0s");
    expect(formatDuration(61_400)).toBe("1m1s");
    expect(formatDuration(59_940)).toBe("59.9s");
    expect(formatDuration(640)).toBe("640ms");
  });
});
