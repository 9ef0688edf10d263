// The other protocols' rules, each for a target that offers the protocol: streaming protocol v2, A2A and MCP.

import { defineRules, specRef } from "../../src/rules/rule.ts";

export const COMMANDS = "POST /threads/{thread_id}/commands";
export const EVENTS = "POST /threads/{thread_id}/stream/events";
export const A2A = "POST /a2a/{assistant_id}";
export const MCP = "POST /mcp/";

export const PROTOCOLS = defineRules({
  protocol_command_answers_same_id: {
    title: "a protocol command is answered with a success or error envelope that carries the command's id",
    severity: "major",
    level: "optional",
    capability: "protocol_v2",
    operations: [COMMANDS],
    ref: "spec#/components/schemas/ProtocolCommand",
  },
  protocol_event_frames_named_by_method: {
    title: "each frame of a protocol event stream is named after its event's method, with the event's seq as its id",
    severity: "major",
    level: "optional",
    capability: "protocol_v2",
    operations: [EVENTS],
    ref: specRef(EVENTS),
  },
  a2a_answers_jsonrpc_same_id: {
    title: "an A2A request is answered with one JSON-RPC 2.0 response for the same id, with a result or an error",
    severity: "major",
    level: "optional",
    capability: "a2a",
    operations: [A2A],
    ref: specRef(A2A, "/responses/200"),
  },
  a2a_send_answers_result: {
    title: "message/send of a valid text message answers a result (a task or a message), not a JSON-RPC error",
    severity: "major",
    level: "optional",
    capability: "a2a",
    operations: [A2A],
    ref: "spec#/components/schemas/A2aJsonRpcResponse",
  },
  mcp_initialize_answers_server_info: {
    title:
      "MCP initialize is answered with a JSON-RPC 2.0 result for the same id, naming the protocolVersion and serverInfo",
    severity: "major",
    level: "optional",
    capability: "mcp",
    operations: [MCP],
    ref: specRef(MCP, "/responses/200"),
  },
});
