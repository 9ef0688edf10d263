// Creating what steps need (assistants, threads, runs), each registered for cleanup, and the inputs the graphs accept.

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { GRAPH_IDS, SAMPLE_INPUT } from "../../fixtures/graphs.ts";
import { pick, type Json } from "./answers.ts";

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
  return ctx.skip(`${outcome.operation.operationId} ${why}, so the steps that need its ${field} cannot run`);
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
 * Creates an assistant for one of the fixture graphs, and skips the scenario (never fails it) when the target does
 * not serve that graph: some servers accept any graph_id on create, so the graph itself is read back.
 */
export async function createAssistant(
  ctx: ScenarioContext,
  graphId: string = GRAPH_IDS.echo,
  extra: Json = {},
): Promise<string> {
  const created = await ctx.call({
    op: "POST /assistants",
    step: `create an assistant for graph ${graphId}`,
    body: { graph_id: graphId, name: `${ctx.prefix}-${graphId}`, metadata: ctx.metadata, config: {}, ...extra },
    sdk: "assistants.create",
  });
  const id = need(ctx, created, "assistant_id");
  ctx.defer({ op: "DELETE /assistants/{assistant_id}", step: `delete assistant ${id}`, params: { assistant_id: id } });
  const graph = await ctx.call({
    op: "GET /assistants/{assistant_id}/graph",
    step: `check that graph ${graphId} is served`,
    params: { assistant_id: id },
    report: false,
  });
  if (!graph.ok) {
    ctx.skip(
      `the target does not serve the fixture graph ${graphId} (its assistant's graph answered ${graph.status ?? graph.exchange.error?.message}); see fixtures/README.md`,
    );
  }
  return id;
}

export async function createThread(ctx: ScenarioContext, extra: Json = {}): Promise<string> {
  const created = await ctx.call({
    op: "POST /threads",
    step: "create a thread",
    body: { metadata: ctx.metadata, ...extra },
    sdk: "threads.create",
  });
  const id = need(ctx, created, "thread_id");
  ctx.defer({ op: "DELETE /threads/{thread_id}", step: `delete thread ${id}`, params: { thread_id: id } });
  return id;
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
