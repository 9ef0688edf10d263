// Pairs what two runs of the same plan did: each step's exchanges by (source, step, operation, occurrence), each
// rule's judgements by (source, step, operation, rule, occurrence). Steps are matched after normalisation, since
// their names may carry ids or the run's prefix.

import type { CheckResult, ExchangeRecord } from "../model.ts";
import type { Unpaired } from "./model.ts";
import type { Normalizer } from "./normalize.ts";

/** One exchange of a step, with every generic check's result on it. */
export interface StepExchange {
  source: string;
  step: string;
  operationId: string;
  occurrence: number;
  exchange: ExchangeRecord;
  results: CheckResult[];
  /** Position of its first result in the run, to list differences in the run's order. */
  order: number;
}

/** One judgement of a declared rule. */
export interface RuleJudgement {
  source: string;
  step: string;
  operationId: string;
  occurrence: number;
  result: CheckResult;
  order: number;
}

export interface Indexed {
  exchanges: Map<string, StepExchange[]>;
  judgements: Map<string, RuleJudgement[]>;
}

/** Splits a run's results into exchanges (judged by the generic checks) and rule judgements, keyed for pairing. */
export function indexResults(
  results: readonly CheckResult[],
  isGenericCheck: (id: string) => boolean,
  normalize: Normalizer,
): Indexed {
  const exchanges = new Map<string, StepExchange[]>();
  const judgements = new Map<string, RuleJudgement[]>();
  const seen = new Map<string, number>();
  const next = (key: string) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  };
  results.forEach((result, order) => {
    const key = stepKey(result, normalize);
    const { source, step, operationId } = result;
    if (isGenericCheck(result.checkId)) {
      // Every generic check reports once per exchange: the n-th result of a check is about the step's n-th exchange.
      if (!result.exchange) return;
      const occurrence = next(`${key}\u0000${result.checkId}`);
      const list = exchanges.get(key) ?? [];
      exchanges.set(key, list);
      const entry = list[occurrence];
      if (entry) entry.results.push(result);
      else
        list[occurrence] = {
          source,
          step,
          operationId,
          occurrence,
          exchange: result.exchange,
          results: [result],
          order,
        };
      return;
    }
    const ruleKey = `${key}\u0000${result.checkId}`;
    const list = judgements.get(ruleKey) ?? [];
    judgements.set(ruleKey, list);
    list.push({ source, step, operationId, occurrence: next(ruleKey), result, order });
  });
  return { exchanges, judgements };
}

function stepKey(result: Pick<CheckResult, "source" | "step" | "operationId">, normalize: Normalizer): string {
  return [result.source, normalize(result.step), result.operationId].join("\u0000");
}

export interface Paired<T> {
  pairs: [T, T][];
  unpaired: Unpaired[];
}

/** Pairs entries under the same key in order; what one side has beyond the other is unpaired. */
export function pairEntries<T extends { source: string; step: string; operationId: string }>(
  target: Map<string, T[]>,
  reference: Map<string, T[]>,
): Paired<T> {
  const pairs: [T, T][] = [];
  const unpaired: Unpaired[] = [];
  const left = (side: Unpaired["side"], list: T[], from: number) => {
    const rest = list.slice(from).filter(Boolean);
    if (rest.length === 0) return;
    const { source, step, operationId } = rest[0];
    unpaired.push({ side, source, step, operationId, count: rest.length });
  };
  for (const [key, mine] of target) {
    const theirs = reference.get(key) ?? [];
    const n = Math.min(mine.length, theirs.length);
    for (let i = 0; i < n; i++) if (mine[i] && theirs[i]) pairs.push([mine[i], theirs[i]]);
    left("target", mine, n);
    left("reference", theirs, n);
  }
  for (const [key, theirs] of reference) if (!target.has(key)) left("reference", theirs, 0);
  return { pairs, unpaired };
}
