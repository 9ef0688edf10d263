// unreachableBranches: the oneOf branches validArbitrary never generates, because no value of theirs is provably exclusive.

import { exclusiveAlternatives } from "./exclusive.ts";
import { compileSchema, type Shape } from "./shape.ts";

export interface UnreachableBranch {
  /** Pointer of the branch within the input schema. */
  pointer: string;
  reason: string;
}

export function unreachableBranches(schema: unknown): UnreachableBranch[] {
  const out: UnreachableBranch[] = [];
  const seen = new Set<Shape>();
  const visit = (s: Shape | undefined): void => {
    if (!s || seen.has(s)) return;
    seen.add(s);
    if (s.combinator?.kind === "oneOf") {
      const reasons: string[] = [];
      exclusiveAlternatives(s, undefined, reasons);
      for (const line of reasons) {
        const at = line.indexOf(": ");
        out.push({ pointer: line.slice(0, at), reason: line.slice(at + 2) });
      }
    }
    s.combinator?.branches.forEach(visit);
    s.properties?.forEach(visit);
    visit(s.items);
    visit(s.additional);
  };
  visit(compileSchema(schema));
  return out;
}
