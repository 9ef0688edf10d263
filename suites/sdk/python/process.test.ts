// The driver process: its lines read in order, its time bound kept, its exit judged. A Node script stands in for the
// driver, so no Python is needed.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DriverLine } from "./lines.ts";
import { runDriver, type DriverInput, type PythonSdk } from "./process.ts";

const node: PythonSdk = { python: process.execPath, version: "test" };
const dir = mkdtempSync(join(tmpdir(), "sdk-driver-"));
const script = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};
const input: DriverInput = {
  url: "http://t",
  headers: {},
  prefix: "cf-1",
  metadata: {},
  flows: ["store"],
  graph_id: "agent",
  assistant_id: "agent",
  slow_assistant_id: "slow_agent",
  timeout_s: 1,
};

async function run(driver: string, timeoutMs = 5_000) {
  const lines: DriverLine[] = [];
  const end = await runDriver(node, input, timeoutMs, async (l) => void lines.push(l), driver);
  return { end, lines };
}

describe("runDriver", () => {
  it("hands over every driver line in order, given the input on stdin, and finishes", async () => {
    const echo = script(
      "echo.mjs",
      `let s = ""; process.stdin.on("data", (c) => (s += c)).on("end", () => {
        const { flows } = JSON.parse(s);
        console.log("a warning that is not a line");
        console.log(JSON.stringify({ type: "stop", flow: flows[0], reason: "r" }));
        console.log(JSON.stringify({ type: "done", version: "0.2.4" }));
      });`,
    );
    expect(await run(echo)).toEqual({
      end: { status: "finished" },
      lines: [
        { type: "stop", flow: "store", reason: "r" },
        { type: "done", version: "0.2.4" },
      ],
    });
  });

  it("stops a driver at its time bound, keeping the lines it printed before", async () => {
    const hang = script(
      "hang.mjs",
      `console.log(JSON.stringify({ type: "stop", flow: "store", reason: "r" })); setInterval(() => {}, 1000);`,
    );
    const started = Date.now();
    const { end, lines } = await run(hang, 500);
    expect(end).toEqual({ status: "timed_out", afterMs: 500 });
    expect(lines).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports a driver that exits without finishing as broken, with the end of what it wrote to stderr", async () => {
    const crash = script("crash.mjs", `console.error("Traceback: ImportError: no langgraph_sdk"); process.exit(3);`);
    expect((await run(crash)).end).toEqual({
      status: "broken",
      message: "the Python driver exited with code 3: Traceback: ImportError: no langgraph_sdk",
    });
  });

  it("stops the driver and passes the error on when a line cannot be reported", async () => {
    const chatty = script(
      "chatty.mjs",
      `console.log(JSON.stringify({ type: "done", version: "1" })); setInterval(() => {}, 1000);`,
    );
    const failing = runDriver(
      node,
      input,
      30_000,
      async () => {
        throw new Error("the scenario was stopped");
      },
      chatty,
    );
    await expect(failing).rejects.toThrow("the scenario was stopped");
  });
});
