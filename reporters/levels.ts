// The level a target reaches: core, standard or full, from the verdicts of the catalogue's rules at each level.
import type { VerdictStatus } from "../src/model.ts";
import { capabilityOfPath, LEVELS } from "../src/rules/rule.ts";
import { aggregateStatus } from "./summarize.ts";
import type { ResultView, RunEndExtras, RunView } from "./types.ts";

export type Level = (typeof LEVELS)[number];
export type LevelReached = "none" | "core" | "standard" | "full";
export const LEVELS_REACHED: readonly LevelReached[] = ["none", "core", "standard", "full"];

export type RuleStatus = VerdictStatus | "not_run";
export type LevelCounts = Record<RuleStatus, number>;

/** A rule (or a check, on the operations of one level) that keeps the target from a level. */
export interface Blocker {
  level: Level;
  ruleId: string;
  status: "failed" | "errored" | "not_implemented";
  /** The capability it is about, for optional rules and the checks of a capability's operations. */
  capability?: string;
}

export interface LevelReport {
  reached: LevelReached;
  /** Rules by status at each level; optional counts only the capabilities the target has. */
  counts: Record<Level, LevelCounts>;
  blockers: Blocker[];
  /** Capabilities the target has (declared, or seen working), whose optional rules count towards "full". */
  capabilities: string[];
  /** The run did not judge every rule (a selection, an interruption): the level holds for what was judged. */
  partial: boolean;
}

const emptyCounts = (): LevelCounts => ({
  passed: 0,
  failed: 0,
  skipped: 0,
  not_implemented: 0,
  errored: 0,
  not_run: 0,
});

const BLOCKING = new Set<RuleStatus>(["failed", "errored", "not_implemented"]);

/**
 * A capability is the target's when it declares it (GET /info), or, declaring nothing of it, when the run saw it work.
 * A declared capability is held to its rules even where the run saw it fail.
 */
export function capabilitiesOf(capabilities: RunEndExtras["capabilities"]): Set<string> {
  const has = new Set<string>();
  const ids = new Set(capabilities.flatMap((c) => (c.id ? [c.id] : [])));
  for (const id of ids) {
    const entries = capabilities.filter((c) => c.id === id);
    const declared = entries.find((c) => c.declared !== undefined)?.declared;
    if (declared ?? entries.some((c) => c.supported)) has.add(id);
  }
  return has;
}

/**
 * Each result counts at the level of its rule, except where it is about a capability (an optional rule, or a check
 * on an operation of that capability): there it counts as optional, and only when the target has the capability.
 * A level is reached when no rule at it or below failed, errored or is not implemented.
 */
export function levelsOf(
  run: RunView,
  results: readonly ResultView[],
  extras: Pick<RunEndExtras, "capabilities" | "reason">,
): LevelReport {
  const has = capabilitiesOf(extras.capabilities);
  const rules = new Map(run.rules.map((r) => [r.id, r]));
  const paths = new Map(run.operations.map((o) => [o.operationId, o.path]));
  const statuses = new Map<string, { level: Level; ruleId: string; capability?: string; seen: VerdictStatus[] }>();
  for (const result of results) {
    const rule = rules.get(result.checkId);
    if (!rule) continue;
    const path = paths.get(result.operationId);
    const about = path !== undefined ? capabilityOfPath(path) : undefined;
    // A rule of one capability judged on an operation of another (auth isolation of a cron) needs both.
    if ([rule.capability, about].some((c) => c !== undefined && !has.has(c))) continue;
    const capability = rule.capability ?? about;
    const level: Level = capability !== undefined ? "optional" : rule.level;
    const slot = `${level}\u0000${rule.id}\u0000${capability ?? ""}`;
    let entry = statuses.get(slot);
    if (!entry)
      statuses.set(slot, (entry = { level, ruleId: rule.id, ...(capability ? { capability } : {}), seen: [] }));
    entry.seen.push(result.verdict.status);
  }
  const counts = { core: emptyCounts(), standard: emptyCounts(), optional: emptyCounts() };
  const blockers: Blocker[] = [];
  for (const { level, ruleId, capability, seen } of statuses.values()) {
    const status = aggregateStatus(seen) as VerdictStatus;
    counts[level][status] += 1;
    if (BLOCKING.has(status))
      blockers.push({ level, ruleId, status: status as Blocker["status"], ...(capability ? { capability } : {}) });
  }
  // Rules no result reached, at their own level (optional ones only for a capability the target has).
  const judged = new Set([...statuses.values()].map((s) => s.ruleId));
  for (const rule of run.rules) {
    if (judged.has(rule.id) || rule.kind === "check") continue;
    if (rule.capability !== undefined && !has.has(rule.capability)) continue;
    counts[rule.level].not_run += 1;
  }
  const blocked = (level: Level) => blockers.some((b) => b.level === level);
  const reached: LevelReached = blocked("core")
    ? "none"
    : blocked("standard")
      ? "core"
      : blocked("optional")
        ? "standard"
        : "full";
  const selection = run.selection;
  const partial =
    extras.reason === "interrupted" || (selection !== undefined && selection.only.length + selection.skip.length > 0);
  return { reached, counts, blockers, capabilities: [...has].sort(), partial };
}

/** Whether `reached` is at least `wanted`. */
export const atLeast = (reached: LevelReached, wanted: LevelReached): boolean =>
  LEVELS_REACHED.indexOf(reached) >= LEVELS_REACHED.indexOf(wanted);
