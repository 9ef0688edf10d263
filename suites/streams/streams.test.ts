// The stream scenarios' multi-exchange rules (replay, resume, final values) pass a correct scripted server and fail a faulty one.

import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { on, startFaultyServer, type FaultyServer, type Route, type ScriptedRequest } from "../../fixtures/fakes/faulty-server.ts";
import { CHECKS } from "../../src/checks/index.ts";
import { runConformance } from "../../src/engine/run.ts";
import type { Scenario } from "../../src/engine/scenario.ts";
import type { VerdictStatus } from "../../src/model.ts";
import { loadSpec, type LoadedSpec } from "../../src/spec/load.ts";
import { streamModeScenarios } from "./modes.ts";
import { streamResumeScenarios } from "./resume.ts";

const THREAD = "0b6f3c1e-4c1a-4f7e-9a43-0c1f1b2a3d4e";
const RUN = "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
const STATE = { messages: [{ type: "human", content: "hi" }, { type: "ai", content: "echo: hi" }] };

const frame = (event: string, data: unknown, id?: number) => `event: ${event}\ndata: ${JSON.stringify(data)}\n${id !== undefined ? `id: ${id}\n` : ""}\n`;

/** What a run of each fixture graph streams in each mode, as a conforming server would. */
function runStream(req: ScriptedRequest): string {
  const body = JSON.parse(req.body) as { assistant_id: string; stream_mode?: string | string[]; stream_subgraphs?: boolean };
  const modes = body.stream_mode === undefined ? ["values"] : [body.stream_mode].flat();
  const events: [string, unknown][] = [["metadata", { run_id: RUN, attempt: 1 }]];
  if (body.assistant_id === "failing_agent") events.push(["error", { error: "Error", message: "conformance fixture failure" }]);
  else {
    const payloads: Record<string, [string, unknown]> = {
      values: ["values", STATE],
      updates: ["updates", { echo: { messages: [STATE.messages[1]] } }],
      "messages-tuple": ["messages", [STATE.messages[1], { langgraph_node: "echo" }]],
      messages: ["messages/complete", [STATE.messages[1]]],
      events: ["events", { event: "on_chain_end", name: "echo", run_id: RUN }],
      debug: ["debug", { type: "task", timestamp: "2026-01-01T00:00:00Z", step: 1, payload: {} }],
      tasks: ["tasks", { id: "t1", name: "echo" }],
      checkpoints: ["checkpoints", { config: {}, metadata: {}, values: STATE, next: [], tasks: [] }],
    };
    for (const m of modes) {
      const [event, data] = payloads[m] ?? [];
      if (event && body.stream_subgraphs) events.push([`${event}|child:1`, data]);
      if (event) events.push([event, data]);
    }
  }
  return events.map(([event, data], i) => frame(event, data, i)).join("");
}

/** The routes every scenario needs to create and delete assistants and threads. */
const basics: Route[] = [
  on("POST /assistants", (req) => ({ body: { assistant_id: (JSON.parse(req.body) as { graph_id: string }).graph_id, graph_id: "g", config: {}, metadata: {}, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" } })),
  on("GET /assistants/{id}/graph", { body: {} }),
  on("DELETE /assistants/{id}", { body: {} }),
  on("POST /threads", { body: { thread_id: THREAD, status: "idle", metadata: {}, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" } }),
  on("DELETE /threads/{id}", { status: 204 }),
  on("POST /threads/{id}/runs/stream", (req) => ({ sse: runStream(req), headers: { "content-location": `/threads/${THREAD}/runs/${RUN}` } })),
];

/** A join that replays the stream of a values+updates run; `fault` changes what it replays. */
function join(fault?: "data" | "ignores-last-event-id"): Route {
  return on("GET /threads/{id}/runs/{run}/stream", (req) => {
    if (!req.path.endsWith(`/${RUN}/stream`)) return { status: 404, body: { detail: "Run not found" } };
    const events = runStream({ ...req, body: JSON.stringify({ assistant_id: "agent", stream_mode: ["values", "updates"] }) }).split(/(?<=\n\n)/);
    if (fault === "data") events[2] = frame("updates", { echo: { messages: [] } }, 2);
    const after = Number(req.headers["last-event-id"]);
    return { sse: (fault === "ignores-last-event-id" || after < 0 ? events : events.slice(after + 1)).join("") };
  });
}

let spec: LoadedSpec;
let server: FaultyServer | undefined;
beforeAll(async () => {
  spec = await loadSpec();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs the scenarios against the scripted routes; answers the verdict of each assertion by id (and stream check failures as `failed:<id>`). */
async function assertions(scenarios: Scenario[], routes: Route[]): Promise<Record<string, VerdictStatus>> {
  server = await startFaultyServer(routes);
  const outcome = await runConformance({ spec, target: server.url, embedded: false, headers: {}, timeoutMs: 3_000, seed: 1, selection: { only: [], skip: [] }, scenarios, listeners: [] });
  expect(outcome.results.filter((r) => r.verdict.status === "errored")).toEqual([]);
  const checks = new Set(CHECKS.map((c) => c.id));
  const streamFailures = outcome.results.filter((r) => r.checkId.startsWith("stream_") && checks.has(r.checkId) && r.verdict.status === "failed");
  return Object.fromEntries([...outcome.results.filter((r) => !checks.has(r.checkId)), ...streamFailures].map((r) => [checks.has(r.checkId) ? `failed:${r.checkId}` : r.checkId, r.verdict.status]));
}

describe("streams.resume", () => {
  it("passes a server that replays the same events and resumes after Last-Event-ID", async () => {
    const got = await assertions(streamResumeScenarios, [...basics, join()]);
    expect(got).toEqual({ stream_resumable_replays_events: "passed", stream_resumes_after_last_event_id: "passed", join_stream_unknown_run_not_found: "passed" });
  });

  it("fails a replay whose data differs", async () => {
    const got = await assertions(streamResumeScenarios, [...basics, join("data")]);
    expect(got).toMatchObject({ stream_resumable_replays_events: "failed" });
  });

  it("fails a resume that ignores Last-Event-ID", async () => {
    const got = await assertions(streamResumeScenarios, [...basics, join("ignores-last-event-id")]);
    expect(got).toMatchObject({ stream_resumable_replays_events: "passed", stream_resumes_after_last_event_id: "failed" });
  });
});

describe("streams.modes", () => {
  const state = (values: unknown): Route => on("GET /threads/{id}/state", { body: { values, next: [], tasks: [], metadata: {}, created_at: null, checkpoint: {}, parent_checkpoint: null } });

  it("passes a server whose values stream ends with the state get_state reads", async () => {
    const got = await assertions(streamModeScenarios, [...basics, state(STATE)]);
    expect(Object.keys(got).filter((id) => id.startsWith("failed:"))).toEqual([]);
    expect(got).toMatchObject({ stream_final_values_match_state: "passed", stream_reports_graph_error: "passed", stream_subgraphs_namespaced_events: "passed", stream_subgraphs_values_completes: "passed", stream_mode_emits_events: "passed" });
  });

  it("fails a values stream whose last event is not the final state", async () => {
    const got = await assertions(streamModeScenarios, [...basics, state({ messages: [] })]);
    expect(got).toMatchObject({ stream_final_values_match_state: "failed" });
  });
});
