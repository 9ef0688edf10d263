// The run's verdict: exit codes by severity, departures grouped by cause, a baseline, and the level reached.
import { describe, expect, it } from "vitest";
import type { CheckResult, Finding, RunInfo } from "../src/model.ts";
import { parseBaseline } from "../src/baseline.ts";
import { extras, noExtras, results, run } from "./testdata.ts";
import { judge } from "./verdict.ts";

const finding = (
  operationId: string,
  key: string,
  cause: string,
  severity: Finding["severity"] = "major",
): Finding => ({
  checkId: "status-code",
  severity,
  operationId,
  message: `Received: 400 on ${operationId}`,
  key: `status-code:${operationId}:${key}`,
  cause: `status-code:${cause}`,
});
const failed = (f: Finding): CheckResult => ({
  operationId: f.operationId,
  checkId: f.checkId,
  source: "probe",
  step: "s",
  verdict: { status: "failed", findings: [f] },
});
const passed = (operationId: string, checkId: string): CheckResult => ({
  operationId,
  checkId,
  source: "probe",
  step: "s",
  verdict: { status: "passed" },
});
const baseline = (...keys: string[]) =>
  parseBaseline(JSON.stringify({ accepted: keys.map((key) => ({ key, note: "n" })) }), "b.json");

describe("exit codes", () => {
  it("follow the fail-on threshold, and fail on a suite error whatever it is", () => {
    expect(judge(run, results, extras, { failOn: "minor" }).exitCode).toBe(1);
    const noErrors = results.filter((r) => r.verdict.status !== "errored");
    const onlyMinor = noErrors.filter((r) => r.verdict.status !== "failed" || r.checkId === "content-type");
    expect(judge(run, onlyMinor, extras, { failOn: "minor" }).exitCode).toBe(1);
    expect(judge(run, onlyMinor, extras, { failOn: "major" }).exitCode).toBe(0);
    expect(judge(run, noErrors, extras, { failOn: "critical" }).exitCode).toBe(1);
    const onlyError = results.filter((r) => r.verdict.status !== "failed");
    expect(judge(run, onlyError, extras, { failOn: "critical" })).toMatchObject({
      exitCode: 1,
      because: "1 suite error",
    });
    expect(judge(run, [], extras, { failOn: "minor" }).verdict).toBe("passed");
  });
});

describe("departures", () => {
  const seen = [
    failed(finding("create_assistant", "received 400, documented 200, 422", "received 400")),
    failed(finding("create_thread", "received 400, documented 200, 409, 422", "received 400")),
    failed(finding("create_thread", "received 400, documented 200, 409, 422", "received 400")),
    failed(finding("get_thread", "received 500, documented 200, 404", "received 500", "critical")),
  ];

  it("group findings of one cause across operations, with every operation and one example each", () => {
    const { departures } = judge(run, seen, noExtras, { failOn: "minor" });
    expect(departures.map((d) => [d.cause, d.operations, d.occurrences])).toEqual([
      ["status-code:received 500", ["get_thread"], 1],
      ["status-code:received 400", ["create_assistant", "create_thread"], 3],
    ]);
    expect(departures[1]!.title).toBe("Documented status code");
  });

  it("are new or known against a baseline; only new findings fail the run, and fixed entries are listed", () => {
    const all = judge(run, seen, noExtras, { failOn: "minor" });
    const keys = all.departures.flatMap((d) => d.findings.map((f) => f.finding.key));
    const accepted = baseline(...keys, "status-code:search_assistants:received 404, documented 200");
    const known = judge(run, [...seen, passed("search_assistants", "status-code")], noExtras, {
      failOn: "minor",
      baseline: accepted,
    });
    expect(known.exitCode).toBe(0);
    expect(known.departures.every((d) => d.status === "known")).toBe(true);
    expect(known.baseline?.fixed.map((e) => e.key)).toEqual([
      "status-code:search_assistants:received 404, documented 200",
    ]);

    const dropped = finding("create_assistant", "#/components/schemas/Assistant/required:/graph_id", "x");
    const worse = judge(run, [...seen, failed(dropped)], noExtras, { failOn: "minor", baseline: accepted });
    expect(worse.exitCode).toBe(1);
    expect(worse.newFindings).toBe(1);
    expect(worse.departures[0]).toMatchObject({ status: "new", cause: "status-code:x" });
  });

  it("leave out of 'fixed' the entries about what the run did not judge", () => {
    const other = baseline("status-code:delete_thread:received 400, documented 204");
    expect(judge(run, seen, noExtras, { failOn: "minor", baseline: other }).baseline).toMatchObject({
      fixed: [],
      unchecked: [{ key: "status-code:delete_thread:received 400, documented 204" }],
    });
  });
});

