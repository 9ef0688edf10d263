// The command line: parses options, starts the embedded official server when no target is given, runs, exits 0/1/2.

import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { startReferenceServer } from "../fixtures/reference-server.ts";
import { createReporters, reporterListener, type ReportFiles } from "../reporters/index.ts";
import type { LevelReached } from "../reporters/levels.ts";
import { MergeError, mergeLabelled, runEndFromJson, type RunEnd } from "../reporters/merge.ts";
import { judge, type Gate } from "../reporters/verdict.ts";
import { BaselineError, formatBaseline, readBaseline } from "./baseline.ts";
import { AREAS, catalogue as buildSuiteCatalogue } from "../suites/index.ts";
import { ConfigError } from "./config.ts";
import { catalogueJson, catalogueMarkdown, catalogueText } from "./rules/render.ts";
import { TargetUnreachable } from "./engine/run.ts";
import {
  compareRuns,
  comparingListener,
  comparisonFails,
  parseReference,
  runReference,
  type ReferenceChoice,
} from "./compare/index.ts";
import { parseShard, type Shard } from "./engine/shard.ts";
import type { Severity } from "./model.ts";
import { InputError, parseHeaders, planSuite, runSuite, SUITE_DEFAULTS } from "./suite-run.ts";
import type { SpecDiffExtras } from "./spec/diff.ts";
import { BUNDLED_SPEC, loadSpec, SpecError, type LoadedSpec } from "./spec/load.ts";
import { receiverAddress } from "./webhook/receiver.ts";

const VERSION = (
  JSON.parse(readFileSync((await import("./paths.ts")).packagePath("package.json"), "utf8")) as { version: string }
).version;

const HELP = `conformance ${VERSION}: checks a LangGraph Agent Server API implementation against the API.

Usage:
  conformance [--target URL] [options]    run the suite (no --target: start the official server and run against it)
  conformance rules [--json|--markdown]   list every check and rule: id, level, severity, capability, operations
  conformance merge A.json B.json ... [--report LIST] [--baseline FILE] [--fail-on S] [--level L]
                                          merge the JSON reports of a run's shards (--shard) into the reports
                                          and the verdict of the whole run
  conformance serve-reference [--port N] [--with-auth]
                                          start only the official server with the suite's graphs (and with
                                          --with-auth, the graph pack's auth handler and its two test users)
  conformance serve-reference --pure-graph [--port N]
                                          start @langgraph-js/pure-graph (in memory) with the suite's graphs instead
  conformance serve-reference --python [--port N]
                                          start the official Python server (langgraph dev, in memory) with the
                                          Python twin of the suite's graphs instead; the first start creates
                                          .venv-conformance/ and installs its pinned packages there

Options:
  --target URL          server to test (default: the embedded official server)
  --spec FILE|URL       OpenAPI 3.0/3.1 document to test against (default: the bundled spec)
  --only NAME           run only this rule or check id, level (core, standard, optional), capability, tag or
                        operation id (repeatable, or comma-separated)
  --skip NAME           leave out what NAME selects (same names; repeatable, or comma-separated)
  --header "Name: v"    send this header with every request (repeatable; never reported)
  --auth "Name: v"      the run's credentials, sent with every request (repeatable; never reported); the embedded
                        server runs with the graph pack's auth handler and its test user alice
  --auth-other "Name: v"
                        a second user's credentials, for the rules about isolation between users (repeatable;
                        never reported); without it those rules are skipped
  --timeout MS          time limit per request (default 15000)
  --max-body BYTES      largest response body read whole; a larger one is judged too large (default 4194304)
  --seed N              seed for generated requests; the same seed replays them (default: random, printed)
  --runs N              generated requests per operation and mode in the property phase (default 25; 0 skips it)
  --max-time S          time limit per operation and mode in the property phase, in seconds (default 4)
  --workers N           operations explored at once in the property phase (default 2)
  --concurrency N       scenarios run at once (default ${SUITE_DEFAULTS.concurrency} against the embedded server, 1 against a --target);
                        each has its own resources, and those that read graph schemas run alone
  --config FILE         expected statuses per operation (default: conformance.config.json|.mjs|.ts if present)
  --sdk LIST            the official SDK clients the SDK flows are driven through: js, python, python-latest
                        (comma-separated; default js, python when the project's .venv-conformance is there, and
                        python-latest when the latest langgraph-sdk is installed in .venv-conformance/sdk-latest)
  --shard I/N           run only shard I of N (scenarios dealt by their recorded durations), for N machines side
                        by side with the same --seed; \`conformance merge\` joins their JSON reports
  --report LIST         console, json, junit, html, markdown, badge (comma-separated; default console)
  --json-file PATH      where the json report goes (default conformance-report.json)
  --junit-file PATH     where the junit report goes (default conformance-report.xml)
  --html-file PATH      where the html report goes (default conformance-report.html)
  --markdown-file PATH  where the markdown summary goes (default conformance-summary.md)
  --badge-file PATH     where the badge JSON goes (default conformance-badge.json)
  --fail-on SEVERITY    lowest severity that fails the run: critical, major, minor (default minor)
  --baseline FILE       accepted findings: only findings not in it fail the run; reports mark new and known
  --write-baseline FILE write this run's findings as a baseline (sorted, each with its message as the note)
  --level LEVEL         exit 0 exactly when the target reaches core, standard or full (findings alone do not fail)
  --compare REF         also run the same plan (same seed, same headers) against REF first: reference (the official
                        JS server), reference-python (the official Python server) or a URL; the reports list where
                        the two differ, apart from the departures (differences alone never change the exit status)
  --fail-on-difference  with --compare: exit 1 also when the two differ where the document is silent
  --verbose             console: list every finding with its evidence, and every skip and not-implemented reason
  --ui                  run the suite in the Vitest UI (needs vitest and @vitest/ui), print its URL; Ctrl-C stops it
  --hazards             also run the rules that may leave the target unable to serve (after everything else;
                        on by default only against the embedded server)
  --webhook-receiver [http://host:port]
                        receive the webhooks the run asks the target to call, for the webhook rules: alone, on a free
                        loopback port; with an address, the one the target calls, listening on its port (on by
                        default only against the embedded server; --no-webhook-receiver turns it off)
  --server-log FILE     write the embedded server's log here
  --port N              port for serve-reference (default: a free one)
  --pure-graph          with \`serve-reference\`: serve @langgraph-js/pure-graph instead of the official server
  --python              with \`serve-reference\`: serve the official Python server instead of the JS one
  --json, --markdown    with \`rules\`: print the catalogue as JSON or as Markdown
  -h, --help            this help
  -v, --version         the version

Exit status: 0 conformant, 1 departures found or an internal error, 2 usage or connection problem,
130/143 interrupted (SIGINT/SIGTERM) after cleaning up and writing the reports.`;

