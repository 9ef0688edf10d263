// The thread runs' rules: a run's life, list and join, interrupts and Command, multitask strategies, cancel, and the
// status of the thread they run on.

import { defineRules, errataRef, specRef } from "../../src/rules/rule.ts";

export const THREAD = "GET /threads/{thread_id}";
export const THREAD_STREAM = "GET /threads/{thread_id}/stream";
export const CREATE = "POST /threads/{thread_id}/runs";
export const LIST = "GET /threads/{thread_id}/runs";
export const WAIT = "POST /threads/{thread_id}/runs/wait";
export const RUN = "GET /threads/{thread_id}/runs/{run_id}";
export const DELETE_RUN = "DELETE /threads/{thread_id}/runs/{run_id}";
export const JOIN = "GET /threads/{thread_id}/runs/{run_id}/join";
export const JOIN_STREAM = "GET /threads/{thread_id}/runs/{run_id}/stream";
export const CANCEL = "POST /threads/{thread_id}/runs/{run_id}/cancel";
export const CANCEL_MANY = "POST /runs/cancel";
export const STATELESS_RUNS = "POST /runs";
export const STREAM = "POST /threads/{thread_id}/runs/stream";
export const STATELESS_WAIT = "POST /runs/wait";
export const DELETE_THREAD = "DELETE /threads/{thread_id}";
export const DELETE_ASSISTANT = "DELETE /assistants/{assistant_id}";
export const STATE = "GET /threads/{thread_id}/state";
export const UPDATE_STATE = "POST /threads/{thread_id}/state";
export const STATE_AT = "POST /threads/{thread_id}/state/checkpoint";
export const HISTORY = "POST /threads/{thread_id}/history";

const threadStatus = {
  severity: "major",
  level: "standard",
  operations: [THREAD],
  sdk: ["threads.get"],
  ref: specRef(THREAD, "/responses/200"),
} as const;
const list = { severity: "major", operations: [LIST], sdk: ["runs.list"] } as const;
const wait = { severity: "major", operations: [WAIT], sdk: ["runs.wait"], ref: specRef(WAIT) } as const;
const multitask = {
  severity: "major",
  level: "standard",
  operations: [CREATE],
  sdk: ["runs.create"],
  ref: "spec#/components/schemas/MultitaskStrategy",
} as const;
const cancel = { severity: "major", operations: [CANCEL], sdk: ["runs.cancel"] } as const;
const webhook = {
  severity: "major",
  level: "optional",
  capability: "webhooks",
  operations: [CREATE],
  sdk: ["runs.create"],
  ref: "spec#/components/schemas/Webhook",
} as const;

