// The suite inside Vitest: `describeConformance(options)` in a test file declares one describe per area, one test per
// scenario (and per operation of the property phase), each passing, failing or skipped as its rules' verdicts say.
//
//   import { describeConformance } from "langgraph-agent-server-conformance/vitest";
//   describeConformance({ target: process.env.TARGET, runs: 0 });
//
// Each describe runs its own part of the suite (only the scenarios of its tests that Vitest runs, so that `-t` or the
// UI's re-run of one area or test runs only that), all against one embedded server when there is no target.

import { afterAll, beforeAll, describe, it, type TestContext } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../fixtures/reference-server.ts";
import {
  createReporters,
  isReporterName,
  reporterListener,
  REPORTER_NAMES,
  type ReportFiles,
} from "../reporters/index.ts";
import { mergeRuns, type RunEnd } from "../reporters/merge.ts";
import { AREAS } from "../suites/index.ts";
import { CHECKS } from "./checks/index.ts";
import { createFilter } from "./engine/filter.ts";
import { scenarioWanted, TargetUnreachable, type RunOutcome } from "./engine/run.ts";
import type { Scenario } from "./engine/scenario.ts";
import type { CheckResult, PhaseOutcome, RunListener } from "./model.ts";
import type { Area } from "./rules/area.ts";
import { InputError, planSuite, runSuite, type SuiteOptions, type SuitePlan } from "./suite-run.ts";

export interface ConformanceOptions extends Omit<SuiteOptions, "shard"> {
  /** The suite's own reports, written once every describe ran: console, json, junit, html, markdown, badge. */
  reports?: readonly string[];
  /** Where each file report goes (default: the CLI's default files). */
  reportFiles?: ReportFiles;
}

/** One test: a scenario, or one operation the property phase explores. */
export interface PlannedTest {
  name: string;
  /** The phase whose end the test waits for: the scenario's id, or "property". */
  phase: string;
  /** For the property phase: the operation the test stands for. */
  operationId?: string;
}

/** One describe: an area, the property phase, or the hazards; what its run runs and the tests it declares. */
export interface PlannedGroup {
  title: string;
  scenarios: readonly Scenario[];
  tests: readonly PlannedTest[];
  /** Bound for each of its tests, which may wait for every phase of the group before its own. */
  timeoutMs: number;
}

export const PROPERTY_GROUP = "Property phase";
export const HAZARD_GROUP = "Hazards";

/** What a test shows: passed (with notes on the rules that were not judged), failed with why, or skipped with why. */
export type TestOutcome =
  { state: "pass"; notes: string[] } | { state: "fail"; message: string } | { state: "skip"; reason: string };

/** How a phase ended and what it reported; no outcome: the run did not plan it. */
export interface PhaseEnd {
  outcome?: PhaseOutcome;
  results: readonly CheckResult[];
}

const NOT_PLANNED = "nothing it judges is selected (only/skip), or the run stopped before it";
const DEFAULT_SCENARIO_MS = 60_000;
/** Room for starting the embedded server, probing the target and cleaning up. */
const GROUP_MARGIN_MS = 90_000;

/**
 * Declares the suite under `options` in the calling test file: a describe per area with a wanted scenario, then the
 * property phase (a test per operation), then the hazards, which run last as in the command line.
 */
export function describeConformance(options: ConformanceOptions = {}): void {
  if ("shard" in options && options.shard !== undefined)
    throw new InputError("`shard` splits one run across machines: it does not apply inside Vitest");
  const reports = [...(options.reports ?? [])].flatMap((r) => r.split(",").map((s) => s.trim())).filter(Boolean);
  const unknown = reports.filter((name) => !isReporterName(name));
  if (unknown.length > 0)
    throw new InputError(`\`reports\` must name ${REPORTER_NAMES.join(", ")}, but received ${unknown.join(", ")}`);

  describe(`conformance of ${options.target ?? "the embedded official server"}`, async () => {
    const plan = await planSuite(options);
    const server = sharedEmbeddedServer(plan);
    const ends: RunEnd[] = [];

    const groups = layout(plan);
    for (const group of groups) declareGroup(plan, group, server, ends);
    if (groups.length === 0) it.skip("nothing is selected (only/skip)", () => undefined);

    afterAll(async () => {
      try {
        if (reports.length > 0 && ends.length > 0) await writeReports(reports, options.reportFiles ?? {}, ends);
      } finally {
        await server.stop();
      }
    }, 60_000);
  });
}

