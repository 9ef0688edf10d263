// Options of the generators (public) and their resolved defaults (internal).

import { isJsonType, JSON_TYPES, type JsonType } from "./json-types.ts";

export interface GenerateOptions {
  /**
   * How many times one schema object may occur on a single path through a generated value (object
   * cycles). Beyond it only non-recursive alternatives are generated: null if allowed, no optional
   * properties, arrays at their minItems. Default 4.
   */
  maxDepth?: number;
  /**
   * JSON types ("null", "boolean", "integer", "number", "string", "array", "object") a wrong_type
   * violation may produce. Default: all of them. Query parameters travel as text: pass
   * ["string", "number", "integer", "boolean"].
   */
  wrongTypes?: string[];
  /**
   * Also generate undeclared keys (up to three, readable names, valued by additionalProperties or
   * a small JSON value) wherever additionalProperties is not false. Default false: for safety, objects
   * carry declared properties only (and maps only as many keys as minProperties needs).
   */
  extraKeys?: boolean;
}

export interface ResolvedOptions {
  maxDepth: number;
  wrongTypes: readonly JsonType[];
  extraKeys: boolean;
}

export const DEFAULT_MAX_DEPTH = 4;

export function resolveOptions(options: GenerateOptions = {}): ResolvedOptions {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0)
    throw new Error(`maxDepth must be a non-negative integer, got ${maxDepth}`);
  const wrongTypes = options.wrongTypes ?? [...JSON_TYPES];
  for (const name of wrongTypes) {
    if (!isJsonType(name))
      throw new Error(
        `wrongTypes: unknown JSON type ${JSON.stringify(name)} (expected one of ${JSON_TYPES.join(", ")})`,
      );
  }
  return { maxDepth, wrongTypes: wrongTypes as JsonType[], extraKeys: options.extraKeys === true };
}
