// collectSites: every place in a schema where one rule can be broken alone, each as an arbitrary of Pending.

import fc from "fast-check";
import { buildEntered, type Focus } from "./build.ts";
import { enter, type Ctx } from "./context.ts";
import { ImpossibleSchemaError } from "./errors.ts";
import { deepEqual, intersectTypes, preview } from "./json-types.ts";
import { keyString, smallJson } from "./json-values.ts";
import { Pending } from "./pending.ts";
import { filterOrFail } from "./probe.ts";
import { numberSites, stringSites } from "./scalar-sites.ts";
import type { Shape } from "./shape.ts";
import { ownGenTypes } from "./shape-types.ts";
import { placeName, placeSuffix } from "./violation.ts";
import { wrongTypeSite } from "./wrong-type.ts";

/** Builds one site, or none when the rest of the value cannot be kept valid around it. */
function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch (err) {
    if (err instanceof ImpossibleSchemaError) return undefined;
    throw err;
  }
}

/** One place to break a rule, weighted by how many leaf sites it stands for (so each is equally likely). */
export interface Site {
  arb: fc.Arbitrary<Pending>;
  weight: number;
}

/** Picks one of the sites, each leaf site equally likely. */
export function pickSite(sites: Site[]): fc.Arbitrary<Pending> {
  return sites.length === 1 ? sites[0].arb : fc.oneof(...sites.map((s) => ({ arbitrary: s.arb, weight: s.weight })));
}

const leaf = (arb: fc.Arbitrary<Pending> | undefined): Site | undefined => (arb ? { arb, weight: 1 } : undefined);

/**
 * Sites of `shape` and beneath it. None inside oneOf/anyOf branches (breaking one branch may match
 * another): at a combinator node only a wrong type, and sites beneath sibling properties that no
 * branch constrains. None past the depth budget.
 */
export function collectSites(shape: Shape, outer: Ctx): Site[] {
  if (outer.minimal || shape.never) return [];
  const ctx = enter(outer, shape);
  if (ctx.minimal) return [];
  const sites: (Site | undefined)[] = [leaf(wrongTypeSite(shape, ctx.options.wrongTypes))];
  if (shape.pinned) return sites.filter(isSite); // a different pinned value would still be a valid request
  if (shape.combinator) {
    sites.push(...siblingSites(shape, ctx));
  } else if (shape.enum) {
    sites.push(leaf(attempt(() => outOfEnumSite(shape, ctx))));
  } else {
    const types = ownGenTypes(shape);
    if (types.includes("string")) sites.push(...stringSites(shape).map(leaf));
    if (types.includes("integer") || types.includes("number")) sites.push(...numberSites(shape, types).map(leaf));
    if (types.includes("array")) sites.push(...arraySites(shape, ctx));
    if (types.includes("object")) sites.push(...objectSites(shape, ctx));
  }
  return sites.filter(isSite);
}

const isSite = (s: Site | undefined): s is Site => s !== undefined;

/** A valid value of `parent` (already entered) with the child's violation at `key` or in one item. */
function beneath(parent: Shape, ctx: Ctx, children: Site[], where: { key: string } | { item: true }): Site | undefined {
  if (children.length === 0) return undefined;
  const child = pickSite(children);
  const focus: Focus = "key" in where ? { key: where.key, child } : { item: true, child };
  const arb = attempt(() => buildEntered(parent, ctx, focus) as fc.Arbitrary<Pending>);
  return arb && { arb, weight: children.reduce((n, c) => n + c.weight, 0) };
}

function outOfEnumSite(shape: Shape, ctx: Ctx): fc.Arbitrary<Pending> | undefined {
  const { values, keyword } = shape.enum!;
  const { enum: _dropped, ...rest } = shape;
  const types = ownGenTypes(rest);
  let arb: fc.Arbitrary<unknown>;
  if (types.every((t) => t === "null" || t === "boolean")) {
    const others = [null, true, false].filter(
      (v) => types.includes(v === null ? "null" : "boolean") && !values.some((w) => deepEqual(v, w)),
    );
    if (others.length === 0) return undefined;
    arb = fc.constantFrom(...others);
  } else {
    arb = filterOrFail(
      buildEntered(rest, ctx),
      (v) => !values.some((w) => deepEqual(v, w)),
      shape.pointer,
      `outside its ${keyword}`,
    );
  }
  const say = keyword === "const" ? `the constant ${preview(values[0])}` : `one of ${preview(values, 60)}`;
  return arb.map(
    (value) =>
      new Pending(value, "out_of_enum", "", keyword, (p) => `${placeName(p)}: ${preview(value)} is not ${say}`),
  );
}

