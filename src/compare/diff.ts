// Compares two runs of the same plan (same scenarios, same seed): per step, the status, the body's shape and a
// stream's events; per rule, the verdict. Each difference says whether the document decides it.

import type { CheckResult, ExchangeRecord, RunInfo, Verdict } from "../model.ts";
import { eventSequence, eventsDiffer, readBody, type Body } from "./body.ts";
import type { Comparison, Difference, Standing } from "./model.ts";
import { makeNormalizer, type Normalizer } from "./normalize.ts";
import { indexResults, pairEntries, type RuleJudgement, type StepExchange } from "./pair.ts";
import { diffShapes, shapeOf } from "./shape.ts";

/** What a comparison needs of a run: its info and its results. */
export interface ComparedRun {
  run: Pick<RunInfo, "prefix" | "seed" | "target"> & { rules: readonly { id: string; kind: "check" | "rule" }[] };
  results: readonly CheckResult[];
}

export interface CompareOptions {
  /** How the reference was named: "reference", "reference-python" or its URL. */
  reference: string;
  failOnDifference?: boolean;
}

/** How many shape differences a summary names before "and N more". */
const SUMMARY_PATHS = 3;

export function compareRuns(target: ComparedRun, reference: ComparedRun, options: CompareOptions): Comparison {
  const normalize = makeNormalizer([target.run.prefix, reference.run.prefix]);
  const generic = new Set(
    [...target.run.rules, ...reference.run.rules].filter((r) => r.kind === "check").map((r) => r.id),
  );
  const isGeneric = (id: string) => generic.has(id);
  const mine = indexResults(target.results, isGeneric, normalize);
  const theirs = indexResults(reference.results, isGeneric, normalize);
  const exchanges = pairEntries(mine.exchanges, theirs.exchanges);
  const judgements = pairEntries(mine.judgements, theirs.judgements);
  const found: { order: number; difference: Difference }[] = [];
  for (const [t, r] of exchanges.pairs)
    for (const difference of compareExchanges(t, r, normalize)) found.push({ order: t.order, difference });
  for (const [t, r] of judgements.pairs) {
    const difference = compareJudgements(t, r);
    if (difference) found.push({ order: t.order, difference });
  }
  found.sort((a, b) => a.order - b.order);
  return {
    reference: options.reference,
    referenceUrl: reference.run.target,
    referencePrefix: reference.run.prefix,
    seed: reference.run.seed,
    differences: found.map((f) => f.difference),
    unpaired: exchanges.unpaired,
    failOnDifference: options.failOnDifference === true,
  };
}

/** A side departs from the document when a result on it failed or found the route missing. */
const departs = (results: readonly CheckResult[]): boolean =>
  results.some((r) => r.verdict.status === "failed" || r.verdict.status === "not_implemented");

function standingOf(target: readonly CheckResult[], reference: readonly CheckResult[]): Standing {
  if (departs(target)) return "target-departs";
  if (departs(reference)) return "reference-departs";
  return "silent";
}

function compareExchanges(t: StepExchange, r: StepExchange, normalize: Normalizer): Difference[] {
  const base = {
    standing: standingOf(t.results, r.results),
    source: t.source,
    step: t.step,
    operationId: t.operationId,
    occurrence: t.occurrence,
    exchanges: { target: t.exchange, reference: r.exchange },
  };
  const status = statusDifference(t.exchange, r.exchange);
  if (status) return [{ ...base, kind: "status", ...status }];
  const body = bodyDifference(t.exchange, r.exchange, normalize);
  if (body) return [{ ...base, ...body }];
  // Same status, same shape: what the generic checks say of each side may still differ.
  return verdictDifferences(t, r);
}

type Found = Pick<Difference, "target" | "reference" | "detail">;

