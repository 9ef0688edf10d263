// The human report: the answer first (verdict, level, departures by cause), then endpoint tables, SDK methods,
// capabilities, leftovers, every finding (--verbose), totals; a progress line on a TTY.
import {
  colorDefault,
  compactJson,
  formatDuration,
  padEnd,
  paintSeverity,
  paintStatus,
  palette,
  plural,
  printable,
  STATUS_MARK,
  truncate,
  wrap,
  type Palette,
} from "./format.ts";
import { LEVELS_REACHED, type LevelReport } from "./levels.ts";
import {
  type OperationSummary,
  type OperationVerdict,
  type RunSummary,
  type SdkMethodSummary,
  type StatusCounts,
} from "./summarize.ts";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";
import {
  comparisonFails,
  countDifferences,
  type Comparison,
  type ComparisonExtras,
  type Difference,
} from "../src/compare/model.ts";
import { countSpecDiff, describeSpecDifference, type SpecDiff, type SpecDiffExtras } from "../src/spec/diff.ts";
import { gateOf, judge, type Departure, type Gate, type Judged } from "./verdict.ts";

export interface RenderOptions {
  palette: Palette;
  /** Layout width in columns (at most 100 is used). */
  width: number;
  verbose: boolean;
  gate: Gate;
}

const LABEL = 12; // width of the labels in the failure blocks and totals

export function renderHeader(run: RunView, p: Palette): string {
  const lines = [
    p.bold("LangGraph Agent Server conformance"),
    `  ${padEnd("target", LABEL)}${run.target}${run.embedded ? p.dim(" (embedded server)") : ""}`,
    `  ${padEnd("spec", LABEL)}${run.spec.title} ${run.spec.version}${p.dim(`  ${run.spec.source}`)}`,
    `  ${padEnd("catalogue", LABEL)}${run.catalogueVersion}${p.dim(`  ${run.rules.length} checks and rules`)}`,
    `  ${padEnd("seed", LABEL)}${run.seed}`,
    `  ${padEnd("prefix", LABEL)}${run.prefix}`,
    `  ${padEnd("started", LABEL)}${run.startedAt}`,
  ];
  return lines.join("\n") + "\n";
}

function countsText(p: Palette, c: StatusCounts): string {
  const parts = [
    paintStatus(p, "passed", `✓${c.passed}`),
    c.failed > 0 ? paintStatus(p, "failed", `✗${c.failed}`) : p.dim(`✗${c.failed}`),
    p.dim(`-${c.skipped}`),
    c.not_implemented > 0 ? paintStatus(p, "not_implemented", `∅${c.not_implemented}`) : p.dim(`∅0`),
  ];
  if (c.errored > 0) parts.push(paintStatus(p, "errored", `!${c.errored}`));
  return parts.join(" ");
}

function renderTables(summary: RunSummary, o: RenderOptions): string[] {
  const p = o.palette;
  const all = summary.operations.map((s) => s.operation);
  const methodW = Math.min(7, Math.max(3, ...all.map((op) => op.method.length)));
  const width = Math.min(o.width, 100);
  const opW = Math.min(28, Math.max(11, ...all.map((op) => op.operationId.length)));
  // 4 = indent + mark, 1 + 2 + 2 = gaps, 22 = room for the counts.
  const pathW = Math.max(
    16,
    Math.min(width - 4 - methodW - 5 - opW - 22, Math.max(...all.map((op) => op.path.length), 4)),
  );
  const lines: string[] = [];
  for (const group of summary.tags) {
    lines.push("", `${p.bold(group.tag)}  ${p.dim(plural(group.operations.length, "operation"))}`);
    for (const s of group.operations) {
      const { method, path, operationId } = s.operation;
      const mark = paintStatus(p, s.verdict, STATUS_MARK[s.verdict]);
      const counts = s.verdict === "not_covered" ? p.dim("not covered") : countsText(p, s.counts);
      lines.push(
        `  ${mark} ${padEnd(method.toUpperCase(), methodW)} ${padEnd(truncate(path, pathW), pathW)}  ` +
          `${p.cyan(padEnd(truncate(operationId, opW), opW))}  ${counts}`,
      );
    }
  }
  return lines;
}

/** Clients in the order the SDK section lists them; other clients follow in order of appearance. */
const CLIENT_ORDER = ["assistants", "threads", "runs", "crons", "store"];
const NOT_COVERED = "not covered";

