// The Markdown summary: GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY and pull-request comments, kept short.
import { formatDuration, plural, toolInfo, truncate } from "./format.ts";
import { LEVELS_REACHED, type Level } from "./levels.ts";
import type { OperationVerdict } from "./summarize.ts";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";
import { judge, type Departure, type Gate, type Judged } from "./verdict.ts";
import { fileReporter } from "./file-report.ts";

export const DEFAULT_MARKDOWN_FILE = "conformance-summary.md";

/** Pull-request comments hold at most 65,536 characters; this leaves room for whatever a workflow adds. */
export const MARKDOWN_LIMIT = 60_000;

/** How much of a departure's message a table shows; the JSON and HTML reports keep it whole. */
const MESSAGE_MAX = 300;
/** Operations listed per new departure once the summary has to shrink. */
const OPERATIONS_WHEN_SHORT = 3;
/** Fixed baseline entries listed once the summary has to shrink. */
const FIXED_WHEN_SHORT = 20;
const ERRORS_SHOWN = 10;
const ELSEWHERE = "the JSON and HTML reports";

/** What the summary leaves out, from nothing (all undefined) to the most it ever cuts. */
interface Cuts {
  knownDetails: boolean;
  operations?: number;
  departures?: number;
}

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;

/**
 * Server or spec text as inline Markdown that renders as written: HTML and Markdown punctuation escaped, control
 * characters shown as \xNN, newlines as <br> (or spaces). A word joiner after "@" and before the digits of "#12"
 * keeps a pull-request comment from mentioning users or linking issues the text happens to name.
 */
export function escapeMarkdown(text: string, newline = "<br>"): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, hex)
    .replace(/[\\`*_[\]|~$#!]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(?=[\p{L}\p{N}_-])/gu, "@\u2060")
    .replace(/#(?=\d)/g, "#\u2060")
    .replace(/\n/g, newline);
}

/** A code span around any text: a fence longer than the backticks inside, `|` escaped for table cells. */
export function code(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, " ").replace(CONTROL, hex);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || (flat.startsWith(" ") && flat.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${flat.replace(/\|/g, "\\|")}${pad}${fence}`;
}

const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) => [
  row(head),
  row(head.map(() => "---")),
  ...rows.map(row),
];

function titleLine(judged: Judged, extras: Pick<RunEndExtras, "reason">): string {
  const { levels } = judged;
  const mark = judged.verdict === "passed" ? "✅" : "❌";
  const partial = levels.partial
    ? extras.reason === "interrupted"
      ? " (partial: interrupted)"
      : " (partial: a selection)"
    : "";
  const word = judged.verdict === "passed" ? "PASSED" : "FAILED";
  return `## ${mark} Conformance ${word} · level reached: **${levels.reached}**${partial}`;
}

function header(run: RunView, judged: Judged, durationMs: number, extras: Pick<RunEndExtras, "reason">): string[] {
  const lines = [titleLine(judged, extras), "", `**Why:** ${escapeMarkdown(judged.because, " ")}.`, ""];
  if (extras.reason === "interrupted")
    lines.push("> **Interrupted**: the run stopped early; this summary holds what was done until then.", "");
  const tool = toolInfo();
  lines.push(
    `**Target** ${code(run.target)}${run.embedded ? " (embedded server)" : ""} · ` +
      `**spec** ${escapeMarkdown(run.spec.title, " ")} ${code(run.spec.version)} · ` +
      `**catalogue** ${code(run.catalogueVersion)} · **seed** ${code(String(run.seed))} · ` +
      `${formatDuration(durationMs)} · ${escapeMarkdown(`${tool.name} ${tool.version}`, " ")}`,
  );
  return lines;
}

const LEVEL_ROWS: readonly Level[] = ["core", "standard", "optional"];

function levelSection(judged: Judged): string[] {
  const { levels } = judged;
  const rows = LEVEL_ROWS.map((level) => {
    const c = levels.counts[level];
    const name =
      level === "optional" ? `optional (capabilities: ${levels.capabilities.map(code).join(", ") || "none"})` : level;
    return [name, c.passed, c.failed, c.skipped, c.not_implemented, c.errored, c.not_run];
  });
  const lines = [
    "",
    "### Levels",
    "",
    ...table(["Level", "Passed", "Failed", "Skipped", "Not implemented", "Errored", "Not run"], rows),
  ];
  const next = LEVELS_REACHED[LEVELS_REACHED.indexOf(levels.reached) + 1];
  if (next !== undefined) {
    const tier = (next === "full" ? "optional" : next) as Level;
    const held = levels.blockers.filter((b) => b.level === tier);
    if (held.length > 0) {
      const names = held.map(
        (b) =>
          `${code(b.ruleId)}${b.status === "failed" ? "" : ` (${b.status.replace("_", " ")})`}` +
          (b.capability !== undefined ? ` [${escapeMarkdown(b.capability)}]` : ""),
      );
      lines.push("", `**Held back from ${next}** by ${names.join(", ")}.`);
    }
  }
  return lines;
}

