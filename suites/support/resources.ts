// Creating what steps need (assistants, threads, runs), each registered for cleanup, and the inputs the graphs accept.

import type { Claim } from "../../src/engine/ownership.ts";
import { ScenarioStopped, type ScenarioContext } from "../../src/engine/scenario.ts";
import type { Rule } from "../../src/rules/rule.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import { GRAPH_IDS, SAMPLE_INPUT } from "../../fixtures/graphs.ts";
import { pick, why, type Json } from "./answers.ts";

export { GRAPH_IDS };
export const INPUT = SAMPLE_INPUT;

/** Bounds for reading a run's event stream: a short graph finishes well within them. */
export const STREAM_BOUNDS = { maxEvents: 200, maxMs: 10_000 };

/** Reads a string field of a successful answer; skips the rest of the scenario when the step failed. */
export function need(ctx: ScenarioContext, outcome: StepOutcome, field: string): string {
  const value = pick(outcome.json, field);
  if (outcome.ok && typeof value === "string") return value;
  const why =
    outcome.notImplemented ??
    (outcome.status !== undefined ? `answered ${outcome.status}` : (outcome.exchange.error?.message ?? "failed"));
  return ctx.skip(`${outcome.operation.operationId} ${why}, so the steps that need its ${field} cannot run`, outcome);
}

/** Metadata that marks what one scenario created, so its searches see only its own resources. */
export const marker = (ctx: ScenarioContext, scenario: string): Record<string, string> => ({
  ...ctx.metadata,
  conformance_scenario: scenario,
});

/** One message, in the form every fixture graph's `messages` channel accepts. */
export const human = (content: string) => ({ messages: [{ role: "human", content }] });

/** A human message as run input. */
export const say = (text: string) => ({ input: human(text) });

/** Config that makes the slow fixture graph sleep this long. */
export const delay = (ms: number) => ({ config: { configurable: { delay_ms: ms } } });

export const runBody = (assistantId: string, extra: Json = {}) => ({
  assistant_id: assistantId,
  input: INPUT,
  ...extra,
});

/**
 * Creates an assistant of the run for one of the fixture graphs, to update and delete as the scenario needs, and
 * skips the scenario (never fails it) when the target does not serve that graph: some servers accept any graph_id on
 * create, so the graph itself is read back.
 */
export async function createAssistant(ctx: ScenarioContext, graphId: string = GRAPH_IDS.echo, extra: Json = {}) {
  const created = await ctx.call(createStep(ctx, graphId, extra));
  const id = need(ctx, created, "assistant_id");
  await own(ctx, "assistant", id, created.json);
  ctx.defer({ op: "DELETE /assistants/{assistant_id}", step: `delete assistant ${id}`, params: { assistant_id: id } });
  await graphServed(ctx, id, graphId);
  return id;
}

/**
 * An assistant to run a fixture graph with: one the run creates, or, where the target makes none for the run (it
 * answers a create with an assistant it already had), the graph's own id, which the API accepts wherever an
 * assistant id is and which the run only ever runs, never changes.
 */
export async function graphAssistant(ctx: ScenarioContext, graphId: string = GRAPH_IDS.echo): Promise<string> {
  return (await graphAssistantOf(ctx, graphId)).id;
}

/** Like `graphAssistant`, and says whether the assistant is the run's own (which it may update and delete). */
export async function graphAssistantOf(ctx: ScenarioContext, graphId: string): Promise<{ id: string; owned: boolean }> {
  const created = await ctx.call(createStep(ctx, graphId, {}));
  const id = need(ctx, created, "assistant_id");
  if (await owns(ctx, "assistant", id, created.json)) {
    ctx.defer({
      op: "DELETE /assistants/{assistant_id}",
      step: `delete assistant ${id}`,
      params: { assistant_id: id },
    });
    await graphServed(ctx, id, graphId);
    return { id, owned: true };
  }
  const listed = await ctx.call({
    op: "POST /assistants/search",
    step: `find the assistant the target has for graph ${graphId}`,
    body: { graph_id: graphId, limit: 100 },
    report: false,
  });
  const found = Array.isArray(listed.json) && listed.json.some((a) => pick(a, "assistant_id") === graphId);
  if (!found) ctx.skip(`the target makes no assistant for this run and lists none for the fixture graph ${graphId}`);
  return { id: graphId, owned: false };
}

const createStep = (ctx: ScenarioContext, graphId: string, extra: Json): Step => ({
  op: "POST /assistants",
  step: `create an assistant for graph ${graphId}`,
  body: { graph_id: graphId, name: `${ctx.prefix}-${graphId}`, metadata: ctx.metadata, config: {}, ...extra },
  sdk: "assistants.create",
});

async function graphServed(ctx: ScenarioContext, assistantId: string, graphId: string): Promise<void> {
  const graph = await ctx.call({
    op: "GET /assistants/{assistant_id}/graph",
    step: `check that graph ${graphId} is served`,
    params: { assistant_id: assistantId },
    report: false,
  });
  if (graph.ok) return;
  const missing = graph.status === 404 || graph.notImplemented;
  ctx.skip(
    missing
      ? `the target does not serve the fixture graph ${graphId} (its assistant's graph answered ${why(graph)}); see fixtures/README.md`
      : `the graph of the fixture ${graphId} could not be read (${why(graph)}), so the scenario cannot tell it is served`,
  );
}

