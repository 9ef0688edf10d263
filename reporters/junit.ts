// The JUnit XML report: departures first (a testcase per cause), a testsuite per tag (testcases per operation and
// check), one for SDK methods. Findings the baseline accepts are skipped, so the report is red exactly when the run fails.
import { compactJson, toolInfo } from "./format.ts";
import { fileReporter } from "./file-report.ts";
import { type CheckSummary, type OperationSummary, type SdkMethodSummary, type TagSummary } from "./summarize.ts";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";
import { atLeast, type LevelReached } from "./levels.ts";
import { judge, type Departure, type Gate } from "./verdict.ts";

export const DEFAULT_JUNIT_FILE = "conformance-report.xml";

/** Name of the single testcase written for an operation no check exercised. */
export const NOT_COVERED_CASE = "coverage";
/** Name of the testsuite that has one testcase per SDK method. */
export const SDK_SUITE = "SDK methods";
/** Name of the testsuite that has one testcase per departure (and one for the level asked for). */
export const DEPARTURES_SUITE = "Departures";

// Characters XML 1.0 does not allow anywhere, even escaped; lone surrogates are handled by toWellFormed below.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
  return text.replace(FORBIDDEN, "").replace(LONE_SURROGATE, "\uFFFD");
}

export function escapeText(text: string): string {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function more(n: number): string {
  return n > 1 ? ` (+${n - 1} more)` : "";
}

function failureBody(check: Pick<CheckSummary, "findings" | "errors">): string {
  const parts: string[] = [];
  for (const f of check.findings) {
    const x = f.finding;
    const lines = [`[${x.severity}] ${x.message}${f.count > 1 ? ` (×${f.count})` : ""}`];
    if (x.expected !== undefined) lines.push(`expected: ${compactJson(x.expected, 2000)}`);
    if (x.actual !== undefined) lines.push(`actual:   ${compactJson(x.actual, 2000)}`);
    if (x.instancePointer !== undefined) lines.push(`instance: ${x.instancePointer || '""'}`);
    if (x.schemaPointer !== undefined) lines.push(`schema:   ${x.schemaPointer || '""'}`);
    lines.push(...seenBody(f));
    parts.push(lines.join("\n"));
  }
  for (const e of check.errors)
    parts.push([`[suite error] ${e.message}${e.count > 1 ? ` (×${e.count})` : ""}`, ...seenBody(e)].join("\n"));
  return parts.join("\n\n");
}

function seenBody(f: { source: string; step: string; seed?: number; curl?: string; sdkMethod?: string }): string[] {
  const lines = [`seen in:  ${f.source}: ${f.step}`];
  if (f.sdkMethod !== undefined) lines.push(`sdk:      ${f.sdkMethod}`);
  if (f.seed !== undefined) lines.push(`seed:     ${f.seed}`);
  if (f.curl !== undefined) lines.push(`curl:     ${f.curl}`);
  return lines;
}

function departureCase(d: Departure, c: Counts): string {
  c.tests += 1;
  const open = `    <testcase${attrs({ classname: `departures.${d.checkId}`, name: d.cause, time: seconds(0) })}`;
  const where = `seen in ${d.operations.length} operation${d.operations.length === 1 ? "" : "s"}: ${d.operations.join(", ")}`;
  if (d.status === "known") {
    c.skipped += 1;
    return `${open}>\n      <skipped${attrs({ message: `known (in the baseline): ${d.message}; ${where}` })}/>\n    </testcase>`;
  }
  c.failures += 1;
  const examples = d.operations.map((operationId) => {
    const f = d.findings.find((x) => x.operation.operationId === operationId)!;
    return [`${operationId}: ${f.finding.message}${f.count > 1 ? ` (×${f.count})` : ""}`, ...seenBody(f)].join("\n");
  });
  const body = [`[${d.severity}] ${d.title ?? d.checkId}`, where, ...examples].join("\n\n");
  return `${open}>\n      <failure${attrs({ message: `${d.message}; ${where}`, type: d.checkId })}>${escapeText(body)}</failure>\n    </testcase>`;
}

function levelCase(wanted: LevelReached, reached: LevelReached, c: Counts): string {
  c.tests += 1;
  const open = `    <testcase${attrs({ classname: "level", name: `level ${wanted}`, time: seconds(0) })}`;
  if (atLeast(reached, wanted)) return `${open}/>`;
  c.failures += 1;
  const message = `level ${wanted} not reached (reached: ${reached})`;
  return `${open}>\n      <failure${attrs({ message, type: "level" })}/>\n    </testcase>`;
}

function testcase(
  tag: string,
  op: OperationSummary,
  check: CheckSummary | undefined,
  c: Counts,
  known: ReadonlySet<string> | undefined,
): string {
  const name = check?.checkId ?? NOT_COVERED_CASE;
  const ms = check?.durationMs ?? 0;
  c.tests += 1;
  c.ms += ms;
  const open = `    <testcase${attrs({ classname: `${tag}.${op.operation.operationId}`, name, time: seconds(ms) })}`;
  let inner: string;
  if (!check) {
    c.skipped += 1;
    inner = `<skipped${attrs({ message: "not covered: no check exercised this operation" })}/>`;
  } else if (check.status === "failed" && known && check.findings.every((f) => known.has(f.finding.key))) {
    c.skipped += 1;
    const first = check.findings[0]!;
    inner = `<skipped${attrs({ message: `known (in the baseline): ${first.finding.message}${more(check.findings.length)}` })}/>`;
  } else if (check.status === "failed") {
    c.failures += 1;
    const first = check.findings[0];
    const message = first ? `${first.finding.message}${more(check.findings.length)}` : "failed";
    inner = `<failure${attrs({ message, type: check.checkId })}>${escapeText(failureBody(check))}</failure>`;
  } else if (check.status === "errored") {
    c.errors += 1;
    const first = check.errors[0];
    const message = first ? `${first.message}${more(check.errors.length)}` : "suite error";
    inner = `<error${attrs({ message, type: "suite-error" })}>${escapeText(failureBody(check))}</error>`;
  } else if (check.status === "passed") {
    return `${open}/>`;
  } else {
    c.skipped += 1;
    const reason = check.reasons.find((r) => r.status === check.status) ?? check.reasons[0];
    const text = reason ? `${reason.reason}${more(check.reasons.length)}` : check.status;
    const message =
      check.status === "not_implemented"
        ? `not implemented: ${text}`
        : check.status === "skipped"
          ? text
          : `not covered: ${text}`;
    inner = `<skipped${attrs({ message })}/>`;
  }
  return `${open}>\n      ${inner}\n    </testcase>`;
}

function sdkTestcase(m: SdkMethodSummary, c: Counts): string {
  c.tests += 1;
  c.ms += m.durationMs;
  const open = `    <testcase${attrs({ classname: `sdk.${m.client}`, name: m.method, time: seconds(m.durationMs) })}`;
  let inner: string;
  if (m.verdict === "passed") return `${open}/>`;
  if (m.verdict === "failed") {
    c.failures += 1;
    const first = m.findings[0];
    const message = first
      ? `${first.finding.message}${more(m.findings.length + m.errors.length)}`
      : `${m.errors[0]?.message ?? "failed"}${more(m.errors.length)}`;
    const type = first?.finding.checkId ?? "suite-error";
    inner = `<failure${attrs({ message, type })}>${escapeText(failureBody(m))}</failure>`;
  } else {
    c.skipped += 1;
    const reason = m.reasons.find((r) => r.status === m.verdict) ?? m.reasons[0];
    const text = reason ? `${reason.reason}${more(m.reasons.length)}` : m.verdict;
    let message = text;
    if (m.verdict === "not_covered") message = "not covered: no step exercised this SDK method";
    else if (m.verdict === "not_implemented") message = `not implemented: ${text}`;
    inner = `<skipped${attrs({ message })}/>`;
  }
  return `${open}>\n      ${inner}\n    </testcase>`;
}

function tagCases(group: TagSummary, c: Counts, known: ReadonlySet<string> | undefined): string[] {
  const cases: string[] = [];
  for (const op of group.operations) {
    if (op.checks.length === 0) cases.push(testcase(group.tag, op, undefined, c, known));
    for (const check of op.checks) cases.push(testcase(group.tag, op, check, c, known));
  }
  return cases;
}

/** One <testsuite>; `cases` fills the counts it is given, which are then added to `total`. */
function testsuite(
  name: string,
  run: RunView,
  id: number,
  total: Counts,
  properties: string[],
  cases: (c: Counts) => string[],
): string {
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const body = cases(c);
  total.tests += c.tests;
  total.failures += c.failures;
  total.errors += c.errors;
  total.skipped += c.skipped;
  const head = `  <testsuite${attrs({
    name,
    id,
    tests: c.tests,
    failures: c.failures,
    errors: c.errors,
    skipped: c.skipped,
    time: seconds(c.ms),
    timestamp: run.startedAt,
    hostname: run.target,
  })}>`;
  const props = properties.length > 0 ? ["    <properties>", ...properties, "    </properties>"] : [];
  return [head, ...props, ...body, "  </testsuite>"].join("\n");
}

/** Builds the whole XML document. */
export function buildJunitXml(
  run: RunView,
  results: readonly ResultView[],
  durationMs: number,
  extras: RunEndExtras,
  gate: Gate = { failOn: "minor" },
): string {
  const judged = judge(run, results, extras, gate);
  const { summary, levels } = judged;
  const known = gate.baseline ? new Set(gate.baseline.entries.map((e) => e.key)) : undefined;
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: durationMs };
  const tool = toolInfo();
  // Run-wide properties go on the first suite: <testsuites> has no <properties> in the common schemas.
  const properties = [
    ["tool", `${tool.name} ${tool.version}`],
    ["target", run.target],
    ["embedded", String(run.embedded)],
    ["spec", `${run.spec.title} ${run.spec.version} (${run.spec.source})`],
    ["catalogue", run.catalogueVersion],
    ["prefix", run.prefix],
    ["seed", String(run.seed)],
    ["end", extras.reason],
    ["verdict", `${judged.verdict}: ${judged.because}`],
    ["level", `${levels.reached}${levels.partial ? " (partial run)" : ""}`],
    ...(["core", "standard", "optional"] as const).map((level) => [
      `level:${level}`,
      Object.entries(levels.counts[level])
        .map(([status, n]) => `${n} ${status.replace("_", " ")}`)
        .join(", "),
    ]),
    ...(judged.baseline
      ? [
          [
            "baseline",
            `${judged.baseline.source}: ${judged.newFindings} new findings; fixed: ${
              judged.baseline.fixed.map((e) => e.key).join(", ") || "none"
            }`,
          ],
        ]
      : []),
    ...extras.capabilities.map((c) => [
      `capability:${c.name}`,
      `${c.supported ? "supported" : "not supported"}${c.detail ? `: ${c.detail}` : ""}`,
    ]),
  ].map(([name, value]) => `      <property${attrs({ name: name!, value: value! })}/>`);
  const builders = [
    {
      name: DEPARTURES_SUITE,
      cases: (c: Counts) => [
        ...(gate.level !== undefined ? [levelCase(gate.level, levels.reached, c)] : []),
        ...judged.departures.map((d) => departureCase(d, c)),
      ],
    },
    ...summary.tags.map((group) => ({ name: group.tag, cases: (c: Counts) => tagCases(group, c, known) })),
  ];
  if (summary.sdkMethods.length > 0) {
    builders.push({ name: SDK_SUITE, cases: (c: Counts) => summary.sdkMethods.map((m) => sdkTestcase(m, c)) });
  }
  const suites = builders.map((b, i) => testsuite(b.name, run, i, total, i === 0 ? properties : [], b.cases));
  const head = `<testsuites${attrs({
    name: `${run.spec.title} conformance`,
    tests: total.tests,
    failures: total.failures,
    errors: total.errors,
    skipped: total.skipped,
    time: seconds(durationMs),
    timestamp: run.startedAt,
  })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, "</testsuites>", ""].join("\n");
}

export const junitReporter = (options: ReporterOptions = {}): Reporter =>
  fileReporter("junit", "JUnit", DEFAULT_JUNIT_FILE, buildJunitXml, options);
