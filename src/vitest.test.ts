// The Vitest entry's parts: results to test outcomes, the run tracker, the layout of describes, and bad options.

import { beforeAll, describe, expect, it, vi } from "vitest";
import { AREAS } from "../suites/index.ts";
import type { CheckResult, Finding, Verdict } from "./model.ts";
import { InputError, planSuite, type SuitePlan } from "./suite-run.ts";
import {
  ConformanceFailure,
  describeConformance,
  HAZARD_GROUP,
  layout,
  operationEnd,
  PROPERTY_GROUP,
  report,
  RunTracker,
  testOutcome,
  type TestOutcome,
} from "./vitest.ts";

const result = (checkId: string, verdict: Verdict, extra: Partial<CheckResult> = {}): CheckResult => ({
  operationId: "getOk",
  checkId,
  source: "scenario:system.endpoints",
  step: "health check",
  verdict,
  ...extra,
});

const finding = (key: string, message: string): Finding => ({
  checkId: "health_answers_ok_true",
  severity: "major",
  operationId: "getOk",
  message,
  key,
  cause: key,
});

const curl = "curl -X GET 'http://127.0.0.1:9/ok'";
const exchange = { request: { method: "GET", url: "http://127.0.0.1:9/ok", headers: {} }, curl };
const ran = { status: "ran" } as const;

describe("testOutcome", () => {
  it("fails a test whose rule failed, with each distinct finding's message and its curl", () => {
    const failed: Verdict = { status: "failed", findings: [finding("k1", "Received: false / Documented: true")] };
    const outcome = testOutcome({
      outcome: ran,
      results: [
        result("health_answers_ok_true", failed, { exchange }),
        result("health_answers_ok_true", failed, { exchange }),
        result("info_names_version_and_flags", { status: "passed" }),
      ],
    });
    expect(outcome).toEqual({
      state: "fail",
      message: `health_answers_ok_true (major) on getOk, health check: Received: false / Documented: true\n  ${curl}`,
    });
  });

  it("fails a test whose generic check failed, though its rules passed", () => {
    const outcome = testOutcome({
      outcome: ran,
      results: [
        result("health_answers_ok_true", { status: "passed" }),
        result("status_code_conformance", { status: "failed", findings: [finding("k2", "Received: 500")] }),
      ],
    });
    expect(outcome).toMatchObject({ state: "fail", message: expect.stringContaining("Received: 500") });
  });

  it("skips a test whose rules were all skipped or not implemented, saying why, grouped by reason", () => {
    const outcome = testOutcome({
      outcome: ran,
      results: [
        result("metrics_json_is_object", { status: "not_implemented", reason: "no route" }),
        result("docs_answers_html_page", { status: "not_implemented", reason: "no route" }),
        result("health_answers_ok_true", { status: "skipped", reason: "no second user" }),
        // Generic checks of the exchanges that were made do not make the scenario's rules judged.
        result("status_code_conformance", { status: "passed" }),
      ],
    });
    expect(outcome).toEqual({
      state: "skip",
      reason:
        "not implemented: no route (metrics_json_is_object, docs_answers_html_page); skipped: no second user (health_answers_ok_true)",
    });
  });

  it("passes a test with a passed rule, noting the rules not judged but not the inapplicable generic checks", () => {
    const outcome = testOutcome({
      outcome: ran,
      results: [
        result("health_answers_ok_true", { status: "passed" }),
        result("docs_answers_html_page", { status: "not_implemented", reason: "no route" }),
        result("response_headers_conformance", { status: "skipped", reason: "no headers documented" }),
      ],
    });
    expect(outcome).toEqual({ state: "pass", notes: ["not implemented: no route (docs_answers_html_page)"] });
  });

  it("judges the generic checks where nothing else was reported (the property phase)", () => {
    const skipped = result("negative_data_rejection", { status: "skipped", reason: "documents no 4xx" });
    expect(testOutcome({ outcome: ran, results: [skipped] })).toEqual({
      state: "skip",
      reason: "skipped: documents no 4xx (negative_data_rejection)",
    });
    const passed = result("positive_data_acceptance", { status: "passed" });
    expect(testOutcome({ outcome: ran, results: [passed, skipped] })).toEqual({
      state: "pass",
      notes: ["skipped: documents no 4xx (negative_data_rejection)"],
    });
  });

  it("lists at most four rules per reason", () => {
    const ids = ["a", "b", "c", "d", "e", "f"];
    const outcome = testOutcome({
      outcome: ran,
      results: ids.map((id) => result(id, { status: "not_implemented", reason: "no route" })),
    });
    expect(outcome).toEqual({ state: "skip", reason: "not implemented: no route (a, b, c, d and 2 more)" });
  });

  it("fails a test on a suite error: the phase's reason once, and other errored verdicts by message", () => {
    const outcome = testOutcome({
      outcome: { status: "errored", reason: "boom" },
      results: [
        result("health_answers_ok_true", { status: "errored", message: "boom" }),
        result("info_names_version_and_flags", { status: "errored", message: "other" }),
        result("docs_answers_html_page", { status: "errored", message: "other" }),
      ],
    });
    expect(outcome).toEqual({
      state: "fail",
      message: "the scenario errored: boom\n\nerrored (info_names_version_and_flags, docs_answers_html_page): other",
    });
    expect(testOutcome({ outcome: ran, results: [result("x", { status: "errored", message: "timed out" })] })).toEqual({
      state: "fail",
      message: "errored (x): timed out",
    });
  });

  it("fails an interrupted phase, skips a skipped one, and skips what the run did not plan", () => {
    expect(testOutcome({ outcome: { status: "interrupted", reason: "stopped" }, results: [] })).toEqual({
      state: "fail",
      message: "the scenario was interrupted: stopped",
    });
    expect(testOutcome({ outcome: { status: "skipped", reason: "needs --hazards" }, results: [] })).toEqual({
      state: "skip",
      reason: "needs --hazards",
    });
    expect(testOutcome({ results: [] })).toMatchObject({ state: "skip", reason: expect.stringContaining("only/skip") });
    expect(testOutcome({ outcome: ran, results: [] })).toEqual({ state: "skip", reason: "it reported no result" });
  });
});

