// For the scenario tests: runs scenarios against the fake with planted faults and reads back the verdicts of their rules.

import { CHECKS } from "../src/checks/index.ts";
import { runConformance, type RunOutcome } from "../src/engine/run.ts";
import type { Scenario } from "../src/engine/scenario.ts";
import type { CheckResult, VerdictStatus } from "../src/model.ts";
import { loadSpec, type LoadedSpec } from "../src/spec/load.ts";
import { startFake } from "./scenario-fakes.ts";

let spec: Promise<LoadedSpec> | undefined;

export async function runOnFake(scenarios: readonly Scenario[], faults: readonly string[] = []): Promise<RunOutcome> {
  const server = await startFake(faults);
  try {
    return await runConformance({
      spec: await (spec ??= loadSpec()),
      target: server.url,
      embedded: false,
      headers: {},
      timeoutMs: 5_000,
      seed: 1,
      selection: { only: [], skip: [] },
      scenarios,
      listeners: [],
    });
  } finally {
    await server.close();
  }
}

const GENERIC = new Set([...CHECKS.map((c) => c.id), "scenario"]);

/** The results of the scenarios' own rules (ctx.assert and rule skips), not of the generic response checks. */
export const ruleResults = (outcome: RunOutcome): CheckResult[] => outcome.results.filter((r) => !GENERIC.has(r.checkId));

/** Every verdict of a rule, optionally for one SDK method. */
export const verdictsOf = (outcome: RunOutcome, check: string, sdk?: string): VerdictStatus[] =>
  ruleResults(outcome).filter((r) => r.checkId === check && (sdk === undefined || r.sdkMethod === sdk)).map((r) => r.verdict.status);

/** Rule id -> its distinct verdicts, comma-separated (one for a rule asserted once). */
export function summary(outcome: RunOutcome): Record<string, string> {
  const byRule = new Map<string, Set<string>>();
  for (const r of ruleResults(outcome)) byRule.set(r.checkId, (byRule.get(r.checkId) ?? new Set()).add(r.verdict.status));
  return Object.fromEntries([...byRule].map(([rule, statuses]) => [rule, [...statuses].sort().join(",")]));
}

export const errored = (outcome: RunOutcome) => outcome.results.filter((r) => r.verdict.status === "errored");
