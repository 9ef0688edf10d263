// The run streams' rules: what each stream mode carries, subgraph events, a failing graph, and joining a run's stream.

import { defineRules, errataRef, specRef } from "../../src/rules/rule.ts";

export const STREAM = "POST /threads/{thread_id}/runs/stream";
export const JOIN = "GET /threads/{thread_id}/runs/{run_id}/stream";

const stream = { operations: [STREAM], sdk: ["runs.stream"], ref: specRef(STREAM, "/responses/200") } as const;
const join = { operations: [JOIN], sdk: ["runs.join_stream"] } as const;
const disconnect = { ...stream, ref: "spec#/components/schemas/OnDisconnectOption" } as const;

export const STREAMS = defineRules({
  stream_mode_emits_events: {
    title: "a stream in a mode, of a graph that runs a node, carries that mode's events",
    severity: "major",
    level: "core",
    ...stream,
  },
  stream_final_values_match_state: {
    title: "a values stream ends with the run's final state, as get_state reads it afterwards",
    severity: "major",
    level: "core",
    ...stream,
  },
  stream_subgraphs_namespaced_events: {
    title: "with stream_subgraphs, a child graph's events arrive as <mode>|<namespace> events",
    severity: "major",
    level: "standard",
    ...stream,
  },
  stream_subgraphs_values_completes: {
    title: "a values stream with stream_subgraphs runs to the end without an error",
    severity: "major",
    level: "standard",
    ...stream,
  },
  stream_reports_graph_error: {
    title: "a graph that raises ends its stream with an error event {error, message}",
    severity: "major",
    level: "standard",
    ...stream,
  },
  stream_resumable_replays_events: {
    title: "join_stream with Last-Event-ID -1 replays a resumable run's events: same ids, names and data",
    severity: "major",
    level: "optional",
    capability: "resumable_streams",
    ...join,
    ref: specRef(JOIN),
  },
  stream_resumes_after_last_event_id: {
    title: "join_stream with Last-Event-ID replays exactly the events of a resumable run after that id",
    severity: "major",
    level: "optional",
    capability: "resumable_streams",
    ...join,
    ref: specRef(JOIN),
  },
  stream_values_cumulative: {
    title: "each values event of a run holds the whole state: its messages start with those of the values event before",
    severity: "major",
    level: "standard",
    ...stream,
    ref: "spec#/components/schemas/StreamMode",
  },
  stream_debug_checkpoints_match_history: {
    title:
      "the checkpoint records of a debug stream are the checkpoints the thread's history then lists, oldest first: same ids, values and next",
    severity: "major",
    level: "standard",
    ...stream,
  },
  stream_checkpoints_match_history: {
    title:
      "the checkpoints events of a run are the checkpoints the thread's history then lists, oldest first: same ids, values and next",
    severity: "major",
    level: "standard",
    ...stream,
  },
  stream_tasks_name_nodes_run: {
    title:
      "the tasks events of a run name the nodes its checkpoints show running, and each task that starts also finishes under the same id",
    severity: "major",
    level: "standard",
    ...stream,
  },
  stream_join_live_run_continues: {
    title:
      "join_stream with Last-Event-ID -1 while a resumable run is going replays its events so far and goes on to its end: the events a join after the end replays",
    severity: "major",
    level: "optional",
    capability: "resumable_streams",
    ...join,
    ref: specRef(JOIN),
  },
  stream_disconnect_continue_finishes: {
    title: "a run whose streaming client leaves, with on_disconnect continue, runs to the end and leaves its output",
    severity: "major",
    level: "standard",
    ...disconnect,
  },
  stream_disconnect_continue_rejoins: {
    title:
      "a resumable run whose client left is rejoined after the last event id received: with the events received before, exactly the run's events",
    severity: "major",
    level: "optional",
    capability: "resumable_streams",
    ...join,
    ref: specRef(JOIN),
  },
  stream_disconnect_cancel_stops_run: {
    title: "a run whose streaming client leaves, with on_disconnect cancel, stops: no success and no output",
    severity: "major",
    level: "standard",
    ...disconnect,
    ref: errataRef("E31"),
  },
  join_stream_unknown_run_not_found: {
    title:
      "join_stream of a run that does not exist answers 404, or 200 with only an error event saying the run is not found",
    severity: "major",
    level: "standard",
    ...join,
    ref: errataRef("E25"),
  },
});