class UsageError extends Error {}

interface CliOptions {
  target?: string;
  spec: string;
  only: string[];
  skip: string[];
  headers: Record<string, string>;
  /** `--auth` and `--auth-other` headers, when given on the command line. */
  auth: { self?: Record<string, string>; other?: Record<string, string> };
  timeoutMs: number;
  maxBodyBytes: number;
  seed: number;
  runs: number;
  maxTimeMs: number;
  workers: number;
  concurrency?: number;
  shard?: Shard;
  /** `--sdk`: the SDK clients to drive, when given. */
  sdk?: string[];
  /** The JSON reports `merge` reads. */
  merge?: string[];
  config?: string;
  reports: string[];
  files: ReportFiles;
  failOn: Severity;
  baseline?: string;
  writeBaseline?: string;
  level?: LevelReached;
  /** `--compare`: what the target is compared with. */
  compare?: ReferenceChoice;
  failOnDifference: boolean;
  verbose: boolean;
  hazards: boolean;
  /** `--webhook-receiver [URL]` (true alone) or `--no-webhook-receiver` (false), when given. */
  webhookReceiver?: boolean | string;
  serverLog?: string;
  port?: number;
  pureGraph: boolean;
  python: boolean;
  withAuth: boolean;
  format: "text" | "json" | "markdown";
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { command, options, help, version, ui } = parseCli(argv);
    if (help) return print(HELP, 0);
    if (version) return print(VERSION, 0);
    if (command === "merge") return await mergeCommand(options.merge ?? [], options);
    if (command === "serve-reference") return await serveReference(options);
    if (command === "rules") return await listRules(options);
    // Loaded only here: Vitest is needed for nothing else.
    if (ui) return await (await import("./ui.ts")).runUi({ ...options, hazards: options.hazards || undefined });
    return await runCommand(options);
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof InputError ||
      err instanceof SpecError ||
      err instanceof TargetUnreachable ||
      err instanceof ConfigError ||
      err instanceof BaselineError
    ) {
      process.stderr.write(`conformance: ${err.message}\n`);
      return 2;
    }
    const where = (err as Error).stack
      ?.split("\n")
      .find((line) => line.trim().startsWith("at "))
      ?.trim();
    process.stderr.write(
      `conformance: internal error: ${(err as Error).message ?? String(err)}${where ? ` (${where})` : ""}\n`,
    );
    return 1;
  }
}

