// Explores one operation in one mode with fast-check: finds distinct problems, shrinks each, reports per check.

import fc from "fast-check";
import type { Expectation } from "../checks/index.ts";
import type { ScenarioContext } from "../engine/scenario.ts";
import type { Step } from "../engine/session.ts";
import type { CheckResult, Verdict } from "../model.ts";
import type { GeneratedRequest } from "./arbitraries.ts";

export type Mode = "valid" | "invalid";

export interface ExploreOptions {
  op: string;
  mode: Mode;
  arbitrary: fc.Arbitrary<GeneratedRequest>;
  /** Statuses besides 2xx a valid request may get; or the statuses an invalid one must get. */
  statuses: readonly number[];
  seed: number;
  runs: number;
  maxTimeMs: number;
  /** Extra bounds for streaming operations. */
  stream?: Step["stream"];
  /** Gives a generated request what it needs just before it is sent. */
  prepare?(request: GeneratedRequest): Promise<GeneratedRequest>;
  /** Called with every successful answer, so what generated requests create can be cleaned up. */
  onCreated(json: unknown): void;
}

/** How many distinct problems one operation and mode may report before exploration stops. */
const MAX_PROBLEMS = 3;

export async function explore(ctx: ScenarioContext, options: ExploreOptions): Promise<CheckResult[]> {
  const source = `property:${options.mode}`;
  const deadline = Date.now() + options.maxTimeMs;
  const tallies = new Map<string, Map<Verdict["status"], number>>();
  const problems: { results: CheckResult[]; violation?: string; runs: number; shrinks: number }[] = [];
  const known = new Set<string>();
  let samples = 0;
  let operationId = "";

  for (let round = 0; round < MAX_PROBLEMS && Date.now() < deadline; round++) {
    let lastFailure: { results: CheckResult[]; violation?: string } | undefined;
    const property = fc.asyncProperty(options.arbitrary, async (generated) => {
      const request = options.prepare ? await options.prepare(generated) : generated;
      const { outcome, results } = await ctx.evaluate(toStep(request, options));
      samples++;
      operationId = outcome.operation.operationId;
      if (outcome.ok) options.onCreated(outcome.json);
      for (const r of results) tally(tallies, r);
      const fresh = results.filter(
        (r) => r.verdict.status === "failed" && r.verdict.findings.some((f) => !known.has(f.key)),
      );
      if (fresh.length === 0) return true;
      lastFailure = { results: fresh, ...(request.violation ? { violation: request.violation } : {}) };
      return false;
    });
    const details = await fc.check(property, {
      seed: options.seed + round,
      numRuns: options.runs,
      interruptAfterTimeLimit: Math.max(1, deadline - Date.now()),
      markInterruptAsFailure: false,
    });
    if (!details.failed || !lastFailure) break;
    const found = lastFailure as { results: CheckResult[]; violation?: string };
    for (const r of found.results)
      if (r.verdict.status === "failed") for (const f of r.verdict.findings) known.add(f.key);
    problems.push({ ...found, runs: details.numRuns, shrinks: details.numShrinks });
  }
  return summarize(options, { source, operationId, samples }, tallies, problems);
}

function toStep(request: GeneratedRequest, options: ExploreOptions): Step {
  const expect: Expectation =
    options.mode === "valid"
      ? { accept: options.statuses }
      : {
          reject: request.violation ?? "an invalid value",
          statuses: options.statuses,
          ...(request.violationKey ? { violation: request.violationKey } : {}),
        };
  return {
    op: options.op,
    step: request.violation ? `generated request with ${request.violation}` : "generated valid request",
    params: request.params,
    query: request.query,
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(request.raw ? { raw: request.raw } : {}),
    ...(options.stream ? { stream: options.stream } : {}),
    expect,
  };
}

function tally(tallies: Map<string, Map<Verdict["status"], number>>, result: CheckResult): void {
  const counts = tallies.get(result.checkId) ?? new Map<Verdict["status"], number>();
  counts.set(result.verdict.status, (counts.get(result.verdict.status) ?? 0) + 1);
  tallies.set(result.checkId, counts);
}

/** One result per check: the shrunk counterexamples of its problems, or how the samples went. */
function summarize(
  options: ExploreOptions,
  { source, operationId, samples }: { source: string; operationId: string; samples: number },
  tallies: Map<string, Map<Verdict["status"], number>>,
  problems: { results: CheckResult[]; violation?: string; runs: number; shrinks: number }[],
): CheckResult[] {
  const out: CheckResult[] = [];
  for (const [checkId, counts] of tallies) {
    // Each problem keeps its own counterexample: its exchange, curl and violation are the evidence for its findings.
    const failing = problems.flatMap((p) => p.results.filter((r) => r.checkId === checkId).map((r) => ({ r, p })));
    for (const { r, p } of failing) {
      out.push({
        ...r,
        source,
        step: `shrunk counterexample (${p.runs} runs, ${p.shrinks} shrinks)${p.violation ? `: ${p.violation}` : ""}`,
        seed: options.seed,
      });
    }
    if (failing.length > 0) continue;
    const passedCount = counts.get("passed") ?? 0;
    const notImplemented = counts.get("not_implemented") ?? 0;
    const verdict: Verdict =
      passedCount > 0
        ? { status: "passed" }
        : notImplemented > 0
          ? { status: "not_implemented", reason: "the target has no such route" }
          : { status: "skipped", reason: `no generated ${options.mode} request was judged by this check` };
    out.push({
      operationId,
      checkId,
      source,
      step: `${samples} generated ${options.mode} requests`,
      verdict,
      seed: options.seed,
    });
  }
  return out;
}
