// The planted fault that makes each protocol rule fail in suites/protocols/protocols.test.ts.

import type { ProtocolFault } from "../../fixtures/fakes/protocols.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { PROTOCOLS } from "./rules.ts";

export const PROTOCOLS_PLANTED = {
  protocol_command_answers_same_id: { fault: "protocol_command_id_changed" },
  protocol_unknown_command_answers_error: { fault: "protocol_unknown_command_succeeds" },
  protocol_event_frames_named_by_method: { fault: "protocol_event_unnamed" },
  a2a_answers_jsonrpc_same_id: { fault: "a2a_id_changed" },
  a2a_send_answers_result: { fault: "a2a_send_fails" },
  a2a_send_returns_completed_task: { fault: "a2a_send_task_unfinished" },
  a2a_context_is_thread: { fault: "a2a_context_ignored" },
  a2a_stream_frames_answer_request: { fault: "a2a_stream_id_changed" },
  a2a_tasks_get_returns_task: { fault: "a2a_tasks_get_latest" },
  a2a_unknown_method_not_found: { fault: "a2a_unknown_method_succeeds" },
  mcp_initialize_answers_server_info: { fault: "mcp_initialize_without_server_info" },
  mcp_notification_accepted: { fault: "mcp_notification_answered" },
  mcp_tools_list_names_tools: { fault: "mcp_tools_without_schema" },
  mcp_unknown_method_not_found: { fault: "mcp_unknown_method_wrong_code" },
} as const satisfies PlantedFaults<keyof typeof PROTOCOLS, ProtocolFault>;
