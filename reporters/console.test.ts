// Tests for the console reporter: rows, SDK methods, capabilities, leftovers, failures, colours, TTY progress.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { consoleReporter, progressLine } from "./console.ts";
import { colorDefault } from "./format.ts";
import type { ReporterOptions, RunEndExtras } from "./types.ts";
import type { Comparison, Difference } from "../src/compare/model.ts";
import type { SpecDiff } from "../src/spec/diff.ts";
import { extras, noExtras, results, run, schemaFinding } from "./testdata.ts";
import type { CheckResult } from "../src/model.ts";

const ANSI = /\u001b\[/;

function capture(): { stream: Writable & { isTTY?: boolean; columns?: number }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

async function runWith(options: Omit<ReporterOptions, "stream">, end = extras): Promise<string> {
  const out = capture();
  const r = consoleReporter({ ...options, stream: out.stream });
  await r.onRunStart?.(run);
  await r.onPhaseStart?.("probe", "Probing endpoints");
  for (const result of results) await r.onCheckResult?.(result);
  await r.onPhaseEnd?.("probe", { status: "ran" });
  await r.onRunEnd?.(run, results, 12_345, end);
  return out.text();
}

describe("console reporter", () => {
  it("prints the header", async () => {
    const text = await runWith({ color: false });
    expect(text).toContain("http://localhost:2024");
    expect(text).toContain("LangGraph Platform 0.1.0");
    expect(text).toMatch(/seed\s+4242/);
    expect(text).toMatch(/prefix\s+conf-abc123/);
  });

  it("prints one line per area by default, and with --verbose one row per operation under its tag", async () => {
    const brief = (await runWith({ color: false })).split("\n");
    expect(brief).toContainEqual(
      expect.stringMatching(
        /^ {2}✗ Threads & <Stuff> +3 operations: 0 passed, 2 failed, 1 not implemented, 0 skipped, 0 not covered$/,
      ),
    );
    expect(brief.some((l) => l.includes(" delete_thread "))).toBe(false);
    const lines = (await runWith({ color: false, verbose: true })).split("\n");
    const row = (id: string) => lines.find((l) => l.includes(` ${id} `)) ?? "";
    expect(row("create_assistant")).toMatch(/^ {2}✗ POST +\/assistants +create_assistant +✓1 ✗1 -0 ∅0$/);
    expect(row("search_assistants")).toMatch(/^ {2}✓ POST +\/assistants\/search +search_assistants +✓1 ✗0 -1 ∅0$/);
    expect(row("get_thread")).toMatch(/^ {2}✗ GET .* !1$/);
    expect(row("delete_thread")).toMatch(/^ {2}∅ DELETE .*∅2$/);
    expect(row("cancel_run")).toMatch(/^ {2}- POST /);
    expect(row("stream_run")).toMatch(/^ {2}· POST .*not covered$/);
    const tagLine = lines.findIndex((l) => l.startsWith("Threads & <Stuff>"));
    expect(lines.slice(tagLine + 1, tagLine + 4).map((l) => l.split(/\s+/)[4])).toEqual([
      "get_thread",
      "delete_thread",
      "create_thread",
    ]);
  });

  it("leads with the verdict, the level with per-level counts, and the departures grouped by cause", async () => {
    const text = await runWith({ color: false });
    const lines = text.split("\n");
    const answer = lines.findIndex((l) => l.startsWith("FAILED"));
    expect(answer).toBeGreaterThan(0);
    expect(answer).toBeLessThan(lines.findIndex((l) => l.startsWith("Areas")));
    expect(lines[answer]).toBe("FAILED (1 suite error)");
    expect(lines[answer + 1]).toMatch(/^ {2}level +core$/);
    expect(lines[answer + 3]).toMatch(/^ {4}standard +0 passed, 3 failed, 0 skipped$/);
    expect(text).toMatch(/^ {2}held back +from standard by status-code, response-schema, content-type$/m);
    expect(text).toMatch(/^ {2}departures +4$/m);
    const departures = text.slice(text.indexOf("Departures"), text.indexOf("Areas"));
    expect(departures).toContain("  1) ✗ new  critical  status-code  1 operation: create_thread\n");
    expect(departures).toContain("     Received: 500 / Documented: 200, 422\n");
    expect(departures).not.toContain("curl");
    const verbose = await runWith({ color: false, verbose: true });
    const blocks = verbose.slice(verbose.indexOf("Departures"), verbose.indexOf("Assistants"));
    expect(blocks).toMatch(/1\) ✗ new {2}critical {2}status-code: Documented status code/);
    expect(blocks).toMatch(/seen in +1 operation: create_thread/);
    expect(blocks).toContain("replay      curl -X POST 'http://localhost:2024/threads?a=1&b=2'");
  });

  it("lists each deduplicated finding once when verbose, with occurrences, pointers, seed and curl", async () => {
    expect(await runWith({ color: false })).not.toContain("Every finding");
    const text = await runWith({ color: false, verbose: true });
    const failures = text.slice(text.indexOf("Every finding"));
    expect(failures.match(/Received: assistant_id 42/g)).toHaveLength(1);
    expect(failures).toMatch(/check\s+response-schema\s+major\s+×2/);
    expect(failures).toContain('{"type":"string","format":"uuid"}');
    expect(failures).toMatch(/instance\s+\/assistant_id/);
    expect(failures).toMatch(/schema\s+\/components\/schemas\/Assistant\/properties\/assistant_id/);
    expect(failures).toMatch(/seed\s+7/);
    expect(failures).toContain("curl -X POST 'http://localhost:2024/assistants'");
    expect(failures).toMatch(/suite error\s+get_thread/);
    expect(failures).toContain("fetch failed: ECONNRESET");
    expect(failures).toMatch(/status-code\s+critical/);
  });

  it("lists SDK methods by client after the endpoint tables, with counts and operations, when verbose", async () => {
    expect(await runWith({ color: false })).toMatch(
      /^ {2}SDK 10 methods: 2 passed, 3 failed, 1 not implemented, 1 skipped, 3 not covered$/m,
    );
    const text = await runWith({ color: false, verbose: true });
    const section = text.slice(text.indexOf("SDK methods"), text.indexOf("Capabilities"));
    expect(text.indexOf("SDK methods")).toBeGreaterThan(text.indexOf("ghost_op"));
    expect(section).toMatch(
      /^SDK methods {2}10 methods: 2 passed, 3 failed, 1 not implemented, 1 skipped, 3 not covered$/m,
    );
    const lines = section.split("\n");
    expect(lines.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim())).toEqual([
      "assistants",
      "threads",
      "runs",
      "crons",
      "store",
    ]);
    const row = (m: string) => lines.find((l) => l.includes(` ${m} `)) ?? "";
    expect(row("assistants.create")).toMatch(/^ {4}✗ assistants\.create +✓2 ✗2 -0 ∅0 +create_assistant$/);
    expect(row("threads.get")).toMatch(/^ {4}✗ threads\.get +✓0 ✗0 -0 ∅0 !1 +get_thread$/);
    expect(row("threads.delete")).toMatch(/^ {4}∅ threads\.delete .* delete_thread$/);
    expect(row("runs.cancel")).toMatch(/^ {4}- runs\.cancel /);
    expect(row("threads.update_state")).toMatch(/^ {4}✓ threads\.update_state .* ghost_op$/);
    expect(row("store.put_item")).toMatch(/^ {4}· store\.put_item +not covered$/);
    // operations line up in one column
    const cols = ["assistants.create", "threads.get", "runs.cancel"].map((m) => row(m).search(/\S+$/));
    expect(new Set(cols).size).toBe(1);
  });

  it("shows each SDK client's verdict per method, and how many methods each judged, when verbose", async () => {
    const sdkStep = (sdkMethod: string, sdkClient: string, passed: boolean): CheckResult => ({
      operationId: "get_thread",
      checkId: "sdk_call",
      source: "scenario:sdk",
      step: sdkMethod,
      verdict: passed ? { status: "passed" } : { status: "failed", findings: [schemaFinding] },
      sdkMethod,
      sdkClient,
    });
    const own = [
      sdkStep("threads.get", "js 2.0.0", true),
      sdkStep("threads.get", "python 0.2.4", false),
      sdkStep("runs.cancel", "python 0.2.4", true),
    ];
    const out = capture();
    const r = consoleReporter({ color: false, verbose: true, stream: out.stream });
    await r.onRunStart?.(run);
    await r.onRunEnd?.(run, own, 1, noExtras);
    const text = out.text();
    const section = text.slice(text.indexOf("SDK methods"));
    expect(section).toMatch(/^ {2}by js 2\.0\.0: 1 passed, 0 failed, 0 not implemented, 0 skipped, 8 not covered$/m);
    expect(section).toMatch(
      /^ {2}by python 0\.2\.4: 1 passed, 1 failed, 0 not implemented, 0 skipped, 7 not covered$/m,
    );
    const row = (m: string) => section.split("\n").find((l) => l.includes(` ${m} `)) ?? "";
    expect(row("threads.get")).toMatch(/^ {4}✗ threads\.get +js ✓ {2}python ✗ {2}✓1 ✗1 /);
    expect(row("runs.cancel")).toMatch(/^ {4}✓ runs\.cancel +js · {2}python ✓ {2}✓1 /);
    expect(row("store.put_item")).toMatch(/^ {4}· store\.put_item +js · {2}python · {2}not covered$/);
    // two versions of one client are told apart by their versions
    const both = capture();
    const r2 = consoleReporter({ color: false, verbose: true, stream: both.stream });
    await r2.onRunStart?.(run);
    await r2.onRunEnd?.(run, [...own, sdkStep("threads.get", "python 0.4.14", true)], 1, noExtras);
    const row2 =
      both
        .text()
        .split("\n")
        .find((l) => l.includes(" threads.get ")) ?? "";
    expect(row2).toMatch(/ threads\.get +js ✓ {2}python 0\.2\.4 ✗ {2}python 0\.4\.14 ✓ {2}✓2 ✗1 /);
  });

  it("lists capabilities and leftovers", async () => {
    const brief = await runWith({ color: false });
    expect(brief).toMatch(/^ {2}✓ stream mode: values$/m);
    expect(brief).toMatch(/^ {2}✗ crons {2}POST \/runs\/crons answers 500 Not implemented$/m);
    const declared = await runWith(
      { color: false },
      { ...extras, capabilities: [{ name: "crons", id: "crons", supported: false, declared: false, detail: "x" }] },
    );
    expect(declared).toMatch(/^ {2}✗ crons \(declared absent\) {2}x$/m);
    const text = await runWith({ color: false, verbose: true });
    const section = text.slice(text.indexOf("Capabilities"));
    expect(section).toMatch(/^ {2}✓ stream mode: values +supported$/m);
    expect(section).toMatch(/^ {2}✗ crons +not supported {2}POST \/runs\/crons answers 500 Not implemented$/m);
    expect(section).toMatch(/^Leftovers {2}2 resources the suite could not delete$/m);
    expect(section).toContain("  ! thread conf-abc123-t1\n  ! assistant conf-abc123-a2");
    const bare = await runWith({ color: false }, noExtras);
    expect(bare).not.toContain("Capabilities");
    expect(bare).not.toContain("Leftovers");
  });

  it("names every phase that did not run to the end, with the reason", async () => {
    const text = await runWith({ color: false });
    expect(text).toMatch(/^Phases that did not run to the end {2}1 phase$/m);
    expect(text).toContain("  - Property phase (skipped): getThreadState answered 500");
    expect(text).not.toContain("Threads: lifecycle (ran)");
    expect(await runWith({ color: false }, noExtras)).not.toContain("Phases that did not run");
  });

  it("shows the SDK method of a failure when it had one", async () => {
    const text = await runWith({ color: false, verbose: true });
    const failures = text.slice(text.indexOf("Every finding"));
    expect(failures).toMatch(
      /seen in\s+property:valid: create with generated body\n\s+sdk method\s+assistants\.create\n/,
    );
    expect(failures).toMatch(/sdk method\s+threads\.get/);
    const contentType = failures.slice(
      failures.indexOf("check       content-type"),
      failures.indexOf("check       custom-check"),
    );
    expect(contentType).not.toContain("sdk method");
  });

  it("shows control characters from the server as escapes", async () => {
    const text = await runWith({ color: false });
    expect(text).toContain("'x'>\\x01\\x1b / Documented");
    expect(text).not.toMatch(ANSI);
  });

  it("prints totals, duration and the verdict", async () => {
    const text = await runWith({ color: false });
    expect(text).toMatch(/operations\s+8: 2 passed, 3 failed, 1 not implemented, 1 skipped, 1 not covered/);
    expect(text).toMatch(/findings\s+4 unique \(1 critical, 2 major, 1 minor\), 5 occurrences/);
    expect(text).toMatch(/duration\s+12\.3s/);
    expect(text).toMatch(/FAILED/);
  });

  it("uses the fail-on threshold for the verdict line", async () => {
    const out = capture();
    const kept = results.filter(
      (r) => r.verdict.status !== "errored" && !(r.verdict.status === "failed" && r.checkId !== "content-type"),
    );
    await consoleReporter({ stream: out.stream, color: false, failOn: "major" }).onRunEnd?.(run, kept, 10, noExtras);
    expect(out.text()).toMatch(/^PASSED/m);
  });

  it("lists reasons only when verbose", async () => {
    expect(await runWith({ color: false })).not.toContain("no run to cancel");
    expect(await runWith({ color: false, verbose: true })).toMatch(/cancel_run status-code: no run to cancel/);
  });

  it("has no ANSI codes and no progress line when color is off and the stream is not a TTY", async () => {
    const text = await runWith({});
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain("\r");
  });

  it("colours when asked", async () => {
    expect(await runWith({ color: true })).toMatch(ANSI);
  });

  it("draws a progress line on a TTY and clears it before the report", async () => {
    const text = await runWith({ isTTY: true, color: false });
    expect(text).toContain("\r\u001b[2KProbing endpoints  ✓");
    const report = text.slice(text.lastIndexOf("\r\u001b[2K") + 5);
    expect(report).toContain("Departures");
    expect(report).not.toContain("\r");
  });

  it("keeps table rows within 100 columns", async () => {
    const text = await runWith({ color: false, verbose: true });
    const table = text.slice(text.indexOf("Assistants"), text.indexOf("Capabilities")).split("\n");
    for (const line of table) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it("draws a progress bar with the phase going on and an ETA from the phases done", () => {
    const state = {
      title: "Threads: search",
      done: 10,
      planned: 40,
      startedAt: 0,
      seen: { passed: 120, failed: 3, skipped: 4, not_implemented: 2, errored: 0 },
    };
    expect(progressLine(state, 20_000)).toBe("[████░░░░░░░░░░░░] 10/40 Threads: search  ✓120 ✗3 -4 ∅2 !0  ETA 1m0s");
    expect(progressLine({ ...state, done: 0 }, 1)).toBe("[░░░░░░░░░░░░░░░░] 0/40 Threads: search  ✓120 ✗3 -4 ∅2 !0");
    expect(progressLine({ ...state, planned: 0 }, 1)).toBe("Threads: search  ✓120 ✗3 -4 ∅2 !0");
  });

  it("defaults colour to TTY and NO_COLOR", () => {
    expect(colorDefault(true, {})).toBe(true);
    expect(colorDefault(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorDefault(true, { NO_COLOR: "" })).toBe(true);
    expect(colorDefault(false, {})).toBe(false);
  });
});

describe("console reporter: differences from a reference (--compare)", () => {
  const record = (origin: string, status: number) => ({
    request: { method: "GET", url: `${origin}/threads/t1`, headers: {} },
    response: { status, headers: {}, body: "{}", durationMs: 1 },
    curl: `curl -sS '${origin}/threads/t1'`,
  });
  const difference = (n: number, standing: Difference["standing"], status = 500): Difference => ({
    kind: "status",
    standing,
    source: "scenario:threads.lifecycle",
    step: `step ${n}`,
    operationId: `op_${n}`,
    occurrence: 0,
    target: String(status),
    reference: "404",
    detail: ["different class (5xx / 4xx)"],
    exchanges: { target: record("http://target:1", status), reference: record("http://ref:2", 404) },
  });
  const comparison = (differences: Difference[], failOnDifference = false): Comparison => ({
    reference: "reference",
    referenceUrl: "http://ref:2",
    referencePrefix: "cf-00000002",
    seed: 4242,
    differences,
    unpaired: [{ side: "reference", source: "scenario:x", step: "read at checkpoint", operationId: "op_9", count: 2 }],
    failOnDifference,
  });
  const render = async (c: Comparison, verbose = false) => {
    const out = capture();
    await consoleReporter({ stream: out.stream, color: false, verbose }).onRunEnd?.(run, results, 10, {
      ...noExtras,
      comparison: c,
    } as RunEndExtras);
    return out.text();
  };

  it("prints nothing of a comparison when the run was not compared", async () => {
    expect(await runWith({ color: false })).not.toContain("Differences from");
  });

  it("counts the differences, departures apart from where the document is silent, each with both exchanges", async () => {
    const text = await render(
      comparison([difference(1, "target-departs"), difference(2, "reference-departs"), difference(3, "silent", 201)]),
    );
    expect(text).toMatch(/^Differences from reference {2}http:\/\/ref:2, seed 4242, prefix cf-00000002$/m);
    expect(text).toContain(
      "  3 differences: 1 where the target departs from the document, 1 where the reference does, 1 where the document is silent",
    );
    const departures = text.slice(text.indexOf("Departures from the document"), text.indexOf("Where the document is"));
    expect(departures).toMatch(/1\) status {2}target departs {2}op_1/);
    expect(departures).toMatch(/2\) status {2}reference departs {2}op_2/);
    expect(departures).toContain("500  curl -sS 'http://target:1/threads/t1'");
    expect(departures).toContain("404  curl -sS 'http://ref:2/threads/t1'");
    const silent = text.slice(text.indexOf("Where the document is silent"));
    expect(text).toMatch(/^ {2}Where the document is silent {2}1 difference of 1 kind$/m);
    expect(silent).toMatch(/1\) status {2}document silent {2}op_3/);
    expect(silent).toContain("201  curl -sS 'http://target:1/threads/t1'");
    expect(text).toContain("2 exchanges had no counterpart (a step only one side took)");
    expect(text).not.toContain("FAILED by --fail-on-difference");
  });

  it("shows the first few kinds of difference, counted once each; --verbose shows every one, with its details", async () => {
    const many = [...Array.from({ length: 7 }, (_, i) => difference(i, "silent")), difference(0, "silent")];
    const brief = await render(comparison(many));
    expect(brief).toMatch(/Where the document is silent {2}8 differences of 7 kinds/);
    expect(brief).toMatch(/1\) status {2}document silent {2}op_0 {2}×2/);
    expect(brief).toContain("5) status");
    expect(brief).not.toContain("6) status");
    expect(brief).toContain("… and 2 kinds more (--verbose lists every one)");
    expect(brief).not.toContain("different class");
    const verbose = await render(comparison(many), true);
    expect(verbose).toContain("7) status");
    expect(verbose).not.toContain("kinds more");
    expect(verbose).toContain("different class (5xx / 4xx)");
    expect(verbose).toContain("reference only: scenario:x: read at checkpoint  op_9  ×2");
  });

  it("says when --fail-on-difference fails the run", async () => {
    expect(await render(comparison([difference(1, "silent")], true))).toContain(
      "FAILED by --fail-on-difference: 1 difference where the document is silent",
    );
    expect(await render(comparison([difference(1, "target-departs")], true))).not.toContain("--fail-on-difference:");
  });
});

