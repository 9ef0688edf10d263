// A reference that does not start: one line on stderr, exit 2, and the target is never run.

import { describe, expect, it, vi } from "vitest";

vi.mock("../../fixtures/reference-server.ts", async (actual) => ({
  ...(await actual<typeof import("../../fixtures/reference-server.ts")>()),
  startReferenceServer: vi.fn(async () => {
    throw new Error("reference server did not become ready within 30000 ms\nlast log line");
  }),
}));

const { main } = await import("../cli.ts");
const { runReference } = await import("./reference.ts");
const { TargetUnreachable } = await import("../engine/run.ts");

describe("a reference that does not start", () => {
  it("is a connection problem naming the reference, in one line", async () => {
    const failure = runReference("reference", { seed: 1, runs: 0 }, { say: () => undefined });
    await expect(failure).rejects.toBeInstanceOf(TargetUnreachable);
    await expect(failure).rejects.toThrow(
      /^the reference \(the official JS server\) did not start: reference server did not become ready within 30000 ms$/,
    );
  });

  it("ends the command with exit 2 and one line, before the target is run", async () => {
    let stderr = "";
    const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const code = await main(["--target", "http://127.0.0.1:9", "--compare", "reference", "--runs", "0"]);
      expect(code).toBe(2);
    } finally {
      err.mockRestore();
      out.mockRestore();
    }
    const errors = stderr.split("\n").filter((line) => line.startsWith("conformance:"));
    expect(errors).toEqual([
      "conformance: the reference (the official JS server) did not start: reference server did not become ready within 30000 ms",
    ]);
    // The target (nothing listens there) was never tried: its error would name it.
    expect(stderr).not.toContain("cannot reach");
  });
});