function totalsSection(judged: Judged): string[] {
  const t = judged.summary.totals;
  const v = t.operationVerdicts;
  const f = t.findings;
  const lines = [
    "",
    "### Totals",
    "",
    `- **Operations** ${t.operations}: ${v.passed} passed, ${v.failed} failed, ${v.not_implemented} not implemented, ` +
      `${v.skipped} skipped, ${v.not_covered} not covered`,
    `- **Checks** ${t.checks.total}: ${t.checks.passed} passed, ${t.checks.failed} failed, ` +
      `${t.checks.not_implemented} not implemented, ${t.checks.skipped} skipped, ${t.checks.errored} errored`,
    `- **Findings** ${f.unique} unique (${f.critical} critical, ${f.major} major, ${f.minor} minor), ` +
      `${plural(f.occurrences, "occurrence")}`,
  ];
  if (t.errors.unique > 0)
    lines.push(`- **Suite errors** ${t.errors.unique} unique, ${plural(t.errors.occurrences, "occurrence")}`);
  return lines;
}

function errorsSection(judged: Judged): string[] {
  const errors = judged.summary.operations.flatMap((op) =>
    op.checks.flatMap((c) => c.errors.map((e) => ({ operationId: op.operation.operationId, checkId: c.checkId, e }))),
  );
  if (errors.length === 0) return [];
  const lines = ["", "### Suite errors", ""];
  for (const { operationId, checkId, e } of errors.slice(0, ERRORS_SHOWN))
    lines.push(
      `- ${code(checkId)} on ${code(operationId)}: ${escapeMarkdown(truncate(e.message, MESSAGE_MAX), " ")}` +
        (e.count > 1 ? ` (×${e.count})` : ""),
    );
  if (errors.length > ERRORS_SHOWN) lines.push(`- ${errors.length - ERRORS_SHOWN} more in ${ELSEWHERE}`);
  return lines;
}

function departureRow(d: Departure, operations?: number): string[] {
  const rule = d.title !== undefined ? `${code(d.checkId)} ${escapeMarkdown(d.title)}` : code(d.checkId);
  const shown = operations === undefined ? d.operations : d.operations.slice(0, operations);
  const more = d.operations.length - shown.length;
  const where = shown.map(code).join(", ") + (more > 0 ? ` and ${more} more` : "");
  const severity = d.severity === "critical" ? "**critical**" : d.severity;
  return [severity, rule, escapeMarkdown(truncate(d.message, MESSAGE_MAX)), where, String(d.occurrences)];
}

const DEPARTURE_HEAD = ["Severity", "Rule", "Message", "Seen in", "×"];

function departuresSection(judged: Judged, cuts: Cuts): string[] {
  const fresh = judged.departures.filter((d) => d.status === "new");
  const known = judged.departures.filter((d) => d.status === "known");
  const b = judged.baseline;
  const lines = [
    "",
    `### Departures: ${fresh.length} new${b ? `, ${known.length} known (baseline ${code(b.source)})` : ""}`,
    "",
  ];
  if (judged.departures.length === 0) {
    lines.push("No departure from the API description.");
    return lines;
  }
  if (fresh.length === 0) lines.push("No new departure.");
  else {
    const shown = cuts.departures === undefined ? fresh : fresh.slice(0, cuts.departures);
    if (shown.length > 0)
      lines.push(
        ...table(
          DEPARTURE_HEAD,
          shown.map((d) => departureRow(d, cuts.operations)),
        ),
      );
    const left = fresh.length - shown.length;
    if (left > 0)
      lines.push("", `_${plural(left, "more new departure")} ${left === 1 ? "is" : "are"} in ${ELSEWHERE}._`);
  }
  if (known.length > 0) {
    const summary = `${plural(known.length, "known departure")} (accepted in the baseline)`;
    if (cuts.knownDetails)
      lines.push(
        "",
        "<details>",
        `<summary>${summary}</summary>`,
        "",
        ...table(
          DEPARTURE_HEAD,
          known.map((d) => departureRow(d, cuts.operations)),
        ),
        "",
        "</details>",
      );
    else lines.push("", `_${summary}: their details are in ${ELSEWHERE}._`);
  }
  return lines;
}