/** The describes of a plan, in the order the command line runs them: areas, the property phase, the hazards. */
export function layout(plan: SuitePlan, areas: readonly Area[] = AREAS): PlannedGroup[] {
  const wanted = scenarioSelector(plan);
  const planned = new Set(plan.scenarios);
  const group = (title: string, scenarios: readonly Scenario[], tests: readonly PlannedTest[]): PlannedGroup => ({
    title,
    scenarios,
    tests,
    timeoutMs: scenarios.reduce((sum, s) => sum + (s.timeoutMs ?? DEFAULT_SCENARIO_MS), GROUP_MARGIN_MS),
  });
  const asTests = (scenarios: readonly Scenario[]) =>
    scenarios.map((s): PlannedTest => ({ name: `${s.id}: ${s.title}`, phase: s.id }));
  const groups: PlannedGroup[] = [];
  for (const area of areas) {
    const scenarios = area.scenarios.filter((s) => !s.hazard && planned.has(s) && wanted(s));
    if (scenarios.length > 0) groups.push(group(area.title, scenarios, asTests(scenarios)));
  }
  const property = plan.scenarios.find((s) => !areas.some((a) => a.scenarios.includes(s)));
  if (property) {
    const operations = propertyOperations(plan, property);
    if (operations.length > 0) {
      const tests = operations.map((op): PlannedTest => ({
        name: `${op.operationId}: ${op.method} ${op.path}`,
        phase: property.id,
        operationId: op.operationId,
      }));
      groups.push(group(PROPERTY_GROUP, [property], tests));
    }
  }
  const hazards = areas.flatMap((a) => a.scenarios.filter((s) => s.hazard && planned.has(s) && wanted(s)));
  if (hazards.length > 0) groups.push(group(HAZARD_GROUP, hazards, asTests(hazards)));
  return groups;
}

/**
 * Whether a scenario may report anything under the plan's only/skip: its tag is wanted, and a rule or a generic check
 * on an operation it covers is (as the engine decides which scenarios to run).
 */
function scenarioSelector(plan: SuitePlan): (scenario: Scenario) => boolean {
  const filter = createFilter(
    { only: plan.options.only, skip: plan.options.skip },
    plan.catalogue,
    plan.spec.operations,
  );
  const byKey = new Map(plan.spec.operations.map((op) => [`${op.method} ${op.path}`, op]));
  const find = (op: string) => byKey.get(op) ?? plan.spec.byId.get(op);
  return (scenario) => scenarioWanted(scenario, find, filter, CHECKS);
}

/** The operations the property phase explores under the plan's only/skip. */
function propertyOperations(plan: SuitePlan, property: Scenario) {
  const filter = createFilter(
    { only: plan.options.only, skip: plan.options.skip },
    plan.catalogue,
    plan.spec.operations,
  );
  const checks = property.checks ?? [];
  return plan.spec.operations.filter(
    (op) => property.covers.includes(`${op.method} ${op.path}`) && checks.some((c) => filter.wants(op, c)),
  );
}

/** What a test shows for its phase's end (for a property phase test: for its operation's results). */
export function testOutcome(end: PhaseEnd): TestOutcome {
  const { outcome, results } = end;
  if (!outcome) return { state: "skip", reason: NOT_PLANNED };
  const problems = [
    ...(outcome.status === "errored" ? [`the scenario errored: ${outcome.reason}`] : []),
    ...(outcome.status === "interrupted" ? [`the scenario was interrupted: ${outcome.reason}`] : []),
    ...failures(results),
    ...errors(results, outcome.status === "errored" ? outcome.reason : undefined),
  ];
  if (problems.length > 0) return { state: "fail", message: problems.join("\n\n") };
  if (outcome.status === "skipped") return { state: "skip", reason: outcome.reason };
  const judged = rulesOf(results);
  const notes = unjudged(judged);
  if (judged.some((r) => r.verdict.status === "passed")) return { state: "pass", notes };
  return { state: "skip", reason: notes.join("; ") || "it reported no result" };
}

/** A property phase test's part: its operation's results; a phase error counts only where nothing was reported. */
export function operationEnd(end: PhaseEnd, operationId: string): PhaseEnd {
  const results = end.results.filter((r) => r.operationId === operationId);
  const reached = results.length > 0 && end.outcome?.status === "errored";
  return { ...(end.outcome ? { outcome: reached ? { status: "ran" } : end.outcome } : {}), results };
}

