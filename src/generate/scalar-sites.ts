// Violation sites of strings (length, pattern, format) and numbers (the four bounds).

import fc from "fast-check";
import { ImpossibleSchemaError } from "./errors.ts";
import { codePoints, preview, type JsonType } from "./json-types.ts";
import { readableString } from "./json-values.ts";
import { integerIn, numberIn, type Interval } from "./numbers.ts";
import { Pending } from "./pending.ts";
import { filterOrFail } from "./probe.ts";
import type { Shape } from "./shape.ts";
import { MALFORMED, stringOfLength } from "./strings.ts";
import { placeName } from "./violation.ts";
import type { ViolationKind } from "./violation.ts";

const SPAN = 1000;

function attemptFilter<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch (err) {
    if (err instanceof ImpossibleSchemaError) return undefined;
    throw err;
  }
}

const site = (
  arb: fc.Arbitrary<unknown>,
  kind: ViolationKind,
  keyword: string,
  say: (value: unknown) => string,
): fc.Arbitrary<Pending> =>
  arb.map((value) => new Pending(value, kind, "", keyword, (p) => `${placeName(p)}: ${say(value)}`));

/** Letters only: as long as needed, and still a valid relative uri-reference. */
const letters = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => "a".repeat(n));

export function stringSites(shape: Shape): fc.Arbitrary<Pending>[] {
  const sites: fc.Arbitrary<Pending>[] = [];
  const pattern = shape.pattern === undefined ? undefined : new RegExp(shape.pattern, "u");
  const { minLength: min, maxLength: max, format } = shape;
  const lengthOk = (s: string) => codePoints(s) >= (min ?? 0) && codePoints(s) <= (max ?? Infinity);
  // Outside the length bounds a string must not also break its pattern or format: only plain strings
  // and uri-references (any run of letters is one) get length violations.
  const lengthFree = !pattern && (!format || format === "uri-reference");
  if (lengthFree && min !== undefined && min > 0) {
    const arb = format ? letters(0, min - 1) : stringOfLength(0, min - 1);
    sites.push(
      site(
        arb,
        "out_of_range",
        "minLength",
        (v) => `${preview(v)} has ${codePoints(v as string)} characters, fewer than minLength ${min}`,
      ),
    );
  }
  if (lengthFree && max !== undefined) {
    const arb = format ? letters(max + 1, max + 3) : stringOfLength(Math.max(max + 1, min ?? 0), max + 3);
    sites.push(
      site(
        arb,
        "out_of_range",
        "maxLength",
        (v) => `${preview(v)} has ${codePoints(v as string)} characters, more than maxLength ${max}`,
      ),
    );
  }
  if (pattern && !format) {
    const probes = ["", " ", "!", "0", "a", "Z", "a b", "\n", "~~~~", "9a", "_", "-", "Ab1"];
    const misses = probes.filter((s) => !pattern.test(s) && lengthOk(s));
    const parts: fc.Arbitrary<string>[] = [];
    if (misses.length) parts.push(fc.constantFrom(...misses));
    // Random strings too, when enough of them miss.
    const random = attemptFilter(() =>
      filterOrFail(
        readableString(min ?? 0, Math.min(max ?? Infinity, (min ?? 0) + 8)),
        (s) => !pattern.test(s),
        shape.pointer,
        "strings missing its pattern",
      ),
    );
    if (random) parts.push(random);
    if (parts.length) {
      sites.push(
        site(
          fc.oneof(...parts),
          "bad_pattern",
          "pattern",
          (v) => `${preview(v)} does not match pattern ${shape.pattern}`,
        ),
      );
    }
  }
  if (format) {
    const candidates = MALFORMED[format].filter((s) => lengthOk(s) && (!pattern || pattern.test(s)));
    const parts: fc.Arbitrary<string>[] = [];
    if (candidates.length) parts.push(fc.constantFrom(...candidates));
    if (format === "uuid" && lengthOk("0".repeat(36))) {
      // A real uuid with one hex digit turned into a letter past "f".
      parts.push(
        fc.tuple(fc.uuid({ version: 4 }), fc.nat(31), fc.constantFrom("g", "x", "z")).map(([u, i, c]) => {
          const positions = [...u].flatMap((ch, at) => (ch === "-" ? [] : [at]));
          const at = positions[i % positions.length];
          return `${u.slice(0, at)}${c}${u.slice(at + 1)}`;
        }),
      );
    }
    if (parts.length)
      sites.push(site(fc.oneof(...parts), "bad_format", "format", (v) => `${preview(v)} is not a valid ${format}`));
  }
  return sites;
}

/** For each bound: numbers breaking it while keeping the others (and the type). */
export function numberSites(shape: Shape, types: JsonType[]): fc.Arbitrary<Pending>[] {
  const integerOnly = !types.includes("number");
  const { minimum, maximum, exclusiveMinimum: exMin, exclusiveMaximum: exMax } = shape;
  const bounds: {
    keyword: string;
    bound: number | undefined;
    interval: () => Interval;
    say: (v: number, b: number) => string;
  }[] = [
    {
      keyword: "minimum",
      bound: minimum,
      interval: () => ({ lo: exMin ?? minimum! - SPAN, loOpen: exMin !== undefined, hi: minimum!, hiOpen: true }),
      say: (v, b) => `${v} is below minimum ${b}`,
    },
    {
      keyword: "exclusiveMinimum",
      bound: exMin,
      interval: () => ({ lo: minimum ?? exMin! - SPAN, hi: exMin! }),
      say: (v, b) => `${v} is not above exclusiveMinimum ${b}`,
    },
    {
      keyword: "maximum",
      bound: maximum,
      interval: () => ({ lo: maximum!, loOpen: true, hi: exMax ?? maximum! + SPAN, hiOpen: exMax !== undefined }),
      say: (v, b) => `${v} is above maximum ${b}`,
    },
    {
      keyword: "exclusiveMaximum",
      bound: exMax,
      interval: () => ({ lo: exMax!, hi: maximum ?? exMax! + SPAN }),
      say: (v, b) => `${v} is not below exclusiveMaximum ${b}`,
    },
  ];
  const sites: fc.Arbitrary<Pending>[] = [];
  for (const { keyword, bound, interval, say } of bounds) {
    if (bound === undefined) continue;
    try {
      const arb = integerOnly ? integerIn(interval(), shape.pointer) : numberIn(interval(), shape.pointer);
      sites.push(site(arb, "out_of_range", keyword, (v) => say(v as number, bound)));
    } catch (err) {
      if (!(err instanceof ImpossibleSchemaError)) throw err; // the other bound leaves no room: not a site
    }
  }
  return sites;
}
