// JSON value types as JSON Schema names them, and the value-level helpers the builders share.

export type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";

export const JSON_TYPES: readonly JsonType[] = ["null", "boolean", "integer", "number", "string", "array", "object"];

export const isJsonType = (name: unknown): name is JsonType => JSON_TYPES.includes(name as JsonType);

/** The narrowest type of a value: an integral number is an "integer". */
export function typeOfValue(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return Number.isInteger(value) ? "integer" : "number";
    case "string":
      return "string";
    default:
      return "object";
  }
}

/** Whether `type: types` accepts a value of type `t` (Ajv: an integer is a number). */
export function typeAccepts(types: readonly JsonType[] | undefined, t: JsonType): boolean {
  if (types === undefined) return true;
  if (t === "integer") return types.includes("integer") || types.includes("number");
  return types.includes(t);
}

/** Whether a generator of type `t` may produce a value that `types` accepts ("number" may produce integers). */
export function mayOverlap(types: readonly JsonType[] | undefined, t: JsonType): boolean {
  if (t === "number") return typeAccepts(types, "number") || typeAccepts(types, "integer");
  return typeAccepts(types, t);
}

/** Intersection of two `type` lists; undefined means "unconstrained". */
export function intersectTypes(
  a: readonly JsonType[] | undefined,
  b: readonly JsonType[] | undefined,
): JsonType[] | undefined {
  if (a === undefined) return b && [...b];
  if (b === undefined) return [...a];
  const out = new Set<JsonType>();
  for (const t of a) {
    if (b.includes(t)) out.add(t);
    else if (t === "integer" && b.includes("number")) out.add("integer");
    else if (t === "number" && b.includes("integer")) out.add("integer");
  }
  return JSON_TYPES.filter((t) => out.has(t));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => deepEqual(v, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as never)[k], (b as never)[k]));
}

/** A short JSON rendering for messages. */
export function preview(value: unknown, max = 40): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Number of code points, as JSON Schema counts string length. */
export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