function verdictCounts(verdicts: readonly OperationVerdict[]): string {
  const n = (v: OperationVerdict) => verdicts.filter((x) => x === v).length;
  return `${n("passed")} passed, ${n("failed")} failed, ${n("not_implemented")} not implemented, ${n("skipped")} skipped, ${n("not_covered")} not covered`;
}

function renderSdkMethods(methods: readonly SdkMethodSummary[], o: RenderOptions): string[] {
  if (methods.length === 0) return [];
  const p = o.palette;
  const width = Math.min(o.width, 100);
  const countsPlain = (m: SdkMethodSummary) =>
    m.verdict === "not_covered" ? NOT_COVERED : countsText(palette(false), m.counts);
  const nameW = Math.min(32, Math.max(...methods.map((m) => m.method.length)));
  const countsW = Math.max(...methods.map((m) => [...countsPlain(m)].length));
  const sdkClients = [...new Set(methods.flatMap((m) => m.clients.map((c) => c.client)))].sort();
  // One column per SDK client that judged any method: its name (without the version, unless two versions of one
  // client were run) and its verdict on the method.
  const nameOf = (client: string) => client.split(" ")[0]!;
  const label = (client: string) =>
    printable(sdkClients.filter((c) => nameOf(c) === nameOf(client)).length > 1 ? client : nameOf(client));
  const clientsW = sdkClients.reduce((w, c) => w + label(c).length + 4, 0);
  const opsW = Math.max(10, width - 6 - nameW - 2 - clientsW - countsW - 2);
  const clients = [...new Set([...CLIENT_ORDER, ...methods.map((m) => m.client)])];
  const lines = [
    "",
    `${p.bold("SDK methods")}  ${p.dim(`${plural(methods.length, "method")}: ${verdictCounts(methods.map((m) => m.verdict))}`)}`,
  ];
  for (const sdkClient of sdkClients) {
    const verdicts = methods.map((m) => m.clients.find((c) => c.client === sdkClient)?.verdict ?? "not_covered");
    lines.push(`  ${p.dim(`by ${printable(sdkClient)}: ${verdictCounts(verdicts)}`)}`);
  }
  const clientColumns = (m: SdkMethodSummary) =>
    sdkClients
      .map((c) => {
        const verdict = m.clients.find((v) => v.client === c)?.verdict ?? "not_covered";
        return `${label(c)} ${paintStatus(p, verdict, STATUS_MARK[verdict])}  `;
      })
      .join("");
  for (const client of clients) {
    const group = methods.filter((m) => m.client === client);
    if (group.length === 0) continue;
    lines.push(`  ${p.bold(client)}`);
    for (const m of group) {
      const mark = paintStatus(p, m.verdict, STATUS_MARK[m.verdict]);
      const counts = m.verdict === "not_covered" ? p.dim(NOT_COVERED) : countsText(p, m.counts);
      const pad = " ".repeat(countsW - [...countsPlain(m)].length);
      const ops = m.operations.length > 0 ? `${pad}  ${p.cyan(truncate(m.operations.join(", "), opsW))}` : "";
      lines.push(`    ${mark} ${padEnd(truncate(m.method, nameW), nameW)}  ${clientColumns(m)}${counts}${ops}`);
    }
  }
  return lines;
}

/** What the target has, on one wrapped line; one line per capability it lacks, with what was seen. */
function renderCapabilitiesBrief(capabilities: RunEndExtras["capabilities"], o: RenderOptions): string[] {
  const p = o.palette;
  const width = Math.min(o.width, 100);
  const lines = ["", `${p.bold("Capabilities")}  ${p.dim("--verbose for what was seen of each")}`];
  const has = capabilities.filter((c) => c.supported).map((c) => printable(c.name));
  if (has.length > 0)
    lines.push(
      p.green(
        `  ✓ ${wrap(has.join(", "), width - 4)
          .split("\n")
          .join("\n    ")}`,
      ),
    );
  for (const c of capabilities.filter((x) => !x.supported)) {
    const head = `  ✗ ${printable(c.name)}${c.declared === false ? " (declared absent)" : ""}`;
    const detail = c.detail ? `  ${truncate(printable(c.detail), Math.max(10, width - [...head].length - 2))}` : "";
    lines.push(`${p.red(head)}${p.dim(detail)}`);
  }
  return lines;
}

