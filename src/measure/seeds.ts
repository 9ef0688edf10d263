// Measures how stable finding keys are: two runs against fresh embedded official servers with different seeds, then
// the keys both found, and the keys only one found, split by whether only generated requests (the property phase)
// reached them. Usage: npm run measure:seeds [-- SEED_A SEED_B]
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonReport } from "../../reporters/json.ts";

const BIN = fileURLToPath(new URL("../bin.js", import.meta.url));

function run(seed: number, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, "--seed", String(seed), "--report", "json", "--json-file", file],
      { timeout: 10 * 60_000, env: { ...process.env, NO_COLOR: "1" } },
      (error) => (((error as { code?: number } | null)?.code ?? 0) > 1 ? reject(error) : resolve()),
    );
  });
}

/** Every finding key of a report, with the sources that reported it. */
function keysOf(report: JsonReport): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const op of report.operations)
    for (const check of op.checks)
      for (const f of check.findings) {
        const sources = keys.get(f.key) ?? new Set<string>();
        sources.add(f.source.split(":")[0]!);
        keys.set(f.key, sources);
      }
  return keys;
}

const [a = 1, b = 2] = process.argv.slice(2).map(Number);
const dir = await mkdtemp(join(tmpdir(), "conformance-seeds-"));
process.stderr.write(`reports in ${dir}\n`);
const reports: JsonReport[] = [];
for (const seed of [a, b]) {
  const file = join(dir, `seed-${seed}.json`);
  process.stderr.write(`run with seed ${seed}…\n`);
  await run(seed, file);
  reports.push(JSON.parse(await readFile(file, "utf8")) as JsonReport);
}
const [first, second] = reports.map(keysOf) as [Map<string, Set<string>>, Map<string, Set<string>>];
const both = [...first.keys()].filter((k) => second.has(k));
const only = [
  ...[...first].filter(([k]) => !second.has(k)).map(([k, s]) => ({ seed: a, key: k, sources: s })),
  ...[...second].filter(([k]) => !first.has(k)).map(([k, s]) => ({ seed: b, key: k, sources: s })),
];
const generated = only.filter((o) => [...o.sources].every((s) => s === "property"));
const scripted = only.filter((o) => !generated.includes(o));
console.log(
  `seed ${a}: ${first.size} finding keys, ${reports[0]!.departures.length} departures, level ${reports[0]!.level.reached}`,
);
console.log(
  `seed ${b}: ${second.size} finding keys, ${reports[1]!.departures.length} departures, level ${reports[1]!.level.reached}`,
);
console.log(`found by both: ${both.length}`);
console.log(`found by one only, reached only by generated requests: ${generated.length}`);
for (const o of generated) console.log(`  seed ${o.seed}: ${o.key}`);
console.log(`found by one only, reached by scripted steps: ${scripted.length}`);
for (const o of scripted) console.log(`  seed ${o.seed}: ${o.key}`);
process.exitCode = scripted.length === 0 ? 0 : 1;
