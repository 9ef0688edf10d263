// How `conformance --ui` hands the command line's options to the test file it runs in Vitest: JSON in one variable.

import type { ConformanceOptions } from "../vitest.ts";

export const UI_OPTIONS_ENV = "CONFORMANCE_UI_OPTIONS";

export function encodeUiOptions(options: ConformanceOptions): string {
  return JSON.stringify(options);
}

/** The options `conformance --ui` set; an Error when the file runs some other way. */
export function decodeUiOptions(env: NodeJS.ProcessEnv = process.env): ConformanceOptions {
  const text = env[UI_OPTIONS_ENV];
  if (!text) throw new Error(`this file runs through \`conformance --ui\`, which sets ${UI_OPTIONS_ENV}`);
  return JSON.parse(text) as ConformanceOptions;
}