function renderCapabilities(capabilities: RunEndExtras["capabilities"], o: RenderOptions): string[] {
  if (capabilities.length === 0) return [];
  if (!o.verbose) return renderCapabilitiesBrief(capabilities, o);
  const p = o.palette;
  const width = Math.min(o.width, 100);
  const nameW = Math.min(28, Math.max(...capabilities.map((c) => [...printable(c.name)].length)));
  const lines = ["", p.bold("Capabilities")];
  for (const c of capabilities) {
    const head = `  ${c.supported ? "✓" : "✗"} ${padEnd(printable(c.name), nameW)}  ${c.supported ? "supported" : "not supported"}`;
    const painted = c.supported ? p.green(head) : p.red(head);
    if (c.detail === undefined || c.detail === "") {
      lines.push(painted);
      continue;
    }
    const indent = [...head].length + 2;
    const detail = wrap(printable(c.detail), Math.max(20, width - indent))
      .split("\n")
      .join(`\n${" ".repeat(indent)}`);
    lines.push(`${painted}  ${p.dim(detail)}`);
  }
  return lines;
}

function renderPhases(phases: RunEndExtras["phases"], o: RenderOptions): string[] {
  const stopped = phases.filter((ph) => ph.outcome.status !== "ran");
  if (stopped.length === 0) return [];
  const p = o.palette;
  return [
    "",
    `${p.bold(p.yellow("Phases that did not run to the end"))}  ${p.dim(plural(stopped.length, "phase"))}`,
    ...stopped.map((ph) =>
      ph.outcome.status === "ran"
        ? ""
        : `  ${p.yellow("-")} ${ph.title} ${p.dim(`(${ph.outcome.status})`)}: ${printable(ph.outcome.reason)}`,
    ),
  ];
}

function renderLeftovers(leftovers: readonly string[], o: RenderOptions): string[] {
  if (leftovers.length === 0) return [];
  const p = o.palette;
  return [
    "",
    `${p.bold(p.yellow("Leftovers"))}  ${p.dim(`${plural(leftovers.length, "resource")} the suite could not delete`)}`,
    ...leftovers.map((l) => `  ${p.yellow("!")} ${printable(l)}`),
  ];
}

const BLOCK_INDENT = 5 + LABEL;

/**
 * One labelled line of a failure block; multi-line values stay indented. With `width`, the value is
 * word-wrapped to fit (curl commands are never wrapped, to stay copyable). Callers pass server or spec
 * text through printable() first.
 */
function block(label: string, value: string, p: Palette, width?: number): string {
  const body = width === undefined ? value : wrap(value, Math.max(20, width - BLOCK_INDENT));
  return `     ${p.dim(padEnd(label, LABEL))}${body.split("\n").join(`\n${" ".repeat(BLOCK_INDENT)}`)}`;
}

function opTitle(s: OperationSummary, p: Palette): string {
  const { method, path, operationId } = s.operation;
  return `${p.cyan(operationId)}  ${p.dim(`${method.toUpperCase()} ${path}`)}`;
}

function renderFailures(summary: RunSummary, o: RenderOptions): string[] {
  if (!o.verbose) return [];
  const p = o.palette;
  const width = Math.min(o.width, 100);
  const valueW = Math.max(20, width - BLOCK_INDENT);
  const lines: string[] = [];
  let n = 0;
  for (const s of summary.operations) {
    for (const check of s.checks) {
      for (const f of check.findings) {
        const { finding } = f;
        const times = f.count > 1 ? p.dim(`  ×${f.count}`) : "";
        lines.push("", `  ${++n}) ${paintStatus(p, "failed", STATUS_MARK.failed)} ${opTitle(s, p)}`);
        lines.push(block("check", `${check.checkId}  ${paintSeverity(p, finding.severity)}${times}`, p));
        lines.push(block("message", printable(finding.message), p, width));
        if (finding.expected !== undefined) lines.push(block("expected", compactJson(finding.expected, valueW), p));
        if (finding.actual !== undefined) lines.push(block("actual", compactJson(finding.actual, valueW), p));
        if (finding.instancePointer !== undefined)
          lines.push(block("instance", printable(finding.instancePointer) || '""', p));
        if (finding.schemaPointer !== undefined)
          lines.push(block("schema", printable(finding.schemaPointer) || '""', p));
        lines.push(...seenLines(f, p));
      }
      for (const e of check.errors) {
        const times = e.count > 1 ? p.dim(`  ×${e.count}`) : "";
        lines.push("", `  ${++n}) ${paintStatus(p, "errored", "! suite error")}  ${opTitle(s, p)}`);
        lines.push(block("check", `${check.checkId}${times}`, p));
        lines.push(block("message", printable(e.message), p, width));
        lines.push(...seenLines(e, p));
      }
    }
  }
  if (n === 0) return [];
  return ["", p.bold(p.red("Every finding")), ...lines];
}

