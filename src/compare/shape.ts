// The shape of a JSON body: its types and key sets, recursively, never its values. An array's shape is the merged shape
// of its items, so neither their order nor their number counts; an empty array fits any array.

import type { Normalizer } from "./normalize.ts";

export type Shape =
  | { type: "null" | "boolean" | "number" | "string" }
  | { type: "array"; items?: Shape }
  | { type: "object"; keys: Record<string, Shape> }
  /** Items of one array with different types. */
  | { type: "union"; of: Shape[] };

/** Where two shapes differ: a JSON pointer ("*" stands for every array item) and each side's shape there. */
export interface ShapeDifference {
  path: string;
  target: string;
  reference: string;
}

export function shapeOf(value: unknown, normalize: Normalizer): Shape {
  if (value === null) return { type: "null" };
  if (Array.isArray(value)) {
    const items = value.map((item) => shapeOf(item, normalize));
    return items.length === 0 ? { type: "array" } : { type: "array", items: items.reduce(merge) };
  }
  if (typeof value === "object") {
    const keys: Record<string, Shape> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      // Keys that are ids (a map by thread id) normalise to one key: their shapes merge.
      const name = normalize(key);
      const shape = shapeOf(item, normalize);
      keys[name] = Object.hasOwn(keys, name) ? merge(keys[name], shape) : shape;
    }
    return { type: "object", keys };
  }
  if (typeof value === "boolean") return { type: "boolean" };
  if (typeof value === "number") return { type: "number" };
  return { type: "string" };
}

function members(shape: Shape): Shape[] {
  return shape.type === "union" ? shape.of : [shape];
}

/** One shape that fits both: the union of their types, with the keys of objects and the items of arrays merged. */
export function merge(a: Shape, b: Shape): Shape {
  const of: Shape[] = [];
  for (const shape of [...members(a), ...members(b)]) {
    const at = of.findIndex((s) => s.type === shape.type);
    if (at < 0) of.push(shape);
    else of[at] = mergeSameType(of[at], shape);
  }
  of.sort((x, y) => x.type.localeCompare(y.type));
  return of.length === 1 ? of[0] : { type: "union", of };
}

function mergeSameType(a: Shape, b: Shape): Shape {
  if (a.type === "array" && b.type === "array") {
    if (!a.items) return b;
    if (!b.items) return a;
    return { type: "array", items: merge(a.items, b.items) };
  }
  if (a.type === "object" && b.type === "object") {
    const keys: Record<string, Shape> = { ...a.keys };
    for (const [key, shape] of Object.entries(b.keys))
      keys[key] = Object.hasOwn(keys, key) ? merge(keys[key], shape) : shape;
    return { type: "object", keys };
  }
  return a;
}

/** A shape in a few words: "string", "object", "array", "null | object". */
export function describeShape(shape: Shape | undefined): string {
  if (shape === undefined) return "absent";
  return shape.type === "union" ? shape.of.map((s) => s.type).join(" | ") : shape.type;
}

const token = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every place where the two shapes differ, outermost first; none when they agree. */
export function diffShapes(target: Shape, reference: Shape, path = ""): ShapeDifference[] {
  const here = (): ShapeDifference[] => [
    { path: path || "/", target: describeShape(target), reference: describeShape(reference) },
  ];
  const targetTypes = members(target).map((s) => s.type);
  const referenceTypes = members(reference).map((s) => s.type);
  if (targetTypes.join() !== referenceTypes.join()) return here();
  if (target.type === "union" && reference.type === "union")
    return target.of.flatMap((shape, i) => diffShapes(shape, reference.of[i], path));
  if (target.type === "array" && reference.type === "array") {
    if (!target.items || !reference.items) return [];
    return diffShapes(target.items, reference.items, `${path}/*`);
  }
  if (target.type === "object" && reference.type === "object") {
    const keys = [...new Set([...Object.keys(target.keys), ...Object.keys(reference.keys)])].sort();
    return keys.flatMap((key) => {
      const at = `${path}/${token(key)}`;
      const t = Object.hasOwn(target.keys, key) ? target.keys[key] : undefined;
      const r = Object.hasOwn(reference.keys, key) ? reference.keys[key] : undefined;
      if (t === undefined || r === undefined)
        return [{ path: at, target: describeShape(t), reference: describeShape(r) }];
      return diffShapes(t, r, at);
    });
  }
  return [];
}
