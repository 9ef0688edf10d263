// A2A on an assistant: message/send and message/stream in the context of a thread of the run, tasks/get, and a
// method that does not exist.

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Step, StepOutcome } from "../../src/engine/session.ts";
import {
  contents,
  createThread,
  dataOf,
  eventsOf,
  graphAssistant,
  GRAPH_IDS,
  stateValues,
  why,
  type Json,
} from "../support/index.ts";
import { asJson, envelope, isObject, jsonRpcMessage, offers } from "./jsonrpc.ts";
import { A2A, PROTOCOLS } from "./rules.ts";

const A2A_RULES = [
  PROTOCOLS.a2a_answers_jsonrpc_same_id,
  PROTOCOLS.a2a_send_answers_result,
  PROTOCOLS.a2a_send_returns_completed_task,
  PROTOCOLS.a2a_context_is_thread,
  PROTOCOLS.a2a_stream_frames_answer_request,
  PROTOCOLS.a2a_tasks_get_returns_task,
  PROTOCOLS.a2a_unknown_method_not_found,
];
/** A user's text message in a context. */
const textMessage = (text: string, contextId: string) => ({
  role: "user",
  messageId: randomUUID(),
  contextId,
  parts: [{ kind: "text", text }],
});

/** Sends JSON-RPC requests to the assistant's A2A endpoint. */
const a2aCaller =
  (ctx: ScenarioContext, assistantId: string) =>
  (step: string, id: string, method: string, params: Json, extra: Partial<Step> = {}) =>
    ctx.call({
      op: A2A,
      step,
      params: { assistant_id: assistantId },
      headers: { accept: "application/json" },
      body: { jsonrpc: "2.0", id, method, params },
      ...extra,
    });
type A2aCall = ReturnType<typeof a2aCaller>;

/** Every text of a result's parts the agent wrote: its artifacts, its status message, its agent messages. */
function agentTexts(result: Json): string[] {
  const texts = (parts: unknown) =>
    (Array.isArray(parts) ? parts : []).flatMap((p) => (isObject(p) && typeof p.text === "string" ? [p.text] : []));
  const status = isObject(result.status) ? result.status : {};
  const messages = [
    ...(Array.isArray(result.history) ? result.history : []),
    ...(isObject(status.message) ? [status.message] : []),
    ...(result.kind === "message" ? [result] : []),
  ].filter((m) => isObject(m) && m.role === "agent");
  const artifacts = Array.isArray(result.artifacts) ? result.artifacts : [];
  return [...artifacts, ...messages].flatMap((x) => (isObject(x) ? texts(x.parts) : []));
}

/** A task's kind, id, contextId and state, to show what came back. */
const taskFields = (result: Json) => ({
  kind: result.kind ?? null,
  id: result.id ?? null,
  contextId: result.contextId ?? null,
  state: isObject(result.status) ? (result.status.state ?? null) : null,
});

async function judgeSent(ctx: ScenarioContext, sent: StepOutcome, result: Json | undefined, text: string) {
  const replied = !!result && agentTexts(result).some((t) => t.includes(text));
  const final =
    result?.kind === "message"
      ? result.role === "agent"
      : isObject(result?.status) && result.status.state === "completed";
  await ctx.holds(PROTOCOLS.a2a_send_returns_completed_task, {
    ok: final && replied,
    expected: { kind: "task", state: "completed", "agent reply": `…${text}…` },
    actual: result
      ? { ...taskFields(result), "agent texts": agentTexts(result) }
      : envelope(jsonRpcMessage(sent), sent),
    evidence: sent,
  });
}

async function judgeContext(
  ctx: ScenarioContext,
  sent: StepOutcome,
  result: Json | undefined,
  threadId: string,
  text: string,
) {
  if (!result) {
    const reason = "message/send answered no result, so there is no context to judge";
    return ctx.skipRule(PROTOCOLS.a2a_context_is_thread, reason, { evidence: sent });
  }
  const { outcome, values } = await stateValues(ctx, threadId);
  const texts = contents(values);
  const held = texts.includes(text) && texts.some((t) => t !== text && t.includes(text));
  await ctx.holds(PROTOCOLS.a2a_context_is_thread, {
    ok: result.contextId === threadId && held,
    expected: { contextId: threadId, "thread messages": [text, `…${text}…`] },
    actual: { contextId: result.contextId ?? null, "thread messages": outcome.ok ? texts : why(outcome) },
    evidence: sent,
  });
}