describe("console reporter: differences from the published document (--spec)", () => {
  const specDiff = (differences: number): SpecDiff => ({
    published: { source: "/pkg/spec/agent-server.yaml", title: "Agent Server", version: "0.1" },
    served: { source: "http://127.0.0.1:9/openapi.json", title: "LangSmith Deployment", version: "0.1.0" },
    defects: ["#/components/schemas/Interrupt is referred to but not defined (treated as any value)"],
    shared: ["POST /runs"],
    differences: [
      { kind: "operation", operation: "POST /threads/prune", only: "published" },
      ...Array.from({ length: differences }, (_, i) => ({
        kind: "body-property" as const,
        operation: "POST /runs",
        name: `field_${i}`,
        only: "served" as const,
      })),
    ],
  });
  const render = async (diff: SpecDiff | undefined, verbose = false) => {
    const out = capture();
    await consoleReporter({ stream: out.stream, color: false, verbose }).onRunEnd?.(run, results, 10, {
      ...noExtras,
      ...(diff ? { specDiff: diff } : {}),
    } as RunEndExtras);
    return out.text();
  };

  it("prints nothing of it when the run's document was the published one", async () => {
    expect(await render(undefined)).not.toContain("Spec differences");
  });

  it("counts operations and differences, then lists the defects and the first differences", async () => {
    const text = await render(specDiff(2));
    expect(text).toMatch(
      /^Spec differences from the published document {2}http:\/\/127\.0\.0\.1:9\/openapi\.json against \/pkg\/spec\/agent-server\.yaml$/m,
    );
    expect(text).toContain(
      "  1 operation only in the published document, 0 only in the served one, 1 in both; 2 differences in\n" +
        "  those; 1 defect\n" +
        "  defect #/components/schemas/Interrupt is referred to but not defined (treated as any value)\n" +
        "  POST /threads/prune only in the published document\n" +
        '  POST /runs: request-body property "field_0" only in the served document\n' +
        '  POST /runs: request-body property "field_1" only in the served document\n',
    );
    expect(text).not.toContain("more (--verbose");
  });

  it("shows the first lines; --verbose shows every one", async () => {
    const brief = await render(specDiff(10));
    expect(brief).toContain('"field_5"');
    expect(brief).not.toContain('"field_6"');
    expect(brief).toContain("  … and 4 more (--verbose lists every one)");
    const verbose = await render(specDiff(10), true);
    expect(verbose).toContain('"field_9"');
    expect(verbose).not.toContain("more (--verbose");
  });
});
