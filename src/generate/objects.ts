// Objects: required keys always, declared optional keys at random, undeclared keys only when asked (or needed).

import fc from "fast-check";
import { ANY, buildValid, type Focus } from "./build.ts";
import type { Ctx } from "./context.ts";
import { ImpossibleSchemaError, RecursionLimitError } from "./errors.ts";
import { keyString } from "./json-values.ts";
import type { Pending } from "./pending.ts";
import type { Shape } from "./shape.ts";

/** At most this many undeclared keys, when options.extraKeys allows them. */
const MAX_EXTRA_KEYS = 3;

type Model = Record<string, fc.Arbitrary<unknown>>;

/**
 * By default only declared properties appear (required ones always, optional ones at random), even
 * where additionalProperties allows more; undeclared keys appear only as far as minProperties needs
 * them, or, with options.extraKeys, up to three (readable names, valued by additionalProperties).
 */
export function objectArb(shape: Shape, ctx: Ctx, focus?: Extract<Focus, { key: string }>): fc.Arbitrary<unknown> {
  const impossible = (reason: string) => new ImpossibleSchemaError(shape.pointer, reason);
  const props = shape.properties ?? new Map<string, Shape>();
  const forbid = new Set(shape.forbid ?? []);
  for (const [key, s] of props) if (s.never) forbid.add(key);
  const allowed = (key: string) => !forbid.has(key) && (!shape.allowedKeys || shape.allowedKeys.has(key));
  for (const key of shape.required) if (!allowed(key)) throw impossible(`required property ${key} is not allowed`);
  if (focus && !allowed(focus.key)) throw impossible(`property ${focus.key} is not allowed`);

  const fixed = [...new Set([...shape.required, ...(focus ? [focus.key] : [])])];
  const minP = shape.minProperties ?? 0;
  const maxP = shape.maxProperties ?? Infinity;
  if (minP > maxP) throw impossible(`minProperties ${minP} is above maxProperties ${maxP}`);
  if (fixed.length > maxP) throw impossible(`its ${fixed.length} required properties exceed maxProperties ${maxP}`);
  const lo = Math.max(0, minP - fixed.length); // keys still needed beyond the fixed ones
  const hi = maxP - fixed.length; // keys still allowed beyond the fixed ones
  const valueOf = (key: string): fc.Arbitrary<unknown> =>
    focus?.key === key ? focus.child : buildValid(props.get(key) ?? shape.additional ?? ANY, ctx);
  const fixedModel: Model = Object.fromEntries(fixed.map((key) => [key, valueOf(key)]));

  // Declared optional properties (past the depth budget only as many as minProperties needs).
  const optional: Model = {};
  for (const key of props.keys()) {
    if (!allowed(key) || fixed.includes(key)) continue;
    if (ctx.minimal && Object.keys(optional).length >= lo) break;
    try {
      optional[key] = valueOf(key);
    } catch (err) {
      if (!(err instanceof RecursionLimitError)) throw err; // one that would recurse for ever is left out
    }
  }
  const usable = Object.keys(optional);

  // Undeclared keys: where additionalProperties allows them, as many as asked for or needed.
  let extraValue: fc.Arbitrary<unknown> | undefined;
  let extraCap = 0;
  const wanted = ctx.options.extraKeys && !ctx.minimal ? MAX_EXTRA_KEYS : 0;
  const needed = Math.max(0, lo - usable.length);
  if (!shape.allowedKeys && Math.max(wanted, needed) > 0) {
    try {
      extraValue = buildValid(shape.additional ?? ANY, ctx);
      extraCap = Math.max(wanted, needed);
    } catch (err) {
      if (!(err instanceof ImpossibleSchemaError) || needed > 0) throw err;
    }
  }
  if (usable.length + extraCap < lo)
    throw impossible(`minProperties ${minP} cannot be met with the properties it allows`);

  // Keys in declared order, then required ones the schema does not declare.
  const order = [...props.keys(), ...fixed.filter((k) => !props.has(k))];
  const model = (keys: readonly string[]): Model =>
    Object.fromEntries(
      order.filter((k) => k in fixedModel || keys.includes(k)).map((k) => [k, fixedModel[k] ?? optional[k]]),
    );
  const extraKey = keyString.filter((k) => !props.has(k) && !fixed.includes(k) && !forbid.has(k));
  const withExtras = (
    arb: fc.Arbitrary<Record<string, unknown>>,
    min: number,
    max: number,
  ): fc.Arbitrary<Record<string, unknown>> =>
    max <= 0 || !extraValue
      ? arb
      : fc
          .tuple(arb, fc.dictionary(extraKey, extraValue, { minKeys: min, maxKeys: max, noNullPrototype: true }))
          .map(([a, b]) => ({ ...a, ...b }));

  let arb: fc.Arbitrary<Record<string, unknown>>;
  if (lo === 0 && hi >= usable.length + extraCap && !ctx.minimal) {
    // No count constraint in play: each optional key independently, shrinking towards the required ones.
    arb = withExtras(fc.record(model(usable), { requiredKeys: fixed, noNullPrototype: true }), 0, extraCap);
  } else {
    const least = Math.max(0, lo - extraCap);
    const most = ctx.minimal ? Math.max(least, Math.min(lo, usable.length)) : Math.min(hi, usable.length);
    arb = fc.subarray(usable, { minLength: least, maxLength: most }).chain((keys) => {
      const min = Math.max(0, lo - keys.length);
      const max = ctx.minimal ? min : Math.min(hi - keys.length, extraCap);
      return withExtras(fc.record(model(keys), { noNullPrototype: true }), min, max);
    });
  }
  if (!focus) return arb;
  const key = focus.key;
  return arb.map((obj) => {
    const inner = obj[key] as Pending;
    return inner.within(key, { ...obj, [key]: inner.value });
  });
}
