// The threads' rules: create, get, update, delete, search and count; state updates, checkpoints, history and copy.

import { defineRules, errataRef, specRef } from "../../src/rules/rule.ts";

export const CREATE = "POST /threads";
export const GET = "GET /threads/{thread_id}";
export const PATCH = "PATCH /threads/{thread_id}";
export const SEARCH = "POST /threads/search";
export const COUNT = "POST /threads/count";
export const DELETE = "DELETE /threads/{thread_id}";
export const STATE = "GET /threads/{thread_id}/state";
export const UPDATE_STATE = "POST /threads/{thread_id}/state";
export const STATE_AT = "GET /threads/{thread_id}/state/{checkpoint_id}";
export const STATE_AT_OBJECT = "POST /threads/{thread_id}/state/checkpoint";
export const HISTORY_GET = "GET /threads/{thread_id}/history";
export const HISTORY = "POST /threads/{thread_id}/history";
export const COPY = "POST /threads/{thread_id}/copy";

const create = { operations: [CREATE], sdk: ["threads.create"] } as const;
const search = { operations: [SEARCH], sdk: ["threads.search"], ref: specRef(SEARCH) } as const;
const updateState = { operations: [UPDATE_STATE], sdk: ["threads.update_state"] } as const;
const history = { operations: [HISTORY], sdk: ["threads.get_history"], ref: specRef(HISTORY) } as const;
const getState = { sdk: ["threads.get_state"], severity: "major", level: "core" } as const;
const copy = { operations: [COPY], sdk: ["threads.copy"], ref: specRef(COPY) } as const;