function arraySites(shape: Shape, ctx: Ctx): (Site | undefined)[] {
  const array: Shape = { ...shape, narrow: intersectTypes(shape.narrow, ["array"]) };
  const { minItems: min, maxItems: max } = shape;
  const count = (v: unknown, kw: string, keyword: string, bound: number) =>
    new Pending(
      v,
      "out_of_range",
      "",
      keyword,
      (p) => `${placeName(p)}: has ${(v as unknown[]).length} items, ${kw} ${keyword} ${bound}`,
    );
  const sites: (Site | undefined)[] = [];
  if (min !== undefined && min > 0) {
    const { minItems: _, ...rest } = array;
    sites.push(
      leaf(
        attempt(() =>
          buildEntered({ ...rest, maxItems: min - 1 }, ctx).map((v) => count(v, "fewer than", "minItems", min)),
        ),
      ),
    );
  }
  if (max !== undefined) {
    sites.push(
      leaf(
        attempt(() =>
          buildEntered({ ...array, minItems: max + 1, maxItems: max + 3 }, ctx).map((v) =>
            count(v, "more than", "maxItems", max),
          ),
        ),
      ),
    );
  }
  if (shape.items && max !== 0) sites.push(beneath(array, ctx, collectSites(shape.items, ctx), { item: true }));
  return sites;
}

function objectSites(shape: Shape, ctx: Ctx): (Site | undefined)[] {
  const object: Shape = { ...shape, narrow: intersectTypes(shape.narrow, ["object"]) };
  const { minProperties: minP, maxProperties: maxP } = shape;
  const sites: (Site | undefined)[] = [];
  for (const key of shape.required) {
    const without: Shape = {
      ...object,
      required: shape.required.filter((k) => k !== key),
      forbid: new Set([...(shape.forbid ?? []), key]),
    };
    sites.push(
      leaf(
        attempt(() =>
          buildEntered(without, ctx).map(
            (v) =>
              new Pending(
                v,
                "missing_required",
                "",
                "required",
                (p) => `missing required property ${key}${placeSuffix(p)}`,
              ),
          ),
        ),
      ),
    );
  }
  if (shape.allowedKeys) {
    const declared = new Set([...shape.allowedKeys, ...(shape.properties?.keys() ?? [])]);
    const base: Shape = maxP === undefined ? object : { ...object, maxProperties: maxP - 1 };
    const extraKey = keyString.map((k) => `x_${k}`).filter((k) => !declared.has(k));
    sites.push(
      leaf(
        attempt(() =>
          fc
            .tuple(buildEntered(base, ctx), extraKey, smallJson)
            .map(
              ([v, key, extra]) =>
                new Pending(
                  { ...(v as object), [key]: extra },
                  "extra_property",
                  "",
                  "additionalProperties",
                  (p) => `unexpected property ${JSON.stringify(key)}${placeSuffix(p)}`,
                ),
            ),
        ),
      ),
    );
  }
  const size = (v: unknown, kw: string, keyword: string, bound: number) =>
    new Pending(
      v,
      "out_of_range",
      "",
      keyword,
      (p) => `${placeName(p)}: has ${Object.keys(v as object).length} properties, ${kw} ${keyword} ${bound}`,
    );
  if (maxP !== undefined) {
    const { maxProperties: _, ...rest } = object;
    sites.push(
      leaf(
        attempt(() =>
          buildEntered({ ...rest, minProperties: maxP + 1 }, ctx).map((v) =>
            size(v, "more than", "maxProperties", maxP),
          ),
        ),
      ),
    );
  }
  if (minP !== undefined && minP > 0) {
    const { minProperties: _, ...rest } = object;
    sites.push(
      leaf(
        attempt(() =>
          buildEntered({ ...rest, maxProperties: minP - 1 }, ctx).map((v) =>
            size(v, "fewer than", "minProperties", minP),
          ),
        ),
      ),
    );
  }
  const forbidden = (key: string) =>
    shape.forbid?.has(key) || (shape.allowedKeys !== undefined && !shape.allowedKeys.has(key));
  for (const [key, prop] of shape.properties ?? []) {
    if (prop.never || forbidden(key)) continue;
    sites.push(beneath(object, ctx, collectSites(prop, ctx), { key }));
  }
  if (!shape.properties && shape.additional && !shape.allowedKeys) {
    // A map: its value schema broken under one (fixed, readable) key.
    const key = shape.required.includes("extra_key") ? "extra_key_2" : "extra_key";
    sites.push(beneath(object, ctx, collectSites(shape.additional, ctx), { key }));
  }
  return sites;
}

/** Sites beneath the sibling `properties` of a combinator node that no branch constrains (a branch may still require them). */
function siblingSites(shape: Shape, ctx: Ctx): (Site | undefined)[] {
  const branches = shape.combinator!.branches;
  const sites: (Site | undefined)[] = [];
  for (const [key, prop] of shape.properties ?? []) {
    if (prop.never || shape.forbid?.has(key) || branches.some((b) => touches(b, key))) continue;
    sites.push(beneath(shape, ctx, collectSites(prop, ctx), { key }));
  }
  return sites;
}

/** Whether a branch looks at the value of property `key` (requiring it to be present is not looking). */
function touches(branch: Shape, key: string, seen = new Set<Shape>()): boolean {
  if (seen.has(branch)) return false;
  seen.add(branch);
  if (
    branch.pinned ||
    branch.enum ||
    branch.never ||
    branch.properties?.has(key) ||
    branch.additional ||
    branch.allowedKeys
  )
    return true;
  if (branch.minProperties !== undefined || branch.maxProperties !== undefined) return true;
  return branch.combinator?.branches.some((b) => touches(b, key, seen)) ?? false;
}
