// Measures how long the command takes to start: `--help`, `--version` and `rules --json`, N runs each, through the
// compiled CLI (dist/) and through tsx (CONFORMANCE_TS=1), with Node's own start and the staleness check for scale.
// Usage: npm run measure:startup [-- N]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cliToRun, ROOT } from "../cli-entry.js";

const BIN = fileURLToPath(new URL("../bin.js", import.meta.url));
const COMMANDS = [["--help"], ["--version"], ["rules", "--json"]];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median wall time of `node <args>` in ms, over `runs` runs; fails on a non-zero exit. */
function timeNode(args: string[], runs: number, env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const ran = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    times.push(performance.now() - started);
    if (ran.status !== 0) throw new Error(`node ${args.join(" ")} exited ${ran.status}: ${ran.stderr.trim()}`);
  }
  return median(times);
}

const runs = Number(process.argv[2] ?? 7);
if (!Number.isInteger(runs) || runs < 1) {
  console.error("conformance: measure:startup takes a positive number of runs");
  process.exit(2);
}
const { CONFORMANCE_TS: _, ...env } = process.env;
const compiled = cliToRun(env).run === "compiled" ? env : undefined;
if (!compiled) console.log("dist/ is missing or older than the sources (npm run build): tsx only");

const rows: string[][] = [["command", "compiled", "tsx"]];
for (const command of COMMANDS) {
  const args = [BIN, ...command];
  rows.push([
    `conformance ${command.join(" ")}`,
    compiled ? timeNode(args, runs, compiled).toFixed(0) : "-",
    timeNode(args, runs, { ...env, CONFORMANCE_TS: "1" }).toFixed(0),
  ]);
}
rows.push(["node -e '' (Node alone)", timeNode(["-e", ""], runs).toFixed(0), ""]);

const checks: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  cliToRun(env, ROOT);
  checks.push(performance.now() - started);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`median of ${runs} runs, ms`);
for (const row of rows)
  console.log(row.map((cell, i) => (i ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  "));
console.log(
  `staleness check (cliToRun, in process): first ${checks[0]!.toFixed(1)} ms, median ${median(checks).toFixed(1)} ms`,
);
