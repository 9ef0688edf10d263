// Tests for the Markdown summary: the answer, levels, departures new and known, areas, escaping, the size limit.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { parseBaseline } from "../src/baseline.ts";
import type { CheckResult, Finding, RunInfo } from "../src/model.ts";
import {
  buildMarkdownSummary,
  code,
  DEFAULT_MARKDOWN_FILE,
  escapeMarkdown,
  MARKDOWN_LIMIT,
  markdownReporter,
} from "./markdown.ts";
import { criticalFinding, extras, nastyFinding, noExtras, results, run, schemaFinding } from "./testdata.ts";
import type { RunEndExtras } from "./types.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The cells of a table row, split at the pipes Markdown would split at (not the escaped ones). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\") {
      cell += c + (line[i + 1] ?? "");
      i++;
    } else if (c === "|") {
      out.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  out.push(cell.trim());
  return out.slice(1, -1);
}

/** Every table in the text: its header cells and rows; each row must have as many cells as its header. */
function tables(md: string): { head: string[]; rows: string[][] }[] {
  const lines = md.split("\n");
  const found: { head: string[]; rows: string[][] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith("| ") || !lines[i + 1]?.startsWith("| ---")) continue;
    const head = cells(lines[i]!);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith("|"); j++) rows.push(cells(lines[j]!));
    found.push({ head, rows });
    i = j;
  }
  return found;
}

const tableAfter = (md: string, heading: string) => {
  const at = md.indexOf(heading);
  expect(at).toBeGreaterThanOrEqual(0);
  return tables(md.slice(at))[0]!;
};

const accepted = (...keys: string[]) =>
  parseBaseline(JSON.stringify({ accepted: keys.map((key) => ({ key, note: "n" })) }), "conformance-baseline.json");

