// The shape of every report but the console: built once at run end and written to one file.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Reporter, ReporterOptions, ResultView, RunEndExtras, RunView } from "./types.ts";
import { gateOf, type Gate } from "./verdict.ts";

export type BuildReport = (
  run: RunView,
  results: readonly ResultView[],
  durationMs: number,
  extras: RunEndExtras,
  gate: Gate,
) => string;

/** Writes text to file, creating parent directories; returns the absolute path. */
async function writeReportFile(file: string, text: string): Promise<string> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, "utf8");
  return path;
}

/** A reporter named `name` that writes `build`'s text to `options.outputFile` (or `defaultFile`) and says where. */
export function fileReporter(
  name: string,
  kind: string,
  defaultFile: string,
  build: BuildReport,
  options: ReporterOptions,
): Reporter {
  const file = options.outputFile ?? defaultFile;
  return {
    name,
    async onRunEnd(run, results, durationMs, extras) {
      const path = await writeReportFile(file, build(run, results, durationMs, extras, gateOf(options)));
      options.stream?.write(`${kind} report written to ${path}\n`);
    },
  };
}
