// Shared text helpers for reporters: colours, widths, truncation, compact JSON, durations and tool identity.
import { readFileSync } from "node:fs";
import type { Severity } from "../src/model.ts";
import { packagePath } from "../src/paths.ts";
import type { CheckStatus, OperationVerdict } from "./summarize.ts";

export type Paint = (text: string) => string;
export interface Palette {
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
  magenta: Paint;
  dim: Paint;
  bold: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

export function palette(color: boolean): Palette {
  if (!color) return { red: plain, green: plain, yellow: plain, cyan: plain, magenta: plain, dim: plain, bold: plain };
  return {
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    magenta: sgr(35, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
  };
}

/** NO_COLOR disables colour when present and not empty (https://no-color.org). */
export function colorDefault(isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return isTTY && !env.NO_COLOR;
}

export const STATUS_MARK: Record<CheckStatus | OperationVerdict, string> = {
  passed: "✓",
  failed: "✗",
  skipped: "-",
  not_implemented: "∅",
  errored: "!",
  not_covered: "·",
};

export function paintStatus(p: Palette, status: CheckStatus | OperationVerdict, text: string): string {
  switch (status) {
    case "passed":
      return p.green(text);
    case "failed":
    case "errored":
      return p.red(text);
    case "not_implemented":
      return p.yellow(text);
    default:
      return p.dim(text);
  }
}

export function paintSeverity(p: Palette, severity: Severity, text: string = severity): string {
  return severity === "critical" ? p.bold(p.red(text)) : severity === "major" ? p.red(text) : p.yellow(text);
}

/** Cuts text to at most `max` characters, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (max <= 0) return "";
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

/** Shows control characters (other than newline and tab) as \\xNN so server text cannot drive the terminal. */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/** Greedy word wrap to `width` columns; words longer than a line stay whole. */
export function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line !== "" && [...line].length + 1 + [...word].length > width) {
        out.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out.join("\n");
}

export function padEnd(text: string, width: number): string {
  const len = [...text].length;
  return len >= width ? text : text + " ".repeat(width - len);
}

/**
 * A plain-data copy of any value, as JSON.stringify would see it, except that bigints become strings
 * and a reference back to an ancestor becomes "[Circular]" (shared, non-cyclic references are kept).
 */
export function jsonSafe(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "object" || value === null) {
    return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return jsonSafe(withJson.toJSON(), ancestors);
  if (ancestors.has(value)) return "[Circular]";
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => jsonSafe(item, ancestors) ?? null);
  } else {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const safe = jsonSafe(v, ancestors);
      if (safe !== undefined) obj[k] = safe;
    }
    out = obj;
  }
  ancestors.delete(value);
  return out;
}

/** Serialises any value on one line (see jsonSafe), cut to `max` characters; undefined reads "undefined". */
export function compactJson(value: unknown, max = Infinity): string {
  const safe = jsonSafe(value);
  return truncate(safe === undefined ? "undefined" : JSON.stringify(safe), max);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export interface ToolInfo {
  name: string;
  version: string;
}

let tool: ToolInfo | undefined;

/** Name and version of this suite, read once from the project's package.json. */
export function toolInfo(): ToolInfo {
  if (tool) return tool;
  tool = { name: "langgraph-agent-server-conformance", version: "0.0.0" };
  try {
    const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as Partial<ToolInfo>;
    if (typeof pkg.name === "string") tool.name = pkg.name;
    if (typeof pkg.version === "string") tool.version = pkg.version;
  } catch {
    // keep the defaults
  }
  return tool;
}