export const THREADS = defineRules({
  thread_create_makes_new_thread: {
    title: "a create makes a new thread: an id no other create answered, that reads back with the metadata given",
    severity: "critical",
    level: "core",
    ...create,
    ref: specRef(CREATE, "/responses/200"),
  },
  thread_create_uses_given_id: {
    title: "a thread created with a thread_id has that id",
    severity: "major",
    level: "core",
    ...create,
    ref: specRef(CREATE),
  },
  thread_create_generates_id: {
    title: "a thread created without thread_id gets a new uuid",
    severity: "major",
    level: "core",
    ...create,
    ref: specRef(CREATE),
  },
  thread_create_if_exists_raise_conflicts: {
    title: "creating a taken thread_id with if_exists raise answers 409",
    severity: "major",
    level: "standard",
    ...create,
    ref: specRef(CREATE, "/responses/409"),
  },
  thread_create_if_exists_do_nothing_returns_existing: {
    title: "if_exists do_nothing returns the existing thread unchanged",
    severity: "major",
    level: "core",
    ...create,
    ref: specRef(CREATE),
  },
  thread_get_returns_thread: {
    title: "get returns the thread with its metadata",
    severity: "major",
    level: "core",
    operations: [GET],
    sdk: ["threads.get"],
    ref: specRef(GET, "/responses/200"),
  },
  thread_update_merges_metadata: {
    title: "update merges the new metadata into the old and stores it",
    severity: "major",
    level: "core",
    operations: [PATCH],
    sdk: ["threads.update"],
    ref: specRef(PATCH),
  },
  thread_delete_removes_thread: {
    title: "after delete, get answers 404",
    severity: "major",
    level: "core",
    operations: [DELETE],
    sdk: ["threads.delete"],
    ref: specRef(DELETE),
  },
  thread_deleted_state_is_404: {
    title: "after delete, the thread's state answers 404",
    severity: "major",
    level: "standard",
    operations: [STATE],
    sdk: ["threads.get_state"],
    ref: errataRef("E13"),
  },
  thread_deleted_history_is_404: {
    title: "after delete, the thread's history (GET and POST) answers 404",
    severity: "major",
    level: "standard",
    operations: [HISTORY],
    sdk: ["threads.get_history"],
    ref: errataRef("E13"),
  },
  thread_unknown_id_not_found: {
    title: "a thread id that does not exist answers 404 (not a 5xx) on get, update, delete, state and history",
    severity: "major",
    level: "standard",
    operations: [GET, PATCH, DELETE, STATE, HISTORY_GET, HISTORY],
    sdk: ["threads.get", "threads.update", "threads.delete", "threads.get_state", "threads.get_history"],
    ref: specRef(GET, "/responses/404"),
  },
  thread_search_by_metadata: {
    title: "search by metadata returns exactly the threads with that metadata",
    severity: "major",
    level: "core",
    ...search,
  },
  thread_search_by_values: {
    title: "search by values returns exactly the threads whose values contain them (not threads without values)",
    severity: "major",
    level: "core",
    ...search,
  },
  thread_search_by_status: {
    title: "search by status returns the threads with that status and no others",
    severity: "major",
    level: "core",
    ...search,
  },
  thread_search_sort_by_thread_id: {
    title: "sort_by thread_id with sort_order asc orders by id",
    severity: "major",
    level: "standard",
    ...search,
  },
  thread_search_sort_by_created_at: {
    title: "sort_by created_at lists the oldest first with sort_order asc, and the newest first with desc",
    severity: "major",
    level: "standard",
    ...search,
  },
  thread_deleted_leaves_search: {
    title: "a deleted thread is neither found by search nor counted, while a thread with the same metadata still is",
    severity: "major",
    level: "standard",
    operations: [SEARCH, COUNT],
    sdk: ["threads.search", "threads.count"],
    ref: specRef(SEARCH),
  },
  thread_search_pages_disjoint_and_complete: {
    title: "limit/offset pages do not overlap and together give every thread",
    severity: "major",
    level: "standard",
    ...search,
  },
  thread_count_agrees_with_search: {
    title: "count gives the number of threads the same search returns (by metadata, values, status)",
    severity: "major",
    level: "core",
    operations: [COUNT],
    sdk: ["threads.count"],
    ref: specRef(COUNT, "/responses/200"),
  },
  thread_create_supersteps_history: {
    title:
      "a thread created with supersteps has one checkpoint per superstep, newest first, each with the state after that superstep's writes",
    severity: "major",
    level: "standard",
    operations: [CREATE, HISTORY],
    sdk: ["threads.create", "threads.get_history"],
    ref: "spec#/components/schemas/ThreadCreate/properties/supersteps",
  },
  thread_update_state_shows_values: {
    title: "get_state shows the values written by update_state",
    severity: "major",
    level: "core",
    ...updateState,
    ref: specRef(UPDATE_STATE),
  },
  thread_update_state_makes_checkpoint: {
    title: "each update_state makes a new checkpoint, which get_state then shows",
    severity: "major",
    level: "core",
    ...updateState,
    ref: specRef(UPDATE_STATE, "/responses/200"),
  },
  thread_state_next_follows_as_node: {
    title: "next holds the nodes that follow as_node",
    severity: "major",
    level: "standard",
    ...updateState,
    ref: specRef(UPDATE_STATE),
  },
  thread_update_state_refused_while_busy: {
    title: "update_state on a thread whose run is pending or running answers 409",
    severity: "major",
    level: "standard",
    ...updateState,
    ref: errataRef("E14"),
  },
  thread_state_at_checkpoint_id: {
    title: "the state at a checkpoint id equals that checkpoint's history entry, not the latest state",
    ...getState,
    operations: [STATE_AT],
    ref: specRef(STATE_AT, "/responses/200"),
  },
  thread_state_at_checkpoint_object: {
    title: "the state at a checkpoint object equals that checkpoint's history entry, not the latest state",
    ...getState,
    operations: [STATE_AT_OBJECT],
    ref: specRef(STATE_AT_OBJECT, "/responses/200"),
  },
  thread_history_lists_checkpoints: {
    title: "after state updates, the history lists a checkpoint for each of them",
    severity: "major",
    level: "core",
    operations: ["GET /threads/{thread_id}/history"],
    sdk: ["threads.get_history"],
    ref: specRef("GET /threads/{thread_id}/history", "/responses/200"),
  },
  thread_history_newest_first: {
    title: "history lists checkpoints newest first",
    severity: "major",
    level: "standard",
    operations: [HISTORY_GET],
    ref: specRef(HISTORY_GET),
  },
  thread_history_get_honours_before: {
    title: "history with before (a checkpoint id in the query) gives only the checkpoints older than it",
    severity: "major",
    level: "standard",
    operations: [HISTORY_GET],
    ref: specRef(HISTORY_GET),
  },
  thread_history_honours_limit: {
    title: "history with limit n gives the n newest checkpoints",
    severity: "major",
    level: "standard",
    ...history,
  },
  thread_history_honours_before: {
    title:
      "history with before (a checkpoint, in the first of its forms the target takes: object, id or config) gives only the checkpoints older than it",
    severity: "major",
    level: "standard",
    ...history,
    ref: errataRef("E26"),
  },
  thread_history_honours_metadata: {
    title: "history with metadata gives only the checkpoints whose metadata contains it",
    severity: "major",
    level: "standard",
    ...history,
  },
  thread_copy_has_same_state: {
    title: "a copy is a new thread with the same state",
    severity: "major",
    level: "core",
    ...copy,
  },
  thread_copy_has_same_history: {
    title: "a copy has the same history (the same states in the same order)",
    severity: "major",
    level: "standard",
    ...copy,
  },
  thread_copy_is_independent: {
    title: "changing the copy's state leaves the original unchanged",
    severity: "major",
    level: "core",
    ...copy,
  },
});
