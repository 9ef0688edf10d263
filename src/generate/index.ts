// Public entry of the JSON Schema -> fast-check translator.

export { validArbitrary } from "./valid.ts";
export { invalidArbitrary } from "./invalid.ts";
export type { Violation, ViolationKind } from "./violation.ts";
export type { GenerateOptions } from "./options.ts";
