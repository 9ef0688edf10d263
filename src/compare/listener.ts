// Feeds reporters like reporterListener, but compares the finished run with the reference's before they write their
// reports, so that each report can carry the comparison.

import { reporterListener, type Reporter, type RunEndExtras } from "../../reporters/index.ts";
import type { RunListener } from "../model.ts";
import type { ComparedRun } from "./diff.ts";
import type { Comparison, ComparisonExtras } from "./model.ts";

export interface ComparingListener {
  listener: RunListener;
  /** The comparison, once the run has ended. */
  comparison(): Comparison | undefined;
}

export function comparingListener(
  reporters: readonly Reporter[],
  compare: (target: ComparedRun) => Comparison,
  more: object = {},
): ComparingListener {
  const forward = reporterListener(reporters, more);
  let comparison: Comparison | undefined;
  return {
    comparison: () => comparison,
    listener: async (event) => {
      if (event.type !== "run-end") return forward(event);
      comparison = compare({ run: event.run, results: event.results });
      const extras: RunEndExtras & ComparisonExtras = {
        capabilities: event.capabilities,
        leftovers: event.leftovers,
        phases: event.phases,
        reason: event.reason,
        ...more,
        comparison,
      };
      for (const r of reporters) await r.onRunEnd?.(event.run, event.results, event.durationMs, extras);
    },
  };
}