/** Every distinct finding, with the exchange that shows it (as curl). */
function failures(results: readonly CheckResult[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of results) {
    if (r.verdict.status !== "failed") continue;
    for (const finding of r.verdict.findings) {
      if (seen.has(finding.key)) continue;
      seen.add(finding.key);
      const head = `${finding.checkId} (${finding.severity}) on ${finding.operationId}, ${r.step}: ${finding.message}`;
      lines.push(r.exchange ? `${head}\n  ${r.exchange.curl}` : head);
    }
  }
  return lines;
}

/** Suite errors, one line per message with the rules it stopped; `known` (already said) is left out. */
function errors(results: readonly CheckResult[], known?: string): string[] {
  const byMessage = new Map<string, Set<string>>();
  for (const r of results) {
    if (r.verdict.status !== "errored" || r.verdict.message === known) continue;
    const rules = byMessage.get(r.verdict.message) ?? new Set();
    byMessage.set(r.verdict.message, rules.add(r.checkId));
  }
  return [...byMessage].map(([message, rules]) => `errored (${list([...rules])}): ${message}`);
}

const GENERIC_CHECKS = new Set(CHECKS.map((c) => c.id));

/**
 * What decides whether a test passed or was skipped: the scenario's own rules, or the generic checks where it reported
 * nothing else (the property phase). A scenario's exchanges leave many generic checks inapplicable (skipped).
 */
const rulesOf = (results: readonly CheckResult[]): readonly CheckResult[] => {
  const rules = results.filter((r) => !GENERIC_CHECKS.has(r.checkId));
  return rules.length > 0 ? rules : results;
};

/** The rules not judged (skipped, not implemented), grouped by reason. */
function unjudged(results: readonly CheckResult[]): string[] {
  const byReason = new Map<string, Set<string>>();
  for (const r of results) {
    const v = r.verdict;
    if (v.status !== "skipped" && v.status !== "not_implemented") continue;
    const key = `${v.status === "skipped" ? "skipped" : "not implemented"}: ${v.reason}`;
    byReason.set(key, (byReason.get(key) ?? new Set()).add(r.checkId));
  }
  return [...byReason].map(([reason, rules]) => `${reason} (${list([...rules])})`);
}

const list = (ids: string[], max = 4) =>
  ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;

/** Shows an outcome in the running test: a failure throws, a skip skips, notes become annotations. */
export async function report(outcome: TestOutcome, ctx: TestContext): Promise<void> {
  if (outcome.state === "fail") throw new ConformanceFailure(outcome.message);
  if (outcome.state === "skip") ctx.skip(outcome.reason);
  for (const note of outcome.notes) await ctx.annotate(note, "notice");
}

/** A departure from the API: its message says everything, a stack into the suite would say nothing more. */
export class ConformanceFailure extends Error {
  override name = "ConformanceFailure";
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/** Follows one run's events: each phase's end and results, and the run's end. */
export class RunTracker {
  private readonly results = new Map<string, CheckResult[]>();
  private readonly waiting = new Map<string, Deferred>();
  private readonly ended = new Set<string>();
  private settled?: { error?: unknown };
  runEnd?: RunEnd;

  readonly listener: RunListener = (event) => {
    if (event.type === "check-result") {
      const phase = phaseOf(event.result.source);
      this.results.set(phase, [...(this.results.get(phase) ?? []), event.result]);
    } else if (event.type === "phase-end") {
      this.ended.add(event.phase);
      this.entry(event.phase).resolve({ outcome: event.outcome, results: this.results.get(event.phase) ?? [] });
    } else if (event.type === "run-end") {
      this.runEnd = event;
    }
  };

  /** Resolves when the phase ends, or when the run ends without it; rejects when the run fails. */
  phase(id: string): Promise<PhaseEnd> {
    return this.entry(id).promise;
  }

  /** Whether the run is over or has ended every one of these phases. */
  done(phases: Iterable<string>): boolean {
    return this.settled !== undefined || [...phases].every((id) => this.ended.has(id));
  }

  /** The run is over: phases it did not end never will; an error fails every test still waiting. */
  settle(error?: unknown): void {
    this.settled = error === undefined ? {} : { error };
    for (const [id, entry] of this.waiting) this.finish(id, entry);
  }

