// An API area of the suite: the rules it owns, the scenarios that judge them, and the planted faults that prove each.

import type { Scenario } from "../engine/scenario.ts";
import type { AreaRules, OutOfScope } from "./catalogue.ts";
import type { Rule } from "./rule.ts";

/**
 * How each rule of an area is shown able to fail: the planted fault (a name the area's fake knows, or
 * "500:METHOD /path" to break one route) under which its test expects the rule to fail, in the first scenario that
 * declares the rule or the one named; or why no such test exists.
 */
export type PlantedFaults<RuleId extends string, Fault extends string> = {
  readonly [K in RuleId]: PlantedFault<Fault | `500:${string}`> | { readonly unprovable: string };
};

export interface PlantedFault<Fault extends string = string> {
  readonly fault: Fault;
  /** The id of the scenario to run, when not the first that declares the rule. */
  readonly scenario?: string;
}

export interface Area extends AreaRules {
  scenarios: readonly Scenario[];
  faults: Readonly<Record<string, PlantedFault | { readonly unprovable: string }>>;
}

export class AreaError extends Error {}

/** Declares an area, checking that its fault table names exactly its rules. */
export function defineArea(area: {
  id: string;
  title: string;
  rules: Readonly<Record<string, Rule>>;
  scenarios: readonly Scenario[];
  faults: Area["faults"];
  /** Documented behaviour of the area's operations that no rule judges, each with the reason. */
  outOfScope?: readonly OutOfScope[];
}): Area {
  const rules = Object.values(area.rules);
  const ids = new Set(rules.map((r) => r.id));
  const tabled = new Set(Object.keys(area.faults));
  const missing = [...ids].filter((id) => !tabled.has(id));
  const extra = [...tabled].filter((id) => !ids.has(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new AreaError(
      `area ${area.id}: the fault table must name exactly its rules (missing ${missing.join(", ") || "none"}; unknown ${extra.join(", ") || "none"})`,
    );
  }
  return Object.freeze({ ...area, rules });
}
