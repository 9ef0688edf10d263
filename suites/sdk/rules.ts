// The SDK's rules: every method of the official clients (JS, Python) works against the target and returns what the flow
// expects.

import { defineRules } from "../../src/rules/rule.ts";
import type { SdkMethod } from "./methods.ts";

/** The operations each flow reaches. */
export const SDK_FLOW_OPERATIONS = {
  store: [
    "PUT /store/items",
    "GET /store/items",
    "POST /store/items/search",
    "POST /store/namespaces",
    "DELETE /store/items",
  ],
  threads: [
    "POST /threads",
    "GET /threads/{thread_id}",
    "PATCH /threads/{thread_id}",
    "POST /threads/search",
    "POST /threads/count",
    "POST /threads/{thread_id}/state",
    "GET /threads/{thread_id}/state",
    "GET /threads/{thread_id}/state/{checkpoint_id}",
    "POST /threads/{thread_id}/state/checkpoint",
    "POST /threads/{thread_id}/history",
    "POST /threads/{thread_id}/copy",
    "DELETE /threads/{thread_id}",
  ],
  assistants: [
    "POST /assistants",
    "GET /assistants/{assistant_id}",
    "GET /assistants/{assistant_id}/graph",
    "GET /assistants/{assistant_id}/schemas",
    "GET /assistants/{assistant_id}/subgraphs",
    "PATCH /assistants/{assistant_id}",
    "POST /assistants/{assistant_id}/versions",
    "POST /assistants/{assistant_id}/latest",
    "POST /assistants/search",
    "POST /assistants/count",
    "DELETE /assistants/{assistant_id}",
  ],
  runs: [
    "POST /threads",
    "POST /threads/{thread_id}/runs/wait",
    "POST /threads/{thread_id}/runs/stream",
    "POST /threads/{thread_id}/runs",
    "GET /threads/{thread_id}/runs/{run_id}/join",
    "GET /threads/{thread_id}/runs/{run_id}",
    "GET /threads/{thread_id}/runs",
    "GET /threads/{thread_id}/runs/{run_id}/stream",
    "DELETE /threads/{thread_id}/runs/{run_id}",
    "GET /threads/{thread_id}/stream",
    "POST /threads/{thread_id}/runs/{run_id}/cancel",
    "POST /runs/batch",
  ],
} as const;

/** The SDK methods each flow calls. */
export const SDK_FLOW_METHODS = {
  store: ["store.put_item", "store.get_item", "store.search_items", "store.list_namespaces", "store.delete_item"],
  threads: [
    "threads.create",
    "threads.get",
    "threads.update",
    "threads.search",
    "threads.count",
    "threads.update_state",
    "threads.get_state",
    "threads.get_history",
    "threads.copy",
    "threads.delete",
  ],
  assistants: [
    "assistants.create",
    "assistants.get",
    "assistants.get_graph",
    "assistants.get_schemas",
    "assistants.get_subgraphs",
    "assistants.update",
    "assistants.get_versions",
    "assistants.set_latest",
    "assistants.search",
    "assistants.count",
    "assistants.delete",
  ],
  runs: [
    "threads.create",
    "runs.wait",
    "runs.stream",
    "runs.create",
    "runs.join",
    "runs.get",
    "runs.list",
    "runs.join_stream",
    "runs.delete",
    "threads.join_stream",
    "runs.cancel",
    "runs.create_batch",
  ],
} as const satisfies Record<string, readonly SdkMethod[]>;

/** The operation each method's verdict is reported at when the method was not called (its first one). */
const METHOD_OPERATION: Record<string, string> = {
  "store.put_item": "PUT /store/items",
  "store.get_item": "GET /store/items",
  "store.search_items": "POST /store/items/search",
  "store.list_namespaces": "POST /store/namespaces",
  "store.delete_item": "DELETE /store/items",
  "threads.create": "POST /threads",
  "threads.get": "GET /threads/{thread_id}",
  "threads.update": "PATCH /threads/{thread_id}",
  "threads.search": "POST /threads/search",
  "threads.count": "POST /threads/count",
  "threads.update_state": "POST /threads/{thread_id}/state",
  "threads.get_state": "GET /threads/{thread_id}/state",
  "threads.get_history": "POST /threads/{thread_id}/history",
  "threads.copy": "POST /threads/{thread_id}/copy",
  "threads.delete": "DELETE /threads/{thread_id}",
  "threads.join_stream": "GET /threads/{thread_id}/stream",
  "assistants.create": "POST /assistants",
  "assistants.get": "GET /assistants/{assistant_id}",
  "assistants.get_graph": "GET /assistants/{assistant_id}/graph",
  "assistants.get_schemas": "GET /assistants/{assistant_id}/schemas",
  "assistants.get_subgraphs": "GET /assistants/{assistant_id}/subgraphs",
  "assistants.update": "PATCH /assistants/{assistant_id}",
  "assistants.get_versions": "POST /assistants/{assistant_id}/versions",
  "assistants.set_latest": "POST /assistants/{assistant_id}/latest",
  "assistants.search": "POST /assistants/search",
  "assistants.count": "POST /assistants/count",
  "assistants.delete": "DELETE /assistants/{assistant_id}",
  "runs.wait": "POST /threads/{thread_id}/runs/wait",
  "runs.stream": "POST /threads/{thread_id}/runs/stream",
  "runs.create": "POST /threads/{thread_id}/runs",
  "runs.join": "GET /threads/{thread_id}/runs/{run_id}/join",
  "runs.get": "GET /threads/{thread_id}/runs/{run_id}",
  "runs.list": "GET /threads/{thread_id}/runs",
  "runs.join_stream": "GET /threads/{thread_id}/runs/{run_id}/stream",
  "runs.delete": "DELETE /threads/{thread_id}/runs/{run_id}",
  "runs.cancel": "POST /threads/{thread_id}/runs/{run_id}/cancel",
  "runs.create_batch": "POST /runs/batch",
};

export function operationOfMethod(method: string): string {
  const op = METHOD_OPERATION[method];
  if (!op) throw new Error(`no operation is known for SDK method ${method}`);
  return op;
}

const methods: readonly SdkMethod[] = [...new Set(Object.values(SDK_FLOW_METHODS).flat())];
const operations: readonly string[] = [...new Set(Object.values(SDK_FLOW_OPERATIONS).flat())];

export const SDK = defineRules({
  sdk_call: {
    title: "each method of the official SDK clients (JS, Python) completes against the server without an error",
    severity: "critical",
    level: "core",
    operations,
    sdk: methods,
    ref: "spec#/paths",
  },
  sdk_result: {
    title: "each method of the official SDK clients (JS, Python) returns what the API promises for the call",
    severity: "major",
    level: "core",
    operations,
    sdk: methods,
    ref: "spec#/paths",
  },
});
