// The property phase as one scenario: for every operation with inputs, valid and invalid requests from the spec's schemas.

import { ScenarioSkipped, ScenarioStopped, type Scenario, type ScenarioContext } from "../engine/scenario.ts";
import type { Verdict } from "../model.ts";
import { resourceOf } from "../engine/ownership.ts";
import type { Step } from "../engine/session.ts";
import type { LoadedSpec } from "../spec/load.ts";
import { isStreaming, type Operation } from "../spec/operations.ts";
import { invalidRequests, validRequests, type GeneratedRequest } from "./arbitraries.ts";
import { documentsRejection, expectedStatuses, type StatusOverrides } from "./expectations.ts";
import { explore, type Mode } from "./explore.ts";
import { requestModel, type Pins } from "./request-model.ts";

export interface PropertyOptions {
  seed: number;
  /** Generated requests per operation and mode. */
  runs: number;
  /** Time limit per operation and mode, shrinking included. */
  maxTimeMs: number;
  /** Operations explored at once. */
  workers: number;
  statuses?: StatusOverrides;
}

/** What the suite knows of the API that schemas do not say: which resources ids must name, what is unsafe to send. */
export interface PropertyBindings<R> {
  setup(ctx: ScenarioContext): Promise<R>;
  pins(op: Operation, resources: R, ctx: ScenarioContext): Promise<Pins | { skip: string }>;
  /**
   * Called before each generated request is sent: may give it resources of its own (a run still going, for an
   * operation that cancels it), in place of the pinned ones it names.
   */
  prepare?(
    op: Operation,
    request: GeneratedRequest,
    pins: Pins,
    resources: R,
    ctx: ScenarioContext,
  ): Promise<GeneratedRequest>;
  /** Cleanup steps for what a successful generated request created. */
  created(op: Operation, json: unknown, resources: R): Step[];
  /** Operations that destroy what others use run last, one at a time. */
  destructive(op: Operation): boolean;
  /**
   * Called once every operation was explored, before cleanup: lets what generated requests started (runs) end, so
   * cleanup never deletes what is still in use.
   */
  settle?(resources: R, ctx: ScenarioContext): Promise<void>;
}

/** The two properties the phase holds every operation to. */
const PROPERTY_CHECKS = ["positive_data_acceptance", "negative_data_rejection"];

export function propertyPhase<R>(spec: LoadedSpec, bindings: PropertyBindings<R>, options: PropertyOptions): Scenario {
  const takesInput = (op: Operation) =>
    op.parameters.some((p) => p.in === "path" || p.in === "query") || op.requestBody !== undefined;
  const operations = spec.operations.filter(takesInput);
  return {
    id: "property",
    title: "Property phase: generated valid and invalid requests",
    // A setup that cannot run reports both properties skipped, with the reason, on every operation it would explore.
    covers: operations.map((op) => `${op.method} ${op.path}`),
    rules: [],
    checks: PROPERTY_CHECKS,
    timeoutMs: operations.length * options.maxTimeMs * 2 + 120_000,
    async run(ctx) {
      const wanted = operations.filter((op) => ctx.wants(op.operationId));
      if (wanted.length === 0) return;
      const resources = await bindings.setup(ctx);
      const exploreOne = (op: Operation) => exploreOperation(ctx, op, resources);
      await pool(
        wanted.filter((op) => !bindings.destructive(op)),
        options.workers,
        exploreOne,
      );
      for (const op of wanted.filter((op) => bindings.destructive(op))) await exploreOne(op);
      await bindings.settle?.(resources, ctx);
    },
  };

  async function exploreOperation(ctx: ScenarioContext, op: Operation, resources: R): Promise<void> {
    try {
      const pins = await bindings.pins(op, resources, ctx);
      if ("skip" in pins) {
        for (const checkId of PROPERTY_CHECKS) {
          await ctx.emit({
            operationId: op.operationId,
            checkId,
            source: "property",
            step: "property phase",
            verdict: { status: "skipped", reason: pins.skip },
          });
        }
        return;
      }
      const model = requestModel(op, spec.dereferenced, pins);
      for (const mode of ["valid", "invalid"] as Mode[]) {
        if (mode === "invalid" && !documentsRejection(op, options.statuses)) {
          await ctx.emit({
            operationId: op.operationId,
            checkId: "negative_data_rejection",
            source: "property:invalid",
            step: "property phase",
            verdict: {
              status: "skipped",
              reason: `${op.method} ${op.path} documents no 4xx answer, so no request to it must be rejected`,
            },
          });
          continue;
        }
        const arbitrary = mode === "valid" ? validRequests(model) : invalidRequests(model);
        if (!arbitrary) continue;
        const results = await explore(ctx, {
          op: `${op.method} ${op.path}`,
          mode,
          arbitrary,
          statuses: expectedStatuses(op, mode, options.statuses),
          seed: seedFor(options.seed, op.operationId, mode),
          runs: options.runs,
          maxTimeMs: options.maxTimeMs,
          ...(isStreaming(op) ? { stream: { maxEvents: 100, maxMs: 5_000 } } : {}),
          ...(bindings.prepare
            ? { prepare: (request: GeneratedRequest) => bindings.prepare!(op, request, pins, resources, ctx) }
            : {}),
          onCreated: (json) => {
            for (const step of bindings.created(op, json, resources)) if (claimed(ctx, step, json)) ctx.defer(step);
          },
        });
        for (const result of results) await ctx.emit(result);
      }
    } catch (err) {
      // Stopped (time up, interrupted): nothing more may be reported. Skipped while pinning: said as a skip.
      if (err instanceof ScenarioStopped) throw err;
      const verdict: Verdict =
        err instanceof ScenarioSkipped
          ? { status: "skipped", reason: err.reason }
          : { status: "errored", message: (err as Error).stack ?? String(err) };
      for (const checkId of PROPERTY_CHECKS) {
        await ctx.emit({
          operationId: op.operationId,
          checkId,
          source: "property",
          step: "property phase",
          verdict,
        });
      }
    }
  }
}

/**
 * Whether what a generated request created is the run's to delete: an assistant, thread or cron only when its answer
 * is a new id with the run's metadata (the generated body carried it); anything else (a store item under the run's
 * namespace, a run on the run's thread) as the engine decides.
 */
function claimed(ctx: ScenarioContext, step: Step, json: unknown): boolean {
  const resource = resourceOf(step);
  if (resource && (resource.kind === "assistant" || resource.kind === "thread" || resource.kind === "cron")) {
    // A batch answers a list: the proof is the item that names the resource.
    const items: unknown[] = Array.isArray(json) ? json : [json];
    const shown = items.find((i) => !!i && typeof i === "object" && Object.values(i).includes(resource.id));
    return ctx.claim(resource.kind, resource.id, shown).owned;
  }
  return true;
}

/** A seed per operation and mode, so results do not depend on the order or concurrency of exploration. */
export function seedFor(seed: number, operationId: string, mode: Mode): number {
  let h = seed | 0;
  for (const ch of `${operationId}:${mode}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 1;
}

async function pool<T>(items: T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const runners = Array.from({ length: Math.max(1, Math.min(workers, queue.length)) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(runners);
}