function print(text: string, code: number): number {
  process.stdout.write(`${text}\n`);
  return code;
}

function parseCli(args: string[]) {
  const { argv, webhookReceiver } = takeWebhookReceiver(args);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: "string" },
        spec: { type: "string" },
        only: { type: "string", multiple: true },
        skip: { type: "string", multiple: true },
        header: { type: "string", multiple: true },
        auth: { type: "string", multiple: true },
        "auth-other": { type: "string", multiple: true },
        timeout: { type: "string" },
        "max-body": { type: "string" },
        json: { type: "boolean" },
        markdown: { type: "boolean" },
        seed: { type: "string" },
        runs: { type: "string" },
        "max-time": { type: "string" },
        workers: { type: "string" },
        concurrency: { type: "string" },
        shard: { type: "string" },
        sdk: { type: "string", multiple: true },
        config: { type: "string" },
        report: { type: "string", multiple: true },
        "json-file": { type: "string" },
        "junit-file": { type: "string" },
        "html-file": { type: "string" },
        "markdown-file": { type: "string" },
        "badge-file": { type: "string" },
        "fail-on": { type: "string" },
        baseline: { type: "string" },
        "write-baseline": { type: "string" },
        level: { type: "string" },
        compare: { type: "string" },
        "fail-on-difference": { type: "boolean" },
        verbose: { type: "boolean" },
        hazards: { type: "boolean" },
        "no-webhook-receiver": { type: "boolean" },
        "server-log": { type: "string" },
        port: { type: "string" },
        "pure-graph": { type: "boolean" },
        python: { type: "boolean" },
        "with-auth": { type: "boolean" },
        ui: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (
    (positionals.length > 1 && command !== "merge") ||
    (command !== undefined && command !== "serve-reference" && command !== "rules" && command !== "merge")
  ) {
    throw new UsageError(
      `the command must be \`rules\`, \`merge\` or \`serve-reference\`, but received ${positionals.join(" ")}`,
    );
  }
  if (command === "merge" && positionals.length === 1)
    throw new UsageError("`merge` needs the JSON reports to merge: conformance merge A.json B.json ...");
  if (values.shard !== undefined && command !== undefined)
    throw new UsageError(`\`--shard\` goes with a run, not with the \`${command}\` command`);
  if (values.shard !== undefined && values.seed === undefined)
    throw new UsageError("`--shard` needs `--seed N`, the same on every shard: their reports merge only then");
  if (values.compare !== undefined && (command !== undefined || values.ui || values.target === undefined))
    throw new UsageError("`--compare` goes with a run of a `--target` (it compares that target with the reference)");
  if (values["fail-on-difference"] && values.compare === undefined)
    throw new UsageError("`--fail-on-difference` goes with `--compare`");
  if ((values.json || values.markdown) && command !== "rules")
    throw new UsageError("`--json` and `--markdown` go with the `rules` command");
  if (values.json && values.markdown)
    throw new UsageError("`rules` prints one format: `--json` or `--markdown`, but received both");
  if (values["pure-graph"] && command !== "serve-reference")
    throw new UsageError("`--pure-graph` goes with the `serve-reference` command");
  if (values.python && command !== "serve-reference")
    throw new UsageError("`--python` goes with the `serve-reference` command");
  if (values.python && values["pure-graph"])
    throw new UsageError("`serve-reference` serves one server: `--python` or `--pure-graph`, but received both");
  if (values["with-auth"] && (command !== "serve-reference" || values["pure-graph"] || values.python))
    throw new UsageError("`--with-auth` goes with the `serve-reference` command of the official server");
  if (values.ui && command !== undefined)
    throw new UsageError(`\`--ui\` runs the suite, without a command, but received ${command}`);
  if (webhookReceiver !== undefined && values["no-webhook-receiver"])
    throw new UsageError("`--webhook-receiver` and `--no-webhook-receiver` ask for opposite things: give one");
  if ((webhookReceiver !== undefined || values["no-webhook-receiver"]) && command !== undefined)
    throw new UsageError(`\`--webhook-receiver\` goes with a run, not with the \`${command}\` command`);
  const list = (items: string[] | undefined) =>
    (items ?? [])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
  const failOn = values["fail-on"] ?? "minor";
  if (!["critical", "major", "minor"].includes(failOn))
    throw new UsageError(`\`--fail-on\` must be critical, major or minor, but received ${failOn}`);
  const level = values.level;
  if (level !== undefined && !["core", "standard", "full"].includes(level))
    throw new UsageError(`\`--level\` must be core, standard or full, but received ${level}`);
  const options: CliOptions = {
    spec: values.spec ?? BUNDLED_SPEC,
    only: list(values.only),
    skip: list(values.skip),
    headers: parseHeaders(values.header ?? []),
    auth: {
      ...(values.auth ? { self: parseHeaders(values.auth, "--auth") } : {}),
      ...(values["auth-other"] ? { other: parseHeaders(values["auth-other"], "--auth-other") } : {}),
    },
    timeoutMs: positiveInt("--timeout", values.timeout) ?? 15_000,
    maxBodyBytes: positiveInt("--max-body", values["max-body"]) ?? 4 * 1024 * 1024,
    format: values.json ? "json" : values.markdown ? "markdown" : "text",
    seed: nonNegativeInt("--seed", values.seed) ?? Math.floor(Math.random() * 2 ** 31),
    runs: nonNegativeInt("--runs", values.runs) ?? 25,
    maxTimeMs: (positiveInt("--max-time", values["max-time"]) ?? 4) * 1000,
    workers: positiveInt("--workers", values.workers) ?? 2,
    ...(values.concurrency !== undefined ? { concurrency: positiveInt("--concurrency", values.concurrency)! } : {}),
    reports: list(values.report).length > 0 ? list(values.report) : ["console"],
    failOn: failOn as Severity,
    verbose: values.verbose === true,
    failOnDifference: values["fail-on-difference"] === true,
    ...(values.compare !== undefined ? { compare: parseReference(values.compare) } : {}),
    hazards: values.hazards === true,
    ...(webhookReceiver !== undefined ? { webhookReceiver: webhookOption(webhookReceiver) } : {}),
    ...(values["no-webhook-receiver"] ? { webhookReceiver: false } : {}),
    pureGraph: values["pure-graph"] === true,
    python: values.python === true,
    withAuth: values["with-auth"] === true,
    ...(values.target !== undefined ? { target: parseTarget(values.target) } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
    ...(values.sdk !== undefined ? { sdk: list(values.sdk) } : {}),
    ...(command === "merge" ? { merge: positionals.slice(1) } : {}),
    files: Object.fromEntries(
      (["json", "junit", "html", "markdown", "badge"] as const).flatMap((name) => {
        const file = values[`${name}-file`];
        return file !== undefined ? [[name, file]] : [];
      }),
    ),
    ...(values["server-log"] !== undefined ? { serverLog: values["server-log"] } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values["write-baseline"] !== undefined ? { writeBaseline: values["write-baseline"] } : {}),
    ...(level !== undefined ? { level: level as LevelReached } : {}),
  };
  const port = positiveInt("--port", values.port);
  if (port !== undefined) {
    if (port > 65535) throw new UsageError(`\`--port\` must be at most 65535, but received ${port}`);
    options.port = port;
  }
  return { command, options, help: values.help === true, version: values.version === true, ui: values.ui === true };
}

