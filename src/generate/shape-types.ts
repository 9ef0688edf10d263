// Which JSON types a shape generates, accepts (for Ajv) and declares; a combinator node's alternatives.

import { intersectTypes, JSON_TYPES, typeAccepts, typeOfValue, type JsonType } from "./json-types.ts";
import { mergeShapes } from "./merge.ts";
import type { Shape } from "./shape.ts";

const SCALAR_KEYWORDS = {
  string: ["minLength", "maxLength", "pattern", "format"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
  array: ["items", "minItems", "maxItems"],
  object: ["properties", "additional", "allowedKeys", "minProperties", "maxProperties"],
} as const;

/** True when the shape constrains nothing: any JSON value is valid. */
export function isUnconstrained(s: Shape): boolean {
  return (
    !s.never &&
    !s.pinned &&
    !s.types &&
    !s.enum &&
    !s.combinator &&
    !s.narrow &&
    !(s.forbid && s.forbid.size) &&
    s.required.length === 0 &&
    Object.values(SCALAR_KEYWORDS).every((keys) => keys.every((k) => s[k] === undefined))
  );
}

/** Types without a `type` keyword, guessed from the other keywords (an object keyword alone means an object). */
function inferredTypes(s: Shape): JsonType[] {
  const out: JsonType[] = [];
  if (SCALAR_KEYWORDS.string.some((k) => s[k] !== undefined)) out.push("string");
  if (SCALAR_KEYWORDS.number.some((k) => s[k] !== undefined)) out.push("number");
  if (SCALAR_KEYWORDS.array.some((k) => s[k] !== undefined)) out.push("array");
  if (SCALAR_KEYWORDS.object.some((k) => s[k] !== undefined) || s.required.length > 0 || (s.forbid && s.forbid.size))
    out.push("object");
  return out.length ? out : [...JSON_TYPES];
}

/** The types the builder generates for a shape, its combinator aside; "number" also covers integers. */
export function ownGenTypes(s: Shape): JsonType[] {
  if (s.never) return [];
  if (s.pinned) return [typeOfValue(s.pinned.value)];
  let types: JsonType[] = s.types ? [...s.types] : inferredTypes(s);
  if (s.enum) {
    const ofValues = [...new Set(s.enum.values.map(typeOfValue))];
    types = types.filter((t) => ofValues.some((v) => (t === "number" ? v === "number" || v === "integer" : v === t)));
  }
  if (s.narrow) types = intersectTypes(types, s.narrow)!;
  if (types.includes("number")) types = types.filter((t) => t !== "integer");
  return types;
}

/** The types a shape may generate, through its combinator's alternatives too. */
export function genTypes(s: Shape, seen = new Set<Shape>()): JsonType[] {
  if (!s.combinator) return ownGenTypes(s);
  if (seen.has(s)) return [...JSON_TYPES];
  seen.add(s);
  const out = new Set<JsonType>();
  for (const alt of alternatives(s)) for (const t of genTypes(alt, seen)) out.add(t);
  return JSON_TYPES.filter((t) => out.has(t));
}

/** The types Ajv lets through the shape's type-level keywords (type, enum/const, a combinator whose branches all do); undefined = all. */
export function acceptedTypes(s: Shape, seen = new Set<Shape>()): JsonType[] | undefined {
  if (s.never) return [];
  if (s.pinned) return [typeOfValue(s.pinned.value)];
  let types = s.types;
  if (s.enum) types = intersectTypes(types, [...new Set(s.enum.values.map(typeOfValue))]);
  if (s.combinator && !seen.has(s)) {
    seen.add(s);
    const branchTypes = s.combinator.branches.map((b) => acceptedTypes(b, seen));
    if (branchTypes.every((t) => t !== undefined)) {
      const union = JSON_TYPES.filter((t) => branchTypes.some((bt) => typeAccepts(bt, t)));
      types = intersectTypes(types, union);
    }
  }
  return types;
}

/** The types fixed by `type` keywords alone (the node's, or every branch's): a wrong type makes a `type` error fire. */
export function declaredTypes(s: Shape, seen = new Set<Shape>()): JsonType[] | undefined {
  if (s.never) return undefined;
  let types = s.types;
  if (s.pinned) return types;
  if (s.combinator && !seen.has(s)) {
    seen.add(s);
    const branchTypes = s.combinator.branches.map((b) => declaredTypes(b, seen));
    if (branchTypes.every((t) => t !== undefined)) {
      types = intersectTypes(
        types,
        JSON_TYPES.filter((t) => branchTypes.some((bt) => typeAccepts(bt, t))),
      );
    }
  }
  return types;
}

/** The shape without its combinator and generation tweaks. */
export function baseOf(s: Shape): Shape {
  const { combinator: _c, narrow: _n, forbid: _f, ...rest } = s;
  return rest;
}

const alternativesMemo = new WeakMap<Shape, Shape[]>();

/** A combinator node's alternatives: each branch merged with the node's other keywords (and its tweaks). */
export function alternatives(s: Shape): Shape[] {
  const hit = alternativesMemo.get(s);
  if (hit) return hit;
  const { combinator } = s;
  if (!combinator) return [s];
  const base = baseOf(s);
  const tweaks: Shape = {
    pointer: s.pointer,
    source: {},
    required: [],
    ...(s.narrow ? { narrow: s.narrow } : {}),
    ...(s.forbid ? { forbid: s.forbid } : {}),
  };
  const hasTweaks = s.narrow !== undefined || s.forbid !== undefined;
  const out = combinator.branches.map((branch) => {
    // With nothing beside the combinator, a branch is its own alternative (and keeps its identity for recursion).
    let alt = isUnconstrained(base) ? branch : mergeShapes(base, branch, branch.pointer);
    if (hasTweaks) alt = mergeShapes(alt, tweaks, branch.pointer);
    return { ...alt, pointer: branch.pointer };
  });
  alternativesMemo.set(s, out);
  return out;
}
