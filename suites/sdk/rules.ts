// The SDK's rules: every method of the official JS client works against the target and returns what the flow expects.

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
} as const satisfies Record<string, readonly SdkMethod[]>;

const methods: readonly SdkMethod[] = Object.values(SDK_FLOW_METHODS).flat();
const operations: readonly string[] = Object.values(SDK_FLOW_OPERATIONS).flat();

export const SDK = defineRules({
  sdk_call: {
    title: "each method of the official JS SDK completes against the server without an error",
    severity: "critical",
    level: "core",
    operations,
    sdk: methods,
    ref: "spec#/paths",
  },
  sdk_result: {
    title: "each method of the official JS SDK returns what the API promises for the call",
    severity: "major",
    level: "core",
    operations,
    sdk: methods,
    ref: "spec#/paths",
  },
});