async function judgeStream(ctx: ScenarioContext, a2a: A2aCall, threadId: string, text: string) {
  const streamed = await a2a(
    "stream a second message in the same context",
    "2",
    "message/stream",
    { message: textMessage(text, threadId) },
    { headers: { accept: "text/event-stream" }, stream: { maxEvents: 100, maxMs: 10_000 } },
  );
  const frames = eventsOf(streamed);
  const wrong = frames.findIndex((frame) => {
    const data = dataOf(frame);
    return !isObject(data) || data.jsonrpc !== "2.0" || data.id !== "2" || "result" in data === "error" in data;
  });
  await ctx.holds(PROTOCOLS.a2a_stream_frames_answer_request, {
    ok: streamed.ok && frames.length > 0 && wrong < 0,
    expected: 'text/event-stream frames, each {"jsonrpc": "2.0", "id": "2", "result" or "error"}',
    actual:
      frames.length === 0
        ? (streamed.status ?? why(streamed))
        : wrong < 0
          ? `${frames.length} frames`
          : { at: wrong, frame: envelope(asJson(dataOf(frames[wrong])), streamed) },
    evidence: streamed,
  });
}

async function judgeTasksGet(ctx: ScenarioContext, a2a: A2aCall, task: Json | undefined, threadId: string) {
  if (typeof task?.id !== "string" || task.kind === "message") {
    const reason = "message/send answered no task id, so there is no task to read";
    return ctx.skipRule(PROTOCOLS.a2a_tasks_get_returns_task, reason);
  }
  const read = await a2a("read the first task back", "4", "tasks/get", { id: task.id, contextId: threadId });
  const answer = jsonRpcMessage(read);
  const result = isObject(answer?.result) ? answer.result : undefined;
  await ctx.holds(PROTOCOLS.a2a_tasks_get_returns_task, {
    ok:
      answer?.id === "4" &&
      result?.id === task.id &&
      result.contextId === threadId &&
      isObject(result.status) &&
      result.status.state === "completed",
    expected: { id: "4", result: { id: task.id, contextId: threadId, state: "completed" } },
    actual: result ? { id: answer?.id ?? null, result: taskFields(result) } : envelope(answer, read),
    evidence: read,
  });
}

async function judgeUnknownMethod(ctx: ScenarioContext, a2a: A2aCall) {
  const expect = { accept: [200, 400] };
  const unknown = await a2a("call a method that does not exist", "3", "conformance/no-such-method", {}, { expect });
  const answer = jsonRpcMessage(unknown);
  const error = isObject(answer?.error) ? answer.error : undefined;
  await ctx.holds(PROTOCOLS.a2a_unknown_method_not_found, {
    ok: unknown.status === 400 || (answer?.jsonrpc === "2.0" && answer.id === "3" && error?.code === -32601),
    expected: [{ jsonrpc: "2.0", id: "3", error: { code: -32601 } }, 400],
    actual: unknown.status === 200 ? envelope(answer, unknown) : (unknown.status ?? why(unknown)),
    evidence: unknown,
  });
}

export const a2aScenario: Scenario = {
  id: "a2a.message",
  title: "A2A message/send, message/stream and tasks/get on an assistant, in the context of a thread",
  tag: "A2A",
  covers: [A2A],
  rules: A2A_RULES,
  async run(ctx) {
    const assistantId = await graphAssistant(ctx, GRAPH_IDS.echo);
    // The run's own thread as the context: the server runs there, and cleanup deletes it.
    const threadId = await createThread(ctx);
    const a2a = a2aCaller(ctx, assistantId);
    const text = `${ctx.prefix} a2a message`;
    const sent = await a2a("send a text message over JSON-RPC, in the thread's context", "1", "message/send", {
      message: textMessage(text, threadId),
    });
    if (!(await offers(ctx, "a2a", sent, A2A_RULES))) return;
    const message = jsonRpcMessage(sent);
    await ctx.holds(PROTOCOLS.a2a_answers_jsonrpc_same_id, {
      ok: message?.jsonrpc === "2.0" && message.id === "1" && "result" in message !== "error" in message,
      expected: { jsonrpc: "2.0", id: "1", "result or error": "…" },
      actual: envelope(message, sent),
      evidence: sent,
    });
    await ctx.holds(PROTOCOLS.a2a_send_answers_result, {
      ok: sent.ok && isObject(message?.result) && message.error === undefined,
      expected: "a result",
      actual: message?.error ?? envelope(message, sent),
      evidence: sent,
    });
    const result = isObject(message?.result) ? message.result : undefined;
    await judgeSent(ctx, sent, result, text);
    await judgeContext(ctx, sent, result, threadId, text);
    // A second task in the same context, which tasks/get of the first must not answer.
    await judgeStream(ctx, a2a, threadId, `${text} again`);
    await judgeTasksGet(ctx, a2a, result, threadId);
    await judgeUnknownMethod(ctx, a2a);
  },
};
