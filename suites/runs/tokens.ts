// Token streaming: chat_agent's fake chat model streams its answer a character at a time, in messages-tuple mode as
// [chunk, metadata] pairs and in messages mode as messages/partial events that accumulate.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { SseEvent } from "../../src/http/sse.ts";
import { all, contents, createThread, dataOf, eventsOf, graphAssistant, GRAPH_IDS, pick } from "../support/index.ts";
import { runBody, say, stateValues, STREAM_BOUNDS, why, type Json } from "../support/index.ts";
import { RUNS, STREAM } from "./rules.ts";

const NODE = "chat";

/** Streams chat_agent on a fresh thread in one mode; answers the stream and the final AI message's content. */
async function streamChat(ctx: ScenarioContext, assistantId: string, mode: string) {
  const threadId = await createThread(ctx);
  const outcome = await ctx.call({
    op: STREAM,
    step: `stream chat_agent in ${mode} mode`,
    params: { thread_id: threadId },
    body: runBody(assistantId, { metadata: ctx.metadata, ...say("hi"), stream_mode: [mode] }),
    stream: STREAM_BOUNDS,
    sdk: "runs.stream",
  });
  const { values } = await stateValues(ctx, threadId);
  return { outcome, final: contents(values).at(-1) };
}

const isAi = (message: unknown) => /^ai(MessageChunk)?$/i.test(String(pick(message, "type") ?? ""));
const text = (message: unknown) => String(pick(message, "content") ?? "");
/** The metadata names the node: LangGraph's `langgraph_node`, or any top-level value, as the document fixes no key. */
const namesNode = (metadata: unknown) =>
  !!metadata && typeof metadata === "object" && Object.values(metadata as Json).includes(NODE);

async function tuples(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { outcome, final } = await streamChat(ctx, assistantId, "messages-tuple");
  const pairs = eventsOf(outcome)
    .filter((e) => e.event === "messages")
    .map((e) => dataOf(e))
    .filter((d): d is [unknown, unknown] => Array.isArray(d) && d.length === 2 && isAi(d[0]));
  const joined = pairs.map(([chunk]) => text(chunk)).join("");
  const unnamed = pairs.filter(([, metadata]) => !namesNode(metadata)).length;
  await ctx.holds(RUNS.stream_messages_tuple_chunks, {
    ok: outcome.ok && pairs.length > 1 && joined === final && unnamed === 0,
    expected: { chunks: "more than one", joined: final ?? "the final AI message", metadata: { langgraph_node: NODE } },
    actual: outcome.ok
      ? { chunks: pairs.length, joined, "chunks whose metadata does not name the node": unnamed }
      : why(outcome),
    evidence: outcome,
  });
}

/** The AI message of each messages/partial (or messages/complete) event, in order. */
const messagesOf = (events: SseEvent[], name: string) =>
  events
    .filter((e) => e.event === name)
    .flatMap((e) => {
      const data = dataOf(e);
      return Array.isArray(data) ? data.filter(isAi) : [];
    });

async function partials(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const { outcome, final } = await streamChat(ctx, assistantId, "messages");
  const shown = messagesOf(eventsOf(outcome), "messages/partial").map(text);
  const growing = shown.every((content, i) => i === 0 || content.startsWith(shown[i - 1]!));
  const complete = messagesOf(eventsOf(outcome), "messages/complete").map(text).at(-1);
  // The document does not say every message gets a messages/complete (the Python server sends none for a streamed one).
  const last = complete ?? shown.at(-1);
  await ctx.holds(RUNS.stream_messages_partial_accumulates, {
    ok: outcome.ok && shown.length > 1 && growing && last === final,
    expected: { partials: "more than one, each the one before and more", last: final ?? "the final AI message" },
    actual: outcome.ok ? { partials: shown, complete: complete ?? null } : why(outcome),
    evidence: outcome,
  });
}

const tokens: Scenario = {
  id: "runs.tokens",
  title: "Thread runs: a chat model's tokens stream in messages-tuple and messages modes",
  tag: "Thread Runs",
  covers: [STREAM],
  rules: [RUNS.stream_messages_tuple_chunks, RUNS.stream_messages_partial_accumulates],
  async run(ctx) {
    const assistantId = await graphAssistant(ctx, GRAPH_IDS.chat);
    await all([tuples(ctx, assistantId), partials(ctx, assistantId)]);
  },
};

export const runTokenScenarios: Scenario[] = [tokens];
