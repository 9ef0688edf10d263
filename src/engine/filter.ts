// --only / --skip: selects what is reported by tag, operation id or check id.

export interface Selection {
  only: readonly string[];
  skip: readonly string[];
}

export interface Filter {
  /** Whether a result of this check on this operation is wanted. */
  wants(operation: { operationId: string; tag: string }, checkId: string): boolean;
  /** Whether any result on this operation is wanted. */
  wantsOperation(operation: { operationId: string; tag: string }): boolean;
  /** Whether anything of this tag is wanted (scenarios of unwanted tags are not run). */
  wantsTag(tag: string): boolean;
}

const norm = (s: string) => s.toLowerCase();

/**
 * Names given to --only are split into check ids and areas (tags or operation ids);
 * a result is wanted when it matches an area (if any was named) and a check (if any was named).
 */
export function createFilter(selection: Selection, checkIds: readonly string[], operations: readonly { operationId: string; tag: string }[]): Filter {
  const checks = new Set(checkIds.map(norm));
  const only = selection.only.map(norm);
  const skip = new Set(selection.skip.map(norm));
  const onlyChecks = new Set(only.filter((n) => checks.has(n)));
  const onlyAreas = new Set(only.filter((n) => !checks.has(n)));
  const tagsOfOnlyAreas = new Set(
    operations.filter((op) => onlyAreas.has(norm(op.operationId)) || onlyAreas.has(norm(op.tag))).map((op) => norm(op.tag)),
  );
  return {
    wants(operation, checkId) {
      const area = [norm(operation.operationId), norm(operation.tag)];
      if (skip.has(norm(checkId)) || area.some((k) => skip.has(k))) return false;
      const areaOk = onlyAreas.size === 0 || area.some((k) => onlyAreas.has(k));
      const checkOk = onlyChecks.size === 0 || onlyChecks.has(norm(checkId));
      return areaOk && checkOk;
    },
    wantsOperation(operation) {
      const area = [norm(operation.operationId), norm(operation.tag)];
      if (area.some((k) => skip.has(k))) return false;
      return onlyAreas.size === 0 || area.some((k) => onlyAreas.has(k));
    },
    wantsTag(tag) {
      if (skip.has(norm(tag))) return false;
      return onlyAreas.size === 0 || tagsOfOnlyAreas.has(norm(tag));
    },
  };
}

/** Names the user gave that match nothing: a usage error, not a silently empty run. */
export function unknownNames(selection: Selection, checkIds: readonly string[], operations: readonly { operationId: string; tag: string }[]): string[] {
  const known = new Set([...checkIds, ...operations.map((o) => o.operationId), ...operations.map((o) => o.tag)].map(norm));
  return [...selection.only, ...selection.skip].filter((n) => !known.has(norm(n)));
}
