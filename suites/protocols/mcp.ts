// MCP: initialize, a notification, tools/list and a method that does not exist, and the methods the endpoint refuses.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { why, type Json } from "../support/index.ts";
import { asJson, envelope, isObject, jsonRpcMessage, offers } from "./jsonrpc.ts";
import { MCP, PROTOCOLS } from "./rules.ts";

const MCP_RULES = [
  PROTOCOLS.mcp_initialize_answers_server_info,
  PROTOCOLS.mcp_notification_accepted,
  PROTOCOLS.mcp_tools_list_names_tools,
  PROTOCOLS.mcp_unknown_method_not_found,
];

/** Sends one JSON-RPC message to the MCP endpoint, accepting both answers the transport allows. */
const mcp = (ctx: ScenarioContext, step: string, body: Json) =>
  ctx.call({ op: MCP, step, headers: { accept: "application/json, text/event-stream" }, body });

/**
 * A notification, tools/list and a method that does not exist, once the endpoint is known to answer at this path; a
 * target that redirects it elsewhere has the redirect judged once, by the initialize rule.
 */
async function judgeMcpMethods(ctx: ScenarioContext, initialized: StepOutcome, initResult: Json | undefined) {
  const status = initialized.status ?? 0;
  if (status >= 300 && status < 400) {
    const location = initialized.exchange.response?.headers.location;
    const reason = `POST /mcp/ answered ${status}${location ? ` to ${location}` : ""}, so MCP is not served at the documented path (see mcp_initialize_answers_server_info)`;
    for (const rule of MCP_RULES.slice(1)) await ctx.skipRule(rule, reason, { evidence: initialized });
    return;
  }
  await judgeNotification(ctx);
  const capabilities = isObject(initResult?.capabilities) ? initResult.capabilities : undefined;
  if (isObject(capabilities?.tools)) await judgeToolsList(ctx);
  else {
    const reason = "initialize offered no tools capability, so tools/list is not due";
    await ctx.skipRule(PROTOCOLS.mcp_tools_list_names_tools, reason, { evidence: initialized });
  }
  await judgeUnknownMethod(ctx);
}

async function judgeNotification(ctx: ScenarioContext) {
  const notified = await mcp(ctx, "send the initialized notification", {
    jsonrpc: "2.0",
    method: "notifications/initialized",
  });
  const text = notified.exchange.response?.text ?? "";
  await ctx.holds(PROTOCOLS.mcp_notification_accepted, {
    ok: notified.status === 202 && text.trim() === "",
    expected: "202, no body",
    actual: notified.status !== undefined ? { status: notified.status, body: text.slice(0, 200) } : why(notified),
    evidence: notified,
  });
}

async function judgeToolsList(ctx: ScenarioContext) {
  const listed = await mcp(ctx, "list the tools", { jsonrpc: "2.0", id: "2", method: "tools/list", params: {} });
  const answer = jsonRpcMessage(listed);
  const tools = isObject(answer?.result) ? answer.result.tools : undefined;
  const unnamed = Array.isArray(tools)
    ? tools.findIndex((t) => !isObject(t) || typeof t.name !== "string" || !isObject(t.inputSchema))
    : -1;
  const tool = Array.isArray(tools) ? asJson(tools[unnamed]) : undefined;
  await ctx.holds(PROTOCOLS.mcp_tools_list_names_tools, {
    ok: listed.ok && answer?.jsonrpc === "2.0" && answer.id === "2" && Array.isArray(tools) && unnamed < 0,
    expected: { jsonrpc: "2.0", id: "2", result: { tools: [{ name: "…", inputSchema: {} }] } },
    actual: !Array.isArray(tools)
      ? envelope(answer, listed)
      : unnamed < 0
        ? `${tools.length} tools`
        : { at: unnamed, keys: tool ? Object.keys(tool) : tools[unnamed] },
    evidence: listed,
  });
}

async function judgeUnknownMethod(ctx: ScenarioContext) {
  const unknown = await mcp(ctx, "call a method that does not exist", {
    jsonrpc: "2.0",
    id: "3",
    method: "conformance/no-such-method",
    params: {},
  });
  const answer = jsonRpcMessage(unknown);
  const error = isObject(answer?.error) ? answer.error : undefined;
  await ctx.holds(PROTOCOLS.mcp_unknown_method_not_found, {
    ok: answer?.jsonrpc === "2.0" && answer.id === "3" && error?.code === -32601,
    expected: { jsonrpc: "2.0", id: "3", error: { code: -32601 } },
    actual: envelope(answer, unknown),
    evidence: unknown,
  });
}

export const mcpScenario: Scenario = {
  id: "mcp.session",
  title: "MCP initialize, a notification, tools/list and an unknown method, and the methods the endpoint refuses",
  tag: "MCP",
  covers: [MCP, "GET /mcp/", "DELETE /mcp/"],
  rules: MCP_RULES,
  async run(ctx) {
    const initialized = await mcp(ctx, "initialize an MCP session", {
      jsonrpc: "2.0",
      id: "1",
      method: "initialize",
      params: {
        protocolVersion: "2025-03-26",
        capabilities: {},
        clientInfo: { name: "conformance", version: "1" },
      },
    });
    if (await offers(ctx, "mcp", initialized, MCP_RULES)) {
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
      await judgeMcpMethods(ctx, initialized, result);
    }
    await ctx.call({ op: "GET /mcp/", step: "GET is documented as 405", expect: "any" });
    await ctx.call({ op: "DELETE /mcp/", step: "DELETE is documented as 404", expect: "any" });
  },
};