describe("markdown summary", () => {
  const md = buildMarkdownSummary(run, results, 83_948, extras);

  it("opens with the verdict and the level reached, then why, then the target, spec, catalogue and seed", () => {
    const lines = md.split("\n");
    expect(lines[0]).toBe("## ❌ Conformance FAILED · level reached: **core**");
    expect(lines[2]).toBe("**Why:** 1 suite error.");
    expect(md).toContain("**Target** `http://localhost:2024` (embedded server)");
    expect(md).toContain("**spec** LangGraph Platform `0.1.0`");
    expect(md).toContain("**catalogue** `0123456789ab`");
    expect(md).toContain("**seed** `4242`");
    expect(md).toContain("1m24s");
    const pass = buildMarkdownSummary(run, [results[0]!], 1, extras);
    expect(pass.split("\n")[0]).toBe("## ✅ Conformance PASSED · level reached: **full**");
  });

  it("says when the run judged only part: a selection, or an interruption", () => {
    const selected = { ...run, selection: { only: ["status-code"], skip: [] } };
    expect(buildMarkdownSummary(selected, results, 1, extras).split("\n")[0]).toMatch(
      /level reached: \*\*core\*\* \(partial: a selection\)$/,
    );
    const stopped = buildMarkdownSummary(run, results, 1, { ...extras, reason: "interrupted" });
    expect(stopped.split("\n")[0]).toMatch(/\(partial: interrupted\)$/);
    expect(stopped).toContain("> **Interrupted**: the run stopped early");
    expect(md).not.toContain("Interrupted");
  });

  it("counts the rules per level and names those holding the target back from the next level", () => {
    const levels = tableAfter(md, "### Levels");
    expect(levels.head).toEqual(["Level", "Passed", "Failed", "Skipped", "Not implemented", "Errored", "Not run"]);
    expect(levels.rows).toEqual([
      ["core", "0", "0", "0", "0", "0", "0"],
      ["standard", "0", "3", "0", "0", "0", "0"],
      ["optional (capabilities: none)", "0", "0", "0", "0", "0", "0"],
    ]);
    expect(md).toContain("**Held back from standard** by `status-code`, `response-schema`, `content-type`.");
    const pass = buildMarkdownSummary(run, [results[0]!], 1, extras);
    expect(pass).not.toContain("Held back");
  });

  it("names what a blocker is when it is not a failure", () => {
    const withCore: RunInfo = {
      ...run,
      rules: [
        ...run.rules,
        { id: "thread_reads_back", title: "t", kind: "rule", area: "threads", severity: "major", level: "core" },
      ],
    };
    const missing: CheckResult = {
      operationId: "get_thread",
      checkId: "thread_reads_back",
      source: "scenario:threads",
      step: "read",
      verdict: { status: "not_implemented", reason: "404" },
    };
    const out = buildMarkdownSummary(withCore, [missing], 1, noExtras);
    expect(out.split("\n")[0]).toContain("level reached: **none**");
    expect(out).toContain("**Held back from core** by `thread_reads_back` (not implemented).");
  });

  it("gives the totals", () => {
    expect(md).toContain(
      "- **Operations** 8: 2 passed, 3 failed, 1 not implemented, 1 skipped, 1 not covered\n" +
        "- **Checks** 12: 3 passed, 4 failed, 2 not implemented, 2 skipped, 1 errored\n" +
        "- **Findings** 4 unique (1 critical, 2 major, 1 minor), 5 occurrences\n" +
        "- **Suite errors** 1 unique, 1 occurrence",
    );
    expect(md).toContain("- `status-code` on `get_thread`: fetch failed: ECONNRESET");
  });

  it("lists new departures in a table, most severe first, with where they were seen and how often", () => {
    const t = tableAfter(md, "### Departures: 4 new");
    expect(t.head).toEqual(["Severity", "Rule", "Message", "Seen in", "×"]);
    expect(t.rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ["**critical**", "`status-code` Documented status code", "`create_thread`", "1"],
      ["major", "`response-schema` Response matches schema", "`create_assistant`", "2"],
      ["major", "`custom-check`", "`create_thread`", "1"],
      ["minor", "`content-type` Documented content type", "`create_thread`", "1"],
    ]);
    expect(t.rows[1]![2]).toBe("Received: assistant\\_id 42 / Documented: a string");
    expect(md).not.toContain("<details>");
    expect(md).not.toContain("### Fixed");
  });

  it("puts the known departures after the new ones, folded, and lists the baseline entries that can go", () => {
    const out = buildMarkdownSummary(run, results, 1, extras, {
      failOn: "minor",
      baseline: accepted(schemaFinding.key, criticalFinding.key, "status-code:search_assistants:gone"),
    });
    expect(out).toContain("### Departures: 2 new, 2 known (baseline `conformance-baseline.json`)");
    const fresh = tableAfter(out, "### Departures");
    expect(fresh.rows.map((r) => r[1])).toEqual(["`custom-check`", "`content-type` Documented content type"]);
    const details = out.slice(out.indexOf("<details>"), out.indexOf("</details>"));
    expect(out.indexOf("<details>")).toBeGreaterThan(out.indexOf("`custom-check`"));
    expect(details).toContain("<summary>2 known departures (accepted in the baseline)</summary>\n\n| Severity");
    expect(tables(details)[0]!.rows.map((r) => r[1])).toEqual([
      "`status-code` Documented status code",
      "`response-schema` Response matches schema",
    ]);
    expect(out).toContain("### Fixed: 1 baseline entry no longer seen");
    expect(out).toContain("- `status-code:search_assistants:gone`");
  });

  it("has a table per area: operations by verdict", () => {
    const t = tableAfter(md, "### By area");
    expect(t.head).toEqual(["Area", "Operations", "Passed", "Failed", "Not implemented", "Skipped", "Not covered"]);
    expect(t.rows).toEqual([
      ["Assistants", "2", "1", "1", "0", "0", "0"],
      ["Threads &amp; &lt;Stuff&gt;", "3", "0", "2", "1", "0", "0"],
      ["Runs", "2", "0", "0", "0", "1", "1"],
      ["(unknown operation)", "1", "1", "0", "0", "0", "0"],
    ]);
  });
});

describe("escaping", () => {
  it("keeps server text from being read as Markdown or HTML", () => {
    expect(escapeMarkdown("a|b `c` <script>x</script> *d* [e](f) ~g~ $h$ \\")).toBe(
      "a\\|b \\`c\\` &lt;script&gt;x&lt;/script&gt; \\*d\\* \\[e\\](f) \\~g\\~ \\$h\\$ \\\\",
    );
    expect(escapeMarkdown("one\ntwo\r\nthree")).toBe("one<br>two<br>three");
    expect(escapeMarkdown("one\ntwo", " ")).toBe("one two");
    expect(escapeMarkdown("bell\u0007")).toBe("bell\\\\x07");
    // No mention or issue link from a comment quoting the server.
    expect(escapeMarkdown("ask @octocat about #12")).toBe("ask @\u2060octocat about \\#\u206012");
  });

  it("makes a code span of any text", () => {
    expect(code("plain")).toBe("`plain`");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(code("a|b\nc")).toBe("`a\\|b c`");
  });

  it("keeps every table row whole whatever the server said", () => {
    const wild: Finding = {
      ...nastyFinding,
      message: "Received: a | b\nnext line `tick` <b>bold</b> \\| @someone",
      key: "content-type:create_thread:wild",
      cause: "content-type:wild|cause",
    };
    const out = buildMarkdownSummary(
      { ...run, operations: [...run.operations, { ...run.operations[0]!, operationId: "odd|op`id", tag: "A | B" }] },
      [
        {
          operationId: "create_thread",
          checkId: "content-type",
          source: "p",
          step: "s",
          verdict: { status: "failed", findings: [wild] },
        },
        {
          operationId: "odd|op`id",
          checkId: "status-code",
          source: "p",
          step: "s",
          verdict: {
            status: "failed",
            findings: [{ ...criticalFinding, operationId: "odd|op`id", key: "status-code:odd:500" }],
          },
        },
      ],
      1,
      noExtras,
    );
    for (const t of tables(out)) for (const r of t.rows) expect(r).toHaveLength(t.head.length);
    const row = tableAfter(out, "### Departures").rows.find((r) => r[1]!.includes("content-type"))!;
    expect(row[2]).toBe("Received: a \\| b<br>next line \\`tick\\` &lt;b&gt;bold&lt;/b&gt; \\\\\\| @\u2060someone");
    expect(out).toContain("``odd\\|op`id``");
    expect(out).not.toMatch(/<(?!br>|details>|\/details>|summary>|\/summary>|sub>|\/sub>)/);
  });
});

