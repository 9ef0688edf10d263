// Differential mode on real servers: pure-graph compared with the official JS server that `--compare reference`
// starts lists differences with both exchanges; the official server compared with itself lists none. Kept short
// (`--only Threads --runs 0`): both comparisons run at once, about half a minute in all.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPureGraphServer } from "../../fixtures/pure-graph.ts";
import { startReferenceServer } from "../../fixtures/reference-server.ts";
import type { Difference } from "../../src/compare/model.ts";
import type { JsonReport } from "../../reporters/json.ts";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "conformance-compare-e2e-"));

interface Compared {
  code: number;
  stdout: string;
  stderr: string;
  report: JsonReport;
}

function compare(target: string, reference: string, name: string): Promise<Compared> {
  const json = join(dir, `${name}.json`);
  const args = [BIN, "--target", target, "--compare", reference, "--only", "Threads", "--runs", "0", "--seed", "11"];
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [...args, "--report", "console,json", "--json-file", json],
      { timeout: 120_000, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          const report = JSON.parse(readFileSync(json, "utf8")) as JsonReport;
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, report });
        } catch (err) {
          reject(new Error(`no report (${(err as Error).message}); stderr: ${stderr}`));
        }
      },
    ),
  );
}

let pureGraph: { url: string; stop(): Promise<void> } | undefined;
let official: { url: string; stop(): Promise<void> } | undefined;
let againstReference: Compared;
let withItself: Compared;

beforeAll(async () => {
  [pureGraph, official] = await Promise.all([startPureGraphServer({}), startReferenceServer({})]);
  [againstReference, withItself] = await Promise.all([
    compare(pureGraph.url, "reference", "pure-graph"),
    compare(official.url, official.url, "itself"),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([pureGraph?.stop(), official?.stop()]);
});

describe("--compare on real servers", () => {
  it("lists where pure-graph and the official server differ, each difference with both exchanges", () => {
    const comparison = againstReference.report.comparison!;
    expect(comparison.reference).toBe("reference");
    expect(comparison.url).not.toBe(pureGraph!.url);
    expect(comparison.prefix).not.toBe(againstReference.report.run.prefix);
    expect(comparison.seed).toBe(11);
    const differences = comparison.differences as Difference[];
    expect(differences.length).toBeGreaterThan(0);
    const withBoth = differences.filter((d) => d.exchanges.target && d.exchanges.reference);
    expect(withBoth.length).toBeGreaterThan(0);
    for (const d of withBoth) {
      expect(d.exchanges.target!.request.url.startsWith(pureGraph!.url)).toBe(true);
      expect(d.exchanges.reference!.request.url.startsWith(comparison.url)).toBe(true);
    }
    expect(new Set(differences.map((d) => d.kind))).toContain("status");
    expect(comparison.counts.total).toBe(differences.length);
    expect(againstReference.stdout).toContain("Differences from reference");
    expect(againstReference.stdout).toMatch(/target {6}.*\n.*curl -sS/);
    // pure-graph departs from the document: the run fails for that, as it would without --compare.
    expect(againstReference.code).toBe(1);
    expect(againstReference.stderr).not.toMatch(/internal error/);
  });

  it("finds no difference between the official server and itself", () => {
    const comparison = withItself.report.comparison!;
    expect(comparison.differences).toEqual([]);
    expect(comparison.unpaired).toEqual([]);
    expect(withItself.report.results.length).toBeGreaterThan(100);
    expect(withItself.stdout).toMatch(/0 differences: 0 where the target departs/);
  });
});