  private entry(id: string): Deferred {
    let entry = this.waiting.get(id);
    if (!entry) {
      const deferred: Partial<Deferred> = {};
      deferred.promise = new Promise<PhaseEnd>((resolve, reject) => Object.assign(deferred, { resolve, reject }));
      entry = deferred as Deferred;
      this.waiting.set(id, entry);
      if (this.settled) this.finish(id, entry);
    }
    return entry;
  }

  private finish(id: string, entry: Deferred) {
    if (this.settled?.error !== undefined) entry.reject(this.settled.error);
    else entry.resolve({ results: this.results.get(id) ?? [] });
  }
}

interface Deferred {
  promise: Promise<PhaseEnd>;
  resolve(end: PhaseEnd): void;
  reject(error: unknown): void;
}

/** The phase a result belongs to: "scenario:<id>" -> <id>; the property phase's "property:<mode>" -> "property". */
const phaseOf = (source: string): string =>
  source.startsWith("scenario:") ? source.slice("scenario:".length) : source.split(":")[0]!;

interface SharedServer {
  /** The embedded server, started on first use; none when the plan has a target. */
  url(): Promise<{ url: string } | undefined>;
  stop(): Promise<void>;
}

function sharedEmbeddedServer(plan: SuitePlan): SharedServer {
  let starting: Promise<ReferenceServer> | undefined;
  return {
    async url() {
      if (plan.options.target) return undefined;
      starting ??= startReferenceServer({
        auth: true,
        ...(plan.options.serverLog ? { logFile: plan.options.serverLog } : {}),
      }).catch((err: Error) => {
        throw new TargetUnreachable(`the embedded official server did not start: ${err.message}`);
      });
      return { url: (await starting).url };
    },
    async stop() {
      await starting?.then((s) => s.stop()).catch(() => undefined);
    },
  };
}

function declareGroup(plan: SuitePlan, group: PlannedGroup, server: SharedServer, ends: RunEnd[]): void {
  describe(group.title, () => {
    const tracker = new RunTracker();
    const controller = new AbortController();
    let running: Promise<RunOutcome | undefined> | undefined;
    let phases = new Set<string>();
    const byName = new Map(group.tests.map((t) => [t.name, t]));

    beforeAll(({}, suite) => {
      // Only what Vitest runs of this describe (all of it, or what `-t` or a re-run picked).
      const picked = suite.tasks.flatMap((t) =>
        t.type === "test" && t.mode !== "skip" && t.mode !== "todo" ? [byName.get(t.name)!] : [],
      );
      phases = new Set(picked.map((t) => t.phase));
      const scenarios = group.scenarios.filter((s) => phases.has(s.id));
      if (scenarios.length === 0) return;
      const skipped = group.tests.filter((t) => t.operationId && !picked.includes(t)).map((t) => t.operationId!);
      const part: SuitePlan = {
        ...plan,
        options: { ...plan.options, skip: [...plan.options.skip, ...skipped] },
        scenarios,
      };
      running = (async () => {
        const embeddedServer = await server.url();
        return runSuite(part, {
          listeners: [tracker.listener],
          signal: controller.signal,
          ...(embeddedServer ? { embeddedServer } : {}),
        });
      })();
      running.then(
        () => tracker.settle(),
        (err: unknown) => tracker.settle(err),
      );
    });

    afterAll(async () => {
      // Tests that gave up leave their run going: stop it, it cleans up what it created.
      if (!tracker.done(phases)) controller.abort();
      const outcome = await running?.catch(() => undefined);
      for (const leftover of outcome?.leftovers ?? []) console.warn(`conformance: could not clean up ${leftover}`);
      if (tracker.runEnd) ends.push(tracker.runEnd);
    }, GROUP_MARGIN_MS);

    for (const test of group.tests) {
      it(test.name, { timeout: group.timeoutMs }, async (ctx) => {
        // A test that times out or is cancelled (Ctrl-C, the UI's stop) interrupts the run: it cleans up and ends.
        const interrupt = () => controller.abort();
        ctx.signal.addEventListener("abort", interrupt, { once: true });
        try {
          const end = await tracker.phase(test.phase);
          await report(testOutcome(test.operationId ? operationEnd(end, test.operationId) : end), ctx);
        } finally {
          ctx.signal.removeEventListener("abort", interrupt);
        }
      });
    }
  });
}

async function writeReports(names: readonly string[], files: ReportFiles, ends: readonly RunEnd[]): Promise<void> {
  const merged = mergeRuns([...ends]);
  const listener = reporterListener(createReporters(names, files, process.stdout));
  await listener({ type: "run-start", run: merged.run });
  await listener(merged);
}