function baselineSection(judged: Judged, cuts: Cuts): string[] {
  const b = judged.baseline;
  if (!b || b.fixed.length + b.unchecked.length === 0) return [];
  const lines = [""];
  if (b.fixed.length > 0) {
    const shown = cuts.knownDetails ? b.fixed : b.fixed.slice(0, FIXED_WHEN_SHORT);
    lines.push(
      `### Fixed: ${plural(b.fixed.length, "baseline entry", "baseline entries")} no longer seen`,
      "",
      `They can be removed from ${code(b.source)} (or write it again with ${code("--write-baseline")}):`,
      "",
      ...shown.map((e) => `- ${code(e.key)}`),
    );
    if (shown.length < b.fixed.length) lines.push(`- ${b.fixed.length - shown.length} more in the JSON report`);
  }
  if (b.unchecked.length > 0) {
    if (b.fixed.length > 0) lines.push("");
    lines.push(
      `_${plural(b.unchecked.length, "baseline entry", "baseline entries")} about what this run did not judge._`,
    );
  }
  return lines;
}

const AREA_VERDICTS: readonly OperationVerdict[] = ["passed", "failed", "not_implemented", "skipped", "not_covered"];

function areaSection(judged: Judged): string[] {
  const rows = judged.summary.tags.map((t) => [
    escapeMarkdown(t.tag, " "),
    t.operations.length,
    ...AREA_VERDICTS.map((v) => t.operations.filter((o) => o.verdict === v).length),
  ]);
  return [
    "",
    "### By area",
    "",
    ...table(["Area", "Operations", "Passed", "Failed", "Not implemented", "Skipped", "Not covered"], rows),
  ];
}

function render(
  run: RunView,
  judged: Judged,
  durationMs: number,
  extras: Pick<RunEndExtras, "reason">,
  cuts: Cuts,
): string {
  return (
    [
      ...header(run, judged, durationMs, extras),
      ...levelSection(judged),
      ...totalsSection(judged),
      ...errorsSection(judged),
      ...departuresSection(judged, cuts),
      ...baselineSection(judged, cuts),
      ...areaSection(judged),
      "",
      `<sub>Every finding, with its request, response and a curl to replay it, is in ${ELSEWHERE}.</sub>`,
    ].join("\n") + "\n"
  );
}

/**
 * The summary for these judged results, within `limit` characters. When the whole would not fit, it leaves out,
 * in this order, the known departures' details, the operations of new departures beyond a few, then new departures
 * beyond as many as fit, and says what it left out.
 */
export function renderMarkdown(
  run: RunView,
  judged: Judged,
  durationMs: number,
  extras: Pick<RunEndExtras, "reason">,
  limit = MARKDOWN_LIMIT,
): string {
  const fits = (text: string) => text.length <= limit;
  const full = render(run, judged, durationMs, extras, { knownDetails: true });
  if (fits(full)) return full;
  const lean: Cuts = { knownDetails: false };
  let text = render(run, judged, durationMs, extras, lean);
  if (fits(text)) return text;
  lean.operations = OPERATIONS_WHEN_SHORT;
  text = render(run, judged, durationMs, extras, lean);
  if (fits(text)) return text;
  // The most new departures that fit: the length grows with their number, so bisect.
  let lo = 0;
  let hi = judged.departures.filter((d) => d.status === "new").length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(render(run, judged, durationMs, extras, { ...lean, departures: mid }))) lo = mid;
    else hi = mid - 1;
  }
  text = render(run, judged, durationMs, extras, { ...lean, departures: lo });
  if (fits(text)) return text;
  // Only a run of extraordinary shape (thousands of areas or blockers) gets here: cut at a line.
  const note = `\n_The summary was cut at ${limit} characters: the rest is in ${ELSEWHERE}._\n`;
  const cut = text.slice(0, Math.max(0, limit - note.length));
  return cut.slice(0, Math.max(0, cut.lastIndexOf("\n"))) + note;
}

/** Builds the Markdown summary: the run judged under `gate`, at most MARKDOWN_LIMIT characters. */
export function buildMarkdownSummary(
  run: RunView,
  results: readonly ResultView[],
  durationMs: number,
  extras: RunEndExtras,
  gate: Gate = { failOn: "minor" },
  limit = MARKDOWN_LIMIT,
): string {
  return renderMarkdown(run, judge(run, results, extras, gate), durationMs, extras, limit);
}

export const markdownReporter = (options: ReporterOptions = {}): Reporter =>
  fileReporter("markdown", "Markdown", DEFAULT_MARKDOWN_FILE, (...args) => buildMarkdownSummary(...args), options);
