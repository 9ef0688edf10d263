// The compatibility matrix (docs/compatibility.md): the JSON reports of several implementations side by side, each
// one's level and departures, then a table per area with a row per rule and a column per implementation.
import type { VerdictStatus } from "../src/model.ts";
import { plural, truncate } from "./format.ts";
import type { JsonReport } from "./json.ts";
import { LEVELS_REACHED, type Level } from "./levels.ts";
import { code, escapeMarkdown } from "./markdown.ts";
import { aggregateStatus } from "./summarize.ts";

/** One implementation of the matrix: its report, or why there is none. */
export interface MatrixEntry {
  /** Its column heading, e.g. "pure-graph". */
  name: string;
  /** Package name → version of what served the API, the main package first. */
  versions: Readonly<Record<string, string>>;
  /** The suite's JSON report of the run against it; absent when it was not run. */
  report?: JsonReport;
  /** Why it was not run, or what went wrong with its run, in one line. */
  note?: string;
  /** Where its JSON report is, relative to the page. */
  link?: string;
}

export interface MatrixRule {
  id: string;
  area: string;
  level: Level;
  capability?: string;
}

export interface CompatibilityMeta {
  /** Day of the run, YYYY-MM-DD. */
  date: string;
  suiteVersion: string;
  /** The catalogue's hash (run.catalogueVersion of the reports). */
  catalogueVersion?: string;
  seed: number;
  /** Areas in report order ("checks" for the generic checks), with their titles. */
  areas: readonly { id: string; title: string }[];
  /** The catalogue, in report order. */
  rules: readonly MatrixRule[];
  /** What the page says regenerates it. */
  command: string;
  /** Where the rules are described, relative to the page; area headings link to its sections. */
  rulesDoc?: string;
}

export type MatrixVerdict = VerdictStatus | "not_run";

const VERDICT_TEXT: Record<MatrixVerdict, string> = {
  passed: "✅ passed",
  failed: "❌ failed",
  skipped: "⏭️ skipped",
  not_implemented: "🚫 not implemented",
  errored: "⚠️ errored",
  not_run: "➖ not run",
};

const LEVEL_ROWS: readonly Level[] = ["core", "standard", "optional"];
const MESSAGE_MAX = 160;

/** A rule's verdict on one target, and on how many of the operations it was judged on that verdict was given. */
export interface RuleVerdict {
  status: VerdictStatus;
  count: number;
  of: number;
}

/** Each judged rule's verdict over every operation it was judged on (the reports' precedence); unjudged rules are absent. */
export function ruleVerdicts(report: JsonReport): Map<string, RuleVerdict> {
  const seen = new Map<string, VerdictStatus[]>();
  for (const op of report.operations)
    for (const check of op.checks) {
      if (check.status === "not_covered") continue;
      const list = seen.get(check.checkId) ?? [];
      list.push(check.status);
      seen.set(check.checkId, list);
    }
  return new Map(
    [...seen].map(([id, statuses]) => {
      const status = aggregateStatus(statuses) as VerdictStatus;
      return [id, { status, count: statuses.filter((s) => s === status).length, of: statuses.length }];
    }),
  );
}

function verdictCell(verdict: RuleVerdict | undefined): string {
  if (!verdict) return VERDICT_TEXT.not_run;
  const text = VERDICT_TEXT[verdict.status];
  return verdict.of > 1 ? `${text} ${verdict.count}/${verdict.of}` : text;
}

