// The user's config file (conformance.config.json, .mjs or .ts): per-operation expected statuses for generated requests,
// and the credentials of the run's two identities.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { StatusOverrides } from "./property/expectations.ts";

export interface ConformanceConfig {
  /** By operation id or "METHOD /path": the statuses valid and invalid generated requests may get. */
  expectedStatuses?: StatusOverrides;
  /**
   * "Name: value" headers per identity, as `--auth` and `--auth-other` take them; `${NAME}` in a value is read from
   * the environment, so that secrets stay out of the file.
   */
  auth?: { self?: string[]; other?: string[] };
}

export class ConfigError extends Error {}

export const DEFAULT_CONFIG_FILES = ["conformance.config.json", "conformance.config.mjs", "conformance.config.ts"];

/** Loads `file`, or the first default file in `cwd`; no file means an empty config. */
export async function loadConfig(file: string | undefined, cwd: string = process.cwd()): Promise<ConformanceConfig> {
  const path = file ? resolve(cwd, file) : DEFAULT_CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!path) return {};
  if (!existsSync(path)) throw new ConfigError(`\`--config\` must name a file, but ${file} does not exist`);
  let raw: unknown;
  try {
    raw = path.endsWith(".json") ? JSON.parse(readFileSync(path, "utf8")) : await importDefault(path);
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as Error).message.split("\n")[0]}`);
  }
  return validate(raw, path, process.env);
}

/** A module's default export; a `.ts` file goes through tsx, whatever the module system of the user's folder. */
async function importDefault(path: string): Promise<unknown> {
  if (!path.endsWith(".ts")) return ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  const { tsImport } = await import("tsx/esm/api");
  const mod = (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
  // In a CommonJS folder the module comes wrapped once more (a config has no key named "default").
  const inner = mod.default;
  return inner !== null && typeof inner === "object" && "default" in inner ? inner.default : inner;
}

export function validate(raw: unknown, path: string, env: NodeJS.ProcessEnv): ConformanceConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`config ${path}: ${what}`);
  };
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail("must be an object");
  const { expectedStatuses, auth, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) fail(`unknown key ${unknown[0]} (known: expectedStatuses, auth)`);
  const config: ConformanceConfig = {};
  if (auth !== undefined) config.auth = validateAuth(auth, fail, env);
  if (expectedStatuses === undefined) return config;
  if (!expectedStatuses || typeof expectedStatuses !== "object") return fail("expectedStatuses must be an object");
  for (const [op, entry] of Object.entries(expectedStatuses)) {
    if (!entry || typeof entry !== "object") fail(`expectedStatuses.${op} must be an object with valid and/or invalid`);
    for (const [mode, statuses] of Object.entries(entry as Record<string, unknown>)) {
      if (mode !== "valid" && mode !== "invalid")
        fail(`expectedStatuses.${op}.${mode}: only valid and invalid are known`);
      if (!Array.isArray(statuses) || !statuses.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)) {
        fail(`expectedStatuses.${op}.${mode} must be a list of HTTP status codes`);
      }
    }
  }
  return { ...config, expectedStatuses: expectedStatuses as StatusOverrides };
}

function validateAuth(auth: unknown, fail: (what: string) => never, env: NodeJS.ProcessEnv): ConformanceConfig["auth"] {
  if (!auth || typeof auth !== "object" || Array.isArray(auth))
    return fail("auth must be an object with self and/or other");
  const out: NonNullable<ConformanceConfig["auth"]> = {};
  for (const [identity, headers] of Object.entries(auth as Record<string, unknown>)) {
    if (identity !== "self" && identity !== "other") fail(`auth.${identity}: only self and other are known`);
    if (!Array.isArray(headers) || !headers.every((h) => typeof h === "string"))
      fail(`auth.${identity} must be a list of "Name: value" headers`);
    out[identity as "self" | "other"] = (headers as string[]).map((h) =>
      h.replace(/\$\{(\w+)\}/g, (_, name: string) => env[name] ?? fail(`auth.${identity}: \${${name}} is not set`)),
    );
  }
  return out;
}
