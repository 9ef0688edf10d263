// Tests for the JUnit reporter: suites per tag and for SDK methods, capability properties, counts and XML escaping.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createReporters, reporterListener } from "./index.ts";
import type { Reporter, RunEndExtras } from "./types.ts";
import { parseBaseline } from "../src/baseline.ts";
import { buildJunitXml, DEPARTURES_SUITE, escapeAttr, escapeText, junitReporter, SDK_SUITE } from "./junit.ts";
import { extras, noExtras, results, run } from "./testdata.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const decode = (s: string) =>
  s.replace(/&(#\d+|lt|gt|quot|apos|amp);/g, (_m, e: string) =>
    e === "lt"
      ? "<"
      : e === "gt"
        ? ">"
        : e === "quot"
          ? '"'
          : e === "apos"
            ? "'"
            : e === "amp"
              ? "&"
              : String.fromCharCode(Number(e.slice(1))),
  );

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/\s([\w:-]+)="([^"]*)"/g)) out[m[1]!] = decode(m[2]!);
  return out;
}

interface Case {
  attrs: Record<string, string>;
  body: string;
}

/** A light parse: suites with their attributes, and their testcases with the element inside. */
function parse(xml: string) {
  const root = attributes(/<testsuites\b[^>]*>/.exec(xml)![0]);
  const suites = [...xml.matchAll(/<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>/g)].map((m) => ({
    attrs: attributes(m[1]!),
    cases: [...m[2]!.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((c): Case => ({
      attrs: attributes(c[1]!),
      body: c[2] ?? "",
    })),
  }));
  return { root, suites };
}

describe("junit report", () => {
  const xml = buildJunitXml(run, results, 1234, extras);
  const { root, suites } = parse(xml);
  const cases = suites.flatMap((s) => s.cases);
  const sdkSuite = suites.find((s) => s.attrs.name === SDK_SUITE)!;
  const find = (classname: string, name: string) =>
    cases.find((c) => c.attrs.classname === classname && c.attrs.name === name)!;

  it("is one testsuite per tag and one testcase per check per operation", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(suites.map((s) => s.attrs.name)).toEqual([
      DEPARTURES_SUITE,
      "Assistants",
      "Threads & <Stuff>",
      "Runs",
      "(unknown operation)",
      SDK_SUITE,
    ]);
    const operationCases = cases.filter((c) => !/^(sdk|departures)\./.test(c.attrs.classname!));
    expect(operationCases).toHaveLength(13);
    expect(find("Assistants.create_assistant", "response-schema")).toBeDefined();
    expect(find("Runs.stream_run", "coverage").body).toContain(
      '<skipped message="not covered: no check exercised this operation"/>',
    );
  });

  it("carries totals on testsuites and each testsuite", () => {
    // 4 departures (failures) + 13 operation testcases (4 failures, 1 error, 5 skipped) + 10 SDK methods (3 failures,
    // 5 skipped)
    expect(root).toMatchObject({ tests: "27", failures: "11", errors: "1", skipped: "10", time: "1.234" });
    for (const s of suites) {
      const count = (el: string) => s.cases.filter((c) => c.body.includes(`<${el}`)).length;
      expect(Number(s.attrs.tests)).toBe(s.cases.length);
      expect(Number(s.attrs.failures)).toBe(count("failure"));
      expect(Number(s.attrs.errors)).toBe(count("error"));
      expect(Number(s.attrs.skipped)).toBe(count("skipped"));
    }
    expect(suites[1]!.attrs).toMatchObject({ tests: "4", failures: "1", skipped: "1", time: "0.065" });
  });

  it("has one testcase per SDK method, by verdict", () => {
    expect(sdkSuite.attrs).toMatchObject({ id: "5", tests: "10", failures: "3", errors: "0", skipped: "5" });
    expect(sdkSuite.cases.map((c) => `${c.attrs.classname} ${c.attrs.name}`)).toEqual([
      "sdk.assistants assistants.create",
      "sdk.assistants assistants.search",
      "sdk.threads threads.create",
      "sdk.threads threads.get",
      "sdk.threads threads.delete",
      "sdk.runs runs.stream",
      "sdk.runs runs.cancel",
      "sdk.crons crons.create",
      "sdk.store store.put_item",
      "sdk.threads threads.update_state",
    ]);
    expect(find("sdk.assistants", "assistants.search").body).toBe("");
    const create = find("sdk.threads", "threads.create").body;
    expect(attributes(/<failure\b[^>]*>/.exec(create)![0])).toEqual({
      message: "Received: 500 / Documented: 200, 422 (+1 more)",
      type: "status-code",
    });
    expect(decode(create)).toContain("[critical] Received: 500");
    expect(decode(create)).toContain("sdk:      threads.create");
    expect(find("sdk.threads", "threads.get").body).toMatch(
      /<failure message="fetch failed: ECONNRESET" type="suite-error">/,
    );
    expect(find("sdk.threads", "threads.delete").body).toContain(
      '<skipped message="not implemented: server answered 404 for the route"/>',
    );
    expect(find("sdk.runs", "runs.cancel").body).toContain('<skipped message="no run to cancel"/>');
    expect(find("sdk.store", "store.put_item").body).toContain(
      '<skipped message="not covered: no step exercised this SDK method"/>',
    );
  });

  it("puts run properties and capabilities on the first suite only", () => {
    const props = [...xml.matchAll(/<property\b[^>]*\/>/g)].map((m) => attributes(m[0]));
    const names = [
      "tool",
      "target",
      "embedded",
      "spec",
      "catalogue",
      "prefix",
      "seed",
      "end",
      "verdict",
      "level",
      "level:core",
      "level:standard",
      "level:optional",
      "capability:stream mode: values",
      "capability:crons",
    ];
    expect(props.map((p) => p.name)).toEqual(names);
    const value = (name: string) => props.find((p) => p.name === name)?.value;
    expect(value("verdict")).toBe("failed: 1 suite error");
    expect(value("level")).toBe("core");
    expect(value("level:standard")).toBe("0 passed, 3 failed, 0 skipped, 0 not implemented, 0 errored, 0 not run");
    expect(value("capability:stream mode: values")).toBe("supported");
    expect(value("capability:crons")).toBe("not supported: POST /runs/crons answers 500 Not implemented");
    expect(xml.match(/<properties>/g)).toHaveLength(1);
    expect(xml.indexOf("<properties>")).toBeLessThan(xml.indexOf("<testcase"));
    expect(buildJunitXml(run, results, 1, noExtras)).not.toContain("capability:");
  });

  it("starts with one testcase per departure: new ones fail, known ones are skipped, as is what they cover", () => {
    const departures = suites[0]!.cases;
    expect(departures.map((c) => [c.attrs.classname, c.attrs.name])).toEqual([
      ["departures.status-code", "status-code:500"],
      ["departures.response-schema", "response-schema:/assistant_id:type"],
      ["departures.custom-check", "custom-check:failed-without-findings"],
      ["departures.content-type", "content-type:text/html"],
    ]);
    expect(decode(departures[0]!.body)).toContain("seen in 1 operation: create_thread");
    const schemaKey = "response-schema:create_assistant:/assistant_id:type";
    const accepted = parseBaseline(JSON.stringify({ accepted: [schemaKey] }), "b.json");
    const known = parse(buildJunitXml(run, results, 1, extras, { failOn: "minor", baseline: accepted }));
    const knownCases = known.suites.flatMap((s) => s.cases);
    const departure = knownCases.find((c) => c.attrs.name === "response-schema:/assistant_id:type")!;
    expect(departure.body).toMatch(/<skipped message="known \(in the baseline\)/);
    const check = knownCases.find(
      (c) => c.attrs.classname === "Assistants.create_assistant" && c.attrs.name === "response-schema",
    )!;
    expect(check.body).toMatch(/<skipped message="known \(in the baseline\)/);
    const level = parse(buildJunitXml(run, results, 1, extras, { failOn: "minor", level: "standard" }));
    expect(level.suites[0]!.cases[0]).toMatchObject({ attrs: { classname: "level", name: "level standard" } });
    expect(level.suites[0]!.cases[0]!.body).toContain('message="level standard not reached (reached: core)"');
  });

  it("leaves the SDK suite out when there is no SDK method", () => {
    const bare = parse(
      buildJunitXml(
        { ...run, sdkMethods: [] },
        results.map(({ sdkMethod: _, ...r }) => r),
        1,
        noExtras,
      ),
    );
    expect(bare.suites.map((s) => s.attrs.name)).not.toContain(SDK_SUITE);
  });

  it("puts findings, expected/actual, pointers and curl in failures", () => {
    const body = find("Assistants.create_assistant", "response-schema").body;
    const failure = attributes(/<failure\b[^>]*>/.exec(body)![0]);
    expect(failure).toEqual({ message: "Received: assistant_id 42 / Documented: a string", type: "response-schema" });
    const text = decode(body);
    expect(text).toContain("(×2)");
    expect(text).toContain('expected: {"type":"string","format":"uuid"}');
    expect(text).toContain("actual:   42");
    expect(text).toContain("instance: /assistant_id");
    expect(text).toContain("schema:   /components/schemas/Assistant/properties/assistant_id");
    expect(text).toContain("curl:     curl -X POST 'http://localhost:2024/assistants'");
  });

  it("writes skipped, not implemented and errored results", () => {
    expect(find("Assistants.search_assistants", "response-schema").body).toContain(
      '<skipped message="no 2xx response to validate"/>',
    );
    expect(find("Threads & <Stuff>.delete_thread", "status-code").body).toContain(
      '<skipped message="not implemented: server answered 404 for the route"/>',
    );
    const error = find("Threads & <Stuff>.get_thread", "status-code").body;
    expect(error).toMatch(/<error message="fetch failed: ECONNRESET" type="suite-error">/);
    expect(find("Assistants.create_assistant", "status-code").body).toBe("");
  });

  it("escapes markup and strips characters XML 1.0 forbids", () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    // every & starts an entity, and no < is left in text or attributes
    expect(xml).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    for (const m of xml.matchAll(/="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
    const body = find("Threads & <Stuff>.create_thread", "content-type").body;
    const message = attributes(/<failure\b[^>]*>/.exec(body)![0]).message;
    expect(message).toBe(`Received: <"text/html" & 'x'> / Documented: application/json`);
    expect(decode(body)).toContain('actual:   "text/html; a=<b>"');
    expect(escapeAttr('a\nb\t"c"\u0000')).toBe("a&#10;b&#9;&quot;c&quot;");
    expect(escapeText("x \uD800 y ]]> <z>")).toBe("x \uFFFD y ]]&gt; &lt;z&gt;");
  });

  it("writes the file at run end, creating parent directories", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reporters-junit-"));
    dirs.push(dir);
    const file = join(dir, "a", "b", "junit.xml");
    await junitReporter({ outputFile: file }).onRunEnd?.(run, results, 5, extras);
    expect(await readFile(file, "utf8")).toBe(buildJunitXml(run, results, 5, extras));
  });
});

describe("createReporters", () => {
  it("builds reporters by name, once each, with their output files", () => {
    const list = createReporters(["console", "junit,json", "console"], { json: "a.json", junit: "b.xml" });
    expect(list.map((r) => r.name)).toEqual(["console", "junit", "json"]);
  });

  it("rejects an unknown name", () => {
    expect(() => createReporters(["console", "pdf"], {})).toThrow(
      "`--report` must be one of console, json, junit, html, markdown, badge, but received pdf",
    );
  });
});

describe("reporterListener", () => {
  it("hands the run-end capabilities and leftovers to onRunEnd", async () => {
    const seen: RunEndExtras[] = [];
    const spy: Reporter = { name: "spy", onRunEnd: (_run, _results, _ms, extras) => void seen.push(extras) };
    const listener = reporterListener([spy]);
    await listener({ type: "run-end", run, results, durationMs: 1, ...extras });
    expect(seen).toEqual([extras]);
  });
});