function statusText(exchange: ExchangeRecord): string {
  return exchange.response ? String(exchange.response.status) : `no response (${exchange.error ?? "transport error"})`;
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

function statusDifference(t: ExchangeRecord, r: ExchangeRecord): Found | undefined {
  if (!t.response && !r.response) return undefined;
  if (t.response && r.response && t.response.status === r.response.status) return undefined;
  const classes =
    t.response && r.response
      ? statusClass(t.response.status) === statusClass(r.response.status)
        ? `same class (${statusClass(t.response.status)}), different code`
        : `different class (${statusClass(t.response.status)} / ${statusClass(r.response.status)})`
      : "one side had no response";
  return { target: statusText(t), reference: statusText(r), detail: [classes] };
}

const KIND_TEXT: Record<Body["kind"], string> = {
  empty: "empty body",
  json: "JSON",
  stream: "event stream",
  text: "text",
};

function bodyDifference(
  t: ExchangeRecord,
  r: ExchangeRecord,
  normalize: Normalizer,
): (Found & { kind: "shape" | "events" }) | undefined {
  if (!t.response || !r.response) return undefined;
  const mine = readBody(t.response, normalize);
  const theirs = readBody(r.response, normalize);
  if (mine.kind === "json" && theirs.kind === "json") {
    const paths = diffShapes(shapeOf(mine.value, normalize), shapeOf(theirs.value, normalize));
    if (paths.length === 0) return undefined;
    const summary = (side: "target" | "reference") =>
      paths
        .slice(0, SUMMARY_PATHS)
        .map((d) => `${d.path}: ${d[side]}`)
        .join(", ") + (paths.length > SUMMARY_PATHS ? `, and ${paths.length - SUMMARY_PATHS} more` : "");
    return {
      kind: "shape",
      target: summary("target"),
      reference: summary("reference"),
      detail: paths.map((d) => `${d.path}: ${d.target} / ${d.reference}`),
    };
  }
  if (mine.kind === "stream" && theirs.kind === "stream") {
    if (!eventsDiffer(mine, theirs)) return undefined;
    const sequence = (body: typeof mine) =>
      `${eventSequence(body.events).join(" → ") || "no events"}${body.truncated ? " … (cut off)" : ""}`;
    return {
      kind: "events",
      target: sequence(mine),
      reference: sequence(theirs),
      detail: [`target: ${mine.events.join(", ")}`, `reference: ${theirs.events.join(", ")}`],
    };
  }
  if (mine.kind === theirs.kind) return undefined;
  // A cut-off text body may be JSON that did not fit the report: its kind is unknown.
  if ((mine.kind === "text" && mine.truncated) || (theirs.kind === "text" && theirs.truncated)) return undefined;
  return { kind: "shape", target: KIND_TEXT[mine.kind], reference: KIND_TEXT[theirs.kind], detail: ["/: body kind"] };
}

function verdictText(verdict: Verdict): string {
  if (verdict.status === "failed") return `failed: ${verdict.findings[0]?.message ?? "no finding"}`;
  return verdict.status;
}

/** Passed on one side and failed on the other: the only verdict difference that says something about behaviour. */
function splitVerdicts(t: CheckResult, r: CheckResult): boolean {
  const statuses = [t.verdict.status, r.verdict.status].sort().join();
  return statuses === "failed,passed";
}

function verdictDifferences(t: StepExchange, r: StepExchange): Difference[] {
  return t.results.flatMap((mine): Difference[] => {
    const theirs = r.results.find((x) => x.checkId === mine.checkId);
    if (!theirs || !splitVerdicts(mine, theirs)) return [];
    return [
      {
        kind: "verdict",
        standing: mine.verdict.status === "failed" ? "target-departs" : "reference-departs",
        source: t.source,
        step: t.step,
        operationId: t.operationId,
        occurrence: t.occurrence,
        ruleId: mine.checkId,
        target: verdictText(mine.verdict),
        reference: verdictText(theirs.verdict),
        detail: [],
        exchanges: { target: t.exchange, reference: r.exchange },
      },
    ];
  });
}

function compareJudgements(t: RuleJudgement, r: RuleJudgement): Difference | undefined {
  if (!splitVerdicts(t.result, r.result)) return undefined;
  return {
    kind: "verdict",
    standing: t.result.verdict.status === "failed" ? "target-departs" : "reference-departs",
    source: t.source,
    step: t.step,
    operationId: t.operationId,
    occurrence: t.occurrence,
    ruleId: t.result.checkId,
    target: verdictText(t.result.verdict),
    reference: verdictText(r.result.verdict),
    detail: [],
    exchanges: {
      ...(t.result.exchange ? { target: t.result.exchange } : {}),
      ...(r.result.exchange ? { reference: r.result.exchange } : {}),
    },
  };
}
