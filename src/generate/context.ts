// The walk context of the builders: options, and the recursion budget along the current path.

import { RecursionLimitError } from "./errors.ts";
import type { ResolvedOptions } from "./options.ts";
import type { Shape } from "./shape.ts";

export interface Ctx {
  readonly options: ResolvedOptions;
  /** How many times each schema occurs on the current path. */
  readonly visits: ReadonlyMap<object, number>;
  /** Set once past the budget: the schemas entered since. Values are then minimal, and re-entering one is endless recursion. */
  readonly minimal?: ReadonlySet<object>;
}

export const rootCtx = (options: ResolvedOptions): Ctx => ({ options, visits: new Map() });

/** Steps into `shape`; throws RecursionLimitError when, past the budget, a schema requires itself again. */
export function enter(ctx: Ctx, shape: Shape): Ctx {
  const source = shape.source;
  const count = (ctx.visits.get(source) ?? 0) + 1;
  const visits = new Map(ctx.visits).set(source, count);
  if (ctx.minimal) {
    if (ctx.minimal.has(source)) throw new RecursionLimitError(shape.pointer, ctx.options.maxDepth);
    return { ...ctx, visits, minimal: new Set(ctx.minimal).add(source) };
  }
  if (count > ctx.options.maxDepth) return { ...ctx, visits, minimal: new Set([source]) };
  return { ...ctx, visits };
}
