// Reading a JSON report back into its run-end event, and merging runs made side by side into one.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { startFake } from "../fixtures/fakes/index.ts";
import { runConformance } from "../src/engine/run.ts";
import type { Scenario } from "../src/engine/scenario.ts";
import type { Shard } from "../src/engine/shard.ts";
import type { Capability, CheckResult, RunInfo } from "../src/model.ts";
import type { Catalogue } from "../src/rules/catalogue.ts";
import { loadSpec, type LoadedSpec } from "../src/spec/load.ts";
import { catalogue as suiteCatalogue, SCENARIOS } from "../suites/index.ts";
import { createReporters, reporterListener } from "./index.ts";
import { buildJsonReport, type JsonReport } from "./json.ts";
import { MergeError, mergeLabelled, mergeRuns, runEndFromJson, UNNAMED_SELECTION, type RunEnd } from "./merge.ts";
import { criticalFinding, extras, results, run as baseRun } from "./testdata.ts";
import { judge } from "./verdict.ts";

const run: RunInfo = { ...baseRun, selection: { only: [], skip: [] }, plannedPhases: extras.phases.length };
const catalogue = { version: run.catalogueVersion, entries: run.rules };
const end = (overrides: Partial<RunEnd> = {}, info: Partial<RunInfo> = {}): RunEnd => ({
  type: "run-end",
  run: { ...run, ...info },
  results,
  durationMs: 1234,
  ...extras,
  ...overrides,
});
const reportOf = (e: RunEnd) =>
  JSON.parse(JSON.stringify(buildJsonReport(e.run, e.results, e.durationMs, e))) as Record<string, unknown>;
const shard = (index: number, count: number, overrides: Partial<RunEnd> = {}, info: Partial<RunInfo> = {}) =>
  end(overrides, { ...info, shard: { index, count } });

describe("runEndFromJson", () => {
  it("gives back the run-end event the report was written from: the same report again", () => {
    const original = end();
    const report = reportOf(original);
    const back = runEndFromJson(report, catalogue);
    // The report lists the methods seen only in results after the catalogue's: so does the run read back.
    expect(back.run).toEqual({ ...original.run, sdkMethods: [...original.run.sdkMethods, "threads.update_state"] });
    expect(back.results).toEqual(JSON.parse(JSON.stringify(original.results)));
    expect(back.capabilities).toEqual(original.capabilities);
    expect(back.leftovers).toEqual(original.leftovers);
    expect(back.phases).toEqual(original.phases);
    expect([back.durationMs, back.reason]).toEqual([1234, "finished"]);
    expect(reportOf(back)).toEqual(report);
  });

  it("keeps the shard the report is of, and an interruption", () => {
    const back = runEndFromJson(reportOf(shard(2, 3, { reason: "interrupted" })), catalogue);
    expect(back.run.shard).toEqual({ index: 2, count: 3 });
    expect(back.reason).toBe("interrupted");
  });

  it("keeps the selection a report names, and marks one that does not name it as partial", () => {
    const report = reportOf(end({}, { selection: { only: ["core"], skip: [] } }));
    expect(runEndFromJson(report, catalogue).run.selection).toEqual({ only: ["core"], skip: [] });
    const { selection: _named, ...unnamedRun } = report.run as { selection?: unknown };
    const back = runEndFromJson({ ...report, run: unnamedRun }, catalogue);
    expect(back.run.selection).toEqual({ only: [UNNAMED_SELECTION], skip: [] });
    expect(judge(back.run, back.results, back, { failOn: "minor" }).levels.partial).toBe(true);
  });

  it.each([
    ["not an object", [], /^it is not a report of langgraph-agent-server-conformance$/],
    ["another tool's report", { ...reportOf(end()), tool: { name: "other" } }, /^it is not a report of /],
    [
      "another schemaVersion",
      { ...reportOf(end()), schemaVersion: 2 },
      /^it has schemaVersion 2, and this version of the suite reads schemaVersion 1$/,
    ],
    ["no results", { ...reportOf(end()), results: undefined }, /^it is incomplete: the report must have .*results/],
    [
      "a seed that is no number",
      { ...reportOf(end()), run: { ...reportOf(end()).run!, seed: "1" } },
      /^it is incomplete: \/run\/seed must be number$/,
    ],
  ])("refuses %s in one line", (_, report, message) => {
    expect(() => runEndFromJson(report, catalogue)).toThrow(MergeError);
    expect(() => runEndFromJson(report, catalogue)).toThrow(message);
  });

  it("refuses a report of another catalogue: its rules are not this suite's", () => {
    expect(() => runEndFromJson(reportOf(end()), { ...catalogue, version: "ffffffffffff" })).toThrow(
      /^it was made with catalogue 0123456789ab, and this version of the suite has catalogue ffffffffffff$/,
    );
  });
});

