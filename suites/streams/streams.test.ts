// The run stream scenarios against the scripted streams fake: every rule passes when it is right, each planted fault
// fails its rule, and the generic stream checks agree with the fake.

import { describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary, verdictsOf } from "../../fixtures/fakes/run-on-fake.ts";
import { on, startFaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { startStreamsFake, streamRoutes } from "../../fixtures/fakes/streams.ts";
import { CHECKS } from "../../src/checks/index.ts";
import type { Scenario } from "../../src/engine/scenario.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { locate, type Json } from "../../src/spec/pointer.ts";
import { streamHistoryScenarios } from "./history.ts";
import { streamsArea } from "./index.ts";
import { streamLiveScenarios } from "./live.ts";
import { streamModeScenarios } from "./modes.ts";
import { streamResumeScenarios } from "./resume.ts";
import { STREAMS } from "./rules.ts";

const ids = (scenarios: readonly Scenario[]) => scenarios.flatMap((s) => s.rules.map((r) => r.id));
const run = (scenarios: readonly Scenario[], faults: string[] = []) => runOnFake(scenarios, faults, startStreamsFake);
const STREAM_CHECKS = new Set(CHECKS.filter((c) => c.id.startsWith("stream_")).map((c) => c.id));

describe.each([
  ["modes", streamModeScenarios],
  ["resume", streamResumeScenarios],
  ["history", streamHistoryScenarios],
  ["live", streamLiveScenarios],
])("streams %s scenario on a correct server", (_, scenarios) => {
  it("passes every rule it declares, with no suite error and no failed stream check", async () => {
    const outcome = await run(scenarios);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids(scenarios).map((r) => [r, "passed"])));
    const streamFailures = outcome.results.filter((r) => STREAM_CHECKS.has(r.checkId) && r.verdict.status === "failed");
    expect(streamFailures).toEqual([]);
  });
});

provePlantedFaults(streamsArea, startStreamsFake);

describe("streams.modes", () => {
  it("judges stream_mode_emits_events once per mode the fixture graphs emit, and records each mode", async () => {
    const outcome = await run(streamModeScenarios, ["stream_modes_ignored"]);
    const byMode = Object.fromEntries(
      ruleResults(outcome)
        .filter((r) => r.checkId === "stream_mode_emits_events")
        .map((r) => [r.step.replace(/.*\((.*)\)$/, "$1"), r.verdict.status]),
    );
    expect(byMode).toEqual({
      values: "passed",
      updates: "failed",
      debug: "failed",
      tasks: "failed",
      checkpoints: "failed",
      events: "failed",
    });
    expect(outcome.capabilities).toContainEqual(
      expect.objectContaining({ name: "stream mode: updates", supported: true }),
    );
  });

  it("skips every rule with the reason when the fixture graphs cannot be read", async () => {
    const outcome = await run(streamModeScenarios, ["500:GET /assistants/{assistant_id}/graph"]);
    expect(errored(outcome)).toEqual([]);
    const rules = ruleResults(outcome);
    expect(rules.map((r) => r.verdict.status)).toEqual(ids(streamModeScenarios).map(() => "skipped"));
    expect(rules[0]?.verdict).toMatchObject({
      reason: expect.stringContaining("could not be read (answered 500), so the scenario cannot tell it is served"),
    });
  });
});

describe("streams.resume", () => {
  it("tells a resume that ignores Last-Event-ID apart from a replay that differs", async () => {
    const outcome = await run(streamResumeScenarios, ["join_ignores_last_event_id"]);
    expect(summary(outcome)).toEqual({
      stream_resumable_replays_events: "passed",
      stream_resumes_after_last_event_id: "failed",
      join_stream_unknown_run_not_found: "passed",
    });
  });

  it("accepts a join of an unknown run that answers 200 and only an error event, as the official servers do", async () => {
    const outcome = await run(streamResumeScenarios, ["join_unknown_run_streams_error"]);
    expect(verdictsOf(outcome, "join_stream_unknown_run_not_found")).toEqual(["passed"]);
  });

  it("reports a join of an unknown run that answers 200 and no error, with the events as evidence", async () => {
    const outcome = await run(streamResumeScenarios, ["join_unknown_run_streams_empty"]);
    const finding = ruleResults(outcome).find((r) => r.checkId === "join_stream_unknown_run_not_found");
    expect(finding?.verdict).toMatchObject({ status: "failed", findings: [{ actual: [] }] });
  });

  it("skips every rule with the reason when the target has no run join stream", async () => {
    const noRoute = on("GET /threads/{thread_id}/runs/{run_id}/stream", {
      status: 404,
      headers: { "content-type": "text/plain" },
      body: "404 Not Found",
    });
    const outcome = await runOnFake(streamResumeScenarios, [], () =>
      startFaultyServer([noRoute, ...streamRoutes(new Set())]),
    );
    expect(errored(outcome)).toEqual([]);
    const rules = ruleResults(outcome);
    expect(rules.map((r) => [r.checkId, r.verdict.status])).toEqual(
      ids(streamResumeScenarios).map((r) => [r, "skipped"]),
    );
    expect(rules[0]?.verdict).toMatchObject({ reason: expect.stringContaining("has no run join stream") });
  });
});

describe("streams.history", () => {
  it("judges values and debug on a target that refuses the checkpoints and tasks modes, and skips the rest with why", async () => {
    const outcome = await run(streamHistoryScenarios, ["stream_newer_modes_refused"]);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual({
      stream_values_cumulative: "passed",
      stream_debug_checkpoints_match_history: "passed",
      stream_checkpoints_match_history: "skipped",
      stream_tasks_name_nodes_run: "skipped",
    });
    const skipped = ruleResults(outcome).find((r) => r.checkId === "stream_tasks_name_nodes_run");
    expect(skipped?.verdict).toMatchObject({ reason: expect.stringContaining("was refused (answered 422)") });
  });
});

describe("streams.live", () => {
  it("skips the rejoin with the reason when the events carry no id", async () => {
    const noIds = on("POST /threads/{thread_id}/runs/stream", {
      status: 200,
      sse: 'event: metadata\ndata: {"run_id":"r1"}\n\nevent: values\ndata: {}\n\n',
      holdMs: 300,
    });
    const outcome = await runOnFake(streamLiveScenarios, [], () =>
      startFaultyServer([noIds, ...streamRoutes(new Set())]),
    );
    expect(errored(outcome)).toEqual([]);
    const rejoin = ruleResults(outcome).find((r) => r.checkId === "stream_disconnect_continue_rejoins");
    expect(rejoin?.verdict).toMatchObject({
      status: "skipped",
      reason: "the events received carry no id to rejoin after",
    });
  });
});

describe("the streams rules", () => {
  it("each point into the spec, or at an erratum", async () => {
    const spec = await loadSpec();
    for (const rule of Object.values(STREAMS).filter((r) => r.ref.startsWith("spec#"))) {
      expect(locate(spec.document as Json, rule.ref.replace(/^spec#/, "")).node, rule.id).toBeDefined();
    }
    expect(STREAMS.join_stream_unknown_run_not_found.ref).toBe("errata#E25");
  });
});
