// The reporter registry by CLI name, createReporters() for the CLI, and a RunListener that feeds reporters.
import type { RunListener } from "../src/model.ts";
import { badgeReporter } from "./badge.ts";
import { consoleReporter } from "./console.ts";
import { htmlReporter } from "./html.ts";
import { jsonReporter } from "./json.ts";
import { junitReporter } from "./junit.ts";
import { markdownReporter } from "./markdown.ts";
import type { Reporter, ReporterFactory, ReporterOptions } from "./types.ts";

export type {
  Reporter,
  ReporterFactory,
  ReporterOptions,
  ReadonlyDeep,
  ResultView,
  RunEndExtras,
  RunView,
} from "./types.ts";
export { summarize, operationVerdict, aggregateStatus } from "./summarize.ts";
export { judge, gateOf } from "./verdict.ts";
export type { Gate, Judged, Departure } from "./verdict.ts";
export type { LevelReport, LevelReached } from "./levels.ts";
export type {
  RunSummary,
  OperationSummary,
  CheckSummary,
  SdkMethodSummary,
  Totals,
  CheckStatus,
  OperationVerdict,
} from "./summarize.ts";
export { DEFAULT_BADGE_FILE } from "./badge.ts";
export { DEFAULT_HTML_FILE } from "./html.ts";
export { DEFAULT_JSON_FILE } from "./json.ts";
export { DEFAULT_JUNIT_FILE } from "./junit.ts";
export { DEFAULT_MARKDOWN_FILE } from "./markdown.ts";

export const reporters = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
  markdown: markdownReporter,
  badge: badgeReporter,
} as const satisfies Record<string, ReporterFactory>;

/** Where each report that writes a file goes, by reporter name. */
export type ReportFiles = Partial<Record<Exclude<ReporterName, "console">, string>>;

export type ReporterName = keyof typeof reporters;
export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.prototype.hasOwnProperty.call(reporters, name);
}

/**
 * Builds the reporters named on the command line, in order, each once.
 * Names may also be given comma-separated ("console,junit"). Every reporter but console writes to its entry of
 * `outputs` (or its default file) and prints the path written to `stream`; console prints to `stream`.
 * `extra` carries the remaining options (color, isTTY, verbose, failOn) to every reporter.
 */
export function createReporters(
  names: readonly string[],
  outputs: ReportFiles = {},
  stream?: NodeJS.WritableStream,
  extra: Omit<ReporterOptions, "outputFile" | "stream"> = {},
): Reporter[] {
  const wanted = [
    ...new Set(
      names
        .flatMap((n) => n.split(","))
        .map((n) => n.trim())
        .filter((n) => n !== ""),
    ),
  ];
  for (const name of wanted) {
    if (!isReporterName(name)) {
      throw new Error(`\`--report\` must be one of ${REPORTER_NAMES.join(", ")}, but received ${name}`);
    }
  }
  return (wanted as ReporterName[]).map((name) => {
    const options: ReporterOptions = { ...extra };
    if (stream) options.stream = stream;
    const file = name === "console" ? undefined : outputs[name];
    if (file !== undefined) options.outputFile = file;
    return reporters[name](options);
  });
}

/** A RunListener that calls the matching hook of every reporter, in order, awaiting each. */
/** Feeds reporters the run's events; `more` is added to what each gets at run end (a spec diff, a comparison). */
export function reporterListener(list: readonly Reporter[], more: object = {}): RunListener {
  return async (event) => {
    for (const r of list) {
      switch (event.type) {
        case "run-start":
          await r.onRunStart?.(event.run);
          break;
        case "phase-start":
          await r.onPhaseStart?.(event.phase, event.title);
          break;
        case "check-result":
          await r.onCheckResult?.(event.result);
          break;
        case "phase-end":
          await r.onPhaseEnd?.(event.phase, event.outcome);
          break;
        case "run-end":
          await r.onRunEnd?.(event.run, event.results, event.durationMs, {
            capabilities: event.capabilities,
            leftovers: event.leftovers,
            phases: event.phases,
            reason: event.reason,
            ...more,
          });
          break;
      }
    }
  };
}
