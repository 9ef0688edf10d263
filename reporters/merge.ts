// Joins runs made side by side (the shards of one run, or per-area runs) into one run-end event, and reads a JSON
// report back into the run-end event it was written from.

import { Ajv2020 } from "ajv/dist/2020.js";
import type { Capability, CheckResult, OperationView, PhaseReport, RuleView, RunEvent, RunInfo } from "../src/model.ts";
import { ruleViews } from "../src/rules/catalogue.ts";
import { toolInfo } from "./format.ts";
import { UNKNOWN_TAG } from "./summarize.ts";

/** The event a run ends with: everything a report is made from. */
export type RunEnd = Extract<RunEvent, { type: "run-end" }>;

/** A report that cannot be read back, or parts that are not of one run: one line for the user. */
export class MergeError extends Error {}

/** The JSON report's schemaVersion this suite reads. */
export const REPORT_SCHEMA_VERSION = 1;

/** What `runEndFromJson` needs of the catalogue the reports were made with (they keep only its version). */
export interface CatalogueRules {
  version: string;
  entries: readonly RuleView[];
}

const str = { type: "string" } as const;
const num = { type: "number" } as const;
const strings = { type: "array", items: str } as const;

// Only what is read back; the rest of the report is derived from it.
const REPORT_SCHEMA = {
  type: "object",
  required: ["run", "operations", "sdkMethods", "capabilities", "leftovers", "phases", "results", "level"],
  properties: {
    run: {
      type: "object",
      required: ["target", "embedded", "spec", "catalogueVersion", "prefix", "seed", "startedAt", "durationMs"],
      properties: {
        target: str,
        embedded: { type: "boolean" },
        spec: { type: "object", required: ["source", "title", "version"], properties: { source: str, title: str } },
        catalogueVersion: str,
        prefix: str,
        seed: num,
        startedAt: str,
        durationMs: num,
        endReason: { enum: ["finished", "interrupted"] },
        shard: { type: "object", required: ["index", "count"], properties: { index: num, count: num } },
        selection: { type: "object", required: ["only", "skip"], properties: { only: strings, skip: strings } },
      },
    },
    operations: {
      type: "array",
      items: { type: "object", required: ["operationId", "method", "path", "tag"] },
    },
    sdkMethods: { type: "array", items: { type: "object", required: ["method"], properties: { method: str } } },
    capabilities: {
      type: "array",
      items: { type: "object", required: ["name", "supported"], properties: { name: str } },
    },
    leftovers: strings,
    phases: {
      type: "array",
      items: { type: "object", required: ["id", "title", "status"], properties: { id: str, status: str } },
    },
    results: {
      type: "array",
      items: {
        type: "object",
        required: ["operationId", "checkId", "source", "step", "verdict"],
        properties: { verdict: { type: "object", required: ["status"] } },
      },
    },
    level: { type: "object", required: ["partial"], properties: { partial: { type: "boolean" } } },
  },
} as const;

let validate: ReturnType<Ajv2020["compile"]> | undefined;

interface ReadReport {
  run: {
    target: string;
    embedded: boolean;
    spec: RunInfo["spec"];
    catalogueVersion: string;
    prefix: string;
    seed: number;
    startedAt: string;
    durationMs: number;
    endReason?: "finished" | "interrupted";
    shard?: { index: number; count: number };
    selection?: { only: string[]; skip: string[] };
  };
  operations: (OperationView & Record<string, unknown>)[];
  sdkMethods: { method: string }[];
  capabilities: Capability[];
  leftovers: string[];
  phases: { id: string; title: string; status: string; reason?: string; durationMs?: number }[];
  results: CheckResult[];
  level: { partial: boolean };
}

/** Stands for a selection a report judged only part of the catalogue under, without naming it. */
export const UNNAMED_SELECTION = "(a selection the report does not name)";

/**
 * The run-end event a JSON report of this suite was written from. The report keeps only the catalogue's version:
 * `catalogue` gives its rules, and must be that version.
 */
