// The public description of the one rule an invalid value breaks.

export type ViolationKind =
  "missing_required" | "wrong_type" | "out_of_enum" | "out_of_range" | "bad_format" | "extra_property" | "bad_pattern";

export interface Violation {
  kind: ViolationKind;
  /** JSON pointer into the value ("" = root); for missing_required and extra_property, the object's pointer. */
  instancePointer: string;
  /** The Ajv keyword that must fire: required, type, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, minItems, maxItems, minProperties, maxProperties, format, additionalProperties, pattern. */
  keyword: string;
  /** One short human line, e.g. "limit: 1001 is above maximum 1000". */
  description: string;
}

/** "limit", "config/recursion_limit", or "value" for the root: how descriptions name a place. */
export const placeName = (pointer: string): string => (pointer === "" ? "value" : pointer.slice(1));

/** " in /config" (nothing at the root): where an object-level violation sits. */
export const placeSuffix = (pointer: string): string => (pointer === "" ? "" : ` in ${pointer}`);