function seenLines(
  f: { source: string; step: string; seed?: number; curl?: string; sdkMethod?: string },
  p: Palette,
): string[] {
  const lines = [block("seen in", printable(`${f.source}: ${f.step}`), p)];
  if (f.sdkMethod !== undefined) lines.push(block("sdk method", printable(f.sdkMethod), p));
  if (f.seed !== undefined) lines.push(block("seed", String(f.seed), p));
  if (f.curl !== undefined) lines.push(block("curl", printable(f.curl), p));
  return lines;
}

function renderReasons(summary: RunSummary, o: RenderOptions): string[] {
  const p = o.palette;
  const t = summary.totals.results;
  if (t.skipped + t.not_implemented === 0) return [];
  if (!o.verbose) {
    return [
      "",
      p.dim(
        `${plural(t.not_implemented, "not-implemented result")} and ${plural(t.skipped, "skipped result")}; \`--verbose\` lists the reasons.`,
      ),
    ];
  }
  const lines = ["", p.bold("Not implemented and skipped")];
  for (const s of summary.operations) {
    for (const check of s.checks) {
      for (const r of check.reasons) {
        const mark = paintStatus(p, r.status, STATUS_MARK[r.status]);
        const times = r.count > 1 ? p.dim(` ×${r.count}`) : "";
        lines.push(`  ${mark} ${p.cyan(s.operation.operationId)} ${check.checkId}${times}: ${printable(r.reason)}`);
      }
    }
  }
  return lines;
}

function renderTotals(judged: Judged, durationMs: number, o: RenderOptions, extras: RunEndExtras): string[] {
  const p = o.palette;
  const t = judged.summary.totals;
  const v = t.operationVerdicts;
  const f = t.findings;
  const row = (label: string, value: string) => `  ${padEnd(label, LABEL)}${value}`;
  const lines = [
    "",
    p.bold("Totals"),
    row(
      "operations",
      `${t.operations}: ${v.passed} passed, ${v.failed} failed, ${v.not_implemented} not implemented, ` +
        `${v.skipped} skipped, ${v.not_covered} not covered`,
    ),
    row("checks", `${t.checks.total}: ${countsText(p, t.checks)}`),
    row("results", `${t.results.total}: ${countsText(p, t.results)}`),
    row(
      "findings",
      `${f.unique} unique (${f.critical} critical, ${f.major} major, ${f.minor} minor), ${plural(f.occurrences, "occurrence")}`,
    ),
  ];
  if (t.errors.occurrences > 0) {
    lines.push(
      row("errors", `${plural(t.errors.unique, "unique suite error")}, ${plural(t.errors.occurrences, "occurrence")}`),
    );
  }
  lines.push(row("duration", formatDuration(durationMs)), "", verdictLine(judged, p));
  if (extras.reason === "interrupted")
    lines.push(p.bold(p.yellow("INTERRUPTED: the run stopped early; this report holds what was done until then")));
  return lines;
}

function verdictLine(judged: Judged, p: Palette): string {
  const word = judged.verdict === "passed" ? p.bold(p.green("PASSED")) : p.bold(p.red("FAILED"));
  return `${word} ${p.dim(`(${judged.because})`)}`;
}

function levelText(levels: LevelReport, p: Palette): string {
  const reached = levels.reached === "none" ? p.red("none") : p.bold(p.green(levels.reached));
  const partial = levels.partial ? p.yellow(" (partial run: only what was judged)") : "";
  return `${reached}${partial}`;
}

