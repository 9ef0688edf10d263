// Three full runs in a row against one official server, with one seed: no run leaves the server unable to serve
// the next (the official server stops running runs for good once a running run's thread is deleted under it).

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../fixtures/reference-server.ts";
import type { CheckResult } from "../../src/model.ts";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));
const RUNS = 3;
const SEED = "5";
/** A later run may take this much longer than the first, no more (a wedged server makes it three times as long). */
const SLOWDOWN = 1.5;
/** The first run with its defaults; the later ones are stopped once they cannot pass anyway, so a failure is quick. */
const FIRST_RUN_LIMIT_MS = 120_000;
/** Time an interrupted run has to clean up and write its report. */
const INTERRUPT_GRACE_MS = 15_000;

interface Report {
  run: { prefix: string; seed: number; endReason: string };
  results: CheckResult[];
  leftovers: string[];
}

interface Outcome {
  code: number | null;
  stderr: string;
  ms: number;
  report: Report;
}

let server: ReferenceServer;
const dir = mkdtempSync(join(tmpdir(), "conformance-repeat-e2e-"));
const outcomes: Outcome[] = [];

/** One full run through the command line; interrupted (as a Ctrl-C would) once it has taken `limitMs`. */
function conformance(n: number, limitMs: number): Promise<Outcome> {
  const json = join(dir, `report-${n}.json`);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [BIN, "--target", server.url, "--seed", SEED, "--report", "json", "--json-file", json],
    { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const interrupt = setTimeout(() => child.kill("SIGINT"), limitMs);
  const kill = setTimeout(() => child.kill("SIGKILL"), limitMs + INTERRUPT_GRACE_MS);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(interrupt);
      clearTimeout(kill);
      const ms = Date.now() - started;
      resolve({ code, stderr, ms, report: JSON.parse(readFileSync(json, "utf8")) as Report });
    }),
  );
}

const findingKeys = (report: Report) =>
  new Set(report.results.flatMap((r) => (r.verdict.status === "failed" ? r.verdict.findings.map((f) => f.key) : [])));

beforeAll(
  async () => {
    server = await startReferenceServer({});
    outcomes.push(await conformance(1, FIRST_RUN_LIMIT_MS));
    const limit = Math.ceil(outcomes[0]!.ms * SLOWDOWN) + 1_000;
    for (let n = 2; n <= RUNS; n++) outcomes.push(await conformance(n, limit));
  },
  FIRST_RUN_LIMIT_MS * (1 + (RUNS - 1) * SLOWDOWN) + RUNS * INTERRUPT_GRACE_MS + 30_000,
);

afterAll(async () => {
  await server?.stop();
});

describe("three full runs in a row against one official server", () => {
  it("each ends on its own, cleans up everything, and reports no suite error", () => {
    for (const { code, stderr, report } of outcomes) {
      expect({ code, endReason: report.run.endReason, seed: report.run.seed }).toEqual({
        code: 1,
        endReason: "finished",
        seed: Number(SEED),
      });
      expect(stderr).not.toContain("could not clean up");
      expect(report.leftovers).toEqual([]);
      const errored = report.results
        .filter((r) => r.verdict.status === "errored")
        .map((r) => `${r.operationId} ${r.checkId} (${r.source})`);
      expect(errored).toEqual([]);
    }
  });

  it(`each later run takes at most ${SLOWDOWN}× the first`, () => {
    const [first, ...later] = outcomes.map((o) => o.ms);
    for (const ms of later)
      expect(ms, `wall times ${outcomes.map((o) => o.ms).join(", ")} ms`).toBeLessThanOrEqual(first! * SLOWDOWN);
  });

  it("all find the same departures (the same finding keys)", () => {
    const [first, ...later] = outcomes.map((o) => findingKeys(o.report));
    expect(first!.size).toBeGreaterThan(0);
    for (const keys of later) {
      expect({
        onlyInFirst: [...first!].filter((k) => !keys.has(k)).sort(),
        onlyInLater: [...keys].filter((k) => !first!.has(k)).sort(),
      }).toEqual({ onlyInFirst: [], onlyInLater: [] });
    }
  });

  it("leave the server running runs: a short run on a fresh thread completes at once", async () => {
    const signal = AbortSignal.timeout(10_000);
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    const thread = (await (await post("/threads", {})).json()) as { thread_id: string };
    try {
      const waited = await post(`/threads/${thread.thread_id}/runs/wait`, {
        assistant_id: "agent",
        input: { messages: [{ role: "human", content: "still there?" }] },
      });
      expect(waited.status).toBe(200);
      const values = JSON.parse(await waited.text()) as { messages?: { content?: unknown }[] };
      expect(values.messages?.map((m) => m.content)).toEqual(["still there?", "echo: still there?"]);
    } finally {
      await fetch(`${server.url}/threads/${thread.thread_id}`, { method: "DELETE" });
    }
  });
});