/**
 * Takes `--webhook-receiver` out of the arguments: alone (true), or with its address as the next argument or after
 * `=`. The next argument is its address unless it is an option.
 */
export function takeWebhookReceiver(args: readonly string[]): { argv: string[]; webhookReceiver?: true | string } {
  const argv: string[] = [];
  let webhookReceiver: true | string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      argv.push(...args.slice(i));
      break;
    }
    if (arg.startsWith("--webhook-receiver=")) webhookReceiver = arg.slice("--webhook-receiver=".length);
    else if (arg !== "--webhook-receiver") argv.push(arg);
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith("-")) webhookReceiver = args[++i]!;
    else webhookReceiver = true;
  }
  return { argv, ...(webhookReceiver !== undefined ? { webhookReceiver } : {}) };
}

function webhookOption(value: true | string): true | string {
  if (value === true) return true;
  try {
    return receiverAddress(value).publicUrl;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function parseTarget(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`\`--target\` must be an http(s) URL, but received ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`\`--target\` must be an http(s) URL, but received ${value}`);
  return value.replace(/\/+$/, "");
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0)
    throw new UsageError(`\`${flag}\` must be a positive integer, but received ${value}`);
  return Number(value);
}

function nonNegativeInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 31)
    throw new UsageError(`\`${flag}\` must be an integer from 0 to 2^31, but received ${value}`);
  return Number(value);
}