/** The answer: verdict, level with per-level counts, and how many departures, new and known. */
function renderAnswer(judged: Judged, o: RenderOptions): string[] {
  const p = o.palette;
  const { levels, departures } = judged;
  const row = (label: string, value: string) => `  ${padEnd(label, LABEL)}${value}`;
  const lines = ["", verdictLine(judged, p), row("level", levelText(levels, p))];
  for (const level of ["core", "standard", "optional"] as const) {
    const c = levels.counts[level];
    const parts = [
      paintStatus(p, "passed", `${c.passed} passed`),
      c.failed > 0 ? paintStatus(p, "failed", `${c.failed} failed`) : p.dim("0 failed"),
      c.not_implemented > 0 ? paintStatus(p, "not_implemented", `${c.not_implemented} not implemented`) : "",
      c.errored > 0 ? paintStatus(p, "errored", `${c.errored} errored`) : "",
      p.dim(`${c.skipped} skipped`),
      c.not_run > 0 ? p.dim(`${c.not_run} not run`) : "",
    ].filter((x) => x !== "");
    const about = level === "optional" ? p.dim(`  (capabilities: ${levels.capabilities.join(", ") || "none"})`) : "";
    lines.push(row(`  ${level}`, `${parts.join(", ")}${about}`));
  }
  const next = LEVELS_REACHED[LEVELS_REACHED.indexOf(levels.reached) + 1];
  const tier = next === "full" ? "optional" : next;
  const held = levels.blockers.filter((b) => b.level === tier);
  if (next && tier && held.length > 0) {
    const names = held.map((b) => `${b.ruleId}${b.status === "failed" ? "" : ` (${b.status.replace("_", " ")})`}`);
    lines.push(
      row(
        "held back",
        wrap(`from ${next} by ${names.join(", ")}`, Math.max(20, Math.min(o.width, 100) - 2 - LABEL))
          .split("\n")
          .join(`\n${" ".repeat(2 + LABEL)}`),
      ),
    );
  }
  const fresh = departures.filter((d) => d.status === "new").length;
  const known = departures.length - fresh;
  const baseline = judged.baseline ? `: ${fresh} new, ${known} known (baseline ${judged.baseline.source})` : "";
  lines.push(row("departures", `${departures.length}${baseline}`));
  return lines;
}

/** One block per departure: what differs, where it was seen, one replayable example. */
function renderDepartures(departures: readonly Departure[], o: RenderOptions): string[] {
  if (departures.length === 0) return [];
  const p = o.palette;
  const width = Math.min(o.width, 100);
  const hint = o.verbose
    ? "grouped by cause"
    : "grouped by cause; --verbose for where each was seen and how to replay it";
  const lines = ["", `${p.bold(p.red("Departures"))}  ${p.dim(hint)}`];
  departures.forEach((d, i) => {
    const mark = d.status === "new" ? paintStatus(p, "failed", "✗ new") : p.dim("✓ known");
    const times = d.occurrences > 1 ? p.dim(`  ×${d.occurrences}`) : "";
    if (!o.verbose) {
      // Two lines each: what and where, then the first finding's message.
      const n = `${i + 1})`;
      const head = `  ${n} ${mark}  ${paintSeverity(p, d.severity)}  ${d.checkId}${times}  `;
      const plain = `  ${n} ${d.status === "new" ? "✗ new" : "✓ known"}  ${d.severity}  ${d.checkId}  ×${d.occurrences}  `;
      const room = Math.max(20, width - [...plain].length);
      const where = `${plural(d.operations.length, "operation")}: ${d.operations.join(", ")}`;
      lines.push(`${head}${p.dim(truncate(where, room))}`);
      lines.push(`     ${truncate(printable(d.message), width - 5)}`);
      return;
    }
    const title = d.title ? `${d.checkId}: ${d.title}` : d.checkId;
    lines.push("", `  ${i + 1}) ${mark}  ${paintSeverity(p, d.severity)}  ${printable(title)}${times}`);
    lines.push(block("message", printable(d.message), p, width));
    const where = `${plural(d.operations.length, "operation")}: ${d.operations.join(", ")}`;
    lines.push(block("seen in", where, p, width));
    const example = d.findings[0]!;
    if (example.curl !== undefined) lines.push(block("replay", printable(example.curl), p));
  });
  return lines;
}

