// The catalogue: every generic check and every scenario rule, validated once; selection, reports and docs read it.

import { createHash } from "node:crypto";
import type { Check } from "../checks/check.ts";
import type { RuleView, Severity } from "../model.ts";
import type { Operation } from "../spec/operations.ts";
import type { CapabilityName, Level, Rule } from "./rule.ts";

/** What a scenario area contributes: its rules, in report order, and what it leaves out on purpose. */
export interface AreaRules {
  /** Folder name under suites/, e.g. "store". */
  id: string;
  title: string;
  rules: readonly Rule[];
  outOfScope?: readonly OutOfScope[];
}

/** Documented behaviour of an operation that no rule judges, and why: listed so that its absence is a decision. */
export interface OutOfScope {
  /** "METHOD /path" of the operation. */
  operation: string;
  /** What the document promises there, in a few words. */
  behaviour: string;
  /** Why no rule judges it. */
  reason: string;
}

export interface CatalogueEntry {
  id: string;
  title: string;
  kind: "check" | "rule";
  /** "checks" for the generic checks, else the area that owns the rule. */
  area: string;
  severity: Severity;
  level: Level;
  capability?: CapabilityName;
  /** "METHOD /path" of every operation it is reported under (for checks: every operation of the spec it applies to). */
  operations: readonly string[];
  /** For checks, the operations in words. */
  scope?: string;
  sdk: readonly string[];
  ref: string;
}

export interface Catalogue {
  entries: readonly CatalogueEntry[];
  /** Every area's out-of-scope behaviour, with the area that declares it. */
  outOfScope?: readonly (OutOfScope & { area: string })[];
  byId: ReadonlyMap<string, CatalogueEntry>;
  /** A short hash of every id with its level: changes whenever a rule is added, removed or re-levelled. */
  version: string;
}

export class CatalogueError extends Error {}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Builds and validates the catalogue; `operations` resolves which operations each generic check applies to. */
export function buildCatalogue(
  checks: readonly Check[],
  areas: readonly AreaRules[],
  operations: readonly Operation[] = [],
): Catalogue {
  const entries: CatalogueEntry[] = [
    ...checks.map((check): CatalogueEntry => ({
      id: check.id,
      title: check.title,
      kind: "check",
      area: "checks",
      severity: check.severity,
      level: check.level,
      operations: operations.filter((op) => check.appliesTo?.(op) ?? true).map((op) => `${op.method} ${op.path}`),
      scope: check.scope,
      sdk: [],
      ref: check.ref,
    })),
    ...areas.flatMap((area) =>
      area.rules.map((rule): CatalogueEntry => ({
        id: rule.id,
        title: rule.title,
        kind: "rule",
        area: area.id,
        severity: rule.severity,
        level: rule.level,
        ...(rule.capability ? { capability: rule.capability } : {}),
        operations: rule.operations,
        sdk: rule.sdk,
        ref: rule.ref,
      })),
    ),
  ];
  const byId = new Map<string, CatalogueEntry>();
  for (const entry of entries) {
    if (!SNAKE_CASE.test(entry.id)) throw new CatalogueError(`rule id ${entry.id} is not snake_case`);
    const earlier = byId.get(entry.id);
    if (earlier) throw new CatalogueError(`rule id ${entry.id} is declared twice (${earlier.area} and ${entry.area})`);
    if ((entry.level === "optional") !== (entry.capability !== undefined)) {
      throw new CatalogueError(`rule ${entry.id}: a rule is optional exactly when it needs a capability`);
    }
    if (entry.kind === "rule" && entry.operations.length === 0)
      throw new CatalogueError(`rule ${entry.id} names no operation`);
    byId.set(entry.id, entry);
  }
  const known = new Set(operations.map((op) => `${op.method} ${op.path}`));
  const outOfScope = areas.flatMap((area) => (area.outOfScope ?? []).map((item) => ({ ...item, area: area.id })));
  for (const item of outOfScope) {
    if (!/^[A-Z]+ \//.test(item.operation) || (known.size > 0 && !known.has(item.operation)))
      throw new CatalogueError(`area ${item.area}: out of scope names no operation of the spec: ${item.operation}`);
    if (!item.behaviour.trim() || !item.reason.trim())
      throw new CatalogueError(`area ${item.area}: out of scope on ${item.operation} needs a behaviour and a reason`);
  }
  const version = createHash("sha256")
    .update(
      entries
        .map((e) => `${e.id}:${e.level}`)
        .sort()
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 12);
  return { entries, byId, version, outOfScope };
}

/** What reports need of each catalogue entry (a catalogue, or the rules a report was made with). */
export function ruleViews(catalogue: { entries: readonly RuleView[] }): RuleView[] {
  return catalogue.entries.map(({ id, title, kind, area, severity, level, capability }) => ({
    id,
    title,
    kind,
    area,
    severity,
    level,
    ...(capability ? { capability } : {}),
  }));
}
