// Tests for the compatibility matrix page: summary, per-implementation level and departures, a table per area.
import { describe, expect, it } from "vitest";
import type { CheckResult, RunInfo } from "../src/model.ts";
import {
  duration,
  renderCompatibility,
  ruleVerdicts,
  type CompatibilityMeta,
  type MatrixEntry,
} from "./compatibility.ts";
import { buildJsonReport, type JsonReport } from "./json.ts";
import { extras, noExtras, results, run } from "./testdata.ts";

/** The cells of a table row, split at the pipes Markdown splits at (not the escaped ones). */
function cells(line: string): string[] {
  return line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

/** The table that follows a heading: header cells and rows; every row must have as many cells as the header. */
function tableAfter(md: string, heading: string): { head: string[]; rows: string[][] } {
  const lines = md.split("\n");
  let i = lines.indexOf(heading);
  expect(i, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  while (!lines[i]!.startsWith("| ")) i++;
  const head = cells(lines[i]!);
  const rows: string[][] = [];
  for (let j = i + 2; j < lines.length && lines[j]!.startsWith("|"); j++) rows.push(cells(lines[j]!));
  for (const r of rows) expect(r).toHaveLength(head.length);
  return { head, rows };
}

/** The text of the section under a heading, up to the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`${heading}\n`);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const depth = heading.indexOf(" ");
  const rest = md.slice(start + heading.length);
  const next = rest.search(new RegExp(`\\n#{1,${depth}} `));
  return next === -1 ? rest : rest.slice(0, next);
}

const areaRun: RunInfo = {
  ...run,
  rules: [
    ...run.rules,
    {
      id: "thread_delete_gone",
      title: "A deleted thread is gone",
      kind: "rule",
      area: "threads",
      severity: "major",
      level: "core",
    },
    {
      id: "cron_runs",
      title: "A cron runs",
      kind: "rule",
      area: "crons",
      severity: "major",
      level: "optional",
      capability: "crons",
    },
  ],
};

const meta: CompatibilityMeta = {
  date: "2025-01-02",
  suiteVersion: "0.1.0",
  catalogueVersion: "0123456789ab",
  seed: 4242,
  areas: [
    { id: "checks", title: "Generic checks" },
    { id: "threads", title: "Threads" },
    { id: "crons", title: "Crons" },
    { id: "store", title: "Store" },
  ],
  rules: areaRun.rules.map((r) => ({
    id: r.id,
    area: r.area,
    level: r.level,
    ...(r.capability ? { capability: r.capability } : {}),
  })),
  command: "npm run matrix",
  rulesDoc: "rules.md",
};

// Every verdict kind, and four departures (testdata).
const mixed: JsonReport = buildJsonReport(areaRun, results, 65_000, extras);

// Everything passes; the threads rule is judged and passes, the crons rule is never reached.
const cleanResults: CheckResult[] = [
  { operationId: "create_thread", checkId: "status-code", source: "probe", step: "s", verdict: { status: "passed" } },
  {
    operationId: "create_thread",
    checkId: "response-schema",
    source: "probe",
    step: "s",
    verdict: { status: "passed" },
  },
  {
    operationId: "create_thread",
    checkId: "content-type",
    source: "probe",
    step: "s",
    verdict: { status: "skipped", reason: "r" },
  },
  {
    operationId: "delete_thread",
    checkId: "thread_delete_gone",
    source: "scenario:threads.lifecycle",
    step: "s",
    verdict: { status: "passed" },
  },
];
const clean: JsonReport = buildJsonReport(areaRun, cleanResults, 3_000, noExtras);

const entries: MatrixEntry[] = [
  {
    name: "official JS",
    versions: { "@langchain/langgraph-api": "2.0.0", "@langchain/langgraph": "1.3.7" },
    report: mixed,
    link: "compatibility/official-js.json",
  },
  { name: "clean", versions: { clean: "1.0.0" }, report: clean, link: "compatibility/clean.json" },
  {
    name: "official Python",
    versions: {},
    note: "Python 3.11 or newer is needed for the Python server, but `python3` was not found",
  },
];

describe("duration", () => {
  it("gives seconds under a minute, else minutes and two-digit seconds, rounded to the second", () => {
    expect(duration(400)).toBe("0s");
    expect(duration(45_200)).toBe("45s");
    expect(duration(59_600)).toBe("1m00s");
    expect(duration(119_600)).toBe("2m00s");
    expect(duration(185_000)).toBe("3m05s");
  });
});

describe("ruleVerdicts", () => {
  it("gives each judged rule the verdict that wins over its operations, and on how many it was given", () => {
    const v = ruleVerdicts(mixed);
    // status-code: passed, errored, not implemented, skipped and failed on seven operations.
    expect(v.get("status-code")).toEqual({ status: "failed", count: 1, of: 7 });
    expect(v.get("response-schema")).toEqual({ status: "failed", count: 1, of: 3 });
    expect(v.get("cron_runs")).toBeUndefined();
    const c = ruleVerdicts(clean);
    expect(c.get("status-code")).toEqual({ status: "passed", count: 1, of: 1 });
    expect(c.get("content-type")?.status).toBe("skipped");
    expect(c.get("thread_delete_gone")?.status).toBe("passed");
  });

  it("ranks errored above not implemented above passed above skipped", () => {
    const only = (statuses: CheckResult["verdict"][]) =>
      ruleVerdicts(
        buildJsonReport(
          areaRun,
          statuses.map((verdict, i) => ({
            operationId: ["create_thread", "get_thread", "delete_thread"][i]!,
            checkId: "status-code",
            source: "probe",
            step: "s",
            verdict,
          })),
          1,
          noExtras,
        ),
      ).get("status-code")?.status;
    expect(only([{ status: "passed" }, { status: "errored", message: "boom" }])).toBe("errored");
    expect(only([{ status: "passed" }, { status: "not_implemented", reason: "404" }])).toBe("not_implemented");
    expect(only([{ status: "skipped", reason: "r" }, { status: "passed" }])).toBe("passed");
    expect(only([{ status: "skipped", reason: "r" }])).toBe("skipped");
  });
});

describe("renderCompatibility", () => {
  const md = renderCompatibility(entries, meta);

  it("says when, with which suite and seed, and how to regenerate it", () => {
    expect(md.startsWith("# Compatibility matrix\n")).toBe(true);
    expect(md).toContain(
      "Generated on 2025-01-02 by the suite `0.1.0` (catalogue `0123456789ab`) with seed `4242`; `npm run matrix` regenerates it.",
    );
    expect(md.endsWith("\n")).toBe(true);
  });

  it("sums up each implementation in one row: version, level, findings, departures, run time", () => {
    const { head, rows } = tableAfter(md, "## Summary");
    expect(head).toEqual(["Implementation", "Version", "Level reached", "Findings", "Departures", "Run"]);
    expect(rows).toEqual([
      [
        "[official JS](compatibility/official-js.json)",
        "`@langchain/langgraph-api` 2.0.0",
        `**${mixed.level.reached}**`,
        String(mixed.totals.findings.unique),
        String(mixed.departures.length),
        "1m05s",
      ],
      ["[clean](compatibility/clean.json)", "`clean` 1.0.0", "**full**", "0", "0", "3s"],
      ["official Python", "–", "not run", "–", "–", "–"],
    ]);
    expect(mixed.level.reached).toBe("core");
    expect(mixed.departures.length).toBe(4);
  });

  it("gives each implementation its versions, per-level counts and departures", () => {
    const js = section(md, "### official JS");
    expect(js).toContain("`@langchain/langgraph-api` 2.0.0, `@langchain/langgraph` 1.3.7");
    expect(js).toContain("level reached **core**");
    expect(js).toContain("[JSON report](compatibility/official-js.json)");
    const levels = tableAfter(js, "");
    expect(levels.head).toEqual(["Level", "Passed", "Failed", "Skipped", "Not implemented", "Errored", "Not run"]);
    const c = mixed.level.counts;
    expect(levels.rows[1]).toEqual([
      "standard",
      ...[
        c.standard.passed,
        c.standard.failed,
        c.standard.skipped,
        c.standard.not_implemented,
        c.standard.errored,
        c.standard.not_run,
      ].map(String),
    ]);
    expect(c.standard.failed).toBeGreaterThan(0);
    expect(js).toContain("<summary>4 departures (cause, severity, rule, operations)</summary>");
    const departures = tableAfter(js, "<summary>4 departures (cause, severity, rule, operations)</summary>");
    expect(departures.head).toEqual(["Severity", "Rule", "Cause", "Operations", "What differs (first seen)"]);
    expect(departures.rows.map((r) => r.slice(0, 4))).toEqual([
      ["**critical**", "`status-code`", "`status-code:500`", "1"],
      ["major", "`response-schema`", "`response-schema:/assistant_id:type`", "1"],
      ["major", "`custom-check`", "`custom-check:failed-without-findings`", "1"],
      ["minor", "`content-type`", "`content-type:text/html`", "1"],
    ]);
    expect(section(md, "### clean")).toContain("No departure from the API description.");
  });

  it("names what holds an implementation back from the next level", () => {
    expect(section(md, "### official JS")).toContain(
      "Held back from standard by `status-code`, `response-schema`, `content-type`",
    );
    expect(section(md, "### clean")).not.toContain("Held back");
  });

  it("lists an implementation that could not run with its reason, never a report", () => {
    const py = section(md, "### official Python");
    expect(py).toContain(
      "**Not run**: Python 3.11 or newer is needed for the Python server, but \\`python3\\` was not found",
    );
    expect(py).not.toContain("| Level |");
  });

  it("has a table per area that has rules, with a row per rule and a column per implementation", () => {
    const checks = tableAfter(md, "### Generic checks");
    expect(checks.head).toEqual(["Rule", "Level", "official JS", "clean", "official Python"]);
    expect(checks.rows).toEqual([
      ["`status-code`", "standard", "❌ failed 1/7", "✅ passed", "➖ not run"],
      ["`response-schema`", "standard", "❌ failed 1/3", "✅ passed", "➖ not run"],
      ["`content-type`", "standard", "❌ failed", "⏭️ skipped", "➖ not run"],
    ]);
    expect(tableAfter(md, "### Threads").rows).toEqual([
      ["`thread_delete_gone`", "core", "➖ not run", "✅ passed", "➖ not run"],
    ]);
    expect(tableAfter(md, "### Crons").rows).toEqual([
      ["`cron_runs`", "optional (crons)", "➖ not run", "➖ not run", "➖ not run"],
    ]);
    expect(md).not.toContain("### Store");
    expect(section(md, "### Threads")).toContain("[rules.md](rules.md#threads)");
    expect(section(md, "### Generic checks")).toContain("passed: official JS 0, clean 2, official Python –.");
  });

  it("shows errored and not implemented verdicts", () => {
    const r = buildJsonReport(
      areaRun,
      [
        {
          operationId: "get_thread",
          checkId: "status-code",
          source: "probe",
          step: "s",
          verdict: { status: "errored", message: "x" },
        },
        {
          operationId: "get_thread",
          checkId: "response-schema",
          source: "probe",
          step: "s",
          verdict: { status: "not_implemented", reason: "404" },
        },
      ],
      1,
      noExtras,
    );
    const rows = tableAfter(
      renderCompatibility([{ name: "x", versions: {}, report: r }], meta),
      "### Generic checks",
    ).rows;
    expect(rows.map((row) => row[2])).toEqual(["⚠️ errored", "🚫 not implemented", "➖ not run"]);
  });

  it("escapes what would break a table or turn into HTML", () => {
    const nasty: MatrixEntry[] = [{ name: "a|b <i>", versions: { "p|q": "1|2" }, report: mixed, note: "partly <b>|" }];
    const out = renderCompatibility(nasty, meta);
    expect(out).not.toContain("<i>");
    expect(out).not.toContain("<b>");
    expect(tableAfter(out, "## Summary").rows[0]![0]).toBe("a\\|b &lt;i&gt;");
    expect(tableAfter(out, "### Generic checks").head[2]).toBe("a\\|b &lt;i&gt;");
    // The departures table keeps its columns despite the message's "<", "&" and control characters.
    tableAfter(out, "<summary>4 departures (cause, severity, rule, operations)</summary>");
  });

  it("marks a report cut short as partial", () => {
    const interrupted = buildJsonReport(areaRun, cleanResults, 1, { ...noExtras, reason: "interrupted" });
    const out = renderCompatibility([{ name: "cut", versions: {}, report: interrupted }], meta);
    expect(tableAfter(out, "## Summary").rows[0]![2]).toBe(`**${interrupted.level.reached}** (partial: interrupted)`);
  });

  it("is a pure function of its inputs", () => {
    expect(renderCompatibility(entries, meta)).toBe(md);
  });
});
