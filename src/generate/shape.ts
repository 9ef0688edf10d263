// The compiled form of a schema (Shape) and compileSchema: keyword checks, pointers, allOf merged, cycles kept.

import { joinPointer } from "../spec/pointer.ts";
import { UnsupportedSchemaError } from "./errors.ts";
import { isJsonType, JSON_TYPES, type JsonType } from "./json-types.ts";
import { mergeShapes } from "./merge.ts";

export const FORMATS = ["uuid", "date-time", "uri-reference", "uri"] as const;
export type Format = (typeof FORMATS)[number];

/** Keywords that only annotate: they never change what validates. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "default",
  "deprecated",
  "examples",
  "example",
  "readOnly",
  "writeOnly",
  "$comment",
  "$schema",
  "$id",
  "$anchor",
  "$defs",
  "definitions",
  "discriminator",
  "xml",
  "externalDocs",
]);

const SUPPORTED = new Set([
  "type",
  "nullable",
  "enum",
  "const",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "required",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "oneOf",
  "anyOf",
  "allOf",
]);

export interface Combinator {
  kind: "oneOf" | "anyOf";
  pointer: string;
  branches: Shape[];
}

/** One schema, compiled. Optional fields are absent when the schema does not constrain them. */
export interface Shape {
  /** JSON pointer of the schema within the input (first path it was reached by). */
  pointer: string;
  /** Identity of the schema (the source object, or a token for merged shapes): recursion is counted on it. */
  source: object;
  /** `false`, or contradictory: nothing validates. */
  never?: boolean;
  /** `x-pinned: true` with a `const`: exactly this value. */
  pinned?: { value: unknown };
  types?: JsonType[];
  enum?: { values: unknown[]; keyword: "enum" | "const" };
  format?: Format;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: Shape;
  minItems?: number;
  maxItems?: number;
  /** Declared properties; undefined when the schema has no `properties` (a free-form object). */
  properties?: Map<string, Shape>;
  required: string[];
  /** `additionalProperties` as a schema. */
  additional?: Shape;
  /** Set when `additionalProperties: false`: the only keys allowed. */
  allowedKeys?: Set<string>;
  minProperties?: number;
  maxProperties?: number;
  combinator?: Combinator;
  /** Generation tweaks (never from the schema): only these types, never these keys. */
  narrow?: JsonType[];
  forbid?: Set<string>;
}

/** Shapes whose compilation is under way: merging one would read half-filled fields. */
export const PENDING = new WeakSet<Shape>();

