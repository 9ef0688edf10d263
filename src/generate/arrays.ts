// Arrays of valid items, small (three items unless minItems says more), optionally with one focused item.

import fc from "fast-check";
import { ANY, buildValid, type Focus } from "./build.ts";
import type { Ctx } from "./context.ts";
import { ImpossibleSchemaError } from "./errors.ts";
import type { Pending } from "./pending.ts";
import type { Shape } from "./shape.ts";

const DEFAULT_MAX_ITEMS = 3;

export function arrayArb(shape: Shape, ctx: Ctx, focus?: Focus): fc.Arbitrary<unknown> {
  const min = shape.minItems ?? 0;
  const max = shape.maxItems ?? Infinity;
  if (min > max) throw new ImpossibleSchemaError(shape.pointer, `minItems ${min} is above maxItems ${max}`);
  const cap = ctx.minimal ? min : Math.min(max, Math.max(min, DEFAULT_MAX_ITEMS));
  const empty = fc.constant(null).map((): unknown[] => []);
  if (!focus && cap === 0) return empty;
  let item: fc.Arbitrary<unknown>;
  try {
    item = buildValid(shape.items ?? ANY, ctx);
  } catch (err) {
    // No item can be built (items: false, or endless recursion): only the empty array, if allowed.
    if (err instanceof ImpossibleSchemaError && min === 0 && !focus) return empty;
    throw err;
  }
  if (!focus) return fc.array(item, { minLength: min, maxLength: cap });
  if (max < 1) throw new ImpossibleSchemaError(shape.pointer, "maxItems 0 leaves no room for an item");
  const restMin = Math.max(0, min - 1);
  const rest = fc.array(item, { minLength: restMin, maxLength: Math.max(restMin, cap - 1) });
  return fc.tuple(rest, focus.child, fc.nat()).map(([others, inner, pos]: [unknown[], Pending, number]) => {
    const at = pos % (others.length + 1);
    return inner.within(at, [...others.slice(0, at), inner.value, ...others.slice(at)]);
  });
}