describe("levels", () => {
  const levelled: RunInfo = {
    ...run,
    operations: [...run.operations, { operationId: "create_cron", method: "post", path: "/runs/crons", tag: "Crons" }],
    rules: [
      { id: "core-check", title: "t", kind: "check", area: "checks", severity: "critical", level: "core" },
      { id: "std-check", title: "t", kind: "check", area: "checks", severity: "major", level: "standard" },
      { id: "std-rule", title: "t", kind: "rule", area: "threads", severity: "major", level: "standard" },
      {
        id: "cron-rule",
        title: "t",
        kind: "rule",
        area: "crons",
        severity: "major",
        level: "optional",
        capability: "crons",
      },
    ],
  };
  const fail = (operationId: string, checkId: string): CheckResult => ({
    ...passed(operationId, checkId),
    verdict: {
      status: "failed",
      findings: [{ ...finding(operationId, "k", "c"), checkId, key: `${checkId}:${operationId}:k` }],
    },
  });
  const crons = (has: boolean) => ({
    ...noExtras,
    capabilities: [{ name: "crons", id: "crons", supported: has }],
  });
  const base = [
    passed("create_thread", "core-check"),
    passed("create_thread", "std-check"),
    passed("get_thread", "std-rule"),
  ];

  it("reach full when every rule passes, counting optional rules only for capabilities the target has", () => {
    const levels = judge(levelled, base, crons(false), { failOn: "minor" }).levels;
    expect(levels).toMatchObject({ reached: "full", capabilities: [], partial: false });
    expect(levels.counts.core.passed).toBe(1);
    expect(levels.counts.standard.passed).toBe(2);
    const failedCron = [...base, fail("create_cron", "cron-rule"), fail("create_cron", "core-check")];
    expect(judge(levelled, failedCron, crons(false), { failOn: "minor" }).levels.reached).toBe("full");
    const has = judge(levelled, failedCron, crons(true), { failOn: "minor" }).levels;
    expect(has.reached).toBe("standard");
    expect(has.blockers).toEqual([
      { level: "optional", ruleId: "cron-rule", status: "failed", capability: "crons" },
      { level: "optional", ruleId: "core-check", status: "failed", capability: "crons" },
    ]);
  });

  it("leave out a rule of a capability the target has where it is judged on an operation of one it lacks", () => {
    const authRule = {
      id: "auth-rule",
      title: "t",
      kind: "rule" as const,
      area: "auth",
      severity: "major" as const,
      level: "optional" as const,
      capability: "auth",
    };
    const run = { ...levelled, rules: [...levelled.rules, authRule] };
    const missing = {
      ...passed("create_cron", "auth-rule"),
      verdict: { status: "not_implemented" as const, reason: "r" },
    };
    const extras = {
      ...noExtras,
      capabilities: [
        { name: "auth", id: "auth", supported: true },
        { name: "crons", id: "crons", supported: false, declared: false },
      ],
    };
    const levels = judge(run, [...base, passed("create_thread", "auth-rule"), missing], extras, {
      failOn: "minor",
    }).levels;
    expect(levels.reached).toBe("full");
    expect(levels.counts.optional).toMatchObject({ passed: 1, not_implemented: 0 });
  });

  it("stop at the first level with a failed, errored or not implemented rule; skips do not block", () => {
    const stdFails = [...base, fail("get_thread", "std-rule")];
    expect(judge(levelled, stdFails, noExtras, { failOn: "minor" }).levels.reached).toBe("core");
    const coreMissing = [
      ...base,
      { ...passed("get_thread", "core-check"), verdict: { status: "not_implemented" as const, reason: "no route" } },
    ];
    expect(judge(levelled, coreMissing, noExtras, { failOn: "minor" }).levels.reached).toBe("none");
    const skipped = [
      ...base,
      { ...passed("get_thread", "std-rule"), verdict: { status: "skipped" as const, reason: "r" } },
    ];
    expect(judge(levelled, skipped, noExtras, { failOn: "minor" }).levels.reached).toBe("full");
  });

  it("decide the exit code with --level, whatever the baseline says", () => {
    const stdFails = [...base, fail("get_thread", "std-rule")];
    const keys = [`std-rule:get_thread:k`];
    const gate = { failOn: "minor" as const, baseline: baseline(...keys) };
    expect(judge(levelled, stdFails, noExtras, gate).exitCode).toBe(0);
    expect(judge(levelled, stdFails, noExtras, { ...gate, level: "core" }).exitCode).toBe(0);
    expect(judge(levelled, stdFails, noExtras, { ...gate, level: "standard" })).toMatchObject({
      exitCode: 1,
      because: "level standard not reached (reached: core)",
    });
  });

  it("say when the run judged only part of the catalogue", () => {
    const selected = { ...levelled, selection: { only: ["Threads"], skip: [] } };
    expect(judge(selected, base, noExtras, { failOn: "minor" }).levels.partial).toBe(true);
    expect(judge(levelled, base, { ...noExtras, reason: "interrupted" }, { failOn: "minor" }).levels.partial).toBe(
      true,
    );
  });
});
