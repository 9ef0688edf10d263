// The planted fault that makes each run stream rule fail in suites/streams/streams.test.ts.

import type { StreamFault } from "../../fixtures/fakes/streams.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { STREAMS } from "./rules.ts";

export const STREAMS_PLANTED = {
  stream_mode_emits_events: { fault: "stream_modes_ignored" },
  stream_final_values_match_state: { fault: "stream_final_values_stale" },
  stream_subgraphs_namespaced_events: { fault: "stream_subgraphs_ignored" },
  stream_subgraphs_values_completes: { fault: "stream_subgraphs_values_crash" },
  stream_reports_graph_error: { fault: "stream_graph_error_hidden" },
  stream_resumable_replays_events: { fault: "join_replay_differs" },
  stream_resumes_after_last_event_id: { fault: "join_ignores_last_event_id" },
  join_stream_unknown_run_not_found: { fault: "join_unknown_run_streams_empty" },
  stream_values_cumulative: { fault: "stream_values_deltas" },
  stream_debug_checkpoints_match_history: { fault: "debug_checkpoints_differ" },
  stream_checkpoints_match_history: { fault: "checkpoints_events_skip_input" },
  stream_tasks_name_nodes_run: { fault: "tasks_misnamed" },
  stream_join_live_run_continues: { fault: "join_live_stops_early" },
  stream_disconnect_continue_finishes: { fault: "disconnect_continue_cancels" },
  stream_disconnect_continue_rejoins: { fault: "join_ignores_last_event_id" },
  stream_disconnect_cancel_stops_run: { fault: "disconnect_cancel_ignored" },
} as const satisfies PlantedFaults<keyof typeof STREAMS, StreamFault>;
