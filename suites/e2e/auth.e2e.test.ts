// The auth area against the real official server started with the graph pack's auth handler and its two users.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../fixtures/auth.ts";
import { startReferenceServer, type ReferenceServer } from "../../fixtures/reference-server.ts";
import type { CheckResult, VerdictStatus } from "../../src/model.ts";
import { AUTH } from "../auth/rules.ts";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));

let server: ReferenceServer;
const dir = mkdtempSync(join(tmpdir(), "conformance-auth-e2e-"));

function run(args: string[]): Promise<{ code: number; report: { results: CheckResult[] }; text: string }> {
  const json = join(dir, `report-${Math.random().toString(16).slice(2)}.json`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, "--target", server.url, "--only", "auth", "--runs", "0", "--report", "json", "--json-file", json, ...args],
      { timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } },
      (error) => {
        const text = readFileSync(json, "utf8");
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, report: JSON.parse(text), text });
      },
    );
  });
}

const statuses = (results: CheckResult[]) => {
  const byRule = new Map<string, Set<VerdictStatus>>();
  for (const r of results) byRule.set(r.checkId, (byRule.get(r.checkId) ?? new Set()).add(r.verdict.status));
  return byRule;
};

beforeAll(async () => {
  server = await startReferenceServer({ auth: true });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe("the auth area on the official server with the graph pack's auth handler", () => {
  it("runs every auth rule with two users, and the server keeps them apart", async () => {
    const { code, report, text } = await run([
      "--auth",
      `Authorization: ${bearer("alice")}`,
      "--auth-other",
      `Authorization: ${bearer("bob")}`,
    ]);
    const byRule = statuses(report.results);
    expect([...byRule.keys()].sort()).toEqual(Object.keys(AUTH).sort());
    for (const [rule, seen] of byRule) {
      // Cron cases are not implemented: the server declares crons: false.
      expect([rule, [...seen].filter((s) => s !== "passed" && s !== "not_implemented")]).toEqual([rule, []]);
      expect([rule, seen.has("passed")]).toEqual([rule, true]);
    }
    expect(code).toBe(0);
    expect(text).not.toContain("cf-test-token-alice");
    expect(text).not.toContain("cf-test-token-bob");
  }, 120_000);

  it("skips the isolation rules, saying why, without a second user; the exit code does not change", async () => {
    const { code, report } = await run(["--auth", `Authorization: ${bearer("alice")}`]);
    const isolation = report.results.filter((r) => r.checkId.startsWith("auth_isolation_"));
    expect(isolation.length).toBeGreaterThan(0);
    expect(new Set(isolation.map((r) => r.verdict.status === "skipped" && r.verdict.reason))).toEqual(
      new Set(["no second identity: pass --auth-other"]),
    );
    expect(new Set(statuses(report.results).get("auth_required"))).toEqual(new Set(["passed"]));
    expect(code).toBe(0);
  }, 120_000);
});