export function runEndFromJson(report: unknown, catalogue: CatalogueRules): RunEnd {
  const head = report as { tool?: { name?: unknown }; schemaVersion?: unknown } | null;
  const tool = toolInfo().name;
  if (typeof head !== "object" || head === null || Array.isArray(head) || head.tool?.name !== tool)
    throw new MergeError(`it is not a report of ${tool}`);
  if (head.schemaVersion !== REPORT_SCHEMA_VERSION)
    throw new MergeError(
      `it has schemaVersion ${JSON.stringify(head.schemaVersion)}, and this version of the suite reads schemaVersion ${REPORT_SCHEMA_VERSION}`,
    );
  validate ??= new Ajv2020({ strict: false, allErrors: false }).compile(REPORT_SCHEMA);
  if (!validate(report)) {
    const [error] = validate.errors ?? [];
    throw new MergeError(`it is incomplete: ${error?.instancePath || "the report"} ${error?.message ?? "is invalid"}`);
  }
  const r = report as ReadReport;
  if (r.run.catalogueVersion !== catalogue.version)
    throw new MergeError(
      `it was made with catalogue ${r.run.catalogueVersion}, and this version of the suite has catalogue ${catalogue.version}`,
    );
  const reason = r.run.endReason ?? "finished";
  const run: RunInfo = {
    target: r.run.target,
    embedded: r.run.embedded,
    spec: { source: r.run.spec.source, title: r.run.spec.title, version: r.run.spec.version },
    catalogueVersion: r.run.catalogueVersion,
    prefix: r.run.prefix,
    seed: r.run.seed,
    startedAt: r.run.startedAt,
    operations: r.operations
      .filter((o) => !(o.tag === UNKNOWN_TAG && o.method === "?"))
      .map(({ operationId, method, path, tag, summary }) => ({
        operationId,
        method,
        path,
        tag,
        ...(summary !== undefined ? { summary } : {}),
      })),
    rules: ruleViews(catalogue),
    sdkMethods: r.sdkMethods.map((m) => m.method),
    // A report that judged part of the catalogue says so (level.partial) without naming the selection.
    selection:
      r.run.selection ??
      (r.level.partial && reason === "finished" ? { only: [UNNAMED_SELECTION], skip: [] } : { only: [], skip: [] }),
    plannedPhases: r.phases.length,
    ...(r.run.shard ? { shard: { index: r.run.shard.index, count: r.run.shard.count } } : {}),
  };
  return {
    type: "run-end",
    run,
    results: r.results,
    durationMs: r.run.durationMs,
    leftovers: [...r.leftovers],
    capabilities: r.capabilities.map((c) => ({ ...c })),
    phases: r.phases.map((p): PhaseReport => ({
      id: p.id,
      title: p.title,
      outcome:
        p.status === "ran"
          ? { status: "ran" }
          : { status: p.status as "skipped" | "errored" | "interrupted", reason: p.reason ?? "" },
      ...(p.durationMs !== undefined ? { durationMs: p.durationMs } : {}),
    })),
    reason,
  };
}

/**
 * One run from runs made side by side: results, phases and leftovers joined, capabilities merged, the longest
 * duration. The parts must share the catalogue version, the seed and the spec; shards must be every shard once.
 */
export function mergeRuns(parts: RunEnd[]): RunEnd {
  return mergeLabelled(parts.map((end, i) => ({ label: `part ${i + 1}`, end })));
}