describe("mergeRuns", () => {
  const [first, second] = [results.slice(0, 4), results.slice(4)];
  const one: CheckResult = {
    operationId: "create_thread",
    checkId: "status-code",
    source: "scenario:b",
    step: "create",
    verdict: { status: "failed", findings: [criticalFinding] },
  };

  it("joins results (in shard order), phases and leftovers; the duration is the longest part's", () => {
    const a = shard(1, 2, {
      results: first,
      durationMs: 50,
      leftovers: ["thread t1"],
      phases: [{ id: "a", title: "A", outcome: { status: "ran" }, durationMs: 40 }],
    });
    const b = shard(2, 2, {
      results: [...second, one],
      durationMs: 70,
      leftovers: [],
      phases: [{ id: "b", title: "B", outcome: { status: "skipped", reason: "no" } }],
    });
    const merged = mergeRuns([b, a]);
    expect(merged.type).toBe("run-end");
    expect(merged.results).toEqual([...first, ...second, one]);
    expect(merged.phases.map((p) => p.id)).toEqual(["a", "b"]);
    expect(merged.leftovers).toEqual(["thread t1"]);
    expect(merged.durationMs).toBe(70);
    expect(merged.reason).toBe("finished");
    expect(merged.run.shard).toBeUndefined();
    expect(merged.run.plannedPhases).toBe(2 * run.plannedPhases!);
  });

  it("judges the merged run as the whole: the same departures as one run with every result", () => {
    const whole = end({ results: [...results, one] });
    const merged = mergeRuns([shard(1, 2, { results: first }), shard(2, 2, { results: [...second, one] })]);
    const departures = (e: RunEnd) =>
      judge(e.run, e.results, e, { failOn: "minor" }).departures.map((d) => [d.cause, d.findings.length]);
    expect(departures(merged)).toEqual(departures(whole));
  });

  it("merges capabilities: one per name, supported if any part saw it, what the target declares kept", () => {
    const caps = (...list: Capability[]) => ({ capabilities: list });
    const merged = mergeRuns([
      shard(1, 3, caps({ name: "crons", supported: false, detail: "500", id: "crons", declared: true })),
      shard(2, 3, caps({ name: "crons", supported: true }, { name: "stream mode: values", supported: true })),
      shard(3, 3, caps({ name: "store_ttl", id: "store_ttl", supported: false, declared: false })),
    ]);
    expect(merged.capabilities).toEqual([
      { name: "crons", supported: true, id: "crons", declared: true },
      { name: "stream mode: values", supported: true },
      { name: "store_ttl", id: "store_ttl", supported: false, declared: false },
    ]);
  });

  it("lists the targets, prefixes and spec sources when each machine had its own, and starts at the earliest", () => {
    const merged = mergeRuns([
      shard(1, 2, {}, { target: "http://127.0.0.1:1", prefix: "cf-1", startedAt: "2025-01-01T00:00:05.000Z" }),
      shard(2, 2, {}, { target: "http://127.0.0.1:2", prefix: "cf-2", startedAt: "2025-01-01T00:00:01.000Z" }),
    ]);
    expect(merged.run.target).toBe("http://127.0.0.1:1, http://127.0.0.1:2");
    expect(merged.run.prefix).toBe("cf-1, cf-2");
    expect(merged.run.spec).toEqual(run.spec);
    expect(merged.run.startedAt).toBe("2025-01-01T00:00:01.000Z");
    expect(merged.run.embedded).toBe(true);
    expect(mergeRuns([shard(1, 2), shard(2, 2, {}, { embedded: false })]).run.embedded).toBe(false);
  });

  it("is interrupted when a part was, and keeps the selection the parts had", () => {
    const selection = { only: ["core"], skip: ["crons"] };
    const merged = mergeRuns([shard(1, 2, { reason: "interrupted" }, { selection }), shard(2, 2, {}, { selection })]);
    expect(merged.reason).toBe("interrupted");
    expect(merged.run.selection).toEqual(selection);
  });

  it("merges runs that are not shards, such as one run per area", () => {
    const merged = mergeRuns([end({ results: first }), end({ results: second })]);
    expect(merged.results).toEqual(results);
  });

  it.each([
    [
      "another catalogue",
      [shard(1, 2), shard(2, 2, {}, { catalogueVersion: "ffffffffffff" })],
      "cannot merge runs that differ in their catalogue version (0123456789ab in part 1, ffffffffffff in part 2)",
    ],
    [
      "another seed",
      [shard(1, 2), shard(2, 2, {}, { seed: 1 })],
      "cannot merge runs that differ in their seed (4242 in part 1, 1 in part 2)",
    ],
    [
      "another spec",
      [end(), end({}, { spec: { ...run.spec, version: "0.2.0" } })],
      "cannot merge runs that differ in their spec (LangGraph Platform 0.1.0 in part 1, LangGraph Platform 0.2.0 in part 2)",
    ],
    [
      "other operations",
      [end(), end({}, { operations: run.operations.slice(1) })],
      "cannot merge runs that differ in their spec's operations (part 1, part 2)",
    ],
    ["a missing shard", [shard(1, 3), shard(3, 3)], "shard 2/3 is missing: merge every shard of the run"],
    ["missing shards", [shard(2, 3)], "shards 1/3, 3/3 are missing: merge every shard of the run"],
    ["a shard twice", [shard(1, 2), shard(1, 2), shard(2, 2)], "part 1 and part 2 are both shard 1/2"],
    [
      "shards of different counts",
      [shard(1, 2), shard(2, 3)],
      "cannot merge runs that differ in their shard count (2 in part 1, 3 in part 2)",
    ],
    [
      "a shard and a whole run",
      [shard(1, 2), end()],
      "part 2 is a whole run and part 1 a shard: merge the shards of one run",
    ],
    ["nothing", [], "there is nothing to merge"],
  ])("refuses %s with a clear error", (_, parts, message) => {
    expect(() => mergeRuns(parts)).toThrow(MergeError);
    expect(() => mergeRuns(parts)).toThrow(message);
  });

  it("names the parts as given in its errors", () => {
    expect(() =>
      mergeLabelled([
        { label: "a.json", end: shard(1, 2) },
        { label: "b.json", end: shard(2, 2, {}, { seed: 9 }) },
      ]),
    ).toThrow("(4242 in a.json, 9 in b.json)");
  });
});