function renderBaseline(judged: Judged, o: RenderOptions): string[] {
  const b = judged.baseline;
  if (!b || b.fixed.length + b.unchecked.length === 0) return [];
  const p = o.palette;
  const lines = [""];
  if (b.fixed.length > 0) {
    lines.push(`${p.bold(p.green("Fixed"))}  ${p.dim(`baseline entries no longer seen; ${b.source} can drop them`)}`);
    lines.push(...b.fixed.map((e) => `  ${p.green("✓")} ${printable(e.key)}`));
  }
  if (b.unchecked.length > 0)
    lines.push(
      p.dim(`${plural(b.unchecked.length, "baseline entry", "baseline entries")} about what this run did not judge`),
    );
  return lines;
}

/** One line per area (tag): how its operations fared. */
function renderAreas(summary: RunSummary, o: RenderOptions): string[] {
  const p = o.palette;
  const tagW = Math.min(24, Math.max(...summary.tags.map((t) => [...printable(t.tag)].length)));
  const lines = ["", `${p.bold("Areas")}  ${p.dim("--verbose lists every endpoint and SDK method")}`];
  for (const group of summary.tags) {
    const verdicts = group.operations.map((s) => s.verdict);
    const worst = (["failed", "not_implemented", "passed", "skipped", "not_covered"] as const).find((v) =>
      verdicts.includes(v),
    )!;
    const mark = paintStatus(p, worst, STATUS_MARK[worst]);
    lines.push(
      `  ${mark} ${padEnd(truncate(printable(group.tag), tagW), tagW)}  ${plural(verdicts.length, "operation")}: ${verdictCounts(verdicts)}`,
    );
  }
  const methods = summary.sdkMethods;
  if (methods.length > 0)
    lines.push(
      `  ${p.bold("SDK")} ${plural(methods.length, "method")}: ${verdictCounts(methods.map((m) => m.verdict))}`,
    );
  return lines;
}

/** How many kinds of difference each part of the comparison shows without --verbose. */
const DIFFERENCES_SHOWN = 5;

/** Differences that say the same thing (kind, operation, rule, both summaries) are shown once, counted. */
function groupDifferences(differences: readonly Difference[]): Difference[][] {
  const groups = new Map<string, Difference[]>();
  for (const d of differences) {
    const key = [d.kind, d.standing, d.operationId, d.ruleId ?? "", d.target, d.reference].join("\u0000");
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    group.push(d);
  }
  return [...groups.values()];
}

function exchangeLine(exchange: Difference["exchanges"]["target"]): string {
  if (!exchange) return "(no exchange recorded)";
  const status = exchange.response ? String(exchange.response.status) : `no response: ${exchange.error ?? ""}`;
  return `${status}  ${exchange.curl}`;
}

function renderDifferenceGroup(group: readonly Difference[], n: number, o: RenderOptions): string[] {
  const p = o.palette;
  const width = Math.min(o.width, 100);
  const d = group[0];
  const side =
    d.standing === "target-departs"
      ? p.red("target departs")
      : d.standing === "reference-departs"
        ? p.yellow("reference departs")
        : p.dim("document silent");
  const times = group.length > 1 ? p.dim(`  ×${group.length}`) : "";
  const rule = d.ruleId ? `  ${d.ruleId}` : "";
  const lines = [`  ${n}) ${p.bold(d.kind)}  ${side}  ${p.cyan(d.operationId)}${rule}${times}`];
  const places = o.verbose ? group : group.slice(0, 1);
  for (const at of places) lines.push(block("seen in", printable(`${at.source}: ${at.step}`), p, width));
  // A status difference is its exchanges' statuses: the summary would only repeat them.
  const summary = (text: string) =>
    d.kind === "status" ? "" : `${wrap(printable(text), Math.max(20, width - BLOCK_INDENT))}\n`;
  lines.push(block("target", `${summary(d.target)}${printable(exchangeLine(d.exchanges.target))}`, p));
  lines.push(block("reference", `${summary(d.reference)}${printable(exchangeLine(d.exchanges.reference))}`, p));
  if (o.verbose && d.detail.length > 0) lines.push(block("detail", printable(d.detail.join("\n")), p));
  return lines;
}