export function compileSchema(schema: unknown): Shape {
  return compile(schema, "", new WeakMap());
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function compile(schema: unknown, pointer: string, cache: WeakMap<object, Shape>): Shape {
  if (schema === true) return { pointer, source: {}, required: [] };
  if (schema === false) return { pointer, source: {}, required: [], never: true };
  if (!isPlainObject(schema)) {
    throw new UnsupportedSchemaError(
      "(schema)",
      pointer,
      `expected a schema object or boolean, got ${JSON.stringify(schema)}`,
    );
  }
  const hit = cache.get(schema);
  if (hit) return hit;
  const shape: Shape = { pointer, source: schema, required: [] };
  cache.set(schema, shape);
  PENDING.add(shape);
  try {
    fill(shape, schema, pointer, cache);
  } finally {
    PENDING.delete(shape);
  }
  return shape;
}

function fill(shape: Shape, s: Record<string, unknown>, pointer: string, cache: WeakMap<object, Shape>): void {
  const pinned = s["x-pinned"] === true && "const" in s;
  for (const key of Object.keys(s)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (pinned) continue; // a pin replaces everything else
    if (!SUPPORTED.has(key)) throw new UnsupportedSchemaError(key, pointer);
  }
  const at = (...tokens: (string | number)[]) => joinPointer(pointer, ...tokens);
  const bad = (keyword: string, detail: string) => new UnsupportedSchemaError(keyword, pointer, detail);

  if ("type" in s) {
    const names = Array.isArray(s.type) ? s.type : [s.type];
    for (const name of names) if (!isJsonType(name)) throw bad("type", `unknown type ${JSON.stringify(name)}`);
    shape.types = JSON_TYPES.filter((t) => names.includes(t));
  }
  if (s.nullable === true && shape.types && !shape.types.includes("null")) shape.types = [...shape.types, "null"];
  if (pinned) {
    // Generated as the const alone; the declared type is kept so a wrong type is still a `type` error.
    shape.pinned = { value: s.const };
    return;
  }
  if ("enum" in s) {
    if (!Array.isArray(s.enum)) throw bad("enum", "expected an array");
    shape.enum = { values: [...s.enum], keyword: "enum" };
  }
  if ("const" in s) {
    const values = shape.enum
      ? shape.enum.values.filter((v) => JSON.stringify(v) === JSON.stringify(s.const))
      : [s.const];
    shape.enum = { values, keyword: "const" };
  }
  if ("format" in s) {
    if (!FORMATS.includes(s.format as Format))
      throw bad("format", `format ${JSON.stringify(s.format)} is not one of ${FORMATS.join(", ")}`);
    shape.format = s.format as Format;
  }
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
    if (!(key in s)) continue;
    if (typeof s[key] !== "number" || !Number.isFinite(s[key])) throw bad(key, "expected a finite number");
    shape[key] = s[key] as number;
  }
  for (const key of ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"] as const) {
    if (!(key in s)) continue;
    if (!Number.isInteger(s[key]) || (s[key] as number) < 0) throw bad(key, "expected a non-negative integer");
    shape[key] = s[key] as number;
  }
  if ("pattern" in s) {
    if (typeof s.pattern !== "string") throw bad("pattern", "expected a string");
    try {
      new RegExp(s.pattern, "u");
    } catch (err) {
      throw bad("pattern", `not a valid regular expression: ${(err as Error).message}`);
    }
    shape.pattern = s.pattern;
  }
  if ("items" in s) {
    if (Array.isArray(s.items)) throw bad("items", "the array (tuple) form is not supported");
    shape.items = compile(s.items, at("items"), cache);
  }
  if ("properties" in s) {
    if (!isPlainObject(s.properties)) throw bad("properties", "expected an object");
    shape.properties = new Map(
      Object.entries(s.properties).map(([k, v]) => [k, compile(v, at("properties", k), cache)]),
    );
  }
  if ("required" in s) {
    if (!Array.isArray(s.required) || !s.required.every((k) => typeof k === "string"))
      throw bad("required", "expected an array of strings");
    shape.required = [...new Set(s.required as string[])];
  }
  if ("additionalProperties" in s) {
    const ap = s.additionalProperties;
    if (ap === false) shape.allowedKeys = new Set(shape.properties?.keys() ?? []);
    else if (ap !== true) shape.additional = compile(ap, at("additionalProperties"), cache);
  }
  if ("oneOf" in s && "anyOf" in s) throw bad("anyOf", "anyOf together with oneOf on one schema is not supported");
  for (const kind of ["oneOf", "anyOf"] as const) {
    if (!(kind in s)) continue;
    const list = s[kind];
    if (!Array.isArray(list) || list.length === 0)
      throw new UnsupportedSchemaError(kind, pointer, "expected a non-empty array");
    shape.combinator = { kind, pointer: at(kind), branches: list.map((b, i) => compile(b, at(kind, i), cache)) };
  }
  if ("allOf" in s) {
    if (!Array.isArray(s.allOf) || s.allOf.length === 0) throw bad("allOf", "expected a non-empty array");
    const members = s.allOf.map((m, i) => compile(m, at("allOf", i), cache));
    let merged: Shape = { ...shape };
    members.forEach((member, i) => {
      merged = mergeShapes(merged, member, at("allOf", i));
    });
    for (const key of Object.keys(shape)) delete (shape as unknown as Record<string, unknown>)[key];
    Object.assign(shape, merged, { pointer, source: s });
  }
}
