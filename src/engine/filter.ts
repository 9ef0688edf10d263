// --only / --skip: selects results by area (tag or operation id), rule or check id, capability and level.

import { CAPABILITIES, LEVELS } from "../rules/rule.ts";
import type { Catalogue } from "../rules/catalogue.ts";

export interface Selection {
  only: readonly string[];
  skip: readonly string[];
}

export interface Filter {
  /** Whether a result of this rule (or check) on this operation is wanted. */
  wants(operation: { operationId: string; tag: string }, ruleId: string): boolean;
  /** Whether anything of this tag can be wanted (scenarios of unwanted tags are not run). */
  wantsTag(tag: string): boolean;
}

type Operations = readonly { operationId: string; tag: string }[];

const norm = (s: string) => s.toLowerCase();

/**
 * Names are sorted into dimensions (areas, rules, levels, capabilities). A result is wanted when, in every dimension
 * --only named, it matches one of the names, and it matches no name given to --skip.
 */
export function createFilter(selection: Selection, catalogue: Catalogue, operations: Operations): Filter {
  const levels = new Set<string>(LEVELS);
  const capabilities = new Set<string>(CAPABILITIES);
  const ids = new Set([...catalogue.byId.keys()].map(norm));
  const only = selection.only.map(norm);
  const skip = new Set(selection.skip.map(norm));
  const onlyLevels = new Set(only.filter((n) => levels.has(n)));
  const onlyCapabilities = new Set(only.filter((n) => capabilities.has(n)));
  const onlyRules = new Set(only.filter((n) => ids.has(n)));
  const onlyAreas = new Set(only.filter((n) => !levels.has(n) && !capabilities.has(n) && !ids.has(n)));
  const tagsOfOnlyAreas = new Set(
    operations
      .filter((op) => onlyAreas.has(norm(op.operationId)) || onlyAreas.has(norm(op.tag)))
      .map((op) => norm(op.tag)),
  );
  const matches = (set: ReadonlySet<string>, names: readonly (string | undefined)[]) =>
    set.size === 0 || names.some((n) => n !== undefined && set.has(n));
  return {
    wants(operation, ruleId) {
      const entry = catalogue.byId.get(ruleId);
      const area = [norm(operation.operationId), norm(operation.tag)];
      const level = entry?.level;
      const capability = entry?.capability;
      if ([...area, norm(ruleId), level, capability].some((n) => n !== undefined && skip.has(n))) return false;
      return (
        matches(onlyAreas, area) &&
        matches(onlyRules, [norm(ruleId)]) &&
        matches(onlyLevels, [level]) &&
        matches(onlyCapabilities, [capability])
      );
    },
    wantsTag(tag) {
      if (skip.has(norm(tag))) return false;
      return onlyAreas.size === 0 || tagsOfOnlyAreas.has(norm(tag));
    },
  };
}

/** Names the user gave that match nothing: a usage error, not a silently empty run. */
export function unknownNames(selection: Selection, catalogue: Catalogue, operations: Operations): string[] {
  const known = new Set(
    [
      ...catalogue.byId.keys(),
      ...operations.map((o) => o.operationId),
      ...operations.map((o) => o.tag),
      ...LEVELS,
      ...CAPABILITIES,
    ].map(norm),
  );
  return [...selection.only, ...selection.skip].filter((n) => !known.has(norm(n)));
}
