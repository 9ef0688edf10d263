// Filters that cannot spin: a predicate is first tried on a fixed sample, and fails fast if nothing passes.

import fc from "fast-check";
import { ImpossibleSchemaError } from "./errors.ts";

const PROBE_RUNS = 60;

/**
 * `arb.filter(keep)`, after checking on a fixed-seed sample that `keep` lets enough through (at least
 * one in ten); otherwise an ImpossibleSchemaError, instead of a filter that would loop for ever.
 */
export function filterOrFail<T>(
  arb: fc.Arbitrary<T>,
  keep: (value: T) => boolean,
  pointer: string,
  what: string,
): fc.Arbitrary<T> {
  const passed = fc.sample(arb, { numRuns: PROBE_RUNS, seed: 0x5eed }).filter(keep).length;
  if (passed * 10 < PROBE_RUNS) throw new ImpossibleSchemaError(pointer, `too few generated values are ${what}`);
  return arb.filter(keep);
}
