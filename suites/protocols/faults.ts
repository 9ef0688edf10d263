// The planted fault that makes each protocol rule fail in suites/protocols/protocols.test.ts.

import type { ProtocolFault } from "../../fixtures/fakes/protocols.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { PROTOCOLS } from "./rules.ts";

export const PROTOCOLS_PLANTED = {
  protocol_command_answers_same_id: { fault: "protocol_command_id_changed" },
  protocol_event_frames_named_by_method: { fault: "protocol_event_unnamed" },
  a2a_answers_jsonrpc_same_id: { fault: "a2a_id_changed" },
  a2a_send_answers_result: { fault: "a2a_send_fails" },
  mcp_initialize_answers_server_info: { fault: "mcp_initialize_without_server_info" },
} as const satisfies PlantedFaults<keyof typeof PROTOCOLS, ProtocolFault>;
