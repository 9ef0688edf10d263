// validArbitrary: values a JSON Schema (2020-12, as found in a dereferenced OpenAPI document) accepts.

import type fc from "fast-check";
import { buildValid } from "./build.ts";
import { rootCtx } from "./context.ts";
import { resolveOptions, type GenerateOptions } from "./options.ts";
import { compileSchema } from "./shape.ts";

/**
 * Small, shrinkable values the schema accepts. Throws at once (UnsupportedSchemaError) on a keyword
 * it does not handle, naming the keyword and its pointer, and (ImpossibleSchemaError) when no value
 * can be generated.
 */
export function validArbitrary(schema: unknown, options?: GenerateOptions): fc.Arbitrary<unknown> {
  const resolved = resolveOptions(options);
  return buildValid(compileSchema(schema), rootCtx(resolved));
}
