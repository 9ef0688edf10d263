import { describe, expect, it } from "vitest";
import { resolveOptions } from "./suite-run.ts";

describe("resolveOptions", () => {
  it("runs scenarios side by side on the embedded server only, unless told", () => {
    expect(resolveOptions({}).concurrency).toBe(4);
    expect(resolveOptions({ target: "http://localhost:8123" }).concurrency).toBe(1);
    expect(resolveOptions({ target: "http://localhost:8123", concurrency: 3 }).concurrency).toBe(3);
  });

  it("allows the hazards on the embedded server only, unless told", () => {
    expect(resolveOptions({}).hazards).toBe(true);
    expect(resolveOptions({ target: "http://localhost:8123" }).hazards).toBe(false);
  });
});