/** A run whose results have `n` departures, each seen on `spread` operations, with messages of `length` characters. */
function manyDepartures(n: number, spread: number, length: number, operationCount = 60) {
  const operations = Array.from({ length: operationCount }, (_, i) => ({
    operationId: `operation_number_${i}`,
    method: "post",
    path: `/things/${i}`,
    tag: `Area ${i % 6}`,
  }));
  const many: CheckResult[] = [];
  for (let d = 0; d < n; d++) {
    for (let s = 0; s < spread; s++) {
      const operationId = operations[(d + s) % operationCount]!.operationId;
      const finding: Finding = {
        checkId: "response-schema",
        severity: (["critical", "major", "minor"] as const)[d % 3]!,
        operationId,
        message: `Received ${d}: ${"a | b <c> `d` ".repeat(length / 14)}`.slice(0, length),
        key: `response-schema:${operationId}:/field${d}:type`,
        cause: `response-schema:/field${d}:type`,
      };
      many.push({
        operationId,
        checkId: "response-schema",
        source: "p",
        step: "s",
        verdict: { status: "failed", findings: [finding] },
      });
    }
  }
  return { run: { ...run, operations }, results: many };
}

describe("size", () => {
  it("stays under the limit with 2,000 distinct departures with long messages, and says what it left out", () => {
    const big = manyDepartures(2000, 2, 2000);
    const t0 = Date.now();
    const out = buildMarkdownSummary(big.run, big.results, 1, noExtras);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(out.length).toBeGreaterThan(MARKDOWN_LIMIT * 0.9);
    const shown = tableAfter(out, "### Departures: 2000 new").rows.length;
    expect(shown).toBeGreaterThan(10);
    expect(out).toContain(`_${2000 - shown} more new departures are in the JSON and HTML reports._`);
    // What matters most stays: the answer, the levels, the totals, the areas.
    expect(out.startsWith("## ❌ Conformance FAILED")).toBe(true);
    for (const heading of ["### Levels", "### Totals", "### By area"]) expect(out).toContain(heading);
    for (const t of tables(out)) for (const r of t.rows) expect(r).toHaveLength(t.head.length);
  });

  it("leaves out the known departures' details first", () => {
    const big = manyDepartures(400, 2, 300);
    const knownKeys = big.results
      .slice(200)
      .flatMap((r) => (r.verdict.status === "failed" ? r.verdict.findings.map((f) => f.key) : []));
    const gate = { failOn: "minor" as const, baseline: accepted(...knownKeys) };
    const whole = buildMarkdownSummary(big.run, big.results, 1, noExtras, gate, 10_000_000);
    expect(whole).toContain("<details>");
    const out = buildMarkdownSummary(big.run, big.results, 1, noExtras, gate, whole.length - 1);
    expect(out.length).toBeLessThan(whole.length);
    expect(out).not.toContain("<details>");
    expect(out).toContain(
      "_300 known departures (accepted in the baseline): their details are in the JSON and HTML reports._",
    );
    const fresh = tableAfter(out, "### Departures: 100 new");
    expect(fresh.rows).toHaveLength(100);
    expect(fresh.rows[0]![3]).toBe("`operation_number_0`, `operation_number_1`");
  });

  it("lists only the first fixed baseline entries when it has to shrink, and counts those it did not judge", () => {
    const gone = Array.from({ length: 100 }, (_, i) => `status-code:search_assistants:gone-${i}`);
    const gate = { failOn: "minor" as const, baseline: accepted(...gone, "status-code:stream_run:not-judged") };
    const whole = buildMarkdownSummary(run, results, 1, extras, gate, 10_000_000);
    expect(whole).toContain("- `status-code:search_assistants:gone-99`");
    expect(whole).toContain("_1 baseline entry about what this run did not judge._");
    const out = buildMarkdownSummary(run, results, 1, extras, gate, whole.length - 1);
    expect(out).toContain("### Fixed: 100 baseline entries no longer seen");
    expect(out).toContain("- `status-code:search_assistants:gone-19`\n- 80 more in the JSON report");
    expect(out).not.toContain("gone-20`");
  });

  it("then the operations of new departures beyond a few, then the departures beyond what fits", () => {
    const wide = manyDepartures(20, 40, 100);
    const whole = buildMarkdownSummary(wide.run, wide.results, 1, noExtras, undefined, 10_000_000);
    const trimmed = buildMarkdownSummary(wide.run, wide.results, 1, noExtras, undefined, whole.length - 1);
    const rows = tableAfter(trimmed, "### Departures").rows;
    expect(rows).toHaveLength(20);
    expect(rows[0]![3]).toBe("`operation_number_0`, `operation_number_1`, `operation_number_2` and 37 more");
    const fewer = buildMarkdownSummary(wide.run, wide.results, 1, noExtras, undefined, trimmed.length - 1);
    const kept = tableAfter(fewer, "### Departures").rows.length;
    expect(kept).toBeLessThan(20);
    expect(fewer.length).toBeLessThan(trimmed.length);
    expect(fewer).toContain(`_${20 - kept} more new departure`);
  });

  it("cuts at a line, and says so, when even that is too long", () => {
    const out = buildMarkdownSummary(run, results, 1, extras, undefined, 800);
    expect(out.length).toBeLessThanOrEqual(800);
    expect(out.startsWith("## ❌ Conformance FAILED")).toBe(true);
    expect(out.endsWith("_The summary was cut at 800 characters: the rest is in the JSON and HTML reports._\n")).toBe(
      true,
    );
  });
});

