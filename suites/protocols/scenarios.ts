// The other protocols a server may expose: streaming protocol v2 commands and events, A2A, MCP.

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { graphAssistant, createThread, dataOf, eventsOf, GRAPH_IDS, why, type Json } from "../support/index.ts";
import { A2A, COMMANDS, EVENTS, MCP, PROTOCOLS } from "./rules.ts";

const isObject = (value: unknown): value is Json => !!value && typeof value === "object" && !Array.isArray(value);

/**
 * Whether the target has the protocol's route. When it does not, the protocol is recorded as missing and its rules are
 * skipped with the reason (the generic checks report the route as not implemented).
 */
async function offers(
  ctx: ScenarioContext,
  protocol: string,
  outcome: StepOutcome,
  rules: readonly Rule[],
): Promise<boolean> {
  ctx.capability(
    protocol,
    !outcome.notImplemented,
    outcome.notImplemented ?? `${outcome.operation.operationId} ${why(outcome)}`,
  );
  if (!outcome.notImplemented) return true;
  for (const rule of rules) await ctx.skipRule(rule, `the target does not offer ${protocol}`, { evidence: outcome });
  return false;
}

/** The JSON-RPC message of an answer: its JSON body, or the data of the first event when it answered with a stream. */
function jsonRpcMessage(outcome: StepOutcome): Json | undefined {
  if (isObject(outcome.json)) return outcome.json;
  const data = dataOf(eventsOf(outcome)[0]);
  return isObject(data) ? data : undefined;
}

/** The JSON-RPC members of a message, to show what came back. */
const envelope = (message: Json | undefined, outcome: StepOutcome) =>
  message
    ? Object.fromEntries(["jsonrpc", "id", "result", "error"].filter((k) => k in message).map((k) => [k, message[k]]))
    : (outcome.status ?? why(outcome));

async function judgeCommand(ctx: ScenarioContext, params: { thread_id: string }): Promise<void> {
  const command = await ctx.call({
    op: COMMANDS,
    step: "ask for the agent tree",
    params,
    body: { id: 1, method: "agent.getTree", params: {} },
    expect: "any",
  });
  if (!(await offers(ctx, "protocol v2 commands", command, [PROTOCOLS.protocol_command_answers_same_id]))) return;
  const answer = isObject(command.json) ? command.json : undefined;
  await ctx.holds(PROTOCOLS.protocol_command_answers_same_id, {
    ok:
      (command.status === 200 || command.status === 400) &&
      (answer?.type === "success" || answer?.type === "error") &&
      answer.id === 1,
    expected: { type: "success | error", id: 1 },
    actual: answer ? { type: answer.type, id: answer.id } : (command.json ?? command.status ?? why(command)),
    evidence: command,
  });
}

async function judgeEvents(ctx: ScenarioContext, params: { thread_id: string }): Promise<void> {
  const events = await ctx.call({
    op: EVENTS,
    step: "subscribe to the values channel (bounded read)",
    params,
    body: { channels: ["values", "lifecycle"] },
    stream: { maxEvents: 20, maxMs: 1_500 },
  });
  if (!(await offers(ctx, "protocol v2 events", events, [PROTOCOLS.protocol_event_frames_named_by_method]))) return;
  const frames = eventsOf(events);
  if (!events.ok || frames.length === 0) {
    const reason = events.ok
      ? "no protocol event arrived within 1.5 s on a thread with no run"
      : `the subscription ${why(events)}`;
    return ctx.skipRule(PROTOCOLS.protocol_event_frames_named_by_method, `${reason}, so there is no frame to judge`);
  }
  const misnamed = frames.findIndex((frame) => {
    const event = dataOf(frame);
    if (!isObject(event) || frame.event !== event.method) return true;
    return typeof event.seq === "number" && frame.id !== String(event.seq);
  });
  const frame = frames[misnamed];
  const event = dataOf(frame);
  await ctx.holds(PROTOCOLS.protocol_event_frames_named_by_method, {
    ok: misnamed < 0,
    expected: "event: <method>, id: <seq>",
    actual: frame
      ? {
          at: misnamed,
          event: frame.event,
          id: frame.id ?? null,
          method: isObject(event) ? event.method : event,
          seq: isObject(event) ? event.seq : undefined,
        }
      : `${frames.length} frames`,
    evidence: events,
  });
}

export const protocolScenarios: Scenario[] = [
  {
    id: "streaming.protocol",
    title: "Thread protocol commands and event stream",
    tag: "Streaming",
    covers: [COMMANDS, EVENTS],
    rules: [PROTOCOLS.protocol_command_answers_same_id, PROTOCOLS.protocol_event_frames_named_by_method],
    async run(ctx) {
      const params = { thread_id: await createThread(ctx) };
      await judgeCommand(ctx, params);
      await judgeEvents(ctx, params);
    },
  },
  {
    id: "a2a.message",
    title: "A2A message/send to an assistant",
    tag: "A2A",
    covers: [A2A],
    rules: [PROTOCOLS.a2a_answers_jsonrpc_same_id, PROTOCOLS.a2a_send_answers_result],
    async run(ctx) {
      const assistantId = await graphAssistant(ctx, GRAPH_IDS.echo);
      const sent = await ctx.call({
        op: A2A,
        step: "send a text message over JSON-RPC",
        params: { assistant_id: assistantId },
        headers: { accept: "application/json" },
        body: {
          jsonrpc: "2.0",
          id: "1",
          method: "message/send",
          params: { message: { role: "user", messageId: randomUUID(), parts: [{ kind: "text", text: "hi" }] } },
        },
      });
      if (!(await offers(ctx, "a2a", sent, [PROTOCOLS.a2a_answers_jsonrpc_same_id, PROTOCOLS.a2a_send_answers_result])))
        return;
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
    },
  },
  {
    id: "mcp.session",
    title: "MCP initialize, and the methods the endpoint refuses",
    tag: "MCP",
    covers: [MCP, "GET /mcp/", "DELETE /mcp/"],
    rules: [PROTOCOLS.mcp_initialize_answers_server_info],
    async run(ctx) {
      const initialized = await ctx.call({
        op: MCP,
        step: "initialize an MCP session",
        headers: { accept: "application/json, text/event-stream" },
        body: {
          jsonrpc: "2.0",
          id: "1",
          method: "initialize",
          params: {
            protocolVersion: "2025-03-26",
            capabilities: {},
            clientInfo: { name: "conformance", version: "1" },
          },
        },
      });
      if (await offers(ctx, "mcp", initialized, [PROTOCOLS.mcp_initialize_answers_server_info])) {
        const message = jsonRpcMessage(initialized);
        const result = isObject(message?.result) ? message.result : undefined;
        const serverInfo = isObject(result?.serverInfo) ? result.serverInfo : undefined;
        await ctx.holds(PROTOCOLS.mcp_initialize_answers_server_info, {
          ok:
            initialized.ok &&
            message?.jsonrpc === "2.0" &&
            message.id === "1" &&
            typeof result?.protocolVersion === "string" &&
            typeof serverInfo?.name === "string",
          expected: { jsonrpc: "2.0", id: "1", result: { protocolVersion: "…", serverInfo: { name: "…" } } },
          actual: envelope(message, initialized),
          evidence: initialized,
        });
      }
      await ctx.call({ op: "GET /mcp/", step: "GET is documented as 405", expect: "any" });
      await ctx.call({ op: "DELETE /mcp/", step: "DELETE is documented as 404", expect: "any" });
    },
  },
];
