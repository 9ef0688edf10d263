// The reporter registry by CLI name, createReporters() for the CLI, and a RunListener that feeds reporters.
import type { RunListener } from "../src/model.ts";
import { consoleReporter } from "./console.ts";
import { jsonReporter } from "./json.ts";
import { junitReporter } from "./junit.ts";
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
export { DEFAULT_JSON_FILE } from "./json.ts";
export { DEFAULT_JUNIT_FILE } from "./junit.ts";

export const reporters = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
} as const satisfies Record<string, ReporterFactory>;

export type ReporterName = keyof typeof reporters;
export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.prototype.hasOwnProperty.call(reporters, name);
}

/**
 * Builds the reporters named on the command line, in order, each once.
 * Names may also be given comma-separated ("console,junit"). json and junit write to outputs.json /
 * outputs.junit (or their defaults) and print the path written to `stream`; console prints to `stream`.
 * `extra` carries the remaining options (color, isTTY, verbose, failOn) to every reporter.
 */
export function createReporters(
  names: readonly string[],
  outputs: { json?: string; junit?: string } = {},
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
    if (name === "json" && outputs.json !== undefined) options.outputFile = outputs.json;
    if (name === "junit" && outputs.junit !== undefined) options.outputFile = outputs.junit;
    return reporters[name](options);
  });
}

/** A RunListener that calls the matching hook of every reporter, in order, awaiting each. */
export function reporterListener(list: readonly Reporter[]): RunListener {
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
          });
          break;
      }
    }
  };
}
