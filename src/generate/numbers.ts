// Numbers within (or, for violations, just outside) the numeric bounds of a shape.

import fc from "fast-check";
import { ImpossibleSchemaError } from "./errors.ts";
import type { Shape } from "./shape.ts";

/** A numeric interval; `lo`/`hi` undefined means unbounded on that side. */
export interface Interval {
  lo?: number;
  loOpen?: boolean;
  hi?: number;
  hiOpen?: boolean;
}

const SPAN = 1000;

export function boundsOf(s: Shape): Interval {
  const out: Interval = {};
  if (s.minimum !== undefined) out.lo = s.minimum;
  if (s.exclusiveMinimum !== undefined && (out.lo === undefined || s.exclusiveMinimum >= out.lo)) {
    out.lo = s.exclusiveMinimum;
    out.loOpen = true;
  }
  if (s.maximum !== undefined) out.hi = s.maximum;
  if (s.exclusiveMaximum !== undefined && (out.hi === undefined || s.exclusiveMaximum <= out.hi)) {
    out.hi = s.exclusiveMaximum;
    out.hiOpen = true;
  }
  return out;
}

/** Inclusive integer bounds of an interval, filled in near the given bound (or 0) when open-ended. */
export function integerBounds(i: Interval): { min: number; max: number } | undefined {
  let min = i.lo === undefined ? undefined : i.loOpen ? Math.floor(i.lo) + 1 : Math.ceil(i.lo);
  let max = i.hi === undefined ? undefined : i.hiOpen ? Math.ceil(i.hi) - 1 : Math.floor(i.hi);
  min ??= Math.min(-SPAN, (max ?? 0) - SPAN);
  max ??= Math.max(SPAN, min + SPAN);
  min = Math.max(min, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  return min <= max ? { min, max } : undefined;
}

export function integerIn(i: Interval, pointer: string): fc.Arbitrary<number> {
  const b = integerBounds(i);
  if (!b) throw new ImpossibleSchemaError(pointer, "no integer lies within its numeric bounds");
  return fc.integer(b);
}

/** Numbers (integers and fractions) within an interval. */
export function numberIn(i: Interval, pointer: string): fc.Arbitrary<number> {
  const lo = i.lo ?? Math.min(-SPAN, (i.hi ?? 0) - SPAN);
  const hi = i.hi ?? Math.max(SPAN, lo + SPAN);
  if (lo > hi || (lo === hi && (i.loOpen || i.hiOpen)))
    throw new ImpossibleSchemaError(pointer, "no number lies within its numeric bounds");
  const parts: fc.Arbitrary<number>[] = [];
  const ints = integerBounds(i);
  if (ints) parts.push(fc.integer(ints));
  const decimals = decimalIn({ ...i, lo, hi });
  if (decimals) parts.push(decimals);
  // Any double, rarely: also tiny and long ones.
  parts.push(
    fc
      .double({ min: lo, max: hi, minExcluded: i.loOpen, maxExcluded: i.hiOpen, noNaN: true, noDefaultInfinity: true })
      .map((x) => x + 0),
  );
  return parts.length === 1
    ? parts[0]
    : fc.oneof(...parts.map((arbitrary, k) => ({ arbitrary, weight: k === parts.length - 1 ? 1 : 3 })));
}

/** Readable numbers with two decimals within a bounded interval (undefined when none fits). */
function decimalIn(i: Interval): fc.Arbitrary<number> | undefined {
  const lo = i.lo!;
  const hi = i.hi!;
  let min = Math.ceil(lo * 100);
  let max = Math.floor(hi * 100);
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return undefined;
  while (min / 100 < lo || (i.loOpen && min / 100 <= lo)) min++;
  while (max / 100 > hi || (i.hiOpen && max / 100 >= hi)) max--;
  if (min > max) return undefined;
  return fc.integer({ min, max }).map((n) => n / 100 + 0);
}

/** A number that is not an integer, for a wrong type where only integers are allowed. */
export const fraction: fc.Arbitrary<number> = fc
  .tuple(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0.5, 0.25, 0.1, 0.75))
  .map(([n, f]) => n + f);
