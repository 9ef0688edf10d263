// The stateless runs' rules: /runs/wait answers values, on_completion deletes or keeps the thread, /runs/batch.

import { defineRules, specRef } from "../../src/rules/rule.ts";

export const CREATE = "POST /runs";
export const WAIT = "POST /runs/wait";
export const STREAM = "POST /runs/stream";
export const BATCH = "POST /runs/batch";

const onCompletion = {
  severity: "major",
  level: "standard",
  operations: [CREATE],
  sdk: ["runs.create"],
  ref: "spec#/components/schemas/RunCreateStateless/properties/on_completion",
} as const;

export const STATELESS = defineRules({
  stateless_wait_returns_values: {
    title: "/runs/wait answers the run's final values, not a run object",
    severity: "major",
    level: "core",
    operations: [WAIT],
    sdk: ["runs.wait"],
    ref: specRef(WAIT, "/responses/200"),
  },
  stateless_delete_removes_thread: {
    title: "with on_completion delete, the run's thread is deleted once the run ends",
    ...onCompletion,
  },
  stateless_keep_keeps_thread: {
    title: "with on_completion keep, the run's thread remains after the run",
    ...onCompletion,
  },
  batch_creates_one_run_per_payload: {
    title: "/runs/batch answers one new run per payload",
    severity: "major",
    level: "core",
    operations: [BATCH],
    sdk: ["runs.create_batch"],
    ref: specRef(BATCH),
  },
});
