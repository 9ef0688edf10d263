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

export const RUNS = defineRules({
  run_queue_survives_busy_thread_delete: {
    title: "deleting a thread while its run is going leaves the server running the runs that follow",
    severity: "critical",
    level: "standard",
    operations: [WAIT, "DELETE /threads/{thread_id}"],
    sdk: ["runs.wait"],
    ref: specRef("DELETE /threads/{thread_id}"),
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
});