describe("operationEnd", () => {
  const onOp = (operationId: string, verdict: Verdict) =>
    result("positive_data_acceptance", verdict, { operationId, source: "property:valid" });

  it("keeps one operation's results of the property phase", () => {
    const end = { outcome: ran, results: [onOp("a", { status: "passed" }), onOp("b", { status: "passed" })] };
    expect(operationEnd(end, "a").results.map((r) => r.operationId)).toEqual(["a"]);
  });

  it("blames a phase error only on the operations that reported nothing", () => {
    const end = {
      outcome: { status: "errored", reason: "timed out" } as const,
      results: [onOp("a", { status: "passed" })],
    };
    expect(testOutcome(operationEnd(end, "a"))).toEqual({ state: "pass", notes: [] });
    expect(testOutcome(operationEnd(end, "b"))).toEqual({
      state: "fail",
      message: "the scenario errored: timed out",
    });
  });
});

describe("RunTracker", () => {
  it("resolves a phase at its end with its results, whoever asked first", async () => {
    const tracker = new RunTracker();
    const early = tracker.phase("s1");
    const r1 = result("x", { status: "passed" }, { source: "scenario:s1" });
    const r2 = result("y", { status: "passed" }, { source: "scenario:s2" });
    await tracker.listener({ type: "check-result", result: r1 });
    await tracker.listener({ type: "check-result", result: r2 });
    await tracker.listener({ type: "phase-end", phase: "s1", outcome: ran });
    expect(await early).toEqual({ outcome: ran, results: [r1] });
    await tracker.listener({ type: "phase-end", phase: "s2", outcome: ran });
    expect(await tracker.phase("s2")).toEqual({ outcome: ran, results: [r2] });
    expect(tracker.done(["s1", "s2"])).toBe(true);
    expect(tracker.done(["s1", "s3"])).toBe(false);
  });

  it("groups the property phase's results under it", async () => {
    const tracker = new RunTracker();
    const valid = result("positive_data_acceptance", { status: "passed" }, { source: "property:valid" });
    const plain = result("negative_data_rejection", { status: "skipped", reason: "r" }, { source: "property" });
    await tracker.listener({ type: "check-result", result: valid });
    await tracker.listener({ type: "check-result", result: plain });
    await tracker.listener({ type: "phase-end", phase: "property", outcome: ran });
    expect((await tracker.phase("property")).results).toEqual([valid, plain]);
  });

  it("ends the phases a finished run did not reach without an outcome", async () => {
    const tracker = new RunTracker();
    const waiting = tracker.phase("s1");
    tracker.settle();
    expect(await waiting).toEqual({ results: [] });
    expect(await tracker.phase("s2")).toEqual({ results: [] });
    expect(tracker.done(["s1"])).toBe(true);
  });

  it("fails every test still waiting, and every later one, when the run fails", async () => {
    const tracker = new RunTracker();
    await tracker.listener({ type: "phase-end", phase: "s0", outcome: ran });
    const waiting = tracker.phase("s1");
    tracker.settle(new Error("cannot reach http://127.0.0.1:9"));
    await expect(waiting).rejects.toThrow("cannot reach");
    await expect(tracker.phase("s2")).rejects.toThrow("cannot reach");
    expect(await tracker.phase("s0")).toEqual({ outcome: ran, results: [] });
  });
});

