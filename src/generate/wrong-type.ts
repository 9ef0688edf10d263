// The wrong_type site: a value of a JSON type the schema's `type` (or pinned const) does not allow.

import fc from "fast-check";
import { typeAccepts, typeOfValue, preview, type JsonType } from "./json-types.ts";
import { keyString, wordString } from "./json-values.ts";
import { fraction } from "./numbers.ts";
import { Pending } from "./pending.ts";
import type { Shape } from "./shape.ts";
import { declaredTypes } from "./shape-types.ts";
import { placeName } from "./violation.ts";

const WRONG_VALUES: Record<JsonType, fc.Arbitrary<unknown>> = {
  null: fc.constant(null),
  boolean: fc.boolean(),
  integer: fc.integer({ min: -1000, max: 1000 }),
  number: fraction, // never an integer: an integer is no wrong type where integers are allowed
  string: wordString, // never "true", "12" or "null": it must stay a string when sent as text
  array: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 2 }),
  object: fc.dictionary(keyString, fc.integer({ min: 0, max: 9 }), { maxKeys: 2, noNullPrototype: true }),
};

const NAMES: Record<JsonType, string> = {
  null: "null",
  boolean: "a boolean",
  integer: "an integer",
  number: "a non-integer number",
  string: "a string",
  array: "an array",
  object: "an object",
};

/** Whether a value generated for `t` is rejected by `type: accepted`. */
function isWrong(accepted: readonly JsonType[], t: JsonType): boolean {
  return t === "number" ? !accepted.includes("number") : !typeAccepts(accepted, t);
}

export function wrongTypeSite(shape: Shape, allowed: readonly JsonType[]): fc.Arbitrary<Pending> | undefined {
  const declared = declaredTypes(shape);
  const accepted = declared ?? (shape.pinned ? [typeOfValue(shape.pinned.value)] : undefined);
  if (!accepted) return undefined; // nothing would make a `type` error fire
  const keyword = declared ? "type" : "const";
  const wrong = allowed.filter((t) => isWrong(accepted, t));
  if (wrong.length === 0) return undefined;
  const expected = accepted.join(" or ");
  const site = (t: JsonType) =>
    WRONG_VALUES[t].map(
      (value) =>
        new Pending(
          value,
          "wrong_type",
          "",
          keyword,
          (p) => `${placeName(p)}: ${preview(value)} is ${NAMES[t]}, expected ${expected}`,
        ),
    );
  return fc.oneof(...wrong.map(site));
}
