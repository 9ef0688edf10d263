// The auth rules, where the target authenticates its users: requests without valid credentials are refused, and what
// one user creates is another user's to neither see nor touch, while its owner keeps it whole.

import { defineRules, errataRef } from "../../src/rules/rule.ts";

export const ASSISTANT = "GET /assistants/{assistant_id}";
export const ASSISTANT_CREATE = "POST /assistants";
export const ASSISTANT_PATCH = "PATCH /assistants/{assistant_id}";
export const ASSISTANT_DELETE = "DELETE /assistants/{assistant_id}";
export const ASSISTANT_SEARCH = "POST /assistants/search";
export const ASSISTANT_COUNT = "POST /assistants/count";
export const THREAD = "GET /threads/{thread_id}";
export const THREAD_CREATE = "POST /threads";
export const THREAD_PATCH = "PATCH /threads/{thread_id}";
export const THREAD_DELETE = "DELETE /threads/{thread_id}";
export const THREAD_SEARCH = "POST /threads/search";
export const THREAD_COUNT = "POST /threads/count";
export const STATE = "GET /threads/{thread_id}/state";
export const UPDATE_STATE = "POST /threads/{thread_id}/state";
export const HISTORY = "POST /threads/{thread_id}/history";
export const COPY = "POST /threads/{thread_id}/copy";
export const RUNS = "GET /threads/{thread_id}/runs";
export const RUN_CREATE = "POST /threads/{thread_id}/runs";
export const RUN = "GET /threads/{thread_id}/runs/{run_id}";
export const RUN_DELETE = "DELETE /threads/{thread_id}/runs/{run_id}";
export const JOIN = "GET /threads/{thread_id}/runs/{run_id}/join";
export const RUN_STREAM = "GET /threads/{thread_id}/runs/{run_id}/stream";
export const CANCEL = "POST /threads/{thread_id}/runs/{run_id}/cancel";
export const CRON_CREATE = "POST /runs/crons";
export const CRON = "GET /runs/crons/{cron_id}";
export const CRON_PATCH = "PATCH /runs/crons/{cron_id}";
export const CRON_DELETE = "DELETE /runs/crons/{cron_id}";
export const CRON_SEARCH = "POST /runs/crons/search";
export const CRON_COUNT = "POST /runs/crons/count";
export const STORE_PUT = "PUT /store/items";
export const STORE_GET = "GET /store/items";
export const STORE_DELETE = "DELETE /store/items";
export const STORE_SEARCH = "POST /store/items/search";
export const STORE_NAMESPACES = "POST /store/namespaces";

/** The operations the refusal rules send without valid credentials: reads, and a create that leaves nothing behind. */
export const REFUSED_OPERATIONS = [
  THREAD_SEARCH,
  THREAD_COUNT,
  ASSISTANT_SEARCH,
  THREAD,
  STATE,
  STORE_SEARCH,
  THREAD_CREATE,
] as const;

const auth = { level: "optional", capability: "auth" } as const;
const refusal = { ...auth, severity: "critical", operations: REFUSED_OPERATIONS, ref: errataRef("E27") } as const;

export const AUTH = defineRules({
  auth_required: {
    title: "a request without credentials is refused with 401 or 403, and the answer carries no data",
    ...refusal,
  },
  auth_malformed_refused: {
    title: "a request with a malformed credential is refused with 401 or 403, and the answer carries no data",
    ...refusal,
  },
  auth_unknown_token_refused: {
    title: "a request with a token the target never issued is refused with 401 or 403, and the answer carries no data",
    ...refusal,
  },
  auth_isolation_get: {
    title: "another user cannot read what a user created: its assistant, thread, state, history, copy and cron",
    severity: "critical",
    ...auth,
    operations: [THREAD, ASSISTANT, STATE, HISTORY, COPY, CRON],
    ref: errataRef("E27"),
  },
  auth_isolation_change: {
    title: "another user cannot change what a user created: its assistant, thread, state and cron stay as they were",
    severity: "critical",
    ...auth,
    operations: [THREAD_PATCH, ASSISTANT_PATCH, UPDATE_STATE, CRON_PATCH],
    ref: errataRef("E27"),
  },
  auth_isolation_delete: {
    title: "another user cannot delete what a user created: its assistant, thread, run and cron are still there",
    severity: "critical",
    ...auth,
    operations: [THREAD_DELETE, ASSISTANT_DELETE, RUN_DELETE, CRON_DELETE],
    ref: errataRef("E27"),
  },
  auth_isolation_search: {
    title: "another user's searches never list what a user created",
    severity: "critical",
    ...auth,
    operations: [THREAD_SEARCH, ASSISTANT_SEARCH, CRON_SEARCH],
    ref: errataRef("E27"),
  },
  auth_isolation_count: {
    title: "another user's counts never include what a user created",
    severity: "major",
    ...auth,
    operations: [THREAD_COUNT, ASSISTANT_COUNT, CRON_COUNT],
    ref: errataRef("E27"),
  },
  auth_isolation_runs: {
    title: "another user can neither list, read, join, stream, cancel nor start runs on a user's thread",
    severity: "critical",
    ...auth,
    operations: [RUN, RUNS, JOIN, RUN_STREAM, CANCEL, RUN_CREATE],
    ref: errataRef("E27"),
  },
  auth_isolation_store: {
    title:
      "another user can neither read, find, list, overwrite nor delete a user's store items, where the store isolates users",
    severity: "critical",
    ...auth,
    operations: [STORE_GET, STORE_SEARCH, STORE_NAMESPACES, STORE_PUT, STORE_DELETE],
    ref: errataRef("E27"),
  },
  auth_isolation_hides_existence: {
    title:
      "another user's request about a user's resource is answered as if it did not exist: 404 (not 403), or as one that never existed",
    severity: "minor",
    ...auth,
    operations: [
      THREAD,
      ASSISTANT,
      STATE,
      HISTORY,
      COPY,
      CRON,
      THREAD_PATCH,
      ASSISTANT_PATCH,
      UPDATE_STATE,
      CRON_PATCH,
      RUN,
      RUNS,
      JOIN,
      RUN_STREAM,
      CANCEL,
      RUN_CREATE,
      THREAD_DELETE,
      ASSISTANT_DELETE,
      RUN_DELETE,
      CRON_DELETE,
    ],
    ref: errataRef("E27"),
  },
  auth_owner_keeps_access: {
    title: "after another user's attempts, a user still reads its resources unchanged, and can update and delete them",
    severity: "critical",
    ...auth,
    operations: [
      THREAD,
      ASSISTANT,
      STATE,
      RUN,
      CRON,
      THREAD_PATCH,
      ASSISTANT_PATCH,
      THREAD_DELETE,
      ASSISTANT_DELETE,
      CRON_DELETE,
    ],
    ref: errataRef("E27"),
  },
  auth_owner_metadata_consistent: {
    title: "metadata the target adds to a user's resource (such as its owner) is the same on create, get and search",
    severity: "major",
    ...auth,
    operations: [THREAD_CREATE, ASSISTANT_CREATE, THREAD, ASSISTANT, THREAD_SEARCH, ASSISTANT_SEARCH],
    ref: errataRef("E27"),
  },
});
