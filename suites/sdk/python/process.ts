// The official Python SDK as the suite finds it (the project's virtual environment) and the driver run on it: its
// lines read as they come, the process bounded in time and stopped (SIGTERM, so that it cleans up) at the bound.

import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { DEFAULT_VENV_DIR, venvPython } from "../../../fixtures/python-server.ts";
import { packagePath } from "../../../src/paths.ts";
import { parseDriverLine, type DriverLine } from "./lines.ts";

// From the package root: the compiled suite in dist/ runs the same driver file.
export const DRIVER = packagePath("suites", "sdk", "python", "driver.py");

export interface PythonSdk {
  python: string;
  /** The langgraph-sdk version the interpreter imports, e.g. "0.2.4". */
  version: string;
  /** Put first on the interpreter's path: where another version of the SDK is installed. */
  pythonPath?: string;
}

export type PythonSdkAvailability = { ok: true; sdk: PythonSdk } | { ok: false; reason: string };

/** The pinned SDK of the virtual environment, or the latest one installed beside it. */
export type PythonSdkVariant = "pinned" | "latest";

/** Where the latest SDK goes: `.venv-conformance/bin/pip install --target .venv-conformance/sdk-latest langgraph-sdk`. */
export const latestSdkDir = (venvDir: string = DEFAULT_VENV_DIR): string => join(venvDir, "sdk-latest");

/** Whether the project's virtual environment (and, for the latest SDK, its install) is there; none is made in a run. */
export function hasPythonSdk(variant: PythonSdkVariant = "pinned", venvDir: string = DEFAULT_VENV_DIR): boolean {
  return existsSync(venvPython(venvDir)) && (variant === "pinned" || existsSync(latestSdkDir(venvDir)));
}

const probes = new Map<string, Promise<PythonSdkAvailability>>();

/** The Python SDK of the virtual environment, or why it cannot be used; asked once per process. */
export function pythonSdkAvailability(
  variant: PythonSdkVariant = "pinned",
  venvDir: string = DEFAULT_VENV_DIR,
): Promise<PythonSdkAvailability> {
  const key = `${variant}\u0000${venvDir}`;
  let probe = probes.get(key);
  if (!probe) probes.set(key, (probe = probePythonSdk(variant, venvDir)));
  return probe;
}

async function probePythonSdk(variant: PythonSdkVariant, venvDir: string): Promise<PythonSdkAvailability> {
  const python = venvPython(venvDir);
  const name = variant === "latest" ? "the latest Python SDK" : "the Python SDK";
  if (!existsSync(python))
    return {
      ok: false,
      reason: `${name} is not available: there is no virtual environment at ${venvDir} (\`node src/bin.js serve-reference --python\` creates it)`,
    };
  const pythonPath = variant === "latest" ? latestSdkDir(venvDir) : undefined;
  if (pythonPath && !existsSync(pythonPath))
    return {
      ok: false,
      reason: `${name} is not available: it is not installed at ${pythonPath} (\`npm run setup:python -- --latest-sdk\` installs it)`,
    };
  return new Promise((done) => {
    execFile(
      python,
      ["-c", "import langgraph_sdk; print(langgraph_sdk.__version__)"],
      { timeout: 30_000, env: driverEnv(pythonPath) },
      (error, stdout, stderr) => {
        const version = stdout.trim();
        if (error || !version) {
          const why = (stderr.trim().split("\n").at(-1) ?? "") || (error?.message ?? "no version printed");
          done({ ok: false, reason: `${name} is not available: ${python} cannot import langgraph_sdk (${why})` });
        } else done({ ok: true, sdk: { python, version, ...(pythonPath ? { pythonPath } : {}) } });
      },
    );
  });
}

/**
 * The environment without API keys the SDK would pick up (only the headers the run was given reach the target), with
 * `pythonPath` first on the interpreter's path when given.
 */
function driverEnv(pythonPath?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" };
  for (const name of ["LANGGRAPH_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "PYTHONPATH"]) delete env[name];
  if (pythonPath) env.PYTHONPATH = pythonPath;
  return env;
}

export interface DriverInput {
  url: string;
  headers: Record<string, string>;
  prefix: string;
  metadata: Record<string, string>;
  flows: readonly string[];
  graph_id: string;
  assistant_id: string;
  slow_assistant_id: string;
  timeout_s: number;
}

export type DriverEnd =
  { status: "finished" } | { status: "timed_out"; afterMs: number } | { status: "broken"; message: string };

const STDERR_CHARS = 2000;
const KILL_GRACE_MS = 8_000;

/**
 * Runs the driver, handing each line to `onLine` in order; stops it at `timeoutMs` (SIGTERM, then SIGKILL after a
 * grace period for its cleanup). When `onLine` throws, the driver is stopped the same way and the error rethrown.
 */
export async function runDriver(
  sdk: PythonSdk,
  input: DriverInput,
  timeoutMs: number,
  onLine: (line: DriverLine) => Promise<void>,
  driver: string = DRIVER,
): Promise<DriverEnd> {
  const child = spawn(sdk.python, [driver], {
    stdio: ["pipe", "pipe", "pipe"],
    env: driverEnv(sdk.pythonPath),
    windowsHide: true,
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_CHARS)));
  const closed = new Promise<{ code: number | null; error?: Error }>((done) => {
    child.once("error", (error) => done({ code: null, error }));
    child.once("close", (code) => done({ code }));
  });
  child.stdin.on("error", () => undefined); // a driver that died at once is reported by its exit, not here
  child.stdin.end(JSON.stringify(input));
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    killer ??= setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS).unref();
  };
  const bound = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeoutMs);
  let done = false;
  try {
    for await (const text of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
      const line = parseDriverLine(text);
      if (line?.type === "done") done = true;
      if (line) await onLine(line);
    }
  } catch (err) {
    stop();
    child.stdout.resume();
    throw err;
  } finally {
    clearTimeout(bound);
  }
  const exit = await closed;
  clearTimeout(killer);
  if (timedOut) return { status: "timed_out", afterMs: timeoutMs };
  if (exit.error) return { status: "broken", message: `the Python driver did not start: ${exit.error.message}` };
  if (exit.code !== 0 || !done) {
    const tail = stderr.trim().split("\n").slice(-3).join(" | ");
    return { status: "broken", message: `the Python driver exited with code ${exit.code}${tail ? `: ${tail}` : ""}` };
  }
  return { status: "finished" };
}
