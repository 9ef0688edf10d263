// The run, stream, stateless and cron scenarios against the real official server: SDK coverage, capabilities, known departures.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../fixtures/reference-server.ts";
import { runConformance, type RunOutcome } from "../../src/engine/run.ts";
import type { VerdictStatus } from "../../src/model.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { cronScenarios } from "../crons/scenarios.ts";
import { runScenarios } from "../runs/scenarios.ts";
import { statelessScenarios } from "../stateless/scenarios.ts";

let server: ReferenceServer;
let outcome: RunOutcome;
let elapsedMs: number;

beforeAll(async () => {
  server = await startReferenceServer({});
  const spec = await loadSpec();
  const started = Date.now();
  outcome = await runConformance({
    spec,
    target: server.url,
    embedded: true,
    headers: {},
    timeoutMs: 15_000,
    seed: 1,
    selection: { only: [], skip: [] },
    scenarios: [...runScenarios, ...statelessScenarios, ...cronScenarios],
    listeners: [],
  });
  elapsedMs = Date.now() - started;
}, 150_000);

afterAll(async () => {
  await server?.stop();
});

const results = (operationId: string, checkId: string) => outcome.results.filter((r) => r.operationId === operationId && r.checkId === checkId);
const statuses = (operationId: string, checkId: string): VerdictStatus[] => results(operationId, checkId).map((r) => r.verdict.status);
const findings = (operationId: string, checkId: string) => results(operationId, checkId).flatMap((r) => (r.verdict.status === "failed" ? r.verdict.findings : []));

describe("the run scenarios on the official server", () => {
  it("finish in under a minute, with no suite errors and nothing left behind", () => {
    expect(elapsedMs).toBeLessThan(60_000);
    expect(outcome.results.filter((r) => r.verdict.status === "errored")).toEqual([]);
    expect(outcome.leftovers).toEqual([]);
  });

  it("give every RunsClient method, and threads.join_stream, a result under its SDK name", () => {
    const methods = ["runs.cancel", "runs.create", "runs.create_batch", "runs.delete", "runs.get", "runs.join", "runs.join_stream", "runs.list", "runs.stream", "runs.wait", "threads.join_stream"];
    const seen = new Set(outcome.results.map((r) => r.sdkMethod));
    expect(methods.filter((m) => !seen.has(m))).toEqual([]);
    expect(new Set(statuses("joinThreadStream", "not_a_server_error"))).toEqual(new Set(["not_implemented"]));
    expect(new Set(statuses("cancelRuns", "not_a_server_error"))).toEqual(new Set(["not_implemented"]));
  });

  it("record which stream modes the server supports, and that it has no crons", () => {
    const capabilities = Object.fromEntries(outcome.capabilities.map((c) => [c.name, c.supported]));
    for (const mode of ["values", "updates", "messages", "messages-tuple", "events", "debug", "custom", "tasks", "checkpoints"]) {
      expect(capabilities[`stream mode: ${mode}`], mode).toBe(true);
    }
    expect(capabilities.crons).toBe(false);
    expect(capabilities["stream end event"]).toBe(false);
  });

  it("find its run streams well-formed: metadata first, requested modes only, ids on thread streams", () => {
    for (const check of ["stream_framing", "stream_starts_with_metadata", "stream_modes_as_requested", "stream_mode_payload_shape", "stream_subgraph_namespaces", "stream_event_ids"]) {
      expect(statuses("streamRun", check), check).toContain("passed");
      expect(statuses("streamRun", check), check).not.toContain("failed");
    }
    expect(statuses("streamRun", "stream_error_is_last")).toContain("passed");
    expect(statuses("streamStatelessRun", "stream_event_ids")).toEqual(["skipped"]);
    expect(new Set(statuses("streamRun", "stream_final_values_match_state"))).toEqual(new Set(["passed"]));
    expect(statuses("joinRunStream", "stream_resumable_replays_events")).toEqual(["passed"]);
  });
});

describe("known departures of the official server are detected", () => {
  it("cancelling a running run leaves the run and its thread in status error", () => {
    expect(findings("cancelRun", "cancel_interrupt_marks_run_interrupted")[0]).toMatchObject({ actual: "error" });
    expect(findings("cancelRun", "cancel_frees_thread")[0]).toMatchObject({ actual: "error" });
    expect(findings("createRun", "multitask_interrupt_interrupts_first")[0]).toMatchObject({ actual: "error" });
  });

  it("rollback does not delete a running run", () => {
    expect(findings("cancelRun", "cancel_rollback_deletes_run")[0]).toMatchObject({ expected: 404, actual: "error" });
    expect(findings("createRun", "multitask_rollback_deletes_first")[0]).toMatchObject({ expected: 404, actual: "error" });
  });

  it("join_stream of an unknown run answers 200 and an SSE error", () => {
    expect(findings("joinRunStream", "join_stream_unknown_run_not_found")[0]).toMatchObject({ actual: 200 });
  });

  it("stream_subgraphs with values mode crashes the run", () => {
    expect(statuses("streamRun", "stream_subgraphs_values_completes")).toEqual(["failed"]);
  });

  it("a run on an unknown thread is refused with 422 instead of 404", () => {
    expect(findings("createRun", "if_not_exists_reject_not_found")[0]).toMatchObject({ expected: 404, actual: 422 });
  });

  it("runs/wait answers text/plain", () => {
    expect(findings("waitRun", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
    expect(findings("waitStatelessRun", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
  });

  it("a busy thread refuses with 422 rather than 409, and refuses by default where the API queues", () => {
    expect(findings("createRun", "multitask_reject_conflict")[0]).toMatchObject({ expected: 409, actual: 422 });
    expect(findings("createRun", "multitask_default_enqueues")[0]).toMatchObject({ actual: 422 });
  });

  it("runs list pages with offset wrongly (it slices offset..limit)", () => {
    expect(findings("listRuns", "run_list_offset")[0]).toMatchObject({ actual: [] });
  });
});