function renderDifferencePart(title: string, differences: readonly Difference[], o: RenderOptions): string[] {
  if (differences.length === 0) return [];
  const groups = groupDifferences(differences);
  const shown = o.verbose ? groups : groups.slice(0, DIFFERENCES_SHOWN);
  const more = groups.length - shown.length;
  return [
    "",
    `  ${o.palette.bold(title)}  ${o.palette.dim(`${plural(differences.length, "difference")} of ${plural(groups.length, "kind")}`)}`,
    ...shown.flatMap((group, i) => renderDifferenceGroup(group, i + 1, o)),
    ...(more > 0 ? [o.palette.dim(`  … and ${plural(more, "kind")} more (--verbose lists every one)`)] : []),
  ];
}

/** Where the target and the reference behaved differently: departures first, then where the document is silent. */
export function renderComparison(comparison: Comparison | undefined, o: RenderOptions): string[] {
  if (!comparison) return [];
  const p = o.palette;
  const c = countDifferences(comparison.differences);
  const lines = [
    "",
    `${p.bold(`Differences from ${printable(comparison.reference)}`)}  ${p.dim(
      `${comparison.referenceUrl === comparison.reference ? "" : `${comparison.referenceUrl}, `}seed ${comparison.seed}, prefix ${comparison.referencePrefix}`,
    )}`,
    `  ${plural(c.total, "difference")}: ${c.targetDeparts} where the target departs from the document, ` +
      `${c.referenceDeparts} where the reference does, ${c.silent} where the document is silent`,
  ];
  const decided = comparison.differences.filter((d) => d.standing !== "silent");
  const silent = comparison.differences.filter((d) => d.standing === "silent");
  lines.push(...renderDifferencePart("Departures from the document", decided, o));
  lines.push(...renderDifferencePart("Where the document is silent", silent, o));
  if (comparison.unpaired.length > 0) {
    const count = comparison.unpaired.reduce((sum, u) => sum + u.count, 0);
    lines.push("", p.dim(`  ${plural(count, "exchange")} had no counterpart (a step only one side took)`));
    if (o.verbose)
      for (const u of comparison.unpaired)
        lines.push(p.dim(`    ${u.side} only: ${printable(`${u.source}: ${u.step}`)}  ${u.operationId}  ×${u.count}`));
  }
  if (comparisonFails(comparison))
    lines.push(
      "",
      p.bold(p.red(`FAILED by --fail-on-difference: ${plural(c.silent, "difference")} where the document is silent`)),
    );
  return lines;
}

/** How many defects and differences the spec-difference section shows without --verbose. */
const SPEC_DIFFERENCES_SHOWN = 8;

/** Where the run's document differs from the published one: counts, then its defects and the differences. */
export function renderSpecDiff(diff: SpecDiff | undefined, o: RenderOptions): string[] {
  if (!diff) return [];
  const p = o.palette;
  const c = countSpecDiff(diff);
  const width = Math.min(o.width, 100);
  // A defect says what the suite made of the document: wrapped whole. A difference is one screen line.
  const defect = (text: string) =>
    wrap(printable(text), width - 9)
      .split("\n")
      .join(`\n${" ".repeat(9)}`);
  const difference = (text: string) => (o.verbose ? printable(text) : truncate(printable(text), width - 2));
  const lines = [
    ...diff.defects.map((d) => `  ${p.yellow("defect")} ${defect(d)}`),
    ...diff.differences.map((d) => `  ${difference(describeSpecDifference(d))}`),
  ];
  const shown = o.verbose ? lines : lines.slice(0, SPEC_DIFFERENCES_SHOWN);
  const more = lines.length - shown.length;
  return [
    "",
    `${p.bold("Spec differences from the published document")}  ${p.dim(`${printable(diff.served.source)} against ${printable(diff.published.source)}`)}`,
    `  ${wrap(
      `${plural(c.onlyPublished, "operation")} only in the published document, ${c.onlyServed} only in the served one, ` +
        `${c.shared} in both; ${plural(c.differences, "difference")} in those; ${plural(c.defects, "defect")}`,
      width - 2,
    ).replace(/\n/g, "\n  ")}`,
    ...shown,
    ...(more > 0 ? [p.dim(`  … and ${more} more (--verbose lists every one)`)] : []),
  ];
}

