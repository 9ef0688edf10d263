#!/usr/bin/env node
// Entry point of the `conformance` command: runs the compiled CLI when it is up to date (see cli-entry.js), else the
// TypeScript sources through tsx, and exits with the CLI's code.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cliToRun, COMPILED_CLI, ROOT } from "./cli-entry.js";

const choice = cliToRun();
if (choice.problem) {
  process.stderr.write(`conformance: ${choice.problem}\n`);
  process.exit(2);
}
let main;
if (choice.run === "compiled") {
  ({ main } = await import(pathToFileURL(join(ROOT, COMPILED_CLI)).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./cli.ts"));
}
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Whatever a target left open (a stalled socket, a child), the verdict is in: do not wait on it.
setTimeout(() => process.exit(code), 2_000).unref();
