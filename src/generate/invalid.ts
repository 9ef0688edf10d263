// invalidArbitrary: values that break exactly one named rule of a schema, with that rule described.

import fc from "fast-check";
import { rootCtx } from "./context.ts";
import { resolveOptions, type GenerateOptions } from "./options.ts";
import { compileSchema } from "./shape.ts";
import { collectSites, pickSite } from "./sites.ts";
import type { Violation } from "./violation.ts";

/**
 * Values breaking exactly one rule (see collectSites for where): fast-check picks the site, every
 * site equally likely, so seeds and shrinking work. Undefined when the schema admits no violation (e.g. `{}`).
 */
export function invalidArbitrary(
  schema: unknown,
  options?: GenerateOptions,
): fc.Arbitrary<{ value: unknown; violation: Violation }> | undefined {
  const resolved = resolveOptions(options);
  const sites = collectSites(compileSchema(schema), rootCtx(resolved));
  if (sites.length === 0) return undefined;
  return pickSite(sites).map((p) => ({
    value: p.value,
    violation: { kind: p.kind, instancePointer: p.pointer, keyword: p.keyword, description: p.detail(p.pointer) },
  }));
}
