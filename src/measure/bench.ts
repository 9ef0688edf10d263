// Times the full default suite against a fresh official server, run by run: sequentially and with the default
// concurrency, several times each, and prints medians of the wall time, the suite process's CPU time (its own
// overhead), the server's CPU time and the time the suite spent waiting (wall minus its CPU). It also says whether
// every run found the same finding keys. Each run gets a fresh server, set up like the embedded default (the graph
// pack's auth handler and its two users, hazards on); starting it is not timed.
// Usage: npm run bench [-- --times N] [--concurrency N[,N...]] [--seed N] [--durations]
// With --durations it also writes each scenario's median duration (sequential runs) to suites/durations.json, which
// shards are balanced by.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bearer, startReferenceServer } from "../../fixtures/reference-server.ts";
import type { JsonReport } from "../../reporters/json.ts";
import { SUITE_DEFAULTS } from "../suite-run.ts";

const BIN = fileURLToPath(new URL("../bin.js", import.meta.url));
const DURATIONS = fileURLToPath(new URL("../../suites/durations.json", import.meta.url));
const CLOCK_TICKS = 100;

interface Measure {
  wallMs: number;
  suiteCpuMs: number;
  serverCpuMs: number;
  keys: string[];
  phases: Record<string, number>;
}

/** utime + stime of a live process, in ms (Linux). */
async function cpuOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function cli(args: string[]): Promise<{ wallMs: number; cpuMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      "/usr/bin/time",
      ["-f", "@@cpu %U %S", process.execPath, BIN, ...args],
      { timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, _stdout, stderr) => {
        const code = (error as { code?: number } | null)?.code ?? 0;
        const cpu = /@@cpu ([\d.]+) ([\d.]+)/.exec(stderr);
        if (code > 1 || !cpu) return reject(new Error(`the run failed (exit ${code}): ${stderr.slice(-500)}`));
        resolve({ wallMs: performance.now() - started, cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 });
      },
    );
  });
}

async function measure(concurrency: number, seed: number, dir: string, name: string): Promise<Measure> {
  const server = await startReferenceServer({ auth: true });
  try {
    const file = join(dir, `${name}.json`);
    const serverBefore = await cpuOf(server.pid);
    const { wallMs, cpuMs } = await cli([
      "--target",
      server.url,
      "--hazards",
      "--auth",
      `Authorization: ${bearer("alice")}`,
      "--auth-other",
      `Authorization: ${bearer("bob")}`,
      "--seed",
      String(seed),
      "--concurrency",
      String(concurrency),
      "--report",
      "json",
      "--json-file",
      file,
    ]);
    const serverCpuMs = (await cpuOf(server.pid)) - serverBefore;
    const report = JSON.parse(await readFile(file, "utf8")) as JsonReport;
    const keys = report.operations.flatMap((op) => op.checks.flatMap((c) => c.findings.map((f) => f.key))).sort();
    const phases = Object.fromEntries(report.phases.map((p) => [p.id, p.durationMs ?? 0]));
    return { wallMs, suiteCpuMs: cpuMs, serverCpuMs, keys, phases };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function summary(label: string, runs: Measure[]): string {
  const wall = median(runs.map((r) => r.wallMs));
  const cpu = median(runs.map((r) => r.suiteCpuMs));
  const server = median(runs.map((r) => r.serverCpuMs));
  return (
    `${label.padEnd(16)} wall ${seconds(wall).padStart(7)}   suite CPU ${seconds(cpu).padStart(6)} ` +
    `(${((100 * cpu) / wall).toFixed(0)}% of wall)   waiting ${seconds(wall - cpu).padStart(7)}   ` +
    `server CPU ${seconds(server).padStart(6)}`
  );
}

const { values } = parseArgs({
  options: {
    times: { type: "string", default: "3" },
    concurrency: { type: "string", default: String(SUITE_DEFAULTS.concurrency) },
    seed: { type: "string", default: "1" },
    durations: { type: "boolean", default: false },
  },
});
const times = Number(values.times);
const levels = values.concurrency.split(",").map(Number);
const seed = Number(values.seed);
const dir = await mkdtemp(join(tmpdir(), "conformance-bench-"));
process.stderr.write(`reports in ${dir}\n`);
const modes = [...new Set([1, ...levels])];
const measured = new Map<number, Measure[]>(modes.map((m) => [m, []]));
for (let i = 0; i < times; i++) {
  for (const mode of modes) {
    const m = await measure(mode, seed, dir, `c${mode}-${i}`);
    measured.get(mode)!.push(m);
    process.stderr.write(
      `run ${i + 1}/${times}, concurrency ${mode}: ${seconds(m.wallMs)}, ${m.keys.length} finding keys\n`,
    );
  }
}
for (const mode of modes) process.stdout.write(`${summary(`concurrency ${mode}`, measured.get(mode)!)}\n`);
for (const mode of modes.filter((m) => m !== 1)) {
  const ratio = median(measured.get(mode)!.map((r) => r.wallMs)) / median(measured.get(1)!.map((r) => r.wallMs));
  process.stdout.write(`concurrency ${mode} takes ${(100 * ratio).toFixed(0)}% of the sequential wall time\n`);
}
const all = [...measured.values()].flat();
const reference = all[0]!.keys.join("\n");
const differing = all.filter((m) => m.keys.join("\n") !== reference);
if (differing.length === 0) process.stdout.write(`finding keys: identical in all ${all.length} runs\n`);
else {
  const union = new Set(all.flatMap((m) => m.keys));
  const unstable = [...union].filter((k) => all.some((m) => !m.keys.includes(k))).sort();
  process.stdout.write(`finding keys: ${differing.length} of ${all.length} runs differ; not in every run:\n`);
  for (const key of unstable) {
    const where = modes.map(
      (mode) => `c${mode} ${measured.get(mode)!.filter((m) => m.keys.includes(key)).length}/${times}`,
    );
    process.stdout.write(`  ${key} (${where.join(", ")})\n`);
  }
}
if (values.durations) {
  const sequential = measured.get(1)!;
  const ids = [...new Set(sequential.flatMap((m) => Object.keys(m.phases)))].sort();
  const durations = Object.fromEntries(
    ids.map((id) => [id, Math.round(median(sequential.map((m) => m.phases[id] ?? 0)))]),
  );
  await writeFile(DURATIONS, `${JSON.stringify(durations, null, 2)}\n`);
  process.stdout.write(`scenario durations written to suites/durations.json\n`);
}
