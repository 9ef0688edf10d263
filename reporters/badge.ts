// The badge: a shields.io endpoint document (https://shields.io/badges/endpoint-badge) naming the level reached.
import type { LevelReached, LevelReport } from "./levels.ts";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";
import { judge, type Gate } from "./verdict.ts";
import { fileReporter } from "./file-report.ts";

export const DEFAULT_BADGE_FILE = "conformance-badge.json";

/** The fields of the endpoint schema this badge uses: schemaVersion, label and message are required. */
export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  /** Never empty. */
  message: string;
  color: string;
}

export const BADGE_COLORS: Record<LevelReached, string> = {
  full: "brightgreen",
  standard: "green",
  core: "yellow",
  none: "red",
};

/** The badge for a level; a partial run (a selection, an interruption) says so, since it judged only part. */
export function badgeFor(levels: Pick<LevelReport, "reached" | "partial">): ShieldsEndpoint {
  return {
    schemaVersion: 1,
    label: "conformance",
    message: levels.partial ? `${levels.reached} (partial)` : levels.reached,
    color: BADGE_COLORS[levels.reached],
  };
}

/** The badge for a run: the level its results reach. */
export function buildBadge(
  run: RunView,
  results: readonly ResultView[],
  _durationMs: number,
  extras: Pick<RunEndExtras, "capabilities" | "reason">,
  gate: Gate = { failOn: "minor" },
): ShieldsEndpoint {
  return badgeFor(judge(run, results, extras, gate).levels);
}

export const badgeReporter = (options: ReporterOptions = {}): Reporter =>
  fileReporter(
    "badge",
    "Badge",
    DEFAULT_BADGE_FILE,
    (...args) => JSON.stringify(buildBadge(...args), null, 2) + "\n",
    options,
  );
