// The compatibility matrix: starts each implementation the suite can start here (on the graph pack, in memory), one
// after another, runs the full default suite against it through the CLI, stops it, and writes docs/compatibility.md
// from their JSON reports, which go to docs/compatibility/ (all of them once every run is over: an interrupted matrix
// leaves the published results as they were). Usage: npm run matrix
// The published reports leave out the raw `results` (every exchange, megabytes per implementation): the findings,
// departures, per-operation verdicts and level are all there; a run of the suite gives the raw results.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { startPureGraphServer } from "../../fixtures/pure-graph.ts";
import { PYTHON_PINS, startPythonReferenceServer } from "../../fixtures/python-server.ts";
import { startReferenceServer } from "../../fixtures/reference-server.ts";
import {
  duration,
  renderCompatibility,
  type CompatibilityMeta,
  type MatrixEntry,
} from "../../reporters/compatibility.ts";
import type { JsonReport } from "../../reporters/json.ts";
import { AREAS, catalogue } from "../../suites/index.ts";
import { packagePath } from "../paths.ts";

/** The seed of every run: the same generated requests for every implementation, and from one matrix to the next. */
const MATRIX_SEED = 1;
const BIN = packagePath("src", "bin.js");
const PAGE = packagePath("docs", "compatibility.md");
const REPORTS_DIR = packagePath("docs", "compatibility");
/** After the bound, the CLI gets SIGTERM (it cleans up and writes what it has), then SIGKILL after this grace. */
const KILL_GRACE_MS = 60_000;

interface Started {
  url: string;
  versions: Record<string, string>;
  stop(): Promise<void>;
}

interface Implementation {
  /** The name of its JSON report, docs/compatibility/<slug>.json. */
  slug: string;
  name: string;
  /** What it is, before it starts (for the page when it cannot start). */
  versions(): Record<string, string>;
  start(logFile: string): Promise<Started>;
  /** Longest the suite may run against it: about twice its usual time on two cores. */
  boundMs: number;
}

const require_ = createRequire(import.meta.url);
const npmVersion = (name: string): string =>
  (JSON.parse(readFileSync(require_.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
const jsVersions = (main: string) => ({
  [main]: npmVersion(main),
  "@langchain/langgraph": npmVersion("@langchain/langgraph"),
});
/** The Python distributions, the server first. */
const pythonVersions = (versions: Readonly<Record<string, string>>): Record<string, string> => {
  const plain = Object.fromEntries(Object.entries(versions).map(([name, v]) => [name.replace(/\[.*\]$/, ""), v]));
  const { "langgraph-api": api, ...rest } = plain;
  return { ...(api !== undefined ? { "langgraph-api": api } : {}), ...rest };
};

const IMPLEMENTATIONS: readonly Implementation[] = [
  {
    slug: "official-js",
    name: "official JS",
    versions: () => jsVersions("@langchain/langgraph-api"),
    start: async (logFile) => {
      const server = await startReferenceServer({ logFile });
      return { url: server.url, versions: jsVersions("@langchain/langgraph-api"), stop: server.stop };
    },
    boundMs: 5 * 60_000,
  },
  {
    slug: "official-python",
    name: "official Python",
    versions: () => pythonVersions(PYTHON_PINS),
    start: async (logFile) => {
      const server = await startPythonReferenceServer({
        logFile,
        timeoutMs: 120_000,
        onProgress: (message) => progress(`official Python: ${message}`),
      });
      return { url: server.url, versions: pythonVersions(server.versions), stop: server.stop };
    },
    boundMs: 4 * 60_000,
  },
  {
    slug: "pure-graph",
    name: "pure-graph",
    versions: () => jsVersions("@langgraph-js/pure-graph"),
    start: async (logFile) => {
      const server = await startPureGraphServer({ logFile });
      return { url: server.url, versions: { ...jsVersions("@langgraph-js/pure-graph") }, stop: server.stop };
    },
    boundMs: 3 * 60_000,
  },
];

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim();

interface SuiteRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The last lines the CLI wrote on stderr. */
  tail: string[];
}

let current: ReturnType<typeof spawn> | undefined;
let interrupted: NodeJS.Signals | undefined;

/** The CLI against `url`, writing its JSON report to `file`; stopped (SIGTERM, then SIGKILL) past `boundMs`. */
function runSuite(url: string, file: string, boundMs: number): Promise<SuiteRun> {
  const args = [
    BIN,
    "--target",
    url,
    "--hazards",
    // Every implementation here runs on this machine, so each can call the receiver back.
    "--webhook-receiver",
    "--seed",
    String(MATRIX_SEED),
    "--report",
    "json",
    "--json-file",
    file,
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    current = child;
    const tail: string[] = [];
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      tail.push(...chunk.split(/\r?\n/).filter((l) => l.trim() !== ""));
      tail.splice(0, Math.max(0, tail.length - 20));
    });
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const bound = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      killer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
    }, boundMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(bound);
      clearTimeout(killer);
      current = undefined;
      done({ code, signal, timedOut, tail });
    };
    child.once("error", (err) => {
      tail.push(err.message);
      finish(null, null);
    });
    child.once("close", finish);
  });
}

