// Small, readable JSON values: free-form data, object keys, wrong-type stand-ins.

import fc from "fast-check";

const ASCII_UNIT = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 });
/** Single code points outside ASCII (so lengths count as JSON Schema counts them): Latin, Greek, CJK, emoji. */
const UNICODE_UNIT = fc
  .oneof(
    fc.integer({ min: 0xc0, max: 0x24f }),
    fc.integer({ min: 0x391, max: 0x3c9 }),
    fc.integer({ min: 0x4e00, max: 0x4e40 }),
    fc.integer({ min: 0x1f600, max: 0x1f64f }),
  )
  .map((cp) => String.fromCodePoint(cp));

/** Strings of `min`..`max` code points: mostly printable ASCII, sometimes other scripts. */
export function readableString(min = 0, max = 8): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ unit: ASCII_UNIT, minLength: min, maxLength: max }), weight: 4 },
    { arbitrary: fc.string({ unit: fc.oneof(ASCII_UNIT, UNICODE_UNIT), minLength: min, maxLength: max }), weight: 1 },
  );
}

/** Lower-case identifiers, 1 to 8 characters: keys of free-form objects. */
export const keyString: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);

/**
 * Words a query or form decoder may read as a boolean, a number or null rather than as text: the servers read
 * boolean flags as `true`/`1`/`yes` (and their opposites), in any case; other decoders also take `on`/`off`.
 */
const NOT_TEXT = new Set(["true", "false", "yes", "no", "on", "off", "null", "none", "nan", "infinity"]);

/** Whether a string may reach a server as something other than text (any case; digits alone are numbers). */
export const readsAsScalar = (s: string): boolean => NOT_TEXT.has(s.toLowerCase()) || /^[+-]?\d+(\.\d+)?$/.test(s);

/** A word no text decoder would take for a number, boolean or null. */
export const wordString: fc.Arbitrary<string> = fc.stringMatching(/^[a-z]{2,8}$/).filter((s) => !readsAsScalar(s));

/** Readable numbers with two decimals within [min, max]. */
const decimal = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((n) => n / 100 + 0);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1000, max: 1000 }),
  decimal(-1000, 1000),
  readableString(),
);

/** Any small JSON value (at most two levels of nesting, at most three members per level). */
export const smallJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 2, depthIdentifier: "generate-json" },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(keyString, tie("value"), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;
