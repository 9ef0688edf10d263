#!/usr/bin/env node
// Entry point of the `conformance` command: loads the TypeScript sources through tsx, runs, exits with the CLI's code.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./cli.ts");
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Whatever a target left open (a stalled socket, a child), the verdict is in: do not wait on it.
setTimeout(() => process.exit(code), 2_000).unref();
