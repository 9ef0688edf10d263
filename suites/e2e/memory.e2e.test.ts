// A server that answers every request with a 50 MiB JSON body: the run ends by itself, with a verdict, in bounded memory.

import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));
const MIB = 1024 * 1024;
const PEAK_RSS_LIMIT = 400 * 1000 * 1000;

let server: Server;
let url: string;

beforeAll(async () => {
  const chunk = Buffer.alloc(MIB, "x");
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(50 * MIB + 10) });
      res.write('{"pad":"');
      let sent = 0;
      const write = () => {
        while (sent < 50) {
          sent += 1;
          if (!res.write(chunk)) return void res.once("drain", write);
        }
        res.end('"}');
      };
      write();
    });
  });
  server.on("clientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Peak resident memory of a process so far, from /proc (Linux). */
const peakRss = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : 0;
};

describe.runIf(existsSync("/proc/self/status"))("a server that answers 50 MiB to every request", () => {
  it("gets a full run that ends by itself with a verdict, its peak memory under 400 MB", async () => {
    const child = spawn(process.execPath, [BIN, "--target", url, "--seed", "1", "--report", "console"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    let peak = 0;
    const poll = setInterval(() => {
      try {
        peak = Math.max(peak, peakRss(child.pid!));
      } catch {
        // the process has just exited
      }
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearInterval(poll);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAILED /m);
    expect(stdout).toMatch(/body of 52428810 bytes/);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(PEAK_RSS_LIMIT);
  }, 180_000);
});
