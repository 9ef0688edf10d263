// Tests for the HTML report builder: header, matrix, departures with their exchanges, escaping, redaction, self-containment.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { parseBaseline } from "../src/baseline.ts";
import type { CheckResult } from "../src/model.ts";
import { buildHtmlReport, cut, DEFAULT_HTML_FILE, escapeHtml, htmlReporter, prettyBody, TEXT_LIMIT } from "./html.ts";
import { criticalFinding, extras, noExtras, results, run, schemaFinding } from "./testdata.ts";
import { judge } from "./verdict.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The markup from the element with this id up to `end` (exclusive), e.g. a table row up to its "</tr>". */
function fragment(page: string, id: string, end: string): string {
  const at = page.indexOf(` id="${id}"`);
  expect(at, `no element with id ${id}`).toBeGreaterThanOrEqual(0);
  const start = page.lastIndexOf("<", at);
  const stop = page.indexOf(end, start);
  return page.slice(start, stop === -1 ? undefined : stop);
}

const text = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const baseline = parseBaseline(
  JSON.stringify({ accepted: [schemaFinding.key, { key: "status-code:search_assistants:500", note: "flaky" }] }),
  "accepted.json",
);

describe("html report", () => {
  const page = buildHtmlReport(run, results, 1234, extras);
  const judged = judge(run, results, extras, { failOn: "minor" });

  it("heads the page with the run's facts, the verdict and why", () => {
    const head = fragment(page, "verdict", "</header>");
    expect(head).toContain("FAILED");
    expect(head).toContain("1 suite error");
    for (const fact of [
      "http://localhost:2024",
      "LangGraph Platform",
      "0.1.0",
      "spec/openapi.json",
      "0123456789ab",
      "4242",
      "conf-abc123",
      "2025-01-01 00:00:00 UTC",
      "1.2s",
    ])
      expect(head).toContain(fact);
    expect(page).toMatch(/<title>Conformance FAILED: http:\/\/localhost:2024<\/title>/);
    expect(text(fragment(page, "numbers", "</p>"))).toContain(
      "4 departures · 4 findings (1 critical, 2 major, 1 minor) · 1 suite error",
    );
  });

  it("shows the level reached and the rules per status at each level", () => {
    expect(text(fragment(page, "level", "</table>"))).toContain("level reached core");
    for (const level of ["core", "standard", "optional"] as const) {
      const from = page.indexOf(`data-level-row="${level}"`);
      const row = page.slice(from, page.indexOf("</tr>", from));
      const cells = Object.fromEntries(
        [...row.matchAll(/data-count="(\w+)">(\d+)</g)].map((m) => [m[1]!, Number(m[2])] as const),
      );
      expect(cells).toEqual(judged.levels.counts[level]);
    }
    expect(judged.levels.counts.standard.failed).toBe(3);
    expect(page).toContain("held back from <strong>standard</strong>");
  });

  it("lists every departure as a details element, in the judge's order, with its facts", () => {
    const ids = [...page.matchAll(/<details\s+class="departure[^"]*"\s+id="(departure-\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(judged.departures.map((_, i) => `departure-${i + 1}`));
    const first = fragment(page, "departure-1", "</details>");
    expect(text(first)).toContain("1 new critical standard status-code : Documented status code ×1 · 1 operation");
    expect(first).toContain("Received: 500 / Documented: 200, 422");
    expect(first).toContain('data-severity="critical"');
    expect(first).toContain('data-status="failed new"');
    expect(first).toContain('href="#op-create_thread"');
  });

  it("shows one example per operation: expected and actual, the recorded request and response, the curl", () => {
    const schema = fragment(page, "departure-2", "</details>");
    expect(schema).toContain(schemaFinding.key);
    expect(schema).toMatch(
      /<h5>expected<\/h5>\s*<pre class="value expected">\{\n {2}&quot;type&quot;: &quot;string&quot;,/,
    );
    expect(schema).toMatch(/<pre class="value actual">42<\/pre>/);
    expect(text(schema)).toContain("property:valid: create with generated body ×2");
    expect(schema).toContain("/components/schemas/Assistant/properties/assistant_id");
    expect(schema).toContain("POST http://localhost:2024/assistants\ncontent-type: application/json</pre>");
    expect(schema).toMatch(/response <span class="badge s-passed">200<\/span>/);
    expect(schema).toContain('data-copy="departure-2-1-curl"');
    expect(schema).toContain(
      `<pre id="departure-2-1-curl" class="curl-text">curl -X POST &#39;http://localhost:2024/assistants&#39;`,
    );
    const critical = fragment(page, "departure-1", "</details>");
    expect(critical).toContain("POST http://localhost:2024/threads?a=1&amp;b=2");
    const synthesized = fragment(page, "departure-3", "</details>");
    expect(synthesized).toContain("the check failed without reporting a finding");
    expect(synthesized).toContain("No exchange was recorded for this finding.");
  });

  it("shows a response that never came, with the error", () => {
    const error: CheckResult = {
      ...results[6]!,
      checkId: "status-code",
      verdict: { status: "failed", findings: [{ ...criticalFinding, operationId: "get_thread", key: "k:get_thread" }] },
    };
    const doc = buildHtmlReport(run, [error], 1, noExtras);
    expect(doc).toContain("no response: ECONNRESET");
  });

  it("pretty-prints JSON bodies and cuts long text with a note", () => {
    expect(prettyBody('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyBody("event: values\ndata: {")).toBe("event: values\ndata: {");
    expect(cut("x".repeat(TEXT_LIMIT))).toEqual({ text: "x".repeat(TEXT_LIMIT), omitted: 0 });
    expect(cut("😀".repeat(5), 3)).toEqual({ text: "😀😀😀", omitted: 2 });
    const long = JSON.stringify({ items: Array.from({ length: 400 }, (_, i) => ({ id: i, name: `item ${i}` })) });
    const big: CheckResult = {
      ...results[10]!,
      exchange: { ...results[10]!.exchange!, response: { status: 500, headers: {}, body: long, durationMs: 3 } },
    };
    const doc = buildHtmlReport(run, [big], 1, noExtras);
    const pretty = JSON.stringify(JSON.parse(long), null, 2);
    expect(doc).toContain(`… ${(pretty.length - TEXT_LIMIT).toLocaleString("en")} more characters not shown`);
    expect(doc).toContain("{\n  &quot;items&quot;: [\n    {\n      &quot;id&quot;: 0,");
    expect(doc).toContain("item 10");
    expect(doc).not.toContain("item 399");
  });

  it("draws the matrix: a row per operation, a cell per generic check and one for the scenario rules", () => {
    const rows = [...page.matchAll(/<tr\s+class="op op-(\w+)"\s+id="op-([^"]+)"/g)].map((m) => [m[2], m[1]]);
    expect(rows).toEqual(
      judged.summary.tags.flatMap((t) => t.operations.map((s) => [s.operation.operationId, s.verdict])),
    );
    const matrix = page.indexOf('<table class="matrix">');
    const header = page.slice(matrix, page.indexOf("</thead>", matrix));
    expect([...header.matchAll(/<th class="rot" title="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "status-code: Documented status code",
      "response-schema: Response matches schema",
      "content-type: Documented content type",
      "scenario rules and other checks on the operation",
    ]);
    const assistant = fragment(page, "op-create_assistant", "</tr>");
    const cells = [...assistant.matchAll(/<td class="cell( rules)? s-(\w+)"/g)].map((m) => m[2]);
    expect(cells).toEqual(["passed", "failed", "none", "none"]);
    expect(assistant).toContain('title="response-schema: failed (1 passed, 2 failed)"');
    expect(assistant).toContain('<a href="#departure-2">✗</a>');
    const thread = fragment(page, "op-create_thread", "</tr>");
    expect(thread).toMatch(/<td class="cell rules s-failed" title="1 rule: failed\n✗ custom-check: failed">/);
    expect(thread).toContain('data-severity="critical minor major"');
    expect(thread).toContain('data-status="failed new"');
    expect(thread).toContain('data-level="standard"');
    const deleted = fragment(page, "op-delete_thread", "</tr>");
    expect(deleted).toContain(
      "status-code: not implemented (1 not implemented)\nnot implemented: server answered 404 for the route",
    );
    expect(fragment(page, "op-stream_run", "</tr>")).toContain("not covered");
    expect(page).toMatch(/<tbody data-group="Threads &amp; &lt;Stuff&gt;">/);
  });

  it("tables the SDK methods with their verdicts, counts, operations and departures", () => {
    const create = fragment(page, "sdk-assistants.create", "</tr>");
    expect(text(create)).toBe("✗ failed assistants.create 2 2 0 0 0 create_assistant #2");
    expect(text(fragment(page, "sdk-runs.stream", "</tr>"))).toBe("· not covered runs.stream 0 0 0 0 0");
    expect(page.indexOf('id="sdk-threads.update_state"')).toBeGreaterThan(page.indexOf('id="sdk-threads.delete"'));
    expect(page.indexOf('id="sdk-threads.update_state"')).toBeLessThan(page.indexOf('id="sdk-runs.stream"'));
  });

  it("lists the capabilities, the phases that did not run to the end and the leftovers", () => {
    const caps = text(fragment(page, "capabilities", "</section>"));
    expect(caps).toContain("stream mode: values ✓ supported —");
    expect(caps).toContain("crons ✗ not supported — POST /runs/crons answers 500 Not implemented");
    const declared = buildHtmlReport(run, [], 1, {
      ...noExtras,
      capabilities: [{ name: "store ttl", id: "store_ttl", supported: false, declared: true, detail: "d" }],
    });
    expect(text(fragment(declared, "capabilities", "</section>"))).toContain(
      "store ttl store_ttl ✗ not supported yes d",
    );
    expect(text(fragment(page, "phases", "</section>"))).toContain(
      "Property phase property skipped getThreadState answered 500",
    );
    expect(text(fragment(page, "leftovers", "</section>"))).toContain("thread conf-abc123-t1 assistant conf-abc123-a2");
    expect(text(fragment(page, "numbers", "</p>"))).toContain("1 phase did not run to the end · 2 leftovers");
    const bare = buildHtmlReport(run, [], 1, noExtras);
    for (const id of ["capabilities", "phases", "leftovers", "interrupted", "baseline"])
      expect(bare).not.toContain(` id="${id}"`);
    expect(bare).toContain("No departures");
  });

  it("says so in the header when the run was interrupted", () => {
    const doc = buildHtmlReport(run, results, 1, { ...extras, reason: "interrupted" });
    expect(text(fragment(doc, "interrupted", "</p>"))).toContain(
      "Interrupted: the run stopped early; this report holds what was done until then.",
    );
    expect(doc.indexOf('id="interrupted"')).toBeLessThan(doc.indexOf('id="verdict"'));
    expect(doc).toContain("partial run: holds for what was judged");
  });

  it("with a baseline, counts new and known departures, marks them, and lists fixed entries", () => {
    const doc = buildHtmlReport(run, results, 1, extras, { failOn: "minor", baseline });
    expect(text(fragment(doc, "numbers", "</p>"))).toContain("4 departures : 3 new , 1 known (baseline accepted.json)");
    const known = fragment(doc, "departure-4", "</details>");
    expect(known).toContain('data-status="failed known"');
    expect(known).toContain("known: in the baseline");
    expect(fragment(doc, "op-create_assistant", "</tr>")).toContain('data-status="failed known"');
    const fixed = text(fragment(doc, "baseline", "</section>"));
    expect(fixed).toContain("Fixed: no longer seen");
    expect(fixed).toContain("status-code:search_assistants:500 flaky");
    expect(fixed).toContain("3 findings not in it");
  });

  it("escapes all text: server text cannot add markup", () => {
    expect(escapeHtml(`<a href='x'>"&"</a>\u0001`)).toBe("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\\x01");
    expect(page).toContain("Received: &lt;&quot;text/html&quot; &amp; &#39;x&#39;&gt;\\x01\\x1b / Documented");
    expect(page).not.toContain('<"text/html"');
    const hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    const evil: CheckResult = {
      ...results[10]!,
      operationId: hostile,
      step: hostile,
      verdict: { status: "failed", findings: [{ ...criticalFinding, message: hostile, operationId: hostile }] },
      exchange: {
        ...results[10]!.exchange!,
        response: { status: 500, headers: { "x-evil": hostile }, body: hostile, durationMs: 1 },
      },
    };
    const doc = buildHtmlReport({ ...run, target: hostile, spec: { ...run.spec, title: hostile } }, [evil], 1, {
      ...noExtras,
      capabilities: [{ name: hostile, supported: false, detail: hostile }],
      leftovers: [hostile],
    });
    expect(doc.match(/<script/g)).toHaveLength(1);
    expect(doc).not.toContain("<img");
    expect(doc).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(doc).toContain('id="op-&lt;/script&gt;');
  });

  it("keeps secrets as the engine redacted them and adds nothing from outside the results", () => {
    const redacted: CheckResult = {
      ...results[10]!,
      exchange: {
        request: { method: "POST", url: "http://localhost:2024/threads", headers: { authorization: "<redacted>" } },
        response: { status: 500, headers: {}, body: '{"token":"<redacted>"}', durationMs: 1 },
        curl: "curl -X POST 'http://localhost:2024/threads' -H 'authorization: <redacted>'",
      },
    };
    const doc = buildHtmlReport(run, [redacted], 1, noExtras);
    expect(doc).toContain("authorization: &lt;redacted&gt;");
    expect(doc).toContain("&quot;token&quot;: &quot;&lt;redacted&gt;&quot;");
    expect(doc).toContain("-H &#39;authorization: &lt;redacted&gt;&#39;</pre>");
    expect(doc).not.toMatch(/bearer|api[-_]key/i);
  });

  it("is one self-contained page: nothing fetched, inline style and script allowed by their hashes only", () => {
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(page).not.toMatch(/\s(src|href|action|srcset|poster)="(?!#|data:)/);
    expect(page).not.toMatch(/url\(|@import/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(csp).toBeDefined();
    const hash = (s: string) => createHash("sha256").update(s, "utf8").digest("base64");
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(csp).toBe(
      `default-src &#39;none&#39;; style-src &#39;sha256-${hash(style)}&#39;; script-src &#39;sha256-${hash(script)}&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;`,
    );
    expect(page).not.toMatch(/\sstyle="/);
    expect(page).not.toMatch(/\son[a-z]+="/);
  });

  it("offers filters by area, severity, level and status, hidden until the script shows them", () => {
    const form = fragment(page, "filters", "</form>");
    expect(form).toMatch(/^<form class="filters" id="filters" hidden/);
    const options = (name: string) => {
      const select = form.slice(
        form.indexOf(`name="${name}"`),
        form.indexOf("</select>", form.indexOf(`name="${name}"`)),
      );
      return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    };
    expect(options("area")).toEqual(["", "Assistants", "Threads &amp; &lt;Stuff&gt;", "Runs", "(unknown operation)"]);
    expect(options("severity")).toEqual(["", "critical", "major", "minor"]);
    expect(options("level")).toEqual(["", "core", "standard", "optional"]);
    expect(options("status")).toEqual([
      "",
      "new",
      "known",
      "failed",
      "not_implemented",
      "skipped",
      "passed",
      "not_covered",
    ]);
    expect(form).toContain('type="search"');
    expect(page).toContain("<noscript");
  });

  it("writes the page and says where", async () => {
    const dir = await mkdtemp(join(tmpdir(), "html-report-"));
    dirs.push(dir);
    const file = join(dir, "nested", "report.html");
    let said = "";
    const stream = new Writable({
      write(chunk, _enc, done) {
        said += String(chunk);
        done();
      },
    });
    const reporter = htmlReporter({ outputFile: file, stream, baseline });
    expect(reporter.name).toBe("html");
    await reporter.onRunEnd!(run, results, 1234, extras);
    const written = await readFile(file, "utf8");
    expect(written).toBe(buildHtmlReport(run, results, 1234, extras, { failOn: "minor", baseline }));
    expect(said).toBe(`HTML report written to ${file}\n`);
    expect(DEFAULT_HTML_FILE).toBe("conformance-report.html");
  });
});
