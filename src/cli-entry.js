// Which CLI `bin.js` runs: the compiled one in dist/ (`npm run build`) when it is not older than the TypeScript
// sources, else the sources through tsx, so that an edit to a .ts file counts without a rebuild.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root directory. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Written by `npm run build` once it succeeds; its mtime is the time the build started. */
export const BUILD_STAMP = join("dist", "build-stamp");

/** The compiled CLI, from the root. */
export const COMPILED_CLI = join("dist", "src", "cli.js");

/** The trees whose TypeScript the build compiles (or may, through an import). */
export const SOURCE_DIRS = ["src", "suites", "reporters", "fixtures"];

/**
 * `{ run: "compiled" }`, `{ run: "sources" }`, or `{ problem }` when neither can run. `newestSourceMs` is only needed
 * when both are present and the sources are not forced.
 */
export function chooseCli({ forceSources, hasSources, stampMs, newestSourceMs }) {
  if (forceSources) {
    if (hasSources) return { run: "sources" };
    return { problem: "CONFORMANCE_TS=1 needs the TypeScript sources (src/cli.ts), which are not here" };
  }
  if (stampMs === undefined) {
    if (hasSources) return { run: "sources" };
    return { problem: "neither dist/ nor src/cli.ts is here: reinstall the package" };
  }
  const upToDate = !hasSources || (newestSourceMs !== undefined && newestSourceMs <= stampMs);
  return { run: upToDate ? "compiled" : "sources" };
}

/** Latest mtime (ms) of the non-test .ts files under `dirs` of `root`; 0 when there are none. */
export function newestSourceMtime(root, dirs = SOURCE_DIRS) {
  let newest = 0;
  for (const dir of dirs) {
    let names;
    try {
      names = readdirSync(join(root, dir), { recursive: true });
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
      const mtimeMs = statSync(join(root, dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (mtimeMs > newest) newest = mtimeMs;
    }
  }
  return newest;
}

/** The choice for the package at `root` under `env` (CONFORMANCE_TS=1 forces the sources). */
export function cliToRun(env = process.env, root = ROOT) {
  const forceSources = env.CONFORMANCE_TS === "1";
  const hasSources = existsSync(join(root, "src", "cli.ts"));
  const stampMs = statSync(join(root, BUILD_STAMP), { throwIfNoEntry: false })?.mtimeMs;
  const scan = !forceSources && hasSources && stampMs !== undefined;
  return chooseCli({ forceSources, hasSources, stampMs, newestSourceMs: scan ? newestSourceMtime(root) : undefined });
}