/** A run's length to the second: "45s", "3m05s". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) => [
  row(head),
  row(head.map(() => "---")),
  ...rows.map(row),
];
const text = (s: string) => escapeMarkdown(s, " ");
const versionsText = (versions: Readonly<Record<string, string>>, max = Infinity) =>
  Object.entries(versions)
    .slice(0, max)
    .map(([name, version]) => `${code(name)} ${text(version)}`)
    .join(", ");
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s/g, "-");

function levelText(report: JsonReport): string {
  const { level } = report;
  const partial = level.partial
    ? report.run.endReason === "interrupted"
      ? " (partial: interrupted)"
      : " (partial)"
    : "";
  return `**${level.reached}**${partial}`;
}

function summarySection(entries: readonly MatrixEntry[]): string[] {
  const rows = entries.map((e) => {
    const name = e.link && e.report ? `[${text(e.name)}](${e.link})` : text(e.name);
    const versions = versionsText(e.versions, 1) || "–";
    if (!e.report) return [name, versions, "not run", "–", "–", "–"];
    const r = e.report;
    return [name, versions, levelText(r), r.totals.findings.unique, r.departures.length, duration(r.run.durationMs)];
  });
  return table(["Implementation", "Version", "Level reached", "Findings", "Departures", "Run"], rows);
}

function heldBack(report: JsonReport): string[] {
  const { level } = report;
  const next = LEVELS_REACHED[LEVELS_REACHED.indexOf(level.reached) + 1];
  if (next === undefined) return [];
  const tier: Level = next === "full" ? "optional" : (next as Level);
  const held = level.blockers.filter((b) => b.level === tier);
  if (held.length === 0) return [];
  const names = held.map(
    (b) =>
      `${code(b.ruleId)}${b.status === "failed" ? "" : ` (${b.status.replace("_", " ")})`}` +
      (b.capability !== undefined ? ` [${text(b.capability)}]` : ""),
  );
  return ["", `Held back from ${next} by ${names.join(", ")}.`];
}

function levelTable(report: JsonReport): string[] {
  const { level } = report;
  const rows = LEVEL_ROWS.map((l) => {
    const c = level.counts[l];
    const name = l === "optional" ? `optional (capabilities: ${level.capabilities.map(code).join(", ") || "none"})` : l;
    return [name, c.passed, c.failed, c.skipped, c.not_implemented, c.errored, c.not_run];
  });
  return table(["Level", "Passed", "Failed", "Skipped", "Not implemented", "Errored", "Not run"], rows);
}

function departuresList(report: JsonReport): string[] {
  const departures = report.departures;
  if (departures.length === 0) return ["", "No departure from the API description."];
  const rows = departures.map((d) => [
    d.severity === "critical" ? "**critical**" : d.severity,
    code(d.checkId),
    code(d.cause),
    d.operations.length,
    text(truncate(d.message, MESSAGE_MAX)),
  ]);
  return [
    "",
    "<details>",
    `<summary>${plural(departures.length, "departure")} (cause, severity, rule, operations)</summary>`,
    "",
    ...table(["Severity", "Rule", "Cause", "Operations", "What differs (first seen)"], rows),
    "",
    "</details>",
  ];
}

function entrySection(e: MatrixEntry): string[] {
  const lines = ["", `### ${text(e.name)}`, ""];
  const versions = versionsText(e.versions);
  if (!e.report) {
    lines.push(`${versions ? `${versions}. ` : ""}**Not run**: ${text(e.note ?? "no report")}`);
    return lines;
  }
  const r = e.report;
  const facts = [
    versions,
    `level reached ${levelText(r)}`,
    `${plural(r.totals.findings.unique, "finding")} in ${plural(r.departures.length, "departure")}`,
    `run in ${duration(r.run.durationMs)}`,
  ].filter(Boolean);
  if (e.link) facts.push(`[JSON report](${e.link})`);
  lines.push(facts.join(" · "));
  if (e.note) lines.push("", `> ${text(e.note)}`);
  lines.push(...heldBack(r), "", ...levelTable(r), ...departuresList(r));
  return lines;
}

function levelCell(rule: MatrixRule): string {
  return rule.capability !== undefined ? `${rule.level} (${text(rule.capability)})` : rule.level;
}

function areaSections(entries: readonly MatrixEntry[], meta: CompatibilityMeta): string[] {
  const verdicts = entries.map((e) => (e.report ? ruleVerdicts(e.report) : undefined));
  const areas = [...meta.areas];
  for (const rule of meta.rules)
    if (!areas.some((a) => a.id === rule.area)) areas.push({ id: rule.area, title: rule.area });
  const lines: string[] = [];
  for (const area of areas) {
    const rules = meta.rules.filter((r) => r.area === area.id);
    if (rules.length === 0) continue;
    const rows = rules.map((rule) => [
      code(rule.id),
      levelCell(rule),
      ...verdicts.map((v) => verdictCell(v?.get(rule.id))),
    ]);
    const passing = verdicts.map((v) => rules.filter((r) => v?.get(r.id)?.status === "passed").length);
    lines.push(
      "",
      `### ${text(area.title)}`,
      "",
      `${plural(rules.length, "rule")}; passed: ${entries.map((e, i) => `${text(e.name)} ${e.report ? passing[i] : "–"}`).join(", ")}.` +
        (meta.rulesDoc ? ` What each rule checks: [${meta.rulesDoc}](${meta.rulesDoc}#${anchor(area.title)}).` : ""),
      "",
      ...table(["Rule", "Level", ...entries.map((e) => text(e.name))], rows),
    );
  }
  return lines;
}

/** The whole page, in GitHub-flavoured Markdown. Pure: the same inputs give the same text. */
export function renderCompatibility(entries: readonly MatrixEntry[], meta: CompatibilityMeta): string {
  const lines = [
    "# Compatibility matrix",
    "",
    `Implementations of the LangGraph Agent Server API, each started on this suite's graph pack, in memory and ` +
      `without authentication, and put through the full default suite (with ${code("--hazards")}).`,
    "",
    `Generated on ${meta.date} by the suite ${code(meta.suiteVersion)}` +
      (meta.catalogueVersion !== undefined ? ` (catalogue ${code(meta.catalogueVersion)})` : "") +
      ` with seed ${code(String(meta.seed))}; ` +
      `${code(meta.command)} regenerates it.`,
    "",
    "## Summary",
    "",
    ...summarySection(entries),
    "",
    "## Implementations",
    ...entries.flatMap(entrySection),
    "",
    "## By area",
    "",
    "A rule's verdict over everything it was judged on: failed when any result failed, then errored, not " +
      "implemented, passed, skipped; not run when no step reached it. After the verdict of a rule judged on several " +
      "operations, n/m: it was given on n of the m operations.",
    ...areaSections(entries, meta),
  ];
  return lines.join("\n") + "\n";
}
