// Hand-made run, results and run-end extras shared by the reporter tests: every verdict kind, duplicates, gaps.
import type { CheckResult, ExchangeRecord, Finding, RunInfo } from "../src/model.ts";
import type { RunEndExtras } from "./types.ts";

export const run: RunInfo = {
  target: "http://localhost:2024",
  embedded: true,
  spec: { source: "spec/openapi.json", title: "LangGraph Platform", version: "0.1.0" },
  catalogueVersion: "0123456789ab",
  prefix: "conf-abc123",
  seed: 4242,
  startedAt: "2025-01-01T00:00:00.000Z",
  operations: [
    { operationId: "create_assistant", method: "post", path: "/assistants", tag: "Assistants" },
    { operationId: "search_assistants", method: "post", path: "/assistants/search", tag: "Assistants" },
    { operationId: "get_thread", method: "get", path: "/threads/{thread_id}", tag: "Threads & <Stuff>" },
    { operationId: "stream_run", method: "post", path: "/threads/{thread_id}/runs/stream", tag: "Runs" },
    { operationId: "delete_thread", method: "delete", path: "/threads/{thread_id}", tag: "Threads & <Stuff>" },
    { operationId: "cancel_run", method: "post", path: "/threads/{thread_id}/runs/{run_id}/cancel", tag: "Runs" },
    { operationId: "create_thread", method: "post", path: "/threads", tag: "Threads & <Stuff>" },
  ],
  rules: [
    {
      id: "status-code",
      title: "Documented status code",
      kind: "check",
      area: "checks",
      severity: "major",
      level: "standard",
    },
    {
      id: "response-schema",
      title: "Response matches schema",
      kind: "check",
      area: "checks",
      severity: "major",
      level: "standard",
    },
    {
      id: "content-type",
      title: "Documented content type",
      kind: "check",
      area: "checks",
      severity: "minor",
      level: "standard",
    },
  ],
  sdkMethods: [
    "assistants.create",
    "assistants.search",
    "threads.create",
    "threads.get",
    "threads.delete",
    "runs.stream",
    "runs.cancel",
    "crons.create",
    "store.put_item",
  ],
};

export const extras: RunEndExtras = {
  capabilities: [
    { name: "stream mode: values", supported: true },
    { name: "crons", supported: false, detail: "POST /runs/crons answers 500 Not implemented" },
  ],
  leftovers: ["thread conf-abc123-t1", "assistant conf-abc123-a2"],
  phases: [
    { id: "threads.lifecycle", title: "Threads: lifecycle", outcome: { status: "ran" } },
    { id: "property", title: "Property phase", outcome: { status: "skipped", reason: "getThreadState answered 500" } },
  ],
  reason: "finished",
};

export const noExtras: RunEndExtras = { capabilities: [], leftovers: [], phases: [], reason: "finished" };

export function exchange(method: string, url: string, durationMs = 10): ExchangeRecord {
  return {
    request: { method, url, headers: { "content-type": "application/json" }, body: "{}" },
    response: { status: 200, headers: {}, body: "{}", durationMs },
    curl: `curl -X ${method} '${url}' -H 'content-type: application/json' -d '{}'`,
  };
}

export const schemaFinding: Finding = {
  checkId: "response-schema",
  severity: "major",
  operationId: "create_assistant",
  message: "Received: assistant_id 42 / Documented: a string",
  expected: { type: "string", format: "uuid" },
  actual: 42,
  instancePointer: "/assistant_id",
  schemaPointer: "/components/schemas/Assistant/properties/assistant_id",
  key: "response-schema:create_assistant:/assistant_id:type",
  cause: "response-schema:/assistant_id:type",
};

export const nastyFinding: Finding = {
  checkId: "content-type",
  severity: "minor",
  operationId: "create_thread",
  message: `Received: <"text/html" & 'x'>\u0001\u001b / Documented: application/json`,
  expected: "application/json",
  actual: "text/html; a=<b>",
  key: "content-type:create_thread:text/html",
  cause: "content-type:text/html",
};

export const criticalFinding: Finding = {
  checkId: "status-code",
  severity: "critical",
  operationId: "create_thread",
  message: "Received: 500 / Documented: 200, 422",
  expected: [200, 422],
  actual: 500,
  instancePointer: "",
  key: "status-code:create_thread:500",
  cause: "status-code:500",
};

const base = (
  operationId: string,
  checkId: string,
  sdkMethod?: string,
): Pick<CheckResult, "operationId" | "checkId" | "source" | "step" | "sdkMethod"> => ({
  operationId,
  checkId,
  source: "probe",
  step: `probe ${operationId}`,
  ...(sdkMethod !== undefined ? { sdkMethod } : {}),
});

export const results: CheckResult[] = [
  // create_assistant: duplicate finding across two results, plus passes → failed.
  {
    ...base("create_assistant", "status-code", "assistants.create"),
    verdict: { status: "passed" },
    exchange: exchange("POST", "http://localhost:2024/assistants"),
  },
  { ...base("create_assistant", "response-schema", "assistants.create"), verdict: { status: "passed" } },
  {
    ...base("create_assistant", "response-schema", "assistants.create"),
    source: "property:valid",
    step: "create with generated body",
    verdict: { status: "failed", findings: [schemaFinding] },
    exchange: exchange("POST", "http://localhost:2024/assistants", 25),
    seed: 7,
  },
  {
    ...base("create_assistant", "response-schema", "assistants.create"),
    source: "property:valid",
    step: "create again",
    verdict: { status: "failed", findings: [{ ...schemaFinding }] },
    exchange: exchange("POST", "http://localhost:2024/assistants", 30),
    seed: 8,
  },
  // search_assistants: passed + skipped → passed.
  { ...base("search_assistants", "status-code", "assistants.search"), verdict: { status: "passed" } },
  {
    ...base("search_assistants", "response-schema", "assistants.search"),
    verdict: { status: "skipped", reason: "no 2xx response to validate" },
  },
  // get_thread: errored → failed.
  {
    ...base("get_thread", "status-code", "threads.get"),
    verdict: { status: "errored", message: "fetch failed: ECONNRESET" },
    exchange: { ...exchange("GET", "http://localhost:2024/threads/abc"), response: undefined, error: "ECONNRESET" },
  },
  // delete_thread: only not_implemented → not_implemented.
  {
    ...base("delete_thread", "status-code", "threads.delete"),
    verdict: { status: "not_implemented", reason: "server answered 404 for the route" },
  },
  {
    ...base("delete_thread", "response-schema", "threads.delete"),
    verdict: { status: "not_implemented", reason: "server answered 404 for the route" },
  },
  // cancel_run: only skipped → skipped.
  { ...base("cancel_run", "status-code", "runs.cancel"), verdict: { status: "skipped", reason: "no run to cancel" } },
  // create_thread: critical + minor findings (with characters that need escaping), and a failure without findings.
  {
    ...base("create_thread", "status-code", "threads.create"),
    verdict: { status: "failed", findings: [criticalFinding] },
    exchange: exchange("POST", "http://localhost:2024/threads?a=1&b=2"),
    seed: 9,
  },
  { ...base("create_thread", "content-type"), verdict: { status: "failed", findings: [nastyFinding] } },
  { ...base("create_thread", "custom-check", "threads.create"), verdict: { status: "failed", findings: [] } },
  // A result for an operation the run does not list.
  { ...base("ghost_op", "status-code", "threads.update_state"), verdict: { status: "passed" } },
  // stream_run: no results at all → not_covered.
  // SDK methods: content-type on create_thread has none; threads.update_state is not in the catalogue;
  // runs.stream, crons.create and store.put_item have no result → not_covered.
];