/** The gate the options set (failing severity, baseline, level) and the reports they ask for. */
async function gateAndReporters(options: CliOptions) {
  const gate: Gate = {
    failOn: options.failOn,
    ...(options.baseline !== undefined ? { baseline: await readBaseline(options.baseline) } : {}),
    ...(options.level ? { level: options.level } : {}),
  };
  try {
    return {
      gate,
      reporters: createReporters(options.reports, options.files, process.stdout, { ...gate, verbose: options.verbose }),
    };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function runCommand(options: CliOptions): Promise<number> {
  const plan = await planSuite({ ...options, hazards: options.hazards || undefined });
  warnOfDefects(plan.spec);
  const { gate, reporters } = await gateAndReporters(options);
  // Every report also carries where the document differs from the published one, when it is another.
  const more: Partial<SpecDiffExtras> = plan.specDiff ? { specDiff: plan.specDiff } : {};

  const interruption = watchSignals();
  try {
    const say = (message: string) => process.stderr.write(`${message}\n`);
    const reference = options.compare
      ? await runReference(options.compare, { ...plan.options }, { signal: interruption.signal, say })
      : undefined;
    if (reference?.outcome.reason === "interrupted") {
      process.stderr.write(`conformance: interrupted by ${interruption.signalName} during the reference's run\n`);
      return interruption.exitCode;
    }
    const comparing =
      reference &&
      comparingListener(
        reporters,
        (target) =>
          compareRuns(target, reference.outcome, {
            reference: reference.label,
            failOnDifference: options.failOnDifference,
          }),
        more,
      );
    const outcome = await runSuite(plan, {
      listeners: [comparing?.listener ?? reporterListener(reporters, more)],
      signal: interruption.signal,
      onStarting: (message) => process.stderr.write(`${message}\n`),
    });
    for (const leftover of outcome.leftovers) process.stderr.write(`conformance: could not clean up ${leftover}\n`);
    if (outcome.reason === "interrupted") {
      process.stderr.write(
        `conformance: interrupted by ${interruption.signalName}; what the run created was cleaned up and the reports written\n`,
      );
      return interruption.exitCode;
    }
    const judged = judge(outcome.run, outcome.results, outcome, gate);
    if (options.writeBaseline !== undefined) {
      const findings = judged.departures.flatMap((d) => d.findings.map((f) => f.finding));
      try {
        await writeFile(options.writeBaseline, formatBaseline(findings, outcome.run.catalogueVersion));
      } catch (err) {
        throw new UsageError(`cannot write the baseline ${options.writeBaseline}: ${(err as Error).message}`);
      }
      process.stderr.write(
        `conformance: baseline of ${findings.length} findings written to ${options.writeBaseline}\n`,
      );
    }
    const comparison = comparing?.comparison();
    return comparison && comparisonFails(comparison) ? 1 : judged.exitCode;
  } finally {
    interruption.dispose();
  }
}

/** What was wrong with the document but did not stop its load: one line, the reports list every defect. */
function warnOfDefects(spec: LoadedSpec): void {
  const [first, ...more] = spec.defects;
  if (first === undefined) return;
  process.stderr.write(
    `conformance: warning: the spec ${spec.source} has ${spec.defects.length === 1 ? "a defect" : `${spec.defects.length} defects`} that did not stop its load: ${first}` +
      `${more.length > 0 ? `; and ${more.length} more (the run's reports list every one)` : ""}\n`,
  );
}

/**
 * The first SIGINT or SIGTERM aborts the run, which then cleans up and writes its reports; a second one exits at once.
 */
function watchSignals() {
  const controller = new AbortController();
  let signalName: NodeJS.Signals = "SIGINT";
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(name === "SIGTERM" ? 143 : 130);
    signalName = name;
    process.stderr.write(
      `conformance: ${name} received: stopping, cleaning up and writing the reports (again to exit at once)\n`,
    );
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    get signalName() {
      return signalName;
    },
    get exitCode() {
      return signalName === "SIGTERM" ? 143 : 130;
    },
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

async function listRules(options: CliOptions): Promise<number> {
  const spec = await loadSpec(options.spec);
  warnOfDefects(spec);
  const catalogue = buildSuiteCatalogue(spec.operations);
  if (options.format === "json") return print(JSON.stringify(catalogueJson(catalogue), null, 2), 0);
  if (options.format === "markdown") return print(catalogueMarkdown(catalogue, AREAS).trimEnd(), 0);
  return print(catalogueText(catalogue), 0);
}

async function serveReference(options: CliOptions): Promise<number> {
  let server: { url: string; stop(): Promise<void> };
  if (options.pureGraph) {
    // Loaded only here: pure-graph is an optional target, the default command does not depend on it.
    const pureGraph = await import("../fixtures/pure-graph.ts")
      .then(({ startPureGraphServer }) =>
        startPureGraphServer({
          ...(options.port ? { port: options.port } : {}),
          ...(options.serverLog ? { logFile: options.serverLog } : {}),
        }),
      )
      .catch((err: Error) => {
        throw new TargetUnreachable(`pure-graph did not start: ${err.message.split("\n")[0]}`);
      });
    process.stdout.write(
      `@langgraph-js/pure-graph ${pureGraph.version} (in memory) with the suite's graphs listening on ${pureGraph.url} (Ctrl-C stops it)\n`,
    );
    server = pureGraph;
  } else if (options.python) {
    // Loaded only here, like pure-graph: the Python server is an optional target.
    const python = await import("../fixtures/python-server.ts")
      .then(({ startPythonReferenceServer }) =>
        startPythonReferenceServer({
          ...(options.port ? { port: options.port } : {}),
          ...(options.serverLog ? { logFile: options.serverLog } : {}),
          onProgress: (message) => process.stderr.write(`conformance: ${message}…\n`),
        }),
      )
      .catch((err: Error) => {
        throw new TargetUnreachable(`the Python server did not start: ${err.message.split("\n")[0]}`);
      });
    process.stdout.write(
      `Official Python Agent Server (langgraph-api ${python.versions["langgraph-api"]}, in memory) with the suite's graphs listening on ${python.url} (Ctrl-C stops it)\n`,
    );
    server = python;
  } else {
    server = await startReferenceServer({
      ...(options.withAuth ? { auth: true } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.serverLog ? { logFile: options.serverLog } : {}),
    }).catch((err: Error) => {
      throw new TargetUnreachable(`the official server did not start: ${err.message}`);
    });
    process.stdout.write(
      `Official Agent Server with the suite's graphs listening on ${server.url} (Ctrl-C stops it)\n`,
    );
  }
  // The server is a child process that keeps nothing open here; hold the event loop until asked to stop.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(keepAlive);
  await server.stop();
  return 0;
}

/** Reads the JSON reports of a run's shards, merges them, writes the reports asked for and exits with the verdict. */
async function mergeCommand(files: readonly string[], options: CliOptions): Promise<number> {
  // The rules' ids, levels and capabilities do not depend on the spec: only the reports' operations do.
  const catalogue = buildSuiteCatalogue();
  const parts: { label: string; end: RunEnd }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read the report ${file}: ${(err as Error).message}`);
    }
    let report: unknown;
    try {
      report = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`the report ${file} is not JSON: ${(err as Error).message}`);
    }
    parts.push({ label: file, end: merging(() => runEndFromJson(report, catalogue), `the report ${file}: `) });
  }
  const merged = merging(() => mergeLabelled(parts));
  const { gate, reporters } = await gateAndReporters(options);
  const listener = reporterListener(reporters);
  await listener({ type: "run-start", run: merged.run });
  await listener(merged);
  return judge(merged.run, merged.results, merged, gate).exitCode;
}

/** What cannot be merged is the user's to fix: one line. */
function merging<T>(merge: () => T, prefix = ""): T {
  try {
    return merge();
  } catch (err) {
    if (err instanceof MergeError) throw new UsageError(`${prefix}${err.message}`);
    throw err;
  }
}
