// Strings for a shape: formats, patterns and lengths; also the malformed strings of each format.

import fc from "fast-check";
import { ImpossibleSchemaError } from "./errors.ts";
import { codePoints } from "./json-types.ts";
import { readableString } from "./json-values.ts";
import { filterOrFail } from "./probe.ts";
import type { Format, Shape } from "./shape.ts";

const DEFAULT_SPAN = 8;

const dateTime: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }),
    fc.constantFrom("Z", "+00:00", "+05:30", "-08:00"),
    fc.boolean(),
  )
  .map(([d, zone, millis]) => {
    const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
    return `${millis ? iso.slice(0, 23) : iso.slice(0, 19)}${zone}`;
  });

// URLs of a few lowercase words: fc.webUrl() takes about a second of CPU to set up (its character tables), more than
// the rest of a run's generation, and the API's uri fields need no more variety than this.
const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const path = fc.array(word, { maxLength: 3 }).map((words) => words.map((w) => `/${w}`).join(""));
const webUrl = fc
  .tuple(
    fc.constantFrom("http", "https"),
    word,
    fc.constantFrom("com", "org", "example"),
    path,
    fc.option(fc.tuple(word, word), { nil: undefined }),
    fc.option(word, { nil: undefined }),
  )
  .map(
    ([scheme, host, tld, p, query, fragment]) =>
      `${scheme}://${host}.${tld}${p}${query ? `?${query[0]}=${query[1]}` : ""}${fragment ? `#${fragment}` : ""}`,
  );

const FORMAT_ARBITRARIES: Record<Format, fc.Arbitrary<string>> = {
  uuid: fc.uuid({ version: 4 }),
  "date-time": dateTime,
  uri: webUrl,
  "uri-reference": fc.oneof(
    webUrl,
    path.map((p) => p || "/"),
    fc.stringMatching(/^[a-z][a-z0-9]{0,7}(\/[a-z0-9]{1,8}){0,2}(\?[a-z]{1,4}=[a-z0-9]{1,4})?$/),
  ),
};

/** Strings each format rejects (ajv-formats, full mode). */
export const MALFORMED: Record<Format, readonly string[]> = {
  uuid: [
    "not-a-uuid",
    "1234",
    "0f8fad5b-d9cb-469f-a165-70867728950",
    "0f8fad5b-d9cb-469f-a165-70867728950z",
    "0f8fad5bd9cb469fa16570867728950e1",
    "{0f8fad5b-d9cb-469f-a165-70867728950e}",
  ],
  "date-time": [
    "yesterday",
    "2024-13-01T00:00:00Z",
    "2024-02-30T10:00:00Z",
    "2024-01-01",
    "2024-01-01T25:00:00Z",
    "2024-01-01T10:00:00",
    "01/02/2024 10:00",
  ],
  uri: ["no-scheme", "relative/path", "//host/only", "/absolute/path", "http//missing-colon"],
  "uri-reference": ["has space", "%zz", "a\\b", "http://exa mple.com/", "<tag>"],
};

const lengthOk = (s: string, shape: Shape): boolean => {
  const n = codePoints(s);
  return n >= (shape.minLength ?? 0) && n <= (shape.maxLength ?? Infinity);
};

/** Valid strings for a string shape (its format, pattern and length bounds). */
export function stringArb(shape: Shape): fc.Arbitrary<string> {
  const min = shape.minLength ?? 0;
  const max = shape.maxLength ?? Infinity;
  if (min > max) throw new ImpossibleSchemaError(shape.pointer, `minLength ${min} is above maxLength ${max}`);
  const pattern = shape.pattern === undefined ? undefined : new RegExp(shape.pattern, "u");
  if (shape.format) {
    const arb = FORMAT_ARBITRARIES[shape.format];
    if (!pattern && shape.minLength === undefined && shape.maxLength === undefined) return arb;
    return filterOrFail(
      arb,
      (s) => lengthOk(s, shape) && (!pattern || pattern.test(s)),
      shape.pointer,
      `${shape.format} strings within its length bounds and pattern`,
    );
  }
  if (pattern) {
    const arb = fc.stringMatching(pattern, Number.isFinite(max) ? { maxLength: max } : {});
    if (min === 0 && !Number.isFinite(max)) return arb;
    return filterOrFail(
      arb,
      (s) => lengthOk(s, shape),
      shape.pointer,
      "strings matching its pattern within its length bounds",
    );
  }
  return readableString(min, Math.min(max, min + DEFAULT_SPAN));
}

/** Strings of `min`..`max` code points; long ones are built cheaply from one letter. */
export function stringOfLength(min: number, max: number): fc.Arbitrary<string> {
  if (max <= 64) return readableString(min, max);
  return fc.integer({ min, max: Math.min(max, min + 3) }).map((n) => "a".repeat(n));
}
