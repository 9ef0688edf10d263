// Test support: Ajv (2020-12 + formats, as src/spec/validators.ts sets it up) and the "exactly one rule" check.

import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import type { Violation } from "./violation.ts";

const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

export interface AjvError {
  instancePointer: string;
  keyword: string;
  message: string;
}

/** Compiles a (non-cyclic, or `$ref`-cyclic) schema; the returned function lists Ajv's errors. */
export function ajvValidator(schema: object): (value: unknown) => AjvError[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  const fn = ajv.compile(schema);
  return (value) =>
    fn(value)
      ? []
      : (fn.errors ?? []).map((e) => ({
          instancePointer: e.instancePath,
          keyword: e.keyword,
          message: e.message ?? e.keyword,
        }));
}

/**
 * Undefined when the errors are those of exactly the named rule: at least one error, every error at
 * the violation's pointer, one of them with its keyword. Otherwise what is wrong, in words.
 */
export function notExactly(errors: readonly AjvError[], violation: Violation): string | undefined {
  if (errors.length === 0) return "Ajv accepts it";
  const elsewhere = errors.filter((e) => e.instancePointer !== violation.instancePointer);
  if (elsewhere.length)
    return `errors elsewhere: ${elsewhere.map((e) => `${e.instancePointer} ${e.keyword}`).join(", ")}`;
  if (!errors.some((e) => e.keyword === violation.keyword))
    return `no ${violation.keyword} error among: ${errors.map((e) => e.keyword).join(", ")}`;
  return undefined;
}

/** Nesting depth of a JSON value (a scalar is 0). */
export function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}