export async function createThread(ctx: ScenarioContext, extra: Json = {}): Promise<string> {
  const created = await ctx.call({
    op: "POST /threads",
    step: "create a thread",
    body: { metadata: ctx.metadata, ...extra },
    sdk: "threads.create",
  });
  const id = need(ctx, created, "thread_id");
  await own(ctx, "thread", id, created.json);
  ctx.defer({ op: "DELETE /threads/{thread_id}", step: `delete thread ${id}`, params: { thread_id: id } });
  return id;
}

const READ_BACK = {
  assistant: { op: "GET /assistants/{assistant_id}", param: "assistant_id" },
  thread: { op: "GET /threads/{thread_id}", param: "thread_id" },
  cron: { op: "GET /runs/crons/{cron_id}", param: "cron_id" },
} as const;

/**
 * Reads back what a create of this run answered and claims it. When it is not proven this run's (an id answered
 * before, no run metadata, not readable), the scenario stops and leaves the resource alone: it is never updated or
 * deleted. `shown`, the create's own answer, is the proof where the server has no way to read the resource back.
 */
export async function own(ctx: ScenarioContext, kind: Kind, id: string, shown?: unknown): Promise<void> {
  const claim = await claimCreated(ctx, kind, id, shown);
  if (!claim.owned) ctx.skip(`${claim.reason}, so the run leaves it alone`);
}

/** Like `own`, but answers whether the resource is the run's instead of stopping the scenario. */
export async function owns(ctx: ScenarioContext, kind: Kind, id: string, shown?: unknown): Promise<boolean> {
  return (await claimCreated(ctx, kind, id, shown)).owned;
}

type Kind = keyof typeof READ_BACK;

const DELETE = {
  assistant: "DELETE /assistants/{assistant_id}",
  thread: "DELETE /threads/{thread_id}",
  cron: "DELETE /runs/crons/{cron_id}",
} as const;

/**
 * Judges that two creates make two new resources of the run (new ids that read back with the run's metadata), and
 * deletes at cleanup only those that are. `create(n)` is the n-th create step (1 and 2).
 */
export async function judgeCreatesAreNew(ctx: ScenarioContext, rule: Rule, kind: Kind, create: (n: number) => Step) {
  const { param } = READ_BACK[kind];
  const outcomes = [await ctx.call(create(1)), await ctx.call(create(2))];
  const refused = outcomes.find((o) => !o.ok);
  if (refused) return ctx.skipRule(rule, `${refused.operation.operationId} ${why(refused)}`, { evidence: refused });
  const problems: string[] = [];
  for (const outcome of outcomes) {
    const id = pick(outcome.json, param);
    if (typeof id !== "string") {
      problems.push(`a create answered no ${param}`);
      continue;
    }
    const claim = await claimCreated(ctx, kind, id, outcome.json);
    if (claim.owned) ctx.defer({ op: DELETE[kind], step: `delete ${kind} ${id}`, params: { [param]: id } });
    else problems.push(claim.reason);
  }
  await ctx.holds(rule, {
    evidence: outcomes[1],
    ok: problems.length === 0,
    expected: `two new ${kind}s, each reading back with the metadata given`,
    actual: problems,
  });
}

export async function claimCreated(ctx: ScenarioContext, kind: Kind, id: string, shown: unknown): Promise<Claim> {
  const { op, param } = READ_BACK[kind];
  let proof = shown;
  if (ctx.has(op)) {
    const read = {
      op,
      step: `read ${kind} ${id} back`,
      params: { [param]: id },
      report: false,
      expect: "any",
    } as const;
    let back;
    try {
      back = await ctx.call(read);
    } catch (err) {
      // Stopped (time up, or the run interrupted) while the create was in flight: nothing more may be sent, but what
      // the create made must still be cleaned up, so its own answer is the proof.
      if (!(err instanceof ScenarioStopped) || proof === undefined) throw err;
      return ctx.claim(kind, id, proof);
    }
    // Where reading back fails, the create's own answer is the proof.
    if (back.ok) proof = back.json;
    else if (proof === undefined) return { owned: false, reason: `${kind} ${id} cannot be read back (${why(back)})` };
  }
  return ctx.claim(kind, id, proof);
}

/** A thread with one finished run of the echo graph, so state, history and checkpoints exist. */
export async function threadWithRun(ctx: ScenarioContext, assistantId: string): Promise<string> {
  const threadId = await createThread(ctx);
  const waited = await ctx.call({
    op: "POST /threads/{thread_id}/runs/wait",
    step: "run the echo graph to completion on the thread",
    params: { thread_id: threadId },
    body: { assistant_id: assistantId, input: INPUT },
    sdk: "runs.wait",
  });
  if (!waited.ok)
    ctx.skip(`waitRun answered ${waited.status ?? waited.exchange.error?.message}, so the thread has no state to read`);
  return threadId;
}
