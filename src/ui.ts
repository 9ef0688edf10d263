// `conformance --ui`: the suite in the Vitest UI, in watch mode (a re-run of an area or a test runs only that), until
// SIGINT or SIGTERM. The test file is the package's own (src/ui/conformance.ui.ts): no Vitest config is needed or read.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, relative, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { findFreePort } from "../fixtures/reference-server.ts";
import { isReporterName, REPORTER_NAMES, type ReportFiles } from "../reporters/index.ts";
import { PACKAGE_ROOT } from "./paths.ts";
import { InputError, planSuite, resolveOptions, type SuiteOptions } from "./suite-run.ts";
import { encodeUiOptions, UI_OPTIONS_ENV } from "./ui/options.ts";
import type { ConformanceOptions } from "./vitest.ts";

export interface UiOptions extends Omit<SuiteOptions, "shard"> {
  /** The suite's reports besides the UI (console is left out: the UI shows the results). */
  reports: readonly string[];
  files: ReportFiles;
}

/** The test file the UI runs, beside this module: .ts in the sources, .js once compiled. */
export const UI_TEST_FILE = fileURLToPath(
  new URL(`./ui/conformance.ui${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

const HOST = "127.0.0.1";
/** How long a cancelled run has to clean up before Vitest is closed under it. */
const CANCEL_MS = 20_000;

/** Starts the UI and prints its URL; resolves with the exit code once SIGINT or SIGTERM stopped it. */
export async function runUi(options: UiOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const suite = uiSuiteOptions(options);
  // Bad input (a selection, the spec, the config) is told here, in one line, not inside the UI.
  await planSuite(suite);
  const { createVitest } = await loadVitest();
  const port = await findFreePort(HOST);
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = signals.map((name) => process.listeners(name));
  const vitest = await createVitest("test", {
    config: false,
    root: PACKAGE_ROOT,
    include: [relative(PACKAGE_ROOT, UI_TEST_FILE)],
    exclude: [],
    watch: true,
    // A process of its own, which dies with this one (see conformance.ui.ts).
    pool: "forks",
    ui: true,
    open: false,
    api: { port, host: HOST, strictPort: true },
    env: { [UI_OPTIONS_ENV]: encodeUiOptions(suite) },
    // The UI shows the results; Vitest's own reporter would print them again.
    reporters: [{}],
  });
  // Vitest exits the process at once on these signals; the run is stopped here instead, so that it cleans up first.
  signals.forEach((name, i) => {
    for (const listener of process.listeners(name)) if (!before[i]!.includes(listener)) process.off(name, listener);
  });
  out.write(`Vitest UI with the conformance suite: http://${HOST}:${port}/__vitest__/ (Ctrl-C stops it)\n`);
  const stopped = waitForSignal();
  vitest.start().catch((err: Error) => process.stderr.write(`conformance: the Vitest run failed: ${err.message}\n`));
  await stopped;
  // Cancelling interrupts the run going on: it cleans up on the target, and the embedded server is stopped. Closing
  // then ends the test process (the server, a child of it, goes with it).
  await Promise.race([vitest.cancelCurrentRun("keyboard-input"), delay(CANCEL_MS, undefined, { ref: false })]);
  await vitest.close();
  return 0;
}

/**
 * The command line's options as the test file takes them: paths made absolute (the test file may run elsewhere), the
 * console report left to the UI.
 */
export function uiSuiteOptions(options: UiOptions, cwd = process.cwd()): ConformanceOptions {
  const { reports, files, shard, ...given } = options as UiOptions & Pick<SuiteOptions, "shard">;
  if (shard !== undefined) throw new InputError("`--shard` splits a run across machines: it does not go with `--ui`");
  // Only the suite's options (the command line's others mean nothing here), with their defaults.
  const suite = resolveOptions(given);
  const unknown = reports.filter((name) => !isReporterName(name));
  if (unknown.length > 0)
    throw new InputError(
      `\`--report\` must be one of ${REPORTER_NAMES.join(", ")}, but received ${unknown.join(", ")}`,
    );
  const path = (file: string) => resolve(cwd, file);
  return {
    ...suite,
    ...(suite.spec !== undefined && !/^https?:\/\//i.test(suite.spec) ? { spec: path(suite.spec) } : {}),
    ...(suite.config !== undefined ? { config: path(suite.config) } : {}),
    ...(suite.serverLog !== undefined ? { serverLog: path(suite.serverLog) } : {}),
    reports: reports.filter((name) => name !== "console"),
    reportFiles: Object.fromEntries(Object.entries(files).map(([name, file]) => [name, path(file)])),
  };
}

async function loadVitest(): Promise<typeof import("vitest/node")> {
  const require = createRequire(import.meta.url);
  const missing = ["vitest", "@vitest/ui"].filter((name) => {
    try {
      return !existsSync(require.resolve(name));
    } catch {
      return true;
    }
  });
  if (missing.length > 0)
    throw new InputError(`\`--ui\` needs ${missing.join(" and ")}: npm install --save-dev vitest @vitest/ui`);
  return import("vitest/node");
}

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once. */
function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (name: NodeJS.Signals) => {
      process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
      process.once("SIGINT", () => process.exit(130)).once("SIGTERM", () => process.exit(143));
      resolveSignal(name);
    };
    process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  });
}