/** `mergeRuns`, with each part named (a file) in the errors. */
export function mergeLabelled(labelled: readonly { label: string; end: RunEnd }[]): RunEnd {
  if (labelled.length === 0) throw new MergeError("there is nothing to merge");
  const parts = checkShards(labelled);
  const runs = parts.map((p) => p.end.run);
  const first = runs[0]!;
  same(parts, "catalogue version", (r) => r.catalogueVersion);
  same(parts, "seed", (r) => String(r.seed));
  same(parts, "spec", (r) => `${r.spec.title} ${r.spec.version}`);
  same(parts, "spec's operations", (r) => r.operations.map((o) => `${o.method} ${o.path}`).join(", "), false);
  const unique = (values: string[]) => [...new Set(values)].join(", ");
  const planned = runs.filter((r) => r.plannedPhases !== undefined);
  const run: RunInfo = {
    target: unique(runs.map((r) => r.target)),
    embedded: runs.every((r) => r.embedded),
    spec: { ...first.spec, source: unique(runs.map((r) => r.spec.source)) },
    catalogueVersion: first.catalogueVersion,
    prefix: unique(runs.map((r) => r.prefix)),
    seed: first.seed,
    startedAt: runs.map((r) => r.startedAt).sort()[0]!,
    operations: first.operations,
    rules: first.rules,
    selection: {
      only: [...new Set(runs.flatMap((r) => r.selection?.only ?? []))],
      skip: [...new Set(runs.flatMap((r) => r.selection?.skip ?? []))],
    },
    ...(planned.length > 0 ? { plannedPhases: planned.reduce((sum, r) => sum + r.plannedPhases!, 0) } : {}),
    sdkMethods: [...new Set(runs.flatMap((r) => r.sdkMethods))],
  };
  const ends = parts.map((p) => p.end);
  return {
    type: "run-end",
    run,
    results: ends.flatMap((e) => e.results),
    // The parts ran side by side: the run took as long as the longest.
    durationMs: Math.max(...ends.map((e) => e.durationMs)),
    leftovers: ends.flatMap((e) => e.leftovers),
    capabilities: mergeCapabilities(ends.flatMap((e) => e.capabilities)),
    phases: ends.flatMap((e) => e.phases),
    reason: ends.some((e) => e.reason === "interrupted") ? "interrupted" : "finished",
  };
}

type Labelled = { label: string; end: RunEnd };

/** Parts that are shards must be every shard of one count, each once; they are put in shard order. */
function checkShards(parts: readonly Labelled[]): Labelled[] {
  const sharded = parts.filter((p) => p.end.run.shard);
  if (sharded.length === 0) return [...parts];
  if (sharded.length < parts.length) {
    const whole = parts.find((p) => !p.end.run.shard)!;
    throw new MergeError(`${whole.label} is a whole run and ${sharded[0]!.label} a shard: merge the shards of one run`);
  }
  const shardOf = (p: Labelled) => p.end.run.shard!;
  same(parts, "shard count", (r) => String(r.shard!.count));
  const count = shardOf(parts[0]!).count;
  const byIndex = new Map<number, Labelled>();
  for (const part of parts) {
    const { index } = shardOf(part);
    const twice = byIndex.get(index);
    if (twice) throw new MergeError(`${twice.label} and ${part.label} are both shard ${index}/${count}`);
    byIndex.set(index, part);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new MergeError(
      `shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count}`).join(", ")} ${missing.length === 1 ? "is" : "are"} missing: merge every shard of the run`,
    );
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
}

/** Throws unless every part has the same value; `show` false names only the parts, not the (long) values. */
function same(parts: readonly Labelled[], what: string, value: (run: RunInfo) => string, show = true): void {
  const expected = value(parts[0]!.end.run);
  const other = parts.find((p) => value(p.end.run) !== expected);
  if (!other) return;
  const of = (p: Labelled) => (show ? `${value(p.end.run)} in ${p.label}` : p.label);
  throw new MergeError(`cannot merge runs that differ in their ${what} (${of(parts[0]!)}, ${of(other)})`);
}

/** One capability per name: supported when any part saw it supported; what the target declares is kept. */
function mergeCapabilities(all: readonly Capability[]): Capability[] {
  const byName = new Map<string, Capability>();
  for (const c of all) {
    const known = byName.get(c.name);
    if (!known) {
      byName.set(c.name, { ...c });
      continue;
    }
    if (c.supported && !known.supported) {
      known.supported = true;
      if (c.detail !== undefined) known.detail = c.detail;
      else delete known.detail;
    }
    if (known.id === undefined && c.id !== undefined) known.id = c.id;
    if (known.declared === undefined && c.declared !== undefined) known.declared = c.declared;
  }
  return [...byName.values()];
}