describe("report", () => {
  const context = () => ({
    skip: vi.fn((note?: string) => {
      throw new Error(`skipped: ${note}`);
    }),
    annotate: vi.fn(async () => ({})),
  });
  const show = (outcome: TestOutcome, ctx: ReturnType<typeof context>) => report(outcome, ctx as never);

  it("throws a failure whose stack is its message alone", async () => {
    const error = await show({ state: "fail", message: "a\n  curl" }, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceFailure);
    expect((error as Error).stack).toBe("ConformanceFailure: a\n  curl");
  });

  it("skips with the reason, and annotates a pass with each note", async () => {
    const skipping = context();
    await expect(show({ state: "skip", reason: "no route" }, skipping)).rejects.toThrow("skipped: no route");
    const passing = context();
    await show({ state: "pass", notes: ["n1", "n2"] }, passing);
    expect(passing.annotate.mock.calls).toEqual([
      ["n1", "notice"],
      ["n2", "notice"],
    ]);
    expect(passing.skip).not.toHaveBeenCalled();
  });
});

describe("layout", () => {
  let planned: SuitePlan;
  beforeAll(async () => {
    // Every client, whichever this machine has: a client that is missing is the run's to skip, not the layout's.
    planned = await planSuite({ runs: 1, sdk: ["js", "python", "python-latest"] });
  });
  /** The plan under a selection, with or without the property phase (one spec load for every case). */
  const plan = (only: string[], property = false): SuitePlan => ({
    ...planned,
    options: { ...planned.options, only, runs: property ? 1 : 0 },
    scenarios: planned.scenarios.filter((s) => property || s.id !== "property"),
  });
  const titles = (groups: ReturnType<typeof layout>) => groups.map((g) => g.title);

  it("declares a describe per area in order, each with its scenarios, and the hazards last", () => {
    const groups = layout(plan([]));
    expect(titles(groups)).toEqual([...AREAS.map((a) => a.title), HAZARD_GROUP]);
    for (const area of AREAS) {
      const group = groups.find((g) => g.title === area.title)!;
      const scenarios = area.scenarios.filter((s) => !s.hazard);
      expect(group.tests.map((t) => t.phase)).toEqual(scenarios.map((s) => s.id));
      expect(group.tests.map((t) => t.name)).toEqual(scenarios.map((s) => `${s.id}: ${s.title}`));
      expect(group.timeoutMs).toBeGreaterThanOrEqual(scenarios.length * 60_000);
    }
    const hazards = AREAS.flatMap((a) => a.scenarios.filter((s) => s.hazard));
    expect(groups.at(-1)!.scenarios).toEqual(hazards);
  });

  it("declares only what the selection can report", () => {
    expect(layout(plan(["System"])).map((g) => [g.title, g.tests.map((t) => t.phase)])).toEqual([
      ["System", ["system.endpoints"]],
    ]);
    const byRule = layout(plan(["store_ttl"]));
    expect(titles(byRule)).toEqual(["Store"]);
    expect(byRule[0]!.tests.map((t) => t.phase)).toEqual(["store.semantics.ttl"]);
    expect(layout(plan(["System", "crons"]))).toEqual([]);
  });

  it("declares the property phase, a test per operation it explores, before the hazards", () => {
    const whole = layout(plan([], true));
    expect(titles(whole).slice(-2)).toEqual([PROPERTY_GROUP, HAZARD_GROUP]);
    const groups = layout(plan(["Assistants"], true));
    // The auth area's scenarios judge rules on assistants' operations too.
    expect(titles(groups)).toEqual(["Assistants", "SDK", "Auth", PROPERTY_GROUP]);
    const property = groups.at(-1)!;
    expect(property.scenarios.map((s) => s.id)).toEqual(["property"]);
    expect(property.tests.length).toBeGreaterThan(3);
    for (const test of property.tests) {
      const op = planned.spec.byId.get(test.operationId!)!;
      expect(op.tag).toBe("Assistants");
      expect(test).toEqual({
        name: `${op.operationId}: ${op.method} ${op.path}`,
        phase: "property",
        operationId: op.operationId,
      });
    }
  });
});

describe("describeConformance", () => {
  it("refuses an unknown report and a shard at once", () => {
    expect(() => describeConformance({ reports: ["console", "pdf"] })).toThrow(InputError);
    expect(() => describeConformance({ reports: ["console", "pdf"] })).toThrow(/`reports` must name .*received pdf/);
    expect(() => describeConformance({ shard: { index: 1, count: 2 } } as never)).toThrow(/shard/);
  });
});