describe("markdown reporter", () => {
  it("writes the summary where asked and says where", async () => {
    const dir = await mkdtemp(join(tmpdir(), "md-report-"));
    dirs.push(dir);
    const file = join(dir, "nested", "summary.md");
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const reporter = markdownReporter({ outputFile: file, stream, baseline: accepted(schemaFinding.key) });
    expect(reporter.name).toBe("markdown");
    expect(DEFAULT_MARKDOWN_FILE).toBe("conformance-summary.md");
    await reporter.onRunEnd!(run, results, 5, extras);
    const text = await readFile(file, "utf8");
    expect(text).toContain("(baseline `conformance-baseline.json`)");
    expect(chunks.join("")).toBe(`Markdown report written to ${file}\n`);
  });
});

// A real report of the official server (written by `npm run measure:seeds`); the test runs where one is at hand.
const REAL_REPORT = process.env.CONFORMANCE_REAL_REPORT ?? "/tmp/conformance-seeds-2H2dok/seed-11.json";

describe.skipIf(!existsSync(REAL_REPORT))("markdown summary of a real run", () => {
  it("holds the real level, departures and areas, well-formed and under the limit", async () => {
    const { loadSpec, BUNDLED_SPEC } = await import("../src/spec/load.ts");
    const { catalogue } = await import("../suites/index.ts");
    const report = JSON.parse(await readFile(REAL_REPORT, "utf8"));
    const spec = await loadSpec(BUNDLED_SPEC);
    const real: RunInfo = {
      ...report.run,
      operations: report.operations.map(
        ({ operationId, method, path, tag, summary }: RunInfo["operations"][number]) => ({
          operationId,
          method,
          path,
          tag,
          ...(summary ? { summary } : {}),
        }),
      ),
      rules: catalogue(spec.operations).entries.map(({ id, title, kind, area, severity, level, capability }) => ({
        id,
        title,
        kind,
        area,
        severity,
        level,
        ...(capability ? { capability } : {}),
      })),
      sdkMethods: report.sdkMethods.map((m: { method: string }) => m.method),
    };
    const ends: RunEndExtras = {
      capabilities: report.capabilities,
      leftovers: report.leftovers,
      phases: report.phases.map((p: { id: string; title: string; status: string; reason?: string }) => ({
        id: p.id,
        title: p.title,
        outcome: p.reason === undefined ? { status: p.status } : { status: p.status, reason: p.reason },
      })),
      reason: report.run.endReason,
    };
    const out = buildMarkdownSummary(real, report.results, report.run.durationMs, ends);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(out.split("\n")[0]).toContain(`level reached: **${report.level.reached}**`);
    expect(out).toContain(`**catalogue** \`${report.run.catalogueVersion}\``);
    const fresh = tableAfter(out, `### Departures: ${report.departures.length} new`);
    expect(fresh.rows).toHaveLength(report.departures.length);
    expect(fresh.rows.map((r) => r[1]!.split(" ")[0])).toEqual(
      report.departures.map((d: { checkId: string }) => code(d.checkId)),
    );
    for (const t of tables(out)) for (const r of t.rows) expect(r).toHaveLength(t.head.length);
    expect(tableAfter(out, "### By area").rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(report.totals.operations);
  });
});