/** The body of the report printed at run end (without the header). */
export function renderReport(
  judged: Judged,
  durationMs: number,
  o: RenderOptions,
  extras: RunEndExtras & ComparisonExtras & SpecDiffExtras,
): string {
  const { summary } = judged;
  return (
    [
      ...renderAnswer(judged, o),
      ...renderDepartures(judged.departures, o),
      ...renderBaseline(judged, o),
      ...renderComparison(extras.comparison, o),
      ...renderSpecDiff(extras.specDiff, o),
      ...(o.verbose
        ? [...renderTables(summary, o), ...renderSdkMethods(summary.sdkMethods, o)]
        : renderAreas(summary, o)),
      ...renderCapabilities(extras.capabilities, o),
      ...renderPhases(extras.phases, o),
      ...renderLeftovers(extras.leftovers, o),
      ...renderFailures(summary, o),
      ...renderReasons(summary, o),
      ...renderTotals(judged, durationMs, o, extras),
    ].join("\n") + "\n"
  );
}

const CLEAR_LINE = "\r\u001b[2K";

interface Progress {
  /** The phase going on: its area and scenario. */
  title: string;
  done: number;
  /** Phases the run means to go through; 0 when it did not say. */
  planned: number;
  startedAt: number;
  seen: StatusCounts;
}

const BAR = 16;

/** `[████░░░░] 12/40 Threads: search  ✓120 ✗3 -4 ∅2 !0  ETA 35s`; the ETA assumes the phases left take as long. */
export function progressLine(state: Progress, now: number): string {
  const s = state.seen;
  const counts = `✓${s.passed} ✗${s.failed} -${s.skipped} ∅${s.not_implemented} !${s.errored}`;
  if (state.planned === 0) return `${state.title || "running"}  ${counts}`;
  const filled = Math.min(BAR, Math.round((state.done / state.planned) * BAR));
  const bar = `[${"█".repeat(filled)}${"░".repeat(BAR - filled)}] ${state.done}/${state.planned}`;
  const left = state.planned - state.done;
  const eta =
    state.done === 0 || left <= 0
      ? ""
      : `  ETA ${formatDuration(((now - state.startedAt) / state.done) * left).replace(/\.\ds$/, "s")}`;
  return `${bar} ${state.title || "running"}  ${counts}${eta}`;
}

export function consoleReporter(options: ReporterOptions = {}): Reporter {
  const stream = options.stream ?? process.stdout;
  const tty = stream as { isTTY?: boolean; columns?: number };
  const isTTY = options.isTTY ?? Boolean(tty.isTTY);
  const p = palette(options.color ?? colorDefault(isTTY));
  const width = () => Math.max(60, Math.min(tty.columns ?? 100, 100));
  const render: () => RenderOptions = () => ({
    palette: p,
    width: width(),
    verbose: options.verbose ?? false,
    gate: gateOf(options),
  });

  let headerShown = false;
  let progressShown = false;
  let lastDraw = 0;
  const progress: Progress = {
    title: "",
    done: 0,
    planned: 0,
    startedAt: Date.now(),
    seen: { passed: 0, failed: 0, skipped: 0, not_implemented: 0, errored: 0 },
  };

  const drawProgress = (force: boolean) => {
    if (!isTTY) return;
    const now = Date.now();
    if (!force && now - lastDraw < 50) return;
    lastDraw = now;
    stream.write(CLEAR_LINE + truncate(progressLine(progress, now), (tty.columns ?? 100) - 1));
    progressShown = true;
  };
  const clearProgress = () => {
    if (progressShown) stream.write(CLEAR_LINE);
    progressShown = false;
  };
  const header = (run: RunView) => {
    if (headerShown) return;
    headerShown = true;
    clearProgress();
    stream.write(renderHeader(run, p));
  };

  return {
    name: "console",
    onRunStart(run) {
      progress.planned = run.plannedPhases ?? 0;
      progress.startedAt = Date.now();
      header(run);
    },
    onPhaseStart(_phase, title) {
      progress.title = title;
      drawProgress(true);
    },
    onCheckResult(result: ResultView) {
      progress.seen[result.verdict.status] += 1;
      drawProgress(false);
    },
    onPhaseEnd() {
      progress.done += 1;
      drawProgress(true);
    },
    onRunEnd(run, results, durationMs, extras) {
      header(run);
      clearProgress();
      const o = render();
      stream.write(renderReport(judge(run, results, extras, o.gate), durationMs, o, extras));
    },
  };
}