function readReport(file: string): JsonReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as JsonReport;
    return report.schemaVersion === 1 ? report : undefined;
  } catch {
    return undefined;
  }
}

/** What went wrong with a run, in one line; undefined when it finished. */
function runNote(run: SuiteRun, report: JsonReport | undefined, boundMs: number): string | undefined {
  if (run.timedOut)
    return `the suite was stopped at its ${duration(boundMs)} bound${report ? ": the report holds what was done until then" : " before it wrote a report"}`;
  if (report) return report.run.endReason === "interrupted" ? "the suite was interrupted" : undefined;
  const last = run.tail.filter((l) => !/^\s*at /.test(l)).pop() ?? "no output";
  return `the suite ended (${run.signal ?? `exit code ${run.code}`}) without a report: ${last}`;
}

/** Starts `impl`, runs the suite against it writing its report to `workDir`, and stops it. */
async function measure(impl: Implementation, workDir: string): Promise<MatrixEntry> {
  const file = join(workDir, `${impl.slug}.json`);
  const entry: MatrixEntry = { name: impl.name, versions: impl.versions() };
  const logFile = join(workDir, `${impl.slug}.log`);
  progress(`${impl.name}: starting (log: ${logFile})`);
  let server: Started;
  try {
    server = await impl.start(logFile);
  } catch (err) {
    entry.note = `could not start: ${firstLine(err)}`;
    progress(`${impl.name}: not run, ${entry.note}`);
    return entry;
  }
  try {
    entry.versions = server.versions;
    if (interrupted) return entry;
    const started = performance.now();
    progress(`${impl.name}: running the suite against ${server.url} (bound ${duration(impl.boundMs)})`);
    const run = await runSuite(server.url, file, impl.boundMs);
    const report = readReport(file);
    const note = runNote(run, report, impl.boundMs);
    if (report) {
      entry.report = report;
      entry.link = `compatibility/${impl.slug}.json`;
    }
    if (note) entry.note = note;
    progress(
      `${impl.name}: ${report ? `level ${report.level.reached}, ${report.departures.length} departures` : "no report"}` +
        `${note ? ` (${note})` : ""}, ${duration(performance.now() - started)}`,
    );
    return entry;
  } finally {
    await server.stop();
  }
}

function matrixMeta(date: Date = new Date()): CompatibilityMeta {
  const version = (JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string }).version;
  const cat = catalogue();
  return {
    date: date.toISOString().slice(0, 10),
    suiteVersion: version,
    catalogueVersion: cat.version,
    seed: MATRIX_SEED,
    areas: [{ id: "checks", title: "Generic checks" }, ...AREAS.map((a) => ({ id: a.id, title: a.title }))],
    rules: cat.entries.map((r) => ({
      id: r.id,
      area: r.area,
      level: r.level,
      ...(r.capability !== undefined ? { capability: r.capability } : {}),
    })),
    command: "npm run matrix",
    rulesDoc: "rules.md",
  };
}

async function main(): Promise<number> {
  if (process.argv.length > 2) {
    process.stderr.write(
      `conformance: the matrix takes no arguments, but received ${process.argv.slice(2).join(" ")}\n`,
    );
    return 2;
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      interrupted ??= signal;
      current?.kill("SIGTERM");
    });
  const started = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), "conformance-matrix-"));
  const entries: MatrixEntry[] = [];
  for (const impl of IMPLEMENTATIONS) {
    if (interrupted) break;
    entries.push(await measure(impl, workDir));
  }
  if (interrupted) {
    progress(
      `interrupted (${interrupted}): the published results are left as they were; what was done is in ${workDir}`,
    );
    return interrupted === "SIGINT" ? 130 : 143;
  }
  mkdirSync(REPORTS_DIR, { recursive: true });
  IMPLEMENTATIONS.forEach((impl, i) => {
    const published = join(REPORTS_DIR, `${impl.slug}.json`);
    if (entries[i]!.report)
      writeFileSync(published, publishable(readFileSync(join(workDir, `${impl.slug}.json`), "utf8")));
    else rmSync(published, { force: true });
  });
  writeFileSync(PAGE, renderCompatibility(entries, matrixMeta()));
  // The servers' logs are kept only when something did not go as it should.
  const troubled = entries.some((e) => e.note !== undefined);
  if (!troubled) rmSync(workDir, { recursive: true, force: true });
  progress(
    `wrote ${relative(process.cwd(), PAGE)} and ${relative(process.cwd(), REPORTS_DIR)}/ in ` +
      `${duration(performance.now() - started)}${troubled ? ` (server logs in ${workDir})` : ""}`,
  );
  return 0;
}

process.exitCode = await main();

/** A JSON report without its raw results list, compact. */
function publishable(text: string): string {
  const { results: _results, ...report } = JSON.parse(text) as Record<string, unknown>;
  return `${JSON.stringify(report)}\n`;
}
