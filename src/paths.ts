// Where the package's own files are, from the TypeScript sources (src/) and from their compiled copy (dist/src/) alike.

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest directory at or above `start` that holds a package.json. */
export function packageRootFrom(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
}

/** The directory of the suite's package.json. */
export const PACKAGE_ROOT: string = packageRootFrom(dirname(fileURLToPath(import.meta.url)));

/** Absolute path of a file of the package, from its root: `packagePath("spec", "agent-server.yaml")`. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
