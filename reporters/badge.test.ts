// Tests for the badge: a shields.io endpoint document naming the level reached, its colour, partial runs, the file.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { CheckResult, RunInfo } from "../src/model.ts";
import { badgeFor, badgeReporter, buildBadge, DEFAULT_BADGE_FILE, type ShieldsEndpoint } from "./badge.ts";
import { extras, noExtras, results, run } from "./testdata.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The endpoint schema (https://shields.io/badges/endpoint-badge): known keys only, the required ones present. */
const SCHEMA_KEYS = new Set([
  "schemaVersion",
  "label",
  "message",
  "color",
  "labelColor",
  "isError",
  "namedLogo",
  "logoSvg",
  "logoColor",
  "logoWidth",
  "style",
  "cacheSeconds",
]);
function expectEndpoint(doc: unknown): asserts doc is ShieldsEndpoint {
  const o = doc as Record<string, unknown>;
  for (const key of Object.keys(o)) expect(SCHEMA_KEYS.has(key), key).toBe(true);
  expect(o.schemaVersion).toBe(1);
  expect(typeof o.label).toBe("string");
  expect(typeof o.message).toBe("string");
  expect(o.message).not.toBe("");
}

const rule = (id: string, level: "core" | "standard" | "optional", capability?: string) => ({
  id,
  title: id,
  kind: "rule" as const,
  area: "a",
  severity: "major" as const,
  level,
  ...(capability ? { capability } : {}),
});
const result = (checkId: string, status: "passed" | "failed", operationId = "create_thread"): CheckResult => ({
  operationId,
  checkId,
  source: "scenario:x",
  step: "s",
  verdict: status === "passed" ? { status } : { status, findings: [] },
});

describe("badge", () => {
  it("names the level reached in the colour of that level", () => {
    expect(badgeFor({ reached: "full", partial: false })).toEqual({
      schemaVersion: 1,
      label: "conformance",
      message: "full",
      color: "brightgreen",
    });
    expect(badgeFor({ reached: "standard", partial: false })).toMatchObject({ message: "standard", color: "green" });
    expect(badgeFor({ reached: "core", partial: false })).toMatchObject({ message: "core", color: "yellow" });
    expect(badgeFor({ reached: "none", partial: false })).toMatchObject({ message: "none", color: "red" });
    for (const reached of ["none", "core", "standard", "full"] as const)
      expectEndpoint(badgeFor({ reached, partial: true }));
  });

  it("follows the run's results", () => {
    const levels: RunInfo = {
      ...run,
      rules: [rule("c", "core"), rule("s", "standard"), rule("o", "optional", "crons")],
    };
    const crons = [{ name: "crons", supported: true, id: "crons" }];
    const all = [result("c", "passed"), result("s", "passed"), result("o", "passed")];
    expect(buildBadge(levels, all, 1, { capabilities: crons, reason: "finished" }).message).toBe("full");
    const noOptional = [result("c", "passed"), result("s", "passed"), result("o", "failed")];
    expect(buildBadge(levels, noOptional, 1, { capabilities: crons, reason: "finished" })).toMatchObject({
      message: "standard",
      color: "green",
    });
    expect(buildBadge(run, results, 1, extras)).toMatchObject({ message: "core", color: "yellow" });
    const coreFails = [result("c", "failed"), result("s", "passed")];
    expect(buildBadge(levels, coreFails, 1, noExtras)).toMatchObject({ message: "none", color: "red" });
  });

  it("says when the run was partial: a selection or an interruption", () => {
    const selected = { ...run, selection: { only: ["Threads"], skip: [] } };
    expect(buildBadge(selected, results, 1, extras)).toMatchObject({ message: "core (partial)", color: "yellow" });
    expect(buildBadge(run, results, 1, { ...extras, reason: "interrupted" }).message).toBe("core (partial)");
    expect(buildBadge({ ...run, selection: { only: [], skip: [] } }, results, 1, extras).message).toBe("core");
  });

  it("is written as an endpoint document where asked", async () => {
    const dir = await mkdtemp(join(tmpdir(), "badge-report-"));
    dirs.push(dir);
    const file = join(dir, "out", "badge.json");
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const reporter = badgeReporter({ outputFile: file, stream });
    expect(reporter.name).toBe("badge");
    expect(DEFAULT_BADGE_FILE).toBe("conformance-badge.json");
    await reporter.onRunEnd!(run, results, 5, extras);
    const doc: unknown = JSON.parse(await readFile(file, "utf8"));
    expectEndpoint(doc);
    expect(doc).toEqual({ schemaVersion: 1, label: "conformance", message: "core", color: "yellow" });
    expect(chunks.join("")).toBe(`Badge report written to ${file}\n`);
  });
});
