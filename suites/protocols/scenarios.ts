// The other protocols a server may expose: streaming protocol v2 commands and events, A2A, MCP.

import { randomUUID } from "node:crypto";
import type { Scenario } from "../../src/engine/scenario.ts";
import { createAssistant, createThread, GRAPH_IDS } from "../support/index.ts";

export const protocolScenarios: Scenario[] = [
  {
    id: "streaming.protocol",
    title: "Thread protocol commands and event stream",
    tag: "Streaming",
    covers: ["POST /threads/{thread_id}/commands", "POST /threads/{thread_id}/stream/events"],
    async run(ctx) {
      const threadId = await createThread(ctx);
      const params = { thread_id: threadId };
      await ctx.call({ op: "POST /threads/{thread_id}/commands", step: "ask for the agent tree", params, body: { id: 1, method: "agent.getTree", params: {} }, expect: "any" });
      await ctx.call({
        op: "POST /threads/{thread_id}/stream/events",
        step: "subscribe to the values channel (bounded read)",
        params,
        body: { channels: ["values", "lifecycle"] },
        stream: { maxEvents: 20, maxMs: 1_500 },
      });
    },
  },
  {
    id: "a2a.message",
    title: "A2A message/send to an assistant",
    tag: "A2A",
    covers: ["POST /a2a/{assistant_id}"],
    async run(ctx) {
      const assistantId = await createAssistant(ctx, GRAPH_IDS.echo);
      await ctx.call({
        op: "POST /a2a/{assistant_id}",
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
    },
  },
  {
    id: "mcp.session",
    title: "MCP initialize, and the methods the endpoint refuses",
    tag: "MCP",
    covers: ["POST /mcp/", "GET /mcp/", "DELETE /mcp/"],
    async run(ctx) {
      await ctx.call({
        op: "POST /mcp/",
        step: "initialize an MCP session",
        headers: { accept: "application/json, text/event-stream" },
        body: { jsonrpc: "2.0", id: "1", method: "initialize", params: { protocolVersion: "2025-03-26", capabilities: {}, clientInfo: { name: "conformance", version: "1" } } },
      });
      await ctx.call({ op: "GET /mcp/", step: "GET is documented as 405", expect: "any" });
      await ctx.call({ op: "DELETE /mcp/", step: "DELETE is documented as 404", expect: "any" });
    },
  },
];
