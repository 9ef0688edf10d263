// What a comparison of two runs yields: every place where the target and the reference behaved differently.

import type { ExchangeRecord } from "../model.ts";

export type DifferenceKind = "status" | "shape" | "events" | "verdict";

/**
 * Whether the document decides the difference: a side whose checks fail (or that lacks the route) departs from it;
 * when both sides pass every check, the document is silent and only the comparison tells them apart.
 */
export type Standing = "target-departs" | "reference-departs" | "silent";

export interface Difference {
  kind: DifferenceKind;
  standing: Standing;
  /** "scenario:<id>" or "property:<mode>". */
  source: string;
  /** The step (or the rule's title), as the target's run named it. */
  step: string;
  operationId: string;
  /** Which exchange (or judgement) of that step, from 0, when the step was taken more than once. */
  occurrence: number;
  /** The rule or check whose verdict differs (kind "verdict"). */
  ruleId?: string;
  /** What the target did, in a few words. */
  target: string;
  /** What the reference did, in a few words. */
  reference: string;
  /** Every detail behind the summaries: each place the shapes differ, both event sequences, the status classes. */
  detail: string[];
  exchanges: { target?: ExchangeRecord; reference?: ExchangeRecord };
}

/** A step that only one of the runs took (a scenario went another way, or stopped early on one side). */
export interface Unpaired {
  side: "target" | "reference";
  source: string;
  step: string;
  operationId: string;
  /** How many of its exchanges have no counterpart. */
  count: number;
}

export interface Comparison {
  /** What the target was compared with: "reference", "reference-python" or the URL given. */
  reference: string;
  /** Where the reference answered. */
  referenceUrl: string;
  referencePrefix: string;
  seed: number;
  differences: Difference[];
  unpaired: Unpaired[];
  /** Whether differences where the document is silent fail the run (`--fail-on-difference`). */
  failOnDifference: boolean;
}

export interface DifferenceCounts {
  total: number;
  targetDeparts: number;
  referenceDeparts: number;
  silent: number;
}

export function countDifferences(differences: readonly Pick<Difference, "standing">[]): DifferenceCounts {
  const n = (standing: Standing) => differences.filter((d) => d.standing === standing).length;
  return {
    total: differences.length,
    targetDeparts: n("target-departs"),
    referenceDeparts: n("reference-departs"),
    silent: n("silent"),
  };
}

/** Whether the comparison alone fails the run: only with `--fail-on-difference`, and only where the document is silent. */
export function comparisonFails(comparison: Pick<Comparison, "differences" | "failOnDifference">): boolean {
  return comparison.failOnDifference && comparison.differences.some((d) => d.standing === "silent");
}

/** What reporters get at run end, besides the usual extras, when the run was compared with a reference. */
export interface ComparisonExtras {
  comparison?: Comparison;
}