describe("a run split into two shards, against a fake with planted faults", () => {
  const FAULTS = [
    "store_put_merges",
    "store_delete_ignored",
    "thread_update_replaces_metadata",
    "500:GET /assistants/{assistant_id}",
  ];
  const dir = mkdtempSync(join(tmpdir(), "conformance-shards-"));
  let spec: LoadedSpec;
  let suite: Catalogue;
  let scenarios: Scenario[];

  /** One run on a fresh fake, its JSON report written as the CLI writes it, and read back. */
  async function runToJson(name: string, shard?: Shard): Promise<{ end: RunEnd; report: JsonReport }> {
    const server = await startFake(FAULTS);
    const file = join(dir, `${name}.json`);
    try {
      await runConformance({
        spec,
        target: server.url,
        embedded: false,
        headers: {},
        timeoutMs: 5_000,
        seed: 3,
        selection: { only: [], skip: [] },
        catalogue: suite,
        scenarios,
        listeners: [reporterListener(createReporters(["json"], { json: file }, new PassThrough()))],
        hazards: true,
        ...(shard ? { shard } : {}),
      });
    } finally {
      await server.close();
    }
    const report = JSON.parse(readFileSync(file, "utf8")) as JsonReport;
    return { end: runEndFromJson(report, suite), report };
  }

  let whole: { end: RunEnd; report: JsonReport };
  let parts: { end: RunEnd; report: JsonReport }[];
  beforeAll(async () => {
    spec = await loadSpec();
    suite = suiteCatalogue(spec.operations);
    scenarios = [
      ...SCENARIOS.filter((s) => ["store", "threads", "assistants"].includes(s.id.split(".")[0]!)),
      ...SCENARIOS.filter((s) => s.hazard),
    ].filter((s) => s.id !== "store.semantics.ttl");
    whole = await runToJson("whole");
    parts = await Promise.all([
      runToJson("shard-1", { index: 1, count: 2 }),
      runToJson("shard-2", { index: 2, count: 2 }),
    ]);
  }, 120_000);

  const judged = (end: RunEnd) => judge(end.run, end.results, end, { failOn: "minor" });
  const departures = (end: RunEnd) =>
    Object.fromEntries(judged(end).departures.map((d) => [d.cause, d.findings.map((f) => f.finding.key).sort()]));

  it("has each shard run a part of the plan, named in its report, and report nothing of the other part", () => {
    expect(parts.map((p) => p.report.run.shard)).toEqual([
      { index: 1, count: 2 },
      { index: 2, count: 2 },
    ]);
    const phases = parts.map((p) => p.end.phases.map((ph) => ph.id));
    expect(phases.every((ids) => ids.length > 0)).toBe(true);
    expect([...phases[0]!, ...phases[1]!].sort()).toEqual(whole.end.phases.map((ph) => ph.id).sort());
    expect(phases[1]).toContain(scenarios.find((s) => s.hazard)!.id);
    const phaseOf = (source: string) => (source.startsWith("scenario:") ? source.slice(9) : source.split(":")[0]!);
    parts.forEach((part, i) => {
      for (const result of part.end.results.filter((r) => r.source !== "cleanup"))
        expect(phases[i], result.source).toContain(phaseOf(result.source));
    });
  });

  it("merges into the same departures (causes and keys), level and exit code as the run in one piece", () => {
    const merged = mergeRuns(parts.map((p) => p.end));
    const [one, split] = [judged(whole.end), judged(merged)];
    expect(Object.keys(departures(whole.end)).length).toBeGreaterThan(2);
    expect(departures(merged)).toEqual(departures(whole.end));
    expect(split.levels.reached).toBe(one.levels.reached);
    expect(split.levels.counts).toEqual(one.levels.counts);
    expect(split.exitCode).toBe(one.exitCode);
    expect(split.exitCode).toBe(1);
    expect(merged.results).toHaveLength(whole.end.results.length);
    expect(merged.run.plannedPhases).toBe(whole.end.run.plannedPhases);
  });
});
