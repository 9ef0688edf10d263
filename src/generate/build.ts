// buildValid: the arbitrary of valid values for a shape (dispatch by type, enums, pins, combinators, focus).

import fc from "fast-check";
import { arrayArb } from "./arrays.ts";
import { enter, type Ctx } from "./context.ts";
import { ImpossibleSchemaError } from "./errors.ts";
import { exclusiveAlternatives } from "./exclusive.ts";
import { codePoints, typeAccepts, typeOfValue, type JsonType } from "./json-types.ts";
import { smallJson } from "./json-values.ts";
import { boundsOf, integerIn, numberIn } from "./numbers.ts";
import { objectArb } from "./objects.ts";
import type { Pending } from "./pending.ts";
import type { Shape } from "./shape.ts";
import { alternatives, genTypes, isUnconstrained, ownGenTypes } from "./shape-types.ts";
import { stringArb } from "./strings.ts";

/**
 * Where an invalid value goes inside an otherwise valid one: the property `key` (present), or one
 * item of the array (at least one item). The built arbitrary then yields a Pending.
 */
export type Focus = { key: string; child: fc.Arbitrary<Pending> } | { item: true; child: fc.Arbitrary<Pending> };

/** The shape of `true`: any value. */
export const ANY: Shape = { pointer: "", source: {}, required: [] };

export function buildValid(shape: Shape, ctx: Ctx, focus?: Focus): fc.Arbitrary<unknown> {
  return buildEntered(shape, enter(ctx, shape), focus);
}

/** As buildValid, for a caller that has already entered the shape. */
export function buildEntered(shape: Shape, ctx: Ctx, focus?: Focus): fc.Arbitrary<unknown> {
  const impossible = (reason: string) => new ImpossibleSchemaError(shape.pointer, reason);
  if (shape.never) throw impossible("no value satisfies it (false, or contradictory type/enum)");
  if (shape.pinned) {
    if (focus) throw impossible("a pinned value cannot hold a violation");
    const value = shape.pinned.value;
    return fc.constant(value).map((v) => structuredClone(v));
  }
  if (shape.combinator) return combinatorArb(shape, ctx, focus);
  if (focus) {
    const wanted: JsonType = "key" in focus ? "object" : "array";
    if (!ownGenTypes(shape).includes(wanted))
      throw impossible(`a violation beneath needs an ${wanted}, which it does not allow`);
    return wanted === "object"
      ? objectArb(shape, ctx, focus as Extract<Focus, { key: string }>)
      : arrayArb(shape, ctx, focus);
  }
  if (shape.enum) return enumArb(shape);
  if (isUnconstrained(shape)) return ctx.minimal ? fc.constant(null) : smallJson;

  let types = ownGenTypes(shape);
  if (ctx.minimal) types = preferLeaves(types);
  if (types.length === 0) throw impossible("no JSON type satisfies its type keywords");
  const arbs: fc.Arbitrary<unknown>[] = [];
  let firstError: unknown;
  for (const t of types) {
    try {
      arbs.push(typeArb(shape, t, ctx));
    } catch (err) {
      if (!(err instanceof ImpossibleSchemaError)) throw err;
      firstError ??= err;
    }
  }
  if (arbs.length === 0) throw firstError;
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}

/** Past the depth budget: null if allowed, else scalars, else containers. */
function preferLeaves(types: JsonType[]): JsonType[] {
  if (types.includes("null")) return ["null"];
  const scalars = types.filter((t) => t !== "array" && t !== "object");
  return scalars.length ? scalars : types;
}

function typeArb(shape: Shape, t: JsonType, ctx: Ctx): fc.Arbitrary<unknown> {
  switch (t) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return integerIn(boundsOf(shape), shape.pointer);
    case "number":
      return numberIn(boundsOf(shape), shape.pointer);
    case "string":
      return stringArb(shape);
    case "array":
      return arrayArb(shape, ctx);
    case "object":
      return objectArb(shape, ctx);
  }
}

/** Whether an enum member also meets the shape's other scalar constraints (formats are taken on trust). */
function enumMemberFits(shape: Shape, v: unknown): boolean {
  const t = typeOfValue(v);
  if (!typeAccepts(shape.types, t) || !typeAccepts(shape.narrow, t)) return false;
  if (typeof v === "number") {
    if (shape.minimum !== undefined && v < shape.minimum) return false;
    if (shape.maximum !== undefined && v > shape.maximum) return false;
    if (shape.exclusiveMinimum !== undefined && v <= shape.exclusiveMinimum) return false;
    if (shape.exclusiveMaximum !== undefined && v >= shape.exclusiveMaximum) return false;
  }
  if (typeof v === "string") {
    const n = codePoints(v);
    if (n < (shape.minLength ?? 0) || n > (shape.maxLength ?? Infinity)) return false;
    if (shape.pattern !== undefined && !new RegExp(shape.pattern, "u").test(v)) return false;
  }
  return true;
}

function enumArb(shape: Shape): fc.Arbitrary<unknown> {
  const values = shape.enum!.values.filter((v) => enumMemberFits(shape, v));
  if (values.length === 0)
    throw new ImpossibleSchemaError(shape.pointer, `no ${shape.enum!.keyword} value meets its other constraints`);
  return fc.constantFrom(...values).map((v) => structuredClone(v));
}

/** oneOf: only branches made exclusive (see exclusive.ts); anyOf: every branch. Each merged with the node's siblings. */
function combinatorArb(shape: Shape, ctx: Ctx, focus?: Focus): fc.Arbitrary<unknown> {
  const { kind, pointer } = shape.combinator!;
  const forced = focus && "key" in focus ? focus.key : undefined;
  const reasons: string[] = [];
  const candidates = kind === "oneOf" ? exclusiveAlternatives(shape, forced, reasons) : alternatives(shape);
  const built: { alt: Shape; arb: fc.Arbitrary<unknown> }[] = [];
  for (const alt of candidates) {
    try {
      built.push({ alt, arb: buildValid(alt, ctx, focus) });
    } catch (err) {
      if (!(err instanceof ImpossibleSchemaError)) throw err;
      reasons.push(err.message);
    }
  }
  if (built.length === 0)
    throw new ImpossibleSchemaError(
      pointer,
      `no ${kind} branch can be generated${reasons.length ? `: ${reasons.join("; ")}` : ""}`,
    );
  let chosen = built;
  // A branch that would overrun the depth budget gives way to one that stays within it (e.g. null).
  const within = built.filter(({ alt }) => (ctx.visits.get(alt.source) ?? 0) < ctx.options.maxDepth);
  if (!ctx.minimal && within.length) chosen = within;
  if (ctx.minimal) {
    const leaves = built.filter(({ alt }) => genTypes(alt).every((t) => t === "null"));
    if (leaves.length) chosen = leaves;
  }
  return chosen.length === 1 ? chosen[0].arb : fc.oneof(...chosen.map((c) => c.arb));
}
