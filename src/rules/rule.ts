// What a rule is: one promise of the API, declared once with its level, severity, operations and SDK methods.

import type { Severity } from "../model.ts";

/**
 * - core: an official SDK client breaks without it (the SDK method it speaks for throws or returns wrong data);
 * - standard: the documented contract;
 * - optional: holds only where the target has the rule's capability.
 */
export const LEVELS = ["core", "standard", "optional"] as const;
export type Level = (typeof LEVELS)[number];

/** Parts of the API a target may leave out; a rule that needs one is optional. */
export const CAPABILITIES = [
  "crons",
  "store_ttl",
  "resumable_streams",
  "thread_stream",
  "protocol_v2",
  "a2a",
  "mcp",
  "auth",
  "webhooks",
] as const;
export type CapabilityName = (typeof CAPABILITIES)[number];

/** The operations that exist only where the target has a capability, by path. */
const CAPABILITY_PATHS: readonly [CapabilityName, RegExp][] = [
  ["crons", /\/crons(\/|$)/],
  ["thread_stream", /^\/threads\/\{thread_id\}\/stream$/],
  ["protocol_v2", /^\/threads\/\{thread_id\}\/(stream\/events|commands)$/],
  ["a2a", /^\/a2a\//],
  ["mcp", /^\/mcp\//],
];

/** The capability an operation's path belongs to, if it is one of those the target may leave out. */
export const capabilityOfPath = (path: string): CapabilityName | undefined =>
  CAPABILITY_PATHS.find(([, pattern]) => pattern.test(path))?.[0];

/** The capability a name recorded by a scenario ("store ttl", "protocol v2 commands") is about, if any. */
export function capabilityNamed(name: string): CapabilityName | undefined {
  const id = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return CAPABILITIES.find((c) => id === c || id.startsWith(`${c}_`));
}

export interface Rule {
  /** Stable snake_case id, unique across checks and rules; JSON and JUnit consumers key on it. */
  readonly id: string;
  /** What the API promises, in one sentence. */
  readonly title: string;
  readonly severity: Severity;
  readonly level: Level;
  /** The operations ("METHOD /path") its results are reported under; the first is the default. */
  readonly operations: readonly string[];
  /** The SDK methods it speaks for, named as in the Python SDK ("threads.update_state"). */
  readonly sdk: readonly string[];
  readonly capability?: CapabilityName;
  /** Where the API says so: `spec#<JSON pointer into spec/agent-server.yaml>` or `errata#E<n>`. */
  readonly ref: string;
}

export type RuleDeclaration = Omit<Rule, "id" | "sdk"> & { sdk?: readonly string[] };

/**
 * Declares an area's rules, keyed by id: `STORE.store_put_replaces_value` is the rule, and a misspelt id fails to
 * compile.
 */
export function defineRules<const T extends Record<string, RuleDeclaration>>(
  declarations: T,
): { readonly [K in keyof T]: Rule } {
  const rules = Object.fromEntries(
    Object.entries(declarations).map(([id, declaration]) => [
      id,
      Object.freeze({ id, ...declaration, sdk: declaration.sdk ?? [] }),
    ]),
  );
  return Object.freeze(rules) as { readonly [K in keyof T]: Rule };
}

/** `spec#/paths/<path>/<method>[/<more>]` for an operation ("METHOD /path") of spec/agent-server.yaml. */
export function specRef(op: string, more = ""): string {
  const [method = "", path = ""] = op.split(" ");
  return `spec#/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method.toLowerCase()}${more}`;
}

/** `errata#E<n>`: a decision recorded in spec/ERRATA.md. */
export const errataRef = (id: `E${number}`): string => `errata#${id}`;
