// mergeShapes: the conjunction of two shapes (allOf members, a combinator's branch with its siblings).

import { UnsupportedSchemaError } from "./errors.ts";
import { deepEqual, intersectTypes } from "./json-types.ts";
import { PENDING, type Shape } from "./shape.ts";

const memo = new WeakMap<Shape, WeakMap<Shape, Shape>>();

const tighter = (pick: (a: number, b: number) => number, a?: number, b?: number): number | undefined =>
  a === undefined ? b : b === undefined ? a : pick(a, b);

/** A shape whose values satisfy both `a` and `b`. Memoised per pair, so merged cycles stay finite. */
export function mergeShapes(a: Shape, b: Shape, pointer: string): Shape {
  for (const s of [a, b]) {
    if (PENDING.has(s))
      throw new UnsupportedSchemaError(
        "allOf",
        pointer,
        `it refers back to the schema at ${s.pointer} while that is being compiled`,
      );
  }
  let inner = memo.get(a);
  if (!inner) memo.set(a, (inner = new WeakMap()));
  const hit = inner.get(b);
  if (hit) return hit;
  const out: Shape = { pointer: a.pointer, source: {}, required: [] };
  inner.set(b, out);
  Object.assign(out, combine(a, b, pointer));
  return out;
}

function combine(a: Shape, b: Shape, pointer: string): Partial<Shape> {
  if (a.never || b.never) return { never: true };
  // A pin replaces everything else (its declared type is kept for wrong-type violations).
  for (const s of [a, b]) if (s.pinned) return { pinned: s.pinned, ...(s.types ? { types: s.types } : {}) };
  const out: Partial<Shape> = { required: [...new Set([...a.required, ...b.required])] };
  const types = intersectTypes(a.types, b.types);
  if (types) out.types = types;
  if (types && types.length === 0) out.never = true;
  if (a.enum && b.enum) {
    out.enum = {
      values: a.enum.values.filter((v) => b.enum!.values.some((w) => deepEqual(v, w))),
      keyword: a.enum.keyword === "const" || b.enum.keyword === "const" ? "const" : "enum",
    };
  } else if (a.enum ?? b.enum) out.enum = a.enum ?? b.enum;
  if (a.format && b.format && a.format !== b.format)
    throw new UnsupportedSchemaError("format", pointer, `allOf combines formats ${a.format} and ${b.format}`);
  if (a.format ?? b.format) out.format = a.format ?? b.format;
  if (a.pattern && b.pattern && a.pattern !== b.pattern)
    throw new UnsupportedSchemaError("pattern", pointer, "allOf combines two different patterns");
  if (a.pattern ?? b.pattern) out.pattern = a.pattern ?? b.pattern;
  const set = <K extends keyof Shape>(key: K, value: Shape[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set("minLength", tighter(Math.max, a.minLength, b.minLength));
  set("maxLength", tighter(Math.min, a.maxLength, b.maxLength));
  set("minimum", tighter(Math.max, a.minimum, b.minimum));
  set("maximum", tighter(Math.min, a.maximum, b.maximum));
  set("exclusiveMinimum", tighter(Math.max, a.exclusiveMinimum, b.exclusiveMinimum));
  set("exclusiveMaximum", tighter(Math.min, a.exclusiveMaximum, b.exclusiveMaximum));
  set("minItems", tighter(Math.max, a.minItems, b.minItems));
  set("maxItems", tighter(Math.min, a.maxItems, b.maxItems));
  set("minProperties", tighter(Math.max, a.minProperties, b.minProperties));
  set("maxProperties", tighter(Math.min, a.maxProperties, b.maxProperties));
  if (a.items && b.items) out.items = mergeShapes(a.items, b.items, pointer);
  else set("items", a.items ?? b.items);

  if (a.properties || b.properties) {
    const props = new Map<string, Shape>();
    const keys = new Set([...(a.properties?.keys() ?? []), ...(b.properties?.keys() ?? [])]);
    for (const key of keys) {
      // A member's additionalProperties schema also applies to keys only the other member declares.
      const fromA = a.properties?.get(key) ?? a.additional;
      const fromB = b.properties?.get(key) ?? b.additional;
      props.set(key, fromA && fromB ? mergeShapes(fromA, fromB, pointer) : (fromA ?? fromB)!);
    }
    out.properties = props;
  }
  if (a.additional && b.additional) out.additional = mergeShapes(a.additional, b.additional, pointer);
  else set("additional", a.additional ?? b.additional);
  if (a.allowedKeys && b.allowedKeys)
    out.allowedKeys = new Set([...a.allowedKeys].filter((k) => b.allowedKeys!.has(k)));
  else set("allowedKeys", a.allowedKeys ?? b.allowedKeys);

  if (a.combinator && b.combinator) {
    throw new UnsupportedSchemaError(
      b.combinator.kind,
      pointer,
      "more than one oneOf/anyOf applying to one value (through allOf) is not supported",
    );
  }
  set("combinator", a.combinator ?? b.combinator);
  const narrow = a.narrow || b.narrow ? intersectTypes(a.narrow, b.narrow) : undefined;
  set("narrow", narrow);
  if (a.forbid || b.forbid) out.forbid = new Set([...(a.forbid ?? []), ...(b.forbid ?? [])]);
  return out;
}
