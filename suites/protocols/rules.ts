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
  protocol_unknown_command_answers_error: {
    title:
      "a command the server does not know is answered with an error envelope for its id, with error unknown_command",
    severity: "minor",
    level: "optional",
    capability: "protocol_v2",
    operations: [COMMANDS],
    ref: "spec#/components/schemas/ProtocolError/properties/error",
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
  a2a_send_returns_completed_task: {
    title:
      "message/send waits for the run: it answers the final task, in state completed, with the agent's reply to the message",
    severity: "major",
    level: "optional",
    capability: "a2a",
    operations: [A2A],
    ref: "spec#/components/schemas/A2aJsonRpcResponse/properties/result",
  },
  a2a_context_is_thread: {
    title:
      "a message sent with a contextId runs in that context: the task names the same contextId, and the thread of that id holds the exchange",
    severity: "major",
    level: "optional",
    capability: "a2a",
    operations: [A2A],
    ref: "spec#/components/schemas/A2aJsonRpcRequest/properties/params",
  },
  a2a_tasks_get_returns_task: {
    title: "tasks/get of a task by its id and contextId answers that task, completed, among others of the same context",
    severity: "major",
    level: "optional",
    capability: "a2a",
    operations: [A2A],
    ref: "spec#/components/schemas/A2aJsonRpcRequest/properties/params",
  },
  a2a_stream_frames_answer_request: {
    title:
      "each frame of message/stream carries one JSON-RPC 2.0 response for the request's id, with a result or an error",
    severity: "major",
    level: "optional",
    capability: "a2a",
    operations: [A2A],
    ref: specRef(A2A),
  },
  a2a_unknown_method_not_found: {
    title:
      "an A2A method that does not exist is answered with JSON-RPC error -32601 (method not found) for the same id, or refused with 400",
    severity: "minor",
    level: "optional",
    capability: "a2a",
    operations: [A2A],
    ref: "spec#/components/schemas/A2aJsonRpcRequest/properties/method",
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
  mcp_notification_accepted: {
    title: "an MCP notification (a message without id) is answered 202 with no body",
    severity: "minor",
    level: "optional",
    capability: "mcp",
    operations: [MCP],
    ref: specRef(MCP, "/responses/202"),
  },
  mcp_tools_list_names_tools: {
    title:
      "where initialize offers tools, tools/list answers a JSON-RPC result for the same id listing tools, each with a name and an inputSchema",
    severity: "major",
    level: "optional",
    capability: "mcp",
    operations: [MCP],
    ref: specRef(MCP),
  },
  mcp_unknown_method_not_found: {
    title:
      "an MCP method that does not exist is answered with JSON-RPC error -32601 (method not found) for the same id",
    severity: "minor",
    level: "optional",
    capability: "mcp",
    operations: [MCP],
    ref: specRef(MCP),
  },
});
