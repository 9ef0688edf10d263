// One run of the whole suite from user options: loads the spec and config, starts the embedded server when there is
// no target, runs every scenario and the property phase. The CLI and the Vitest entry both drive runs through it.

import { resolve } from "node:path";
import { bearer } from "../fixtures/auth.ts";
import { startReferenceServer, type ReferenceServer } from "../fixtures/reference-server.ts";
import { catalogue as buildSuiteCatalogue, SCENARIOS } from "../suites/index.ts";
import { propertyBindings } from "../suites/properties/bindings.ts";
import { defaultSdkClients, SDK_CLIENTS, withSdkClients } from "../suites/sdk/index.ts";
import { SDK_METHODS } from "../suites/sdk/methods.ts";
import { loadConfig, type ConformanceConfig } from "./config.ts";
import { InputError } from "./input-error.ts";

export { InputError };
import { unknownNames } from "./engine/filter.ts";
import { runConformance, TargetUnreachable, type RunOutcome } from "./engine/run.ts";
import type { Scenario } from "./engine/scenario.ts";
import type { Shard } from "./engine/shard.ts";
import type { RunListener } from "./model.ts";
import { propertyPhase } from "./property/phase.ts";
import type { Catalogue } from "./rules/catalogue.ts";
import { diffSpecs, type SpecDiff } from "./spec/diff.ts";
import {
  receiverAddress,
  startWebhookReceiver,
  WebhookAddressError,
  type ReceiverAddress,
  type WebhookReceiver,
} from "./webhook/receiver.ts";
import { BUNDLED_SPEC, loadSpec, type LoadedSpec } from "./spec/load.ts";

export interface SuiteOptions {
  /** The server to test; none: the embedded official server with the graph pack. */
  target?: string;
  /** OpenAPI document, file or URL (default: the bundled spec). */
  spec?: string;
  only?: readonly string[];
  skip?: readonly string[];
  /** Sent with every request, never reported. */
  headers?: Record<string, string>;
  /** The run's own and a second user's credential headers. */
  auth?: { self?: Record<string, string>; other?: Record<string, string> };
  timeoutMs?: number;
  maxBodyBytes?: number;
  seed?: number;
  /** Generated requests per operation and mode in the property phase; 0 leaves the phase out. */
  runs?: number;
  maxTimeMs?: number;
  /** Operations explored at once in the property phase. */
  workers?: number;
  /** Expected statuses per operation, and identities (default: conformance.config.* if present). */
  config?: string;
  /** Whether the rules that may leave the target unable to serve run (default: only against the embedded server). */
  hazards?: boolean;
  /** Scenarios run at once. */
  concurrency?: number;
  serverLog?: string;
  /** Run only this slice of the plan; other machines run the other shards. */
  shard?: Shard;
  /**
   * The official SDK clients the SDK flows are driven through (default: js; python when its venv is there;
   * python-latest when the latest SDK is installed beside it).
   */
  sdk?: readonly string[];
  /**
   * A local receiver for the webhooks the run asks the target to call: true for a free loopback port, or
   * "http://host:port", the address the target calls (the receiver listens on that port); false for none (default:
   * only against the embedded server).
   */
  webhookReceiver?: boolean | string;
}

/** The options with every default filled in. */
export type ResolvedSuiteOptions = Required<Omit<SuiteOptions, "target" | "config" | "serverLog" | "shard">> &
  Pick<SuiteOptions, "target" | "config" | "serverLog" | "shard">;

const SUITE_OPTION_NAMES = [
  "target",
  "spec",
  "only",
  "skip",
  "headers",
  "auth",
  "timeoutMs",
  "maxBodyBytes",
  "seed",
  "runs",
  "maxTimeMs",
  "workers",
  "config",
  "hazards",
  "concurrency",
  "serverLog",
  "shard",
  "sdk",
  "webhookReceiver",
] as const satisfies readonly (keyof SuiteOptions)[];

export const SUITE_DEFAULTS = {
  timeoutMs: 15_000,
  maxBodyBytes: 4 * 1024 * 1024,
  runs: 25,
  maxTimeMs: 4_000,
  workers: 2,
  concurrency: 4,
} as const;

export function resolveOptions(options: SuiteOptions): ResolvedSuiteOptions {
  return {
    spec: BUNDLED_SPEC,
    only: [],
    skip: [],
    headers: {},
    auth: {},
    seed: Math.floor(Math.random() * 2 ** 31),
    hazards: options.target === undefined,
    // A target must ask for it: the receiver makes the target call out, to an address it must be able to reach.
    webhookReceiver: options.target === undefined,
    sdk: defaultSdkClients(),
    ...SUITE_DEFAULTS,
    // Side by side only on the embedded server, which is thrown away: on someone else's server an interrupted run
    // with several scenarios in flight can leave what the server made for them (a stateless run's thread).
    concurrency: options.target === undefined ? SUITE_DEFAULTS.concurrency : 1,
    ...Object.fromEntries(
      SUITE_OPTION_NAMES.flatMap((name) => (options[name] !== undefined ? [[name, options[name]]] : [])),
    ),
  };
}

/** What a run is made of, before anything is sent: the spec, the config, the catalogue and the scenarios. */
export interface SuitePlan {
  options: ResolvedSuiteOptions;
  spec: LoadedSpec;
  config: ConformanceConfig;
  catalogue: Catalogue;
  scenarios: Scenario[];
  /** Where the run's document differs from the published one, when it is not the published one. */
  specDiff?: SpecDiff;
}

