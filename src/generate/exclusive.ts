// oneOf made exclusive: for each branch, how to generate its values so that no other branch accepts them.

import { deepEqual, mayOverlap, typeAccepts, typeOfValue, type JsonType } from "./json-types.ts";
import type { Shape } from "./shape.ts";
import { acceptedTypes, alternatives, genTypes } from "./shape-types.ts";

/**
 * How the values of one branch are kept out of every other branch, by construction:
 * - types: generate only types the other branch's `type`/`enum` rejects;
 * - constants: every enum/const value of ours is rejected by the other branch's type/enum;
 * - objects: a property we require whose values the other branch rejects (disjoint types or enums),
 *   a property we require that the other branch forbids (additionalProperties: false), or a property
 *   the other branch requires that we leave out (added to `forbid`).
 * A branch for which some other branch has none of these is not generated.
 */
export interface ExclusivePlan {
  narrow: JsonType[];
  forbid: string[];
}

/** The oneOf node's alternatives, each narrowed to be exclusive; unreachable ones are reported in `reasons`. */
export function exclusiveAlternatives(node: Shape, forced: string | undefined, reasons: string[]): Shape[] {
  const branches = node.combinator!.branches;
  const out: Shape[] = [];
  alternatives(node).forEach((alt, i) => {
    const plan = planExclusive(
      alt,
      branches.filter((_, j) => j !== i),
      forced,
    );
    if ("reason" in plan) {
      reasons.push(`${branches[i].pointer}: ${plan.reason}`);
      return;
    }
    out.push({ ...alt, narrow: plan.narrow, forbid: new Set([...(alt.forbid ?? []), ...plan.forbid]) });
  });
  return out;
}

export function planExclusive(alt: Shape, others: Shape[], forced?: string): ExclusivePlan | { reason: string } {
  let types = genTypes(alt);
  const forbid = new Set<string>();
  for (const other of others) {
    if (valuesRejected(alt, other)) continue;
    const accepted = acceptedTypes(other);
    types = types.filter((t) => {
      if (!mayOverlap(accepted, t)) return true;
      if (t !== "object") return false;
      const d = objectDiscriminator(alt, other, forced);
      if (!d) return false;
      if (d.forbid !== undefined) forbid.add(d.forbid);
      return true;
    });
    if (types.length === 0) {
      return {
        reason: `its values may also match ${other.pointer} (no type, constant or required property tells them apart)`,
      };
    }
  }
  return { narrow: types, forbid: [...forbid] };
}

/** Whether `other` rejects the value `v` through its type, enum/const or pin (other keywords are not looked at). */
function rejects(other: Shape, v: unknown): boolean {
  if (other.never) return true;
  if (other.pinned) return !deepEqual(other.pinned.value, v);
  if (other.types && !typeAccepts(other.types, typeOfValue(v))) return true;
  if (other.enum && !other.enum.values.some((w) => deepEqual(v, w))) return true;
  return other.combinator !== undefined && other.combinator.branches.every((b) => rejects(b, v));
}

/** All of `alt`'s possible values are constants that `other` rejects. */
function valuesRejected(alt: Shape, other: Shape): boolean {
  const values = alt.pinned ? [alt.pinned.value] : alt.enum?.values;
  return values !== undefined && values.every((v) => rejects(other, v));
}

/** Every value generated for `mine` fails `theirs`. */
function excludes(mine: Shape, theirs: Shape): boolean {
  if (valuesRejected(mine, theirs)) return true;
  const accepted = acceptedTypes(theirs);
  return genTypes(mine).every((t) => !mayOverlap(accepted, t));
}

function objectDiscriminator(alt: Shape, other: Shape, forced?: string): { forbid?: string } | undefined {
  for (const key of alt.required) {
    if (key === forced) continue; // its value is the violation, not a valid one
    if (other.allowedKeys && !other.allowedKeys.has(key)) return {};
    const mine = alt.properties?.get(key) ?? alt.additional;
    const theirs = other.properties?.get(key) ?? other.additional;
    if (theirs?.never) return {};
    if (mine && theirs && excludes(mine, theirs)) return {};
  }
  for (const key of other.required) {
    if (!alt.required.includes(key) && key !== forced) return { forbid: key };
  }
  return undefined;
}
