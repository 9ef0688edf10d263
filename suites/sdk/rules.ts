// The SDK's rules: every method of the official JS client works against the target and returns what the flow expects.

import { defineRules } from "../../src/rules/rule.ts";
import { SDK_METHODS } from "./methods.ts";

/** The operations the SDK flows reach. */
export const SDK_OPERATIONS = [
  "PUT /store/items", "GET /store/items", "POST /store/items/search", "POST /store/namespaces", "DELETE /store/items",
  "POST /threads", "GET /threads/{thread_id}", "PATCH /threads/{thread_id}", "POST /threads/search", "POST /threads/count",
  "POST /threads/{thread_id}/state", "GET /threads/{thread_id}/state", "GET /threads/{thread_id}/state/{checkpoint_id}",
  "POST /threads/{thread_id}/state/checkpoint", "POST /threads/{thread_id}/history", "POST /threads/{thread_id}/copy",
  "DELETE /threads/{thread_id}", "POST /assistants", "GET /assistants/{assistant_id}", "GET /assistants/{assistant_id}/graph",
  "GET /assistants/{assistant_id}/schemas", "GET /assistants/{assistant_id}/subgraphs", "PATCH /assistants/{assistant_id}",
  "POST /assistants/{assistant_id}/versions", "POST /assistants/{assistant_id}/latest", "POST /assistants/search",
  "POST /assistants/count", "DELETE /assistants/{assistant_id}",
] as const;

export const SDK = defineRules({
  sdk_call: {
    title: "each method of the official JS SDK completes against the server without an error",
    severity: "critical", level: "core", operations: SDK_OPERATIONS, sdk: SDK_METHODS, ref: "spec#/paths",
  },
  sdk_result: {
    title: "each method of the official JS SDK returns what the API promises for the call",
    severity: "major", level: "core", operations: SDK_OPERATIONS, sdk: SDK_METHODS, ref: "spec#/paths",
  },
});