export async function planSuite(input: SuiteOptions): Promise<SuitePlan> {
  const options = resolveOptions(input);
  const [spec, published] = await Promise.all([
    loadSpec(options.spec),
    isBundledSpec(options.spec) ? undefined : loadSpec(BUNDLED_SPEC),
  ]);
  const config = await loadConfig(options.config);
  const catalogue = buildSuiteCatalogue(spec.operations);
  const unknown = unknownNames({ only: [...options.only], skip: [...options.skip] }, catalogue, spec.operations);
  if (unknown.length > 0) {
    throw new InputError(
      `\`--only\`/\`--skip\` must name a rule or check id, level, capability, tag or operation id, but received ${unknown.join(", ")}`,
    );
  }
  const unknownClients = options.sdk.filter((c) => !(SDK_CLIENTS as readonly string[]).includes(c));
  if (unknownClients.length > 0 || options.sdk.length === 0) {
    throw new InputError(
      `\`--sdk\` must name ${SDK_CLIENTS.join(", ")} (comma-separated), but received ${unknownClients.join(", ") || "nothing"}`,
    );
  }
  if (typeof options.webhookReceiver === "string") webhookAddress(options.webhookReceiver);
  const property = propertyPhase(spec, propertyBindings, {
    seed: options.seed,
    runs: options.runs,
    maxTimeMs: options.maxTimeMs,
    workers: options.workers,
    statuses: config.expectedStatuses ?? {},
  });
  const scenarios = withSdkClients(SCENARIOS, options.sdk);
  return {
    options,
    spec,
    config,
    catalogue,
    scenarios: [...scenarios, ...(options.runs > 0 ? [property] : [])],
    ...(published ? { specDiff: diffSpecs(published, spec) } : {}),
  };
}

const isBundledSpec = (source: string) => !/^https?:\/\//i.test(source) && resolve(source) === BUNDLED_SPEC;

export interface SuiteHooks {
  listeners: readonly RunListener[];
  /** Aborting it interrupts the run: it cleans up and ends with reason "interrupted". */
  signal?: AbortSignal;
  /** Told when the embedded server is being started. */
  onStarting?: (message: string) => void;
  /**
   * An embedded server already started (and later stopped) by the caller, for runs that share one: a run without a
   * target uses it instead of starting its own, with the embedded server's defaults (hazards, the two test users).
   */
  embeddedServer?: { url: string };
}

/** Runs a planned suite; starts (and always stops) the embedded server when the plan has no target. */
export async function runSuite(plan: SuitePlan, hooks: SuiteHooks): Promise<RunOutcome> {
  const { options } = plan;
  let server: ReferenceServer | undefined;
  let webhooks: WebhookReceiver | undefined;
  try {
    if (options.webhookReceiver !== false) webhooks = await startReceiver(options.webhookReceiver);
    if (!options.target && !hooks.embeddedServer) {
      hooks.onStarting?.("Starting the official Agent Server with the suite's graphs…");
      try {
        server = await startReferenceServer({
          auth: true,
          ...(options.serverLog ? { logFile: options.serverLog } : {}),
        });
      } catch (err) {
        throw new TargetUnreachable(`the embedded official server did not start: ${(err as Error).message}`);
      }
    }
    return await runConformance({
      spec: plan.spec,
      target: options.target ?? hooks.embeddedServer?.url ?? server!.url,
      embedded: !options.target,
      headers: options.headers,
      ...credentialsFor(options, plan.config),
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      seed: options.seed,
      selection: { only: [...options.only], skip: [...options.skip] },
      catalogue: plan.catalogue,
      scenarios: plan.scenarios,
      listeners: hooks.listeners,
      sdkMethods: SDK_METHODS,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      hazards: options.hazards,
      concurrency: options.concurrency,
      ...(options.shard ? { shard: options.shard } : {}),
      ...(webhooks ? { webhooks } : {}),
    });
  } finally {
    await webhooks?.stop();
    await server?.stop();
  }
}

/** The `webhookReceiver` address as the receiver takes it; a bad one is the user's to fix. */
function webhookAddress(value: string): ReceiverAddress {
  try {
    return receiverAddress(value);
  } catch (err) {
    if (err instanceof WebhookAddressError) throw new InputError(err.message);
    throw err;
  }
}

async function startReceiver(option: true | string): Promise<WebhookReceiver> {
  const address = option === true ? {} : webhookAddress(option);
  try {
    return await startWebhookReceiver(address);
  } catch (err) {
    throw new InputError(
      `the webhook receiver cannot listen on port ${address.port ?? "(any)"}: ${(err as Error).message.split("\n")[0]}`,
    );
  }
}

/** Parses "Name: value" headers; `flag` names where they came from in the error. */
export function parseHeaders(items: readonly string[], flag = "--header"): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const item of items) {
    const colon = item.indexOf(":");
    const name = colon > 0 ? item.slice(0, colon).trim() : "";
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new InputError(`\`${flag}\` must look like "Name: value", but received ${item.slice(0, 40)}`);
    }
    headers[name.toLowerCase()] = item.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * The identities' credentials: the options', else the config file's; the embedded server, which runs with the graph
 * pack's auth handler, gets its two test users unless told otherwise.
 */
function credentialsFor(
  options: ResolvedSuiteOptions,
  config: ConformanceConfig,
): { credentials?: Record<string, string>; otherCredentials?: Record<string, string> } {
  const fromConfig = (list: string[] | undefined, flag: string) => (list ? parseHeaders(list, flag) : undefined);
  const embedded = options.target === undefined;
  const self =
    options.auth.self ??
    fromConfig(config.auth?.self, "auth.self") ??
    (embedded ? { authorization: bearer("alice") } : undefined);
  const other =
    options.auth.other ??
    fromConfig(config.auth?.other, "auth.other") ??
    (embedded ? { authorization: bearer("bob") } : undefined);
  return { ...(self ? { credentials: self } : {}), ...(other ? { otherCredentials: other } : {}) };
}