export const RUNS = defineRules({
  run_queue_survives_busy_thread_delete: {
    title: "deleting a thread while its run is going leaves the server running the runs that follow",
    severity: "critical",
    level: "standard",
    operations: [WAIT, "DELETE /threads/{thread_id}"],
    sdk: ["runs.wait"],
    ref: specRef("DELETE /threads/{thread_id}"),
  },
  thread_delete_removes_active_run: {
    title:
      "deleting a thread with an active run removes both: the thread and the run read 404, and the thread is still gone once the run would have ended",
    severity: "major",
    level: "standard",
    operations: [DELETE_THREAD, RUN, THREAD],
    sdk: ["threads.delete"],
    ref: specRef(DELETE_THREAD),
  },
  assistant_delete_keeps_run_thread: {
    title:
      "deleting an assistant while a run of it is pending succeeds: the assistant reads 404 and the run's thread remains (delete_threads defaults to false)",
    severity: "major",
    level: "standard",
    operations: [DELETE_ASSISTANT, THREAD],
    sdk: ["assistants.delete"],
    ref: specRef(DELETE_ASSISTANT, "/parameters/1"),
  },
  thread_idle_before_run: { title: "a new thread is idle", ...threadStatus },
  thread_busy_while_running: { title: "a thread is busy while a run on it goes on", ...threadStatus },
  thread_idle_after_success: { title: "a thread is idle again once its run succeeded", ...threadStatus },
  thread_interrupted_after_interrupt: {
    title: "a thread whose run stopped at an interrupt is interrupted",
    ...threadStatus,
  },
  thread_idle_after_resume: { title: "a resumed thread whose run succeeded is idle", ...threadStatus },
  thread_error_after_failure: { title: "a thread whose last run failed is in status error", ...threadStatus },

  run_create_location_names_run: {
    title: "Content-Location names the created run",
    severity: "major",
    level: "standard",
    operations: [CREATE, STATELESS_RUNS],
    sdk: ["runs.create"],
    ref: errataRef("E11"),
  },
  run_get_returns_run: {
    title: "get answers the run asked for, on its thread",
    severity: "major",
    level: "core",
    operations: [RUN],
    sdk: ["runs.get"],
    ref: specRef(RUN, "/responses/200"),
  },
  run_status_success: {
    title: "a run that finished is in status success",
    severity: "major",
    level: "standard",
    operations: [RUN],
    sdk: ["runs.get"],
    ref: specRef(RUN, "/responses/200"),
  },
  run_get_after_delete_404: {
    title: "a deleted run is not found",
    severity: "major",
    level: "core",
    operations: [RUN],
    sdk: ["runs.get"],
    ref: specRef(DELETE_RUN),
  },
  run_unknown_id_not_found: {
    title:
      "a run id that does not exist, on a thread that does, answers 404 (not a 5xx) on get, join, cancel and delete; a join may instead answer 200 with an __error__ body saying the run is not found",
    severity: "major",
    level: "standard",
    operations: [RUN, JOIN, CANCEL, DELETE_RUN],
    sdk: ["runs.get", "runs.join", "runs.cancel", "runs.delete"],
    ref: errataRef("E25"),
  },
  run_unknown_assistant_not_found: {
    title:
      "a run naming an assistant that does not exist is refused with 404 (thread create, wait and stream, stateless wait) and no run starts",
    severity: "major",
    level: "standard",
    operations: [CREATE, WAIT, STREAM, STATELESS_WAIT, LIST],
    sdk: ["runs.create", "runs.wait", "runs.stream", "runs.list"],
    ref: specRef(CREATE, "/responses/404"),
  },
  join_stream_ends_with_final_values: {
    title: "a joined stream's last values event is the thread's final state",
    severity: "major",
    level: "standard",
    operations: [JOIN_STREAM],
    sdk: ["runs.join_stream"],
    ref: specRef(JOIN_STREAM),
  },
  run_join_returns_final_values: {
    title: "join answers the thread's final values",
    severity: "major",
    level: "core",
    operations: [JOIN],
    sdk: ["runs.join"],
    ref: specRef(JOIN),
  },
  run_join_waits_for_end: {
    title:
      "join of a running run answers once the run has ended: its answer holds the run's output, and the run then reads success",
    severity: "major",
    level: "core",
    operations: [JOIN, RUN],
    sdk: ["runs.join", "runs.get"],
    ref: specRef(JOIN),
  },
  run_join_failed_run_answers: {
    title: "join of a background run whose graph fails answers (2xx, within 8 s) instead of waiting on",
    severity: "major",
    level: "standard",
    operations: [JOIN],
    sdk: ["runs.join"],
    ref: specRef(JOIN),
  },
  join_stream_reports_run_error: {
    title: "join_stream of a background run whose graph fails ends with an error event {error, message}",
    severity: "major",
    level: "standard",
    operations: [JOIN_STREAM],
    sdk: ["runs.join_stream"],
    ref: specRef(JOIN_STREAM),
  },
  join_stream_replays_run_error: {
    title:
      "joining a failed resumable run's stream again with Last-Event-ID -1 replays its events, its error event included",
    severity: "major",
    level: "optional",
    capability: "resumable_streams",
    operations: [JOIN_STREAM],
    sdk: ["runs.join_stream"],
    ref: specRef(JOIN_STREAM, "/parameters/2"),
  },
  run_wait_returns_final_values: { title: "wait answers the thread's final values", level: "core", ...wait },
  thread_join_stream_sees_run: {
    title: "the thread's stream carries the events of a run on the thread",
    severity: "major",
    level: "optional",
    capability: "thread_stream",
    operations: [THREAD_STREAM],
    sdk: ["threads.join_stream"],
    ref: specRef(THREAD_STREAM),
  },
  run_list_includes_runs: {
    title: "list answers the thread's runs, and only them",
    level: "core",
    ref: specRef(LIST, "/responses/200"),
    ...list,
  },
  run_list_status_filter: {
    title: "a status filter lists only, and all, runs in that status",
    level: "standard",
    ref: specRef(LIST, "/parameters/3"),
    ...list,
  },
  run_list_limit: {
    title: "limit caps the page size",
    level: "standard",
    ref: specRef(LIST, "/parameters/1"),
    ...list,
  },
  run_list_offset: {
    title: "offset skips that many runs: the second page of one holds another run",
    level: "standard",
    ref: specRef(LIST, "/parameters/2"),
    ...list,
  },
  run_after_seconds_pending: {
    title: "a run created with after_seconds is pending until then, and runs once its time has come",
    severity: "major",
    level: "standard",
    operations: [CREATE, RUN],
    sdk: ["runs.create", "runs.get"],
    ref: "spec#/components/schemas/RunCreateStateful/properties/after_seconds",
  },
  if_not_exists_reject_not_found: {
    title: "a run on an unknown thread with if_not_exists reject answers 404",
    severity: "major",
    level: "standard",
    operations: [CREATE],
    sdk: ["runs.create"],
    ref: specRef(CREATE, "/responses/404"),
  },
  if_not_exists_create_creates_thread: {
    title: "if_not_exists create makes the thread and runs on it",
    level: "standard",
    ...wait,
  },

  run_wait_interrupt_envelope: {
    title: "wait on a run stopped by interrupt() answers {__interrupt__: [{value, …}]}",
    level: "core",
    ...wait,
  },
  command_resume_continues: {
    title: "Command(resume) hands the value to interrupt() and the graph runs on",
    level: "core",
    ...wait,
    ref: "spec#/components/schemas/Command",
  },
  command_update_applies: {
    title: "Command(update) writes to the state before the graph runs on",
    level: "standard",
    ...wait,
    ref: "spec#/components/schemas/Command",
  },
  command_goto_runs_node: {
    title: "Command(goto) runs the named node",
    level: "standard",
    ...wait,
    ref: "spec#/components/schemas/Command",
  },
  interrupt_before_pauses_before_node: {
    title: "interrupt_before stops the run before the node: it is next and has not written",
    level: "standard",
    ...wait,
    ref: "spec#/components/schemas/InterruptNodes",
  },
  interrupt_before_resumes: {
    title: "a run with no input resumes the thread at the node it stopped before",
    level: "standard",
    ...wait,
  },
  interrupt_after_pauses_after_node: {
    title: "interrupt_after stops the run once the node has written, leaving the thread interrupted",
    level: "standard",
    ...wait,
    ref: "spec#/components/schemas/InterruptNodes",
  },
  run_wait_error_envelope: {
    title: "wait on a failed run answers {__error__: {error, message}}",
    level: "core",
    ...wait,
  },
  run_status_error_after_failure: {
    title: "a run whose graph raised is in status error",
    level: "standard",
    ref: "spec#/components/schemas/RunStatus",
    ...list,
  },

  multitask_reject_refuses: {
    title: "with multitask_strategy reject, a run on a busy thread is refused",
    ...multitask,
  },
  multitask_reject_conflict: {
    title: "the refusal of a run on a busy thread is 409 Conflict",
    ...multitask,
    ref: specRef(CREATE, "/responses/409"),
  },
  multitask_reject_first_unaffected: {
    title: "the running run is unaffected by the refused one and succeeds",
    ...multitask,
  },
  multitask_interrupt_runs_second: {
    title: "with multitask_strategy interrupt, the new run runs to success",
    ...multitask,
  },
  multitask_interrupt_interrupts_first: {
    title: "with multitask_strategy interrupt, the running run is kept in status interrupted",
    ...multitask,
  },
  multitask_rollback_deletes_first: {
    title: "with multitask_strategy rollback, the running run is deleted",
    ...multitask,
  },
  multitask_enqueue_runs_in_order: {
    title: "with multitask_strategy enqueue, both runs succeed, the queued one after the first",
    ...multitask,
  },
  multitask_default_enqueues: {
    title: "without multitask_strategy a run on a busy thread is queued (the documented default is enqueue)",
    ...multitask,
    ref: "spec#/components/schemas/RunCreateStateful/properties/multitask_strategy",
  },

  cancel_stops_run: {
    title:
      "a cancelled run's work stops: by the time it would have ended, it has not succeeded and its output is not in the thread's state",
    level: "core",
    ref: specRef(CANCEL),
    ...cancel,
  },
  cancel_interrupt_marks_run_interrupted: {
    title: "a run cancelled with action interrupt is in status interrupted",
    level: "standard",
    ref: "spec#/components/parameters/CancelAction",
    ...cancel,
  },
  cancel_rollback_deletes_run: {
    title: "a run cancelled with action rollback is deleted",
    level: "standard",
    ref: "spec#/components/parameters/CancelAction",
    ...cancel,
  },
  cancel_frees_thread: {
    title: "after a cancel the thread is idle again (a cancel is not an error)",
    level: "standard",
    ref: specRef(CANCEL),
    ...cancel,
  },
  cancel_ends_joined_stream: {
    title: "cancelling a run ends the stream a client joined of it, within 2 s of the cancel",
    severity: "major",
    level: "standard",
    operations: [JOIN_STREAM, CANCEL],
    sdk: ["runs.join_stream", "runs.cancel"],
    ref: specRef(JOIN_STREAM),
  },
  cancel_pending_run_leaves_state: {
    title:
      "a delayed run cancelled while pending never runs: once its time has passed, the thread's values and checkpoint are those from before it",
    level: "standard",
    ref: specRef(CANCEL),
    ...cancel,
  },
  cancel_many_stops_runs: {
    title:
      "runs cancelled by thread and run ids stop: by the time they would have ended, they have not succeeded and their output is not in the thread's state",
    severity: "major",
    level: "standard",
    operations: [CANCEL_MANY],
    ref: specRef(CANCEL_MANY),
  },
  cancel_many_run_ids_without_thread: {
    title:
      "runs cancelled by run_ids alone (no thread_id), where the target accepts that, stop as they do when cancelled by thread and run ids",
    severity: "major",
    level: "standard",
    operations: [CANCEL_MANY],
    ref: "spec#/components/schemas/RunsCancel/properties/run_ids",
  },
  webhook_called_when_run_finishes: {
    title: "a background run created with a webhook has the webhook called with a POST once it finished (within 10 s)",
    ...webhook,
  },
  webhook_body_names_run: {
    title: "the webhook's POST has a JSON body that names the run: its run_id, its thread_id and its final status",
    ...webhook,
  },
  webhook_called_for_stateless_run: {
    title:
      "a stateless background run created with a webhook has the webhook called with a POST whose JSON body names the run and its final status (within 10 s)",
    ...webhook,
    operations: [STATELESS_RUNS],
  },

  interrupt_views_agree: {
    title:
      "while a run waits at an interrupt (interrupt() or interrupt_before), the thread is interrupted, and its state, its interrupts keyed by task id and its newest history entry agree: same next, same tasks, same interrupt ids and values",
    severity: "major",
    level: "standard",
    operations: [STATE, THREAD, HISTORY],
    sdk: ["threads.get_state", "threads.get", "threads.get_history"],
    ref: "spec#/components/schemas/Thread/properties/interrupts",
  },
  update_state_keeps_interrupt: {
    title: "update_state on an interrupted thread leaves it interrupted, with the same next",
    severity: "major",
    level: "standard",
    operations: [UPDATE_STATE, THREAD, STATE],
    sdk: ["threads.update_state"],
    ref: specRef(UPDATE_STATE),
  },
  resume_sees_update: {
    title: "a resume after update_state runs on the edited state: the final state holds the edit and the answer",
    severity: "major",
    level: "standard",
    operations: [STREAM, STATE],
    sdk: ["runs.stream"],
    ref: specRef(UPDATE_STATE),
  },
  stream_shows_interrupt: {
    title:
      "a values stream of a run that stops at interrupt() carries __interrupt__ (in a values or updates event) with the interrupt's id and value",
    severity: "major",
    level: "standard",
    operations: [STREAM],
    sdk: ["runs.stream"],
    ref: specRef(STREAM),
  },
  stream_resume_completes: {
    title: "a streamed run with Command(resume) runs the graph to its end: its last values event carries the answer",
    severity: "major",
    level: "standard",
    operations: [STREAM],
    sdk: ["runs.stream"],
    ref: "spec#/components/schemas/Command",
  },
  command_resume_idle_no_effect: {
    title:
      "Command(resume) on a thread that waits at no interrupt (its last run finished) is refused with a 4xx, or runs no node: the thread's values stay as they were",
    severity: "minor",
    level: "standard",
    operations: [WAIT],
    sdk: ["runs.wait"],
    ref: errataRef("E33"),
  },
  command_with_input_not_mixed: {
    title:
      "a run given both input and command is refused with a 4xx, or follows the command alone: the input is not written to the state",
    severity: "minor",
    level: "standard",
    operations: [WAIT],
    sdk: ["runs.wait"],
    ref: errataRef("E33"),
  },
  parallel_interrupts_listed: {
    title:
      "two interrupts raised in the same step show in the state as two tasks, each with one interrupt of its own id",
    severity: "major",
    level: "standard",
    operations: [STATE],
    sdk: ["threads.get_state"],
    ref: "spec#/components/schemas/ThreadState/properties/tasks",
  },
  parallel_resume_by_id: {
    title:
      "a resume with a map of interrupt id to value answers each interrupt with its own value, and the graph runs to its end",
    severity: "major",
    level: "standard",
    operations: [WAIT, STATE],
    sdk: ["runs.wait"],
    ref: "spec#/components/schemas/Command/properties/resume",
  },
  subgraph_state_under_task: {
    title:
      "with subgraphs=true, the state of a thread waiting at an interrupt inside a subgraph shows the subgraph's state under the task that runs it: its next, its namespaced checkpoint and the interrupt",
    severity: "major",
    level: "standard",
    operations: [STATE],
    sdk: ["threads.get_state"],
    ref: "spec#/components/parameters/Subgraphs",
  },
  subgraph_checkpoint_readable: {
    title:
      "the state at a subgraph's checkpoint (its namespace and id, given in the body) is the subgraph's state, waiting at its interrupt",
    severity: "minor",
    level: "standard",
    operations: [STATE_AT],
    sdk: ["threads.get_state"],
    ref: "spec#/components/schemas/CheckpointConfig/properties/checkpoint_ns",
  },
  subgraph_resume_completes: {
    title:
      "Command(resume) on a thread waiting inside a subgraph completes the subgraph and the parent: the answer is in the values, nothing is next and the thread is idle",
    severity: "major",
    level: "standard",
    operations: [WAIT, STATE],
    sdk: ["runs.wait"],
    ref: "spec#/components/schemas/Command",
  },

  run_context_reaches_graph: {
    title: "a run's context reaches the graph: each key the run sets has the run's value, over the assistant's context",
    severity: "major",
    level: "standard",
    operations: [WAIT],
    sdk: ["runs.wait"],
    ref: "spec#/components/schemas/RunCreateStateful/properties/context",
  },
  assistant_context_is_default: {
    title: "a run that gives no context runs with its assistant's context",
    severity: "major",
    level: "standard",
    operations: [WAIT, "POST /assistants"],
    sdk: ["runs.wait", "assistants.create"],
    ref: "spec#/components/schemas/AssistantCreate/properties/context",
  },
  assistant_context_update_applies: {
    title: "once an assistant's context is updated, its next run that gives no context runs with the new context",
    severity: "major",
    level: "standard",
    operations: ["PATCH /assistants/{assistant_id}", WAIT],
    sdk: ["assistants.update", "runs.wait"],
    ref: "spec#/components/schemas/AssistantPatch/properties/context",
  },
  assistant_configurable_is_default: {
    title: "a run that gives no config.configurable runs with its assistant's configurable values",
    severity: "major",
    level: "standard",
    operations: [WAIT, "POST /assistants"],
    sdk: ["runs.wait", "assistants.create"],
    ref: "spec#/components/schemas/AssistantCreate/properties/config",
  },
  run_configurable_reaches_graph: {
    title:
      "a run's config.configurable reaches the graph: each key the run sets has the run's value, over the assistant's",
    severity: "major",
    level: "standard",
    operations: [WAIT],
    sdk: ["runs.wait"],
    ref: "spec#/components/schemas/RunCreateStateful/properties/config",
  },
  run_from_checkpoint_branches: {
    title:
      "a run given a checkpoint starts from it: the thread's state is then that checkpoint's values and what the run added, without what later runs wrote",
    severity: "major",
    level: "standard",
    operations: [WAIT],
    sdk: ["runs.wait"],
    ref: "spec#/components/schemas/RunCreateStateful/properties/checkpoint",
  },
  update_state_at_checkpoint_branches: {
    title:
      "update_state given a checkpoint writes on top of it: the new state's parent is that checkpoint, and its values are that checkpoint's and the update",
    severity: "major",
    level: "standard",
    operations: [UPDATE_STATE],
    sdk: ["threads.update_state"],
    ref: "spec#/components/schemas/ThreadStateUpdate/properties/checkpoint",
  },
  graph_reads_store_items: {
    title:
      "a graph reads, through the store the server gives it, the item put with PUT /store/items in the namespace the run names, not the item of that key in a sibling namespace",
    severity: "major",
    level: "standard",
    operations: [WAIT, "PUT /store/items"],
    sdk: ["runs.wait", "store.put_item"],
    ref: "spec#/tags/5",
  },
  store_reads_graph_items: {
    title: "GET /store/items reads the item a graph put through the store the server gives it",
    severity: "major",
    level: "standard",
    operations: ["GET /store/items", WAIT],
    sdk: ["store.get_item", "runs.wait"],
    ref: "spec#/tags/5",
  },
  stream_messages_tuple_chunks: {
    title:
      "with stream_mode messages-tuple, a chat model's answer streams as several messages events [chunk, metadata]: the chunks joined are the final AI message, and each metadata names the node",
    severity: "major",
    level: "standard",
    operations: [STREAM],
    sdk: ["runs.stream"],
    ref: "spec#/components/schemas/StreamMessagesTupleEvent",
  },
  stream_messages_partial_accumulates: {
    title:
      "with stream_mode messages, the messages/partial events of a chat model's answer each hold the message so far, growing to the final AI message (which a messages/complete event, when sent, holds too)",
    severity: "major",
    level: "standard",
    operations: [STREAM],
    sdk: ["runs.stream"],
    ref: errataRef("E34"),
  },
  stream_updates_follow_branch: {
    title:
      "the updates events of a run through a conditional edge name the nodes in the order they ran: the router, the branch the input chose, then the node after it",
    severity: "major",
    level: "standard",
    operations: [STREAM],
    sdk: ["runs.stream"],
    ref: "spec#/components/schemas/StreamUpdatesEvent",
  },
  update_state_as_node_resume_follows: {
    title:
      "a run resumed after update_state as_node goes on with the nodes that follow that node, not with the node the thread had stopped before",
    severity: "major",
    level: "standard",
    operations: [UPDATE_STATE, WAIT],
    sdk: ["threads.update_state", "runs.wait"],
    ref: "spec#/components/schemas/ThreadStateUpdate/properties/as_node",
  },
});
