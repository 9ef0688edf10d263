// The HTML report: one self-contained page (inline CSS and script, nothing fetched) with the verdict and level, the
// departures by cause with an example exchange each, the endpoint matrix, SDK methods, capabilities and what did not run.
import { createHash } from "node:crypto";
import { formatDuration, jsonSafe, plural, printable, STATUS_MARK, toolInfo } from "./format.ts";
import { fileReporter } from "./file-report.ts";
import { LEVELS_REACHED, type Level } from "./levels.ts";
import {
  aggregateStatus,
  type CheckStatus,
  type CheckSummary,
  type FindingSummary,
  type OperationSummary,
  type OperationVerdict,
  type SdkMethodSummary,
} from "./summarize.ts";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";
import { judge, type Departure, type DepartureFinding, type Gate, type Judged } from "./verdict.ts";

export const DEFAULT_HTML_FILE = "conformance-report.html";

/** Longest body, value or header block shown in full; the rest is cut with a note saying how much. */
export const TEXT_LIMIT = 4000;

// ---------------------------------------------------------------------------------------------------------------
// Escaping: every interpolated value is escaped unless it is markup this module built.

class Markup {
  constructor(readonly text: string) {}
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and quoted attributes; control characters are shown as \xNN. */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Part = Markup | string | number | boolean | undefined | null | readonly Part[];

function render(part: Part): string {
  if (part instanceof Markup) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  if (part === undefined || part === null || part === false || part === true) return "";
  return escapeHtml(String(part));
}

function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new Markup(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Small pieces

type Status = CheckStatus | OperationVerdict;

const STATUS_LABEL: Record<Status, string> = {
  passed: "passed",
  failed: "failed",
  skipped: "skipped",
  not_implemented: "not implemented",
  errored: "errored",
  not_covered: "not covered",
};

const COUNT_KEYS = ["passed", "failed", "skipped", "not_implemented", "errored"] as const;
const LEVEL_NAMES: readonly Level[] = ["core", "standard", "optional"];
const SEVERITIES = ["critical", "major", "minor"] as const;
const CLIENT_ORDER = ["assistants", "threads", "runs", "crons", "store"];

const badge = (status: Status, text = STATUS_LABEL[status]): Markup =>
  html`<span class="badge s-${status}">${STATUS_MARK[status]} ${text}</span>`;

/** Text cut to `max` characters, and how many were left out. */
export function cut(text: string, max = TEXT_LIMIT): { text: string; omitted: number } {
  const chars = [...text];
  return chars.length <= max
    ? { text, omitted: 0 }
    : { text: chars.slice(0, max).join(""), omitted: chars.length - max };
}

/** A JSON body pretty-printed; anything else as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function pre(text: string, className = "", id?: string): Markup {
  const { text: shown, omitted } = cut(text);
  const note = omitted > 0 ? html`<p class="note">… ${omitted.toLocaleString("en")} more characters not shown</p>` : "";
  return html`<pre${id ? html` id="${id}"` : ""}${className ? html` class="${className}"` : ""}>${shown}</pre>${note}`;
}

const valueText = (value: unknown): string => {
  const safe = jsonSafe(value);
  return safe === undefined ? "undefined" : JSON.stringify(safe, null, 2);
};

/** Attribute values the script filters on: tokens separated by spaces (tags as a JSON array, they hold spaces). */
interface FilterData {
  tags: readonly string[];
  severity: readonly string[];
  level: readonly string[];
  status: readonly string[];
}

const uniq = <T>(items: Iterable<T>): T[] => [...new Set(items)];

function filterAttrs(d: FilterData): Markup {
  return html` data-filter data-tags="${JSON.stringify(uniq(d.tags))}" data-severity="${uniq(d.severity).join(" ")}"
  data-level="${uniq(d.level).join(" ")}" data-status="${uniq(d.status).join(" ")}"`;
}

const opAnchor = (operationId: string) => `op-${operationId}`;
const departureAnchor = (n: number) => `departure-${n}`;

function formatStart(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

// ---------------------------------------------------------------------------------------------------------------
// The page

interface Context {
  run: RunView;
  results: readonly ResultView[];
  judged: Judged;
  gate: Gate;
  extras: RunEndExtras;
  /** Finding keys the baseline accepts. */
  known: ReadonlySet<string>;
  /** Departure number (1-based) of each cause. */
  departureOf: ReadonlyMap<string, number>;
  tagOf: ReadonlyMap<string, string>;
  checkColumns: readonly { id: string; title: string }[];
  ruleLevel: ReadonlyMap<string, Level>;
}

/** The report page. Pure apart from reading the tool's name and version. */
export function buildHtmlReport(
  run: RunView,
  results: readonly ResultView[],
  durationMs: number,
  extras: RunEndExtras,
  gate: Gate = { failOn: "minor" },
): string {
  const judged = judge(run, results, extras, gate);
  const ctx: Context = {
    run,
    results,
    judged,
    gate,
    extras,
    known: new Set(gate.baseline?.entries.map((e) => e.key) ?? []),
    departureOf: new Map(judged.departures.map((d, i) => [d.cause, i + 1])),
    tagOf: new Map(judged.summary.operations.map((s) => [s.operation.operationId, s.operation.tag])),
    checkColumns: run.rules.filter((r) => r.kind === "check").map((r) => ({ id: r.id, title: r.title })),
    ruleLevel: new Map(run.rules.map((r) => [r.id, r.level])),
  };
  const verdictWord = judged.verdict === "passed" ? "PASSED" : "FAILED";
  const title = `Conformance ${verdictWord}: ${run.target}`;
  const body = html`<header>${header(ctx, durationMs)}</header>
    <div class="bar">${toc(ctx)} ${filters(ctx)}</div>
    <main>
      ${departuresSection(ctx)} ${baselineSection(ctx)} ${matrixSection(ctx)} ${sdkSection(ctx)}
      ${capabilitiesSection(ctx)} ${phasesSection(ctx)} ${leftoversSection(ctx)}
    </main>
    <footer>${toolInfo().name} ${toolInfo().version} · ${plural(results.length, "result")} · seed ${run.seed}</footer>`;
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${sha256(STYLE)}'`,
    `script-src 'sha256-${sha256(SCRIPT)}'`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${toolInfo().name} ${toolInfo().version}`)}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
${body.text}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

function header(ctx: Context, durationMs: number): Markup {
  const { run, judged, gate, extras } = ctx;
  const { levels, departures, summary } = judged;
  const interrupted =
    extras.reason === "interrupted"
      ? html`<p class="banner interrupted" id="interrupted">
          <strong>Interrupted:</strong> the run stopped early; this report holds what was done until then.
        </p>`
      : "";
  const stopped = extras.phases.filter((ph) => ph.outcome.status !== "ran").length;
  const fresh = departures.filter((d) => d.status === "new").length;
  const baseline = judged.baseline
    ? html`: <strong>${fresh} new</strong>, ${departures.length - fresh} known
        <span class="dim">(baseline ${judged.baseline.source})</span>`
    : "";
  const t = summary.totals;
  const f = t.findings;
  const ov = t.operationVerdicts;
  const meta: [string, Part][] = [
    [
      "target",
      html`<code id="target">${run.target}</code
        >${run.embedded ? html` <span class="dim">(embedded server)</span>` : ""}`,
    ],
    ["spec", html`${run.spec.title} <strong>${run.spec.version}</strong> <span class="dim">${run.spec.source}</span>`],
    [
      "catalogue",
      html`<code>${run.catalogueVersion}</code>
        <span class="dim">${plural(run.rules.length, "check and rule", "checks and rules")}</span>`,
    ],
    ["seed", html`<code>${run.seed}</code>`],
    ["prefix", html`<code>${run.prefix}</code>`],
    ["started", html`<time datetime="${run.startedAt}">${formatStart(run.startedAt)}</time>`],
    ["duration", formatDuration(durationMs)],
    [
      "gate",
      gate.level !== undefined
        ? html`level <strong>${gate.level}</strong> required`
        : html`findings at or above <strong>${gate.failOn}</strong>${gate.baseline ? " not in the baseline" : ""} fail
            the run`,
    ],
  ];
  if (run.selection && run.selection.only.length + run.selection.skip.length > 0)
    meta.push([
      "selection",
      html`${run.selection.only.length > 0 ? html`only <code>${run.selection.only.join(", ")}</code> ` : ""}${run.selection.skip.length > 0 ? html`skip <code>${run.selection.skip.join(", ")}</code>` : ""}`,
    ]);
  return html`<h1>LangGraph Agent Server conformance</h1>
    ${interrupted}
    <div class="answer">
      <div class="verdict v-${judged.verdict}" id="verdict">
        <span class="word">${judged.verdict === "passed" ? "PASSED" : "FAILED"}</span
        ><span class="because">${judged.because}</span>
      </div>
      <div class="level-box" id="level">
        <div class="reached l-${levels.reached}">
          level reached
          <strong>${levels.reached}</strong
          >${levels.partial ? html` <span class="partial">partial run: holds for what was judged</span>` : ""}
        </div>
        ${levelTable(ctx)} ${heldBack(ctx)}
      </div>
    </div>
    <dl class="meta">
      ${meta.map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
    </dl>
    <p class="numbers" id="numbers">
      <a href="#departures"><strong>${plural(departures.length, "departure")}</strong></a
      >${baseline} · ${plural(f.unique, "finding")} (${f.critical} critical, ${f.major} major, ${f.minor}
      minor)${t.errors.unique > 0 ? html` · <span class="s-errored-text">${plural(t.errors.unique, "suite error")}</span>` : ""}<br />
      ${plural(t.operations, "operation")}: ${ov.passed} passed, ${ov.failed} failed, ${ov.not_implemented} not
      implemented, ${ov.skipped} skipped, ${ov.not_covered} not covered ·
      ${plural(t.results.total, "result")}${stopped > 0 ? html` · <a href="#phases">${plural(stopped, "phase")} did not run to the end</a>` : ""}${extras.leftovers.length > 0 ? html` · <a href="#leftovers">${plural(extras.leftovers.length, "leftover")}</a>` : ""}
    </p>`;
}

function levelTable(ctx: Context): Markup {
  const { levels } = ctx.judged;
  const cols = [...COUNT_KEYS, "not_run"] as const;
  const label = (c: (typeof cols)[number]) => (c === "not_run" ? "not run" : STATUS_LABEL[c]);
  return html`<table class="levels">
    <thead>
      <tr>
        <th></th>
        ${cols.map((c) => html`<th>${label(c)}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${LEVEL_NAMES.map((level) => {
        const c = levels.counts[level];
        const about =
          level === "optional"
            ? html`<div class="dim small">capabilities: ${levels.capabilities.join(", ") || "none"}</div>`
            : "";
        return html`<tr data-level-row="${level}">
          <th>${level}${about}</th>
          ${cols.map((k) => html`<td class="${c[k] > 0 ? `n c-${k}` : "n zero"}" data-count="${k}">${c[k]}</td>`)}
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function heldBack(ctx: Context): Markup | string {
  const { levels } = ctx.judged;
  if (levels.blockers.length === 0) return "";
  const next = LEVELS_REACHED[LEVELS_REACHED.indexOf(levels.reached) + 1];
  const tier: Level | undefined = next === "full" ? "optional" : (next as Level | undefined);
  const held = levels.blockers.filter((b) => b.level === tier);
  const name = (b: (typeof levels.blockers)[number]) =>
    html`<code>${b.ruleId}</code
      >${b.status === "failed" ? "" : html` <span class="dim">(${STATUS_LABEL[b.status]})</span>`}${b.capability ? html` <span class="dim">[${b.capability}]</span>` : ""}`;
  const join = (items: Markup[]) => items.map((m, i) => html`${i > 0 ? ", " : ""}${m}`);
  return html`<details class="blockers">
    <summary>
      ${held.length > 0 && next ? html`held back from <strong>${next}</strong> by ${plural(held.length, "rule")}` : "rules that keep the target from a level"}
    </summary>
    ${LEVEL_NAMES.map((level) => {
      const at = levels.blockers.filter((b) => b.level === level);
      return at.length === 0 ? "" : html`<p><strong>${level}</strong>: ${join(at.map(name))}</p>`;
    })}
  </details>`;
}

function toc(ctx: Context): Markup {
  const { judged, extras } = ctx;
  const links: [string, string][] = [["departures", `Departures (${judged.departures.length})`]];
  if (judged.baseline) links.push(["baseline", `Baseline (${judged.baseline.fixed.length} fixed)`]);
  links.push(["endpoints", `Endpoints (${judged.summary.operations.length})`]);
  if (judged.summary.sdkMethods.length > 0) links.push(["sdk", `SDK methods (${judged.summary.sdkMethods.length})`]);
  if (extras.capabilities.length > 0) links.push(["capabilities", `Capabilities (${extras.capabilities.length})`]);
  const stopped = extras.phases.filter((ph) => ph.outcome.status !== "ran").length;
  if (stopped > 0) links.push(["phases", `Phases not run to the end (${stopped})`]);
  if (extras.leftovers.length > 0) links.push(["leftovers", `Leftovers (${extras.leftovers.length})`]);
  return html`<nav class="toc">${links.map(([id, text]) => html`<a href="#${id}">${text}</a>`)}</nav>`;
}

function filters(ctx: Context): Markup {
  const tags = ctx.judged.summary.tags.map((t) => t.tag);
  const select = (name: string, label: string, options: [string, string][]) =>
    html`<label
      >${label}
      <select name="${name}" data-field="${name}">
        <option value="">any</option>
        ${options.map(([value, text]) => html`<option value="${value}">${text}</option>`)}
      </select></label
    >`;
  return html`<form class="filters" id="filters" hidden autocomplete="off">
      ${select(
        "area",
        "area",
        tags.map((t) => [t, t]),
      )}
      ${select(
        "severity",
        "severity",
        SEVERITIES.map((s) => [s, s]),
      )}
      ${select(
        "level",
        "level",
        LEVEL_NAMES.map((l) => [l, l]),
      )}
      ${select("status", "status", [
        ["new", "new departure"],
        ["known", "known departure"],
        ["failed", "failed"],
        ["not_implemented", "not implemented"],
        ["skipped", "skipped"],
        ["passed", "passed"],
        ["not_covered", "not covered"],
      ])}
      <label
        >search <input type="search" name="search" data-field="search" placeholder="operation, path, rule, message…"
      /></label>
      <button type="reset">clear</button>
      <output id="shown" aria-live="polite"></output>
    </form>
    <noscript
      ><p class="note">Filters, search and copy buttons need scripts; everything else is on the page.</p></noscript
    >`;
}

// ---------------------------------------------------------------------------------------------------------------
// Departures

function departuresSection(ctx: Context): Markup {
  const { departures } = ctx.judged;
  const list =
    departures.length === 0
      ? html`<p class="empty">No departures: no check or rule found a difference from the spec.</p>`
      : departures.map((d, i) => departure(ctx, d, i + 1));
  return html`<section id="departures" data-scope>
    <h2>Departures <span class="count">${departures.length}</span></h2>
    <p class="none-match" hidden>Nothing here matches the filters.</p>
    <p class="dim">
      Findings grouped by cause (same rule, same kind of difference), new before known, then by severity and reach. Each
      shows one example per operation where it was seen.
    </p>
    ${list}
  </section>`;
}

function departure(ctx: Context, d: Departure, n: number): Markup {
  const id = departureAnchor(n);
  const tags = d.operations.map((op) => ctx.tagOf.get(op) ?? "");
  const examples = d.operations.map((operationId, k) => {
    const found = d.findings.filter((f) => f.operation.operationId === operationId);
    return example(ctx, found[0]!, found.length - 1, `${id}-${k + 1}`);
  });
  return html`<details
    class="departure st-${d.status} sev-${d.severity}"
    id="${id}"
    ${filterAttrs({
      tags,
      severity: [d.severity],
      level: d.level ? [d.level] : [],
      status: ["failed", d.status],
    })}
  >
    <summary>
      <span class="num">${n}</span> <span class="badge st-${d.status}">${d.status}</span>
      <span class="sev sev-${d.severity}">${d.severity}</span
      >${d.level ? html` <span class="lvl">${d.level}</span>` : ""}
      <strong>${d.checkId}</strong>${d.title ? html`: ${d.title}` : ""}
      <span class="dim">×${d.occurrences} · ${plural(d.operations.length, "operation")}</span>
      <div class="message">${d.message}</div>
    </summary>
    <div class="departure-body">
      <dl class="facts">
        <dt>cause</dt>
        <dd><code>${d.cause}</code></dd>
        <dt>rule</dt>
        <dd><code>${d.checkId}</code>${d.title ? html` ${d.title}` : ""}</dd>
        <dt>severity</dt>
        <dd>${d.severity}</dd>
        <dt>level</dt>
        <dd>${d.level ?? "—"}</dd>
        <dt>status</dt>
        <dd>
          ${d.status === "new" ? (ctx.gate.baseline ? "new: not in the baseline" : "new") : "known: in the baseline"}
        </dd>
        <dt>seen in</dt>
        <dd>${d.operations.map((op, i) => html`${i > 0 ? ", " : ""}<a href="#${opAnchor(op)}">${op}</a>`)}</dd>
      </dl>
      ${examples}
    </div>
  </details>`;
}

function example(ctx: Context, f: DepartureFinding, more: number, id: string): Markup {
  const x = f.finding;
  const op = f.operation;
  const result = ctx.results[f.resultIndex];
  const exchange = result?.exchange;
  const status = ctx.gate.baseline ? (f.known ? "known" : "new") : undefined;
  const fields: [string, Part][] = [
    ["finding", html`<code>${x.key}</code>${status ? html` <span class="badge st-${status}">${status}</span>` : ""}`],
  ];
  fields.push(["seen", html`${f.source}: ${f.step}${f.count > 1 ? html` <span class="dim">×${f.count}</span>` : ""}`]);
  if (f.seed !== undefined) fields.push(["seed", html`<code>${f.seed}</code>`]);
  if (f.sdkMethod !== undefined) fields.push(["sdk method", html`<code>${f.sdkMethod}</code>`]);
  if (x.instancePointer !== undefined) fields.push(["instance", html`<code>${x.instancePointer || '""'}</code>`]);
  if (x.schemaPointer !== undefined) fields.push(["schema", html`<code>${x.schemaPointer || '""'}</code>`]);
  if (f.synthesized) fields.push(["note", "the check failed without reporting a finding"]);
  const diff =
    x.expected !== undefined || x.actual !== undefined
      ? html`<div class="diff">
          <div>
            <h5>expected</h5>
            ${pre(x.expected === undefined ? "—" : valueText(x.expected), "value expected")}
          </div>
          <div>
            <h5>actual</h5>
            ${pre(x.actual === undefined ? "—" : valueText(x.actual), "value actual")}
          </div>
        </div>`
      : "";
  const curl = f.curl ?? exchange?.curl;
  return html`<section class="example" data-operation="${op.operationId}">
    <h4>
      <a href="#${opAnchor(op.operationId)}">${op.operationId}</a>
      <span class="dim">${op.method.toUpperCase()} ${op.path}</span
      >${more > 0 ? html` <span class="dim">(+${plural(more, "more finding")} here)</span>` : ""}
    </h4>
    <p class="message">${x.message}</p>
    <dl class="facts">
      ${fields.map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
    </dl>
    ${diff} ${exchange ? exchangeBlock(exchange) : html`<p class="dim">No exchange was recorded for this finding.</p>`}
    ${
      curl !== undefined
        ? html`<div class="curl">
            <h5>curl <button type="button" class="copy" data-copy="${id}-curl">copy</button></h5>
            ${pre(curl, "curl-text", `${id}-curl`)}
          </div>`
        : ""
    }
  </section>`;
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

function exchangeBlock(exchange: NonNullable<ResultView["exchange"]>): Markup {
  const req = exchange.request;
  const reqText = [`${req.method} ${req.url}`, headerLines(req.headers)].filter((s) => s !== "").join("\n");
  const res = exchange.response;
  const response = res
    ? html`<div class="response">
        <h5>
          response <span class="badge ${res.status < 400 ? "s-passed" : "s-failed"}">${res.status}</span>
          <span class="dim">${formatDuration(res.durationMs)}</span>
        </h5>
        ${Object.keys(res.headers).length > 0 ? pre(headerLines(res.headers), "headers") : ""}${res.body !== "" ? pre(prettyBody(res.body), "body") : html`<p class="dim">empty body</p>`}
      </div>`
    : html`<div class="response">
        <h5>response</h5>
        <p class="s-failed-text">no response${exchange.error ? html`: ${exchange.error}` : ""}</p>
      </div>`;
  return html`<div class="exchange">
    <div class="request">
      <h5>request</h5>
      ${pre(reqText, "headers")}${req.body !== undefined && req.body !== "" ? pre(prettyBody(req.body), "body") : ""}
    </div>
    ${response}
  </div>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Baseline

function baselineSection(ctx: Context): Markup | string {
  const b = ctx.judged.baseline;
  if (!b) return "";
  const entry = (e: { key: string; note?: string }) =>
    html`<li><code>${e.key}</code>${e.note ? html` <span class="dim">${e.note}</span>` : ""}</li>`;
  return html`<section id="baseline">
    <h2>Baseline <span class="count">${b.fixed.length} fixed</span></h2>
    <p class="dim">Read from <code>${b.source}</code>: ${plural(ctx.judged.newFindings, "finding")} not in it.</p>
    ${
      b.fixed.length > 0
        ? html`<h3>Fixed: no longer seen</h3>
            <p class="dim">Their rule was judged on their operation and found nothing; the baseline can drop them.</p>
            <ul class="fixed">
              ${b.fixed.map(entry)}
            </ul>`
        : html`<p>No baseline entry was fixed.</p>`
    }
    ${
      b.unchecked.length > 0
        ? html`<details>
            <summary>${plural(b.unchecked.length, "entry", "entries")} about what this run did not judge</summary>
            <ul>
              ${b.unchecked.map(entry)}
            </ul>
          </details>`
        : ""
    }
  </section>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Endpoint matrix

function statusTitle(c: CheckSummary): string {
  const counts = COUNT_KEYS.filter((k) => c.results[k] > 0).map((k) => `${c.results[k]} ${STATUS_LABEL[k]}`);
  const reasons = c.reasons.slice(0, 3).map((r) => `\n${STATUS_LABEL[r.status]}: ${r.reason}`);
  const errors = c.errors.slice(0, 3).map((e) => `\nerror: ${e.message}`);
  return `${c.checkId}: ${STATUS_LABEL[c.status]} (${counts.join(", ")})${reasons.join("")}${errors.join("")}`;
}

function firstDeparture(ctx: Context, checks: readonly CheckSummary[]): number | undefined {
  for (const c of checks) for (const f of c.findings) return ctx.departureOf.get(f.finding.cause);
  return undefined;
}

function cell(ctx: Context, check: CheckSummary | undefined, column: string): Markup {
  if (!check) return html`<td class="cell s-none" title="${column}: no result on this operation">·</td>`;
  const n = firstDeparture(ctx, [check]);
  const mark = STATUS_MARK[check.status];
  return html`<td class="cell s-${check.status}" title="${statusTitle(check)}">
    ${n !== undefined ? html`<a href="#${departureAnchor(n)}">${mark}</a>` : mark}
  </td>`;
}

const isVerdict = (s: CheckStatus): s is Exclude<CheckStatus, "not_covered"> => s !== "not_covered";

function rulesCell(ctx: Context, rules: readonly CheckSummary[]): Markup {
  if (rules.length === 0) return html`<td class="cell rules s-none" title="no scenario rule on this operation">·</td>`;
  const status = aggregateStatus(rules.map((r) => r.status).filter(isVerdict));
  const failing = rules.filter((r) => r.status !== "passed" && r.status !== "skipped").length;
  const title = [
    `${plural(rules.length, "rule")}: ${STATUS_LABEL[status]}`,
    ...rules.slice(0, 40).map((r) => `${STATUS_MARK[r.status]} ${r.checkId}: ${STATUS_LABEL[r.status]}`),
    ...(rules.length > 40 ? [`… ${rules.length - 40} more`] : []),
  ].join("\n");
  const n = firstDeparture(ctx, rules);
  const text = html`${STATUS_MARK[status]}
    <span class="small">${failing > 0 ? `${failing}/${rules.length}` : rules.length}</span>`;
  return html`<td class="cell rules s-${status}" title="${title}">
    ${n !== undefined ? html`<a href="#${departureAnchor(n)}">${text}</a>` : text}
  </td>`;
}

function opFilter(ctx: Context, s: OperationSummary): FilterData {
  const findings = s.checks.flatMap((c) => c.findings);
  const blocking = s.checks.filter(
    (c) => c.status === "failed" || c.status === "errored" || c.status === "not_implemented",
  );
  return {
    tags: [s.operation.tag],
    severity: findings.map((f) => f.finding.severity),
    level: blocking.flatMap((c) => (c.level ? [c.level] : [])),
    status: [s.verdict, ...findings.map((f) => (ctx.known.has(f.finding.key) ? "known" : "new"))],
  };
}

function matrixSection(ctx: Context): Markup {
  const columns = ctx.checkColumns;
  const columnIds = new Set(columns.map((c) => c.id));
  const width = 5 + columns.length;
  const groups = ctx.judged.summary.tags.map((group) => {
    const v = (verdict: OperationVerdict) => group.operations.filter((o) => o.verdict === verdict).length;
    const counts = (["passed", "failed", "not_implemented", "skipped", "not_covered"] as const)
      .filter((k) => v(k) > 0)
      .map((k) => `${v(k)} ${STATUS_LABEL[k]}`)
      .join(", ");
    const rows = group.operations.map((s) => {
      const op = s.operation;
      const byId = new Map(s.checks.map((c) => [c.checkId, c]));
      const rules = s.checks.filter((c) => !columnIds.has(c.checkId));
      return html`<tr class="op op-${s.verdict}" id="${opAnchor(op.operationId)}" ${filterAttrs(opFilter(ctx, s))}>
        <td>${badge(s.verdict)}</td>
        <td class="method m-${op.method.toLowerCase()}">${op.method.toUpperCase()}</td>
        <td class="path"><code>${op.path}</code></td>
        <td class="opid">
          <a href="#${opAnchor(op.operationId)}">${op.operationId}</a
          >${op.summary ? html`<div class="dim small">${op.summary}</div>` : ""}
        </td>
        ${columns.map((c) => cell(ctx, byId.get(c.id), c.id))}${rulesCell(ctx, rules)}
      </tr>`;
    });
    return html`<tbody data-group="${group.tag}">
      <tr class="tag-row">
        <th colspan="${width}">
          ${group.tag} <span class="dim">${plural(group.operations.length, "operation")}: ${counts}</span>
        </th>
      </tr>
      ${rows}
    </tbody>`;
  });
  const legend = (["passed", "failed", "errored", "not_implemented", "skipped"] as const).map(
    (s) => html`<span class="cell-key s-${s}">${STATUS_MARK[s]}</span> ${STATUS_LABEL[s]} `,
  );
  return html`<section id="endpoints" data-scope>
    <h2>Endpoints <span class="count">${ctx.judged.summary.operations.length}</span></h2>
    <p class="none-match" hidden>Nothing here matches the filters.</p>
    <p class="dim legend">
      Each cell aggregates a check's results on the operation (${legend}<span class="cell-key s-none">·</span> no
      result); the last column aggregates the scenario rules on the operation (<em>n/m</em>: n of its m rules did not
      pass). A failing cell links to its departure; hover a cell for its counts and reasons.
    </p>
    <div class="scroll">
      <table class="matrix">
        <thead>
          <tr>
            <th>verdict</th>
            <th>method</th>
            <th>path</th>
            <th>operation</th>
            ${columns.map((c) => html`<th class="rot" title="${c.id}: ${c.title}"><span>${c.id}</span></th>`)}
            <th class="rot" title="scenario rules and other checks on the operation"><span>scenario rules</span></th>
          </tr>
        </thead>
        ${groups}
      </table>
    </div>
  </section>`;
}

// ---------------------------------------------------------------------------------------------------------------
// SDK methods

function sdkSection(ctx: Context): Markup | string {
  const methods = ctx.judged.summary.sdkMethods;
  if (methods.length === 0) return "";
  const n = (v: OperationVerdict) => methods.filter((m) => m.verdict === v).length;
  const clients = uniq([...CLIENT_ORDER, ...methods.map((m) => m.client)]);
  const row = (m: SdkMethodSummary) => {
    const departures = uniq(
      m.findings.flatMap((f: FindingSummary) => {
        const d = ctx.departureOf.get(f.finding.cause);
        return d !== undefined ? [d] : [];
      }),
    );
    const data: FilterData = {
      tags: m.operations.map((op) => ctx.tagOf.get(op) ?? ""),
      severity: m.findings.map((f) => f.finding.severity),
      level: m.findings.flatMap((f) => {
        const level = ctx.ruleLevel.get(f.finding.checkId);
        return level ? [level] : [];
      }),
      status: [m.verdict, ...m.findings.map((f) => (ctx.known.has(f.finding.key) ? "known" : "new"))],
    };
    return html`<tr id="sdk-${m.method}" ${filterAttrs(data)}>
      <td>${badge(m.verdict)}</td>
      <td><code>${m.method}</code></td>
      ${COUNT_KEYS.map((k) => html`<td class="${m.counts[k] > 0 ? `n c-${k}` : "n zero"}">${m.counts[k]}</td>`)}
      <td>${m.operations.map((op, i) => html`${i > 0 ? ", " : ""}<a href="#${opAnchor(op)}">${op}</a>`)}</td>
      <td>${departures.map((d, i) => html`${i > 0 ? " " : ""}<a href="#${departureAnchor(d)}">#${d}</a>`)}</td>
    </tr>`;
  };
  const groups = clients.map((client) => {
    const group = methods.filter((m) => m.client === client);
    return group.length === 0
      ? ""
      : html`<tbody data-group="${client}">
          <tr class="tag-row">
            <th colspan="10">${client}</th>
          </tr>
          ${group.map(row)}
        </tbody>`;
  });
  return html`<section id="sdk" data-scope>
    <h2>SDK methods <span class="count">${methods.length}</span></h2>
    <p class="none-match" hidden>Nothing here matches the filters.</p>
    <p class="dim">
      Python SDK methods the steps correspond to, counting results: ${n("passed")} passed, ${n("failed")} failed,
      ${n("not_implemented")} not implemented, ${n("skipped")} skipped, ${n("not_covered")} not covered.
    </p>
    <div class="scroll">
      <table class="sdk">
        <thead>
          <tr>
            <th>verdict</th>
            <th>method</th>
            ${COUNT_KEYS.map((k) => html`<th>${STATUS_LABEL[k]}</th>`)}
            <th>operations</th>
            <th>departures</th>
          </tr>
        </thead>
        ${groups}
      </table>
    </div>
  </section>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Capabilities, phases, leftovers

function capabilitiesSection(ctx: Context): Markup | string {
  const caps = ctx.extras.capabilities;
  if (caps.length === 0) return "";
  const declared = (d: boolean | undefined) => (d === undefined ? html`<span class="dim">—</span>` : d ? "yes" : "no");
  return html`<section id="capabilities">
    <h2>Capabilities <span class="count">${caps.length}</span></h2>
    <p class="dim">
      What the run learned the target can do; "declared" is what <code>GET /info</code> says. Optional rules count
      towards the level only for capabilities the target
      has${ctx.judged.levels.capabilities.length > 0 ? html` (here: ${ctx.judged.levels.capabilities.join(", ")})` : ""}.
    </p>
    <table class="caps">
      <thead>
        <tr>
          <th>capability</th>
          <th>supported</th>
          <th>declared</th>
          <th>detail</th>
        </tr>
      </thead>
      <tbody>
        ${caps.map(
          (c) =>
            html`<tr class="${c.supported ? "cap-yes" : "cap-no"}">
              <td>${c.name}${c.id && c.id !== c.name ? html` <code class="dim">${c.id}</code>` : ""}</td>
              <td>${c.supported ? badge("passed", "supported") : badge("failed", "not supported")}</td>
              <td>${declared(c.declared)}</td>
              <td>${c.detail ?? ""}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function phasesSection(ctx: Context): Markup | string {
  const stopped = ctx.extras.phases.filter((ph) => ph.outcome.status !== "ran");
  if (stopped.length === 0) return "";
  return html`<section id="phases">
    <h2>Phases that did not run to the end <span class="count">${stopped.length}</span></h2>
    <p class="dim">
      ${plural(ctx.extras.phases.length, "phase")} in all; these stopped early or did not start, so their rules may show
      as not run.
    </p>
    <table>
      <thead>
        <tr>
          <th>phase</th>
          <th>status</th>
          <th>why</th>
        </tr>
      </thead>
      <tbody>
        ${stopped.map(
          (ph) =>
            html`<tr>
              <td>${ph.title} <code class="dim">${ph.id}</code></td>
              <td><span class="badge ph-${ph.outcome.status}">${ph.outcome.status}</span></td>
              <td>${ph.outcome.status === "ran" ? "" : ph.outcome.reason}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function leftoversSection(ctx: Context): Markup | string {
  const left = ctx.extras.leftovers;
  if (left.length === 0) return "";
  return html`<section id="leftovers">
    <h2>Leftovers <span class="count">${left.length}</span></h2>
    <p class="dim">Resources the suite created and could not delete (read back after cleanup and still there).</p>
    <ul class="leftovers">
      ${left.map((l) => html`<li><code>${l}</code></li>`)}
    </ul>
  </section>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reporter

export const htmlReporter = (options: ReporterOptions = {}): Reporter =>
  fileReporter("html", "HTML", DEFAULT_HTML_FILE, buildHtmlReport, options);

// ---------------------------------------------------------------------------------------------------------------
// Inline style and script (their hashes go into the page's Content-Security-Policy)

const STYLE = `
:root{--fg:#1f2328;--dim:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--err:#8250df;--err-bg:#fbefff;--ni:#9a6700;--ni-bg:#fff8c5;--skip:#59636e;--skip-bg:#eaeef2;--hl:#fff2b3}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,nav.toc,form.filters,footer,noscript{display:block;max-width:1400px;margin:0 auto;padding:0 20px}
header{padding-top:16px}
h1{font-size:20px;margin:0 0 12px}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:16px 0 6px}
h4{font-size:14px;margin:0 0 6px}
h5{font-size:12px;margin:8px 0 4px;text-transform:uppercase;letter-spacing:.04em;color:var(--dim)}
h5 .dim,h5 .badge,h5 button{text-transform:none;letter-spacing:0}
code,pre,.method{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:0 0 6px;white-space:pre-wrap;word-break:break-word;max-height:420px;overflow:auto}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
.dim{color:var(--dim)}.small{font-size:11.5px}
.note{color:var(--ni);font-size:12px;margin:0 0 6px}
.count{font-weight:normal;color:var(--dim);font-size:14px}
.banner{padding:10px 14px;border-radius:6px;margin:0 0 12px}
.interrupted{background:var(--ni-bg);border:1px solid #d4a72c}
.answer{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin-bottom:12px}
.verdict{border-radius:8px;padding:12px 18px;min-width:220px}
.verdict .word{display:block;font-size:26px;font-weight:700;letter-spacing:.04em}
.verdict .because{display:block}
.v-passed{background:var(--pass-bg);color:var(--pass);border:1px solid var(--pass)}
.v-failed{background:var(--fail-bg);color:var(--fail);border:1px solid var(--fail)}
.level-box{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.reached{font-size:15px;margin-bottom:6px}.reached strong{font-size:18px}
.l-none strong{color:var(--fail)}.l-core strong,.l-standard strong,.l-full strong{color:var(--pass)}
.partial{color:var(--ni);font-size:12px}
table{border-collapse:collapse}
th,td{padding:3px 8px;text-align:left;vertical-align:top}
table.levels th,table.levels td{border-bottom:1px solid var(--line)}
table.levels thead th{font-weight:600;font-size:12px;color:var(--dim)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#aab2bb}
td.c-passed{color:var(--pass);font-weight:600}td.c-failed{color:var(--fail);font-weight:600}td.c-errored{color:var(--err);font-weight:600}td.c-not_implemented{color:var(--ni);font-weight:600}
.blockers{margin-top:8px;max-width:720px}.blockers p{margin:4px 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 8px}
dl.meta dt{color:var(--dim)}dl.meta dd{margin:0}
.numbers{margin:6px 0 0}
.bar{position:sticky;top:0;z-index:3;background:var(--bg);border-bottom:1px solid var(--line);margin-top:12px;padding:8px 0 6px}
nav.toc a{margin-right:16px}
form.filters{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;padding-top:6px}
form.filters label{color:var(--dim)}
form.filters input[type=search]{width:260px}
#shown{color:var(--dim)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;white-space:nowrap;border:1px solid transparent}
.s-passed{background:var(--pass-bg);color:var(--pass)}
.s-failed{background:var(--fail-bg);color:var(--fail)}
.s-errored{background:var(--err-bg);color:var(--err)}
.s-not_implemented{background:var(--ni-bg);color:var(--ni)}
.s-skipped{background:var(--skip-bg);color:var(--skip)}
.s-not_covered,.s-none{background:transparent;color:#aab2bb}
.s-failed-text{color:var(--fail)}.s-errored-text{color:var(--err)}
.st-new.badge{background:var(--fail);color:#fff}.st-known.badge{background:var(--skip-bg);color:var(--skip)}
.sev{font-size:12px;font-weight:600;text-transform:uppercase}
.sev-critical.sev{color:#fff;background:#a40e26;border-radius:4px;padding:0 5px}.sev-major.sev{color:var(--fail)}.sev-minor.sev{color:var(--ni)}
.lvl{font-size:12px;color:var(--dim);border:1px solid var(--line);border-radius:4px;padding:0 5px}
.ph-skipped{background:var(--skip-bg)}.ph-errored{background:var(--err-bg);color:var(--err)}.ph-interrupted{background:var(--ni-bg);color:var(--ni)}
details.departure{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;margin:0 0 8px;background:var(--bg)}
details.departure.st-known{border-left-color:var(--skip)}
details.departure>summary{cursor:pointer;padding:8px 12px;list-style-position:inside}
details.departure>summary .num{color:var(--dim);font-variant-numeric:tabular-nums}
details.departure .message{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;color:var(--fg);margin:4px 0 0;white-space:pre-wrap;word-break:break-word}
.departure-body{padding:4px 12px 12px;border-top:1px solid var(--line)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:1px 12px;margin:8px 0}
dl.facts dt{color:var(--dim)}dl.facts dd{margin:0;word-break:break-word}
section.example{border-top:1px dashed var(--line);padding-top:10px;margin-top:10px}
.diff,.exchange{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:10px}
.value.expected{border-color:var(--pass)}.value.actual{border-color:var(--fail)}
button.copy{display:none;font-size:11px;margin-left:6px;cursor:pointer}
.js button.copy{display:inline-block}
.scroll{overflow-x:auto}
table.matrix{font-size:13px}
table.matrix thead th{position:sticky;top:0;background:var(--bg);vertical-align:bottom;border-bottom:2px solid var(--line);font-size:12px}
table.matrix th.rot{padding:4px 2px;width:26px}
table.matrix th.rot span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:500;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11.5px}
table.matrix tr.op td{border-bottom:1px solid #eef1f4}
table.matrix tr.op:hover td{background:#f6f8fa}
tr.tag-row th{background:var(--soft);font-size:13px;padding:6px 8px;border-top:1px solid var(--line)}
td.cell{text-align:center;padding:3px 2px;min-width:24px;font-size:13px;border-left:2px solid var(--bg)}
td.cell a{color:inherit;display:block}
td.cell.rules{min-width:52px;white-space:nowrap}
.cell-key{display:inline-block;width:18px;text-align:center;border-radius:3px}
td.method{font-weight:600;font-size:11.5px}
.m-get{color:#1a7f37}.m-post{color:#0969da}.m-put,.m-patch{color:#9a6700}.m-delete{color:#cf222e}
td.path code{white-space:nowrap}
td.opid{white-space:nowrap}
table.sdk td,table.sdk th,table.caps td,table.caps th,#phases td,#phases th{border-bottom:1px solid #eef1f4}
table.caps td:last-child{max-width:720px}
ul.fixed,ul.leftovers{padding-left:20px}
.empty{color:var(--pass)}
.none-match{color:var(--ni)}
details.highlight,details:target{outline:3px solid #d4a72c;outline-offset:2px}
tr.highlight td:not(.cell),tr:target td:not(.cell){background:var(--hl)!important}
.offscreen{position:fixed;left:-9999px;top:0;opacity:0}
details.departure,tr.op,section{scroll-margin-top:96px}
footer{color:var(--dim);font-size:12px;padding-top:24px;padding-bottom:24px}
@media print{.bar,button.copy{display:none!important}details.departure{break-inside:avoid}}
`;

const SCRIPT = `
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var form = doc.getElementById("filters");
  var shown = doc.getElementById("shown");
  var items = [].slice.call(doc.querySelectorAll("[data-filter]"));
  var scopes = [].slice.call(doc.querySelectorAll("[data-scope]"));
  form.hidden = false;

  function field(name) {
    var el = form.querySelector("[data-field='" + name + "']");
    return el ? el.value.trim() : "";
  }
  function has(el, name, value) {
    var v = el.getAttribute("data-" + name) || "";
    return v.split(" ").indexOf(value) >= 0;
  }
  function apply() {
    var area = field("area"), severity = field("severity"), level = field("level"), status = field("status");
    var q = field("search").toLowerCase();
    var active = !!(area || severity || level || status || q);
    items.forEach(function (el) {
      var ok =
        (!area || JSON.parse(el.getAttribute("data-tags") || "[]").indexOf(area) >= 0) &&
        (!severity || has(el, "severity", severity)) &&
        (!level || has(el, "level", level)) &&
        (!status || has(el, "status", status)) &&
        (!q || el.textContent.toLowerCase().indexOf(q) >= 0);
      el.hidden = !ok;
    });
    [].forEach.call(doc.querySelectorAll("tbody[data-group]"), function (group) {
      group.hidden = !group.querySelector("[data-filter]:not([hidden])");
    });
    var parts = [];
    scopes.forEach(function (scope) {
      var all = scope.querySelectorAll("[data-filter]").length;
      var visible = scope.querySelectorAll("[data-filter]:not([hidden])").length;
      var heading = scope.querySelector("h2");
      scope.querySelector(".none-match").hidden = visible > 0;
      parts.push(visible + " of " + all + " " + (heading ? heading.firstChild.textContent.trim().toLowerCase() : ""));
    });
    shown.textContent = active ? "showing " + parts.join(", ") : "";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = location.hash.slice(1); }
    if (!id) return;
    var el = doc.getElementById(id);
    if (!el) return;
    for (var up = el; up; up = up.parentElement) {
      if (up.hidden) { form.reset(); apply(); break; }
    }
    if (el.tagName === "DETAILS") el.open = true;
    [].forEach.call(doc.querySelectorAll(".highlight"), function (h) { h.classList.remove("highlight"); });
    el.classList.add("highlight");
    el.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  doc.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.copy") : null;
    if (!button) return;
    var source = doc.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.textContent;
    function done(ok) {
      button.textContent = ok ? "copied" : "copy failed";
      setTimeout(function () { button.textContent = "copy"; }, 1500);
    }
    function fallback() {
      var area = doc.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      doc.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = doc.execCommand("copy"); } catch (err) { ok = false; }
      doc.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    else fallback();
  });
})();
`;
