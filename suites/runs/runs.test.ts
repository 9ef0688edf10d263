// The thread-run scenarios against the runs fake: every rule passes when it is right, each planted fault fails its rule.

import { describe, expect, it } from "vitest";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
import {
  on,
  startFaultyServer,
  type ScriptedAnswer,
  type ScriptedRequest,
} from "../../fixtures/fakes/faulty-server.ts";
import { runRoutes, startRunsFake } from "../../fixtures/fakes/runs.ts";
import { runsArea } from "./index.ts";

describe.concurrent("thread-run scenarios on a correct server", () => {
  for (const scenario of runsArea.scenarios) {
    it(`${scenario.id} passes every rule it declares, with no suite error`, { timeout: 60_000 }, async () => {
      const outcome = await runOnFake([scenario], [], startRunsFake);
      expect(errored(outcome)).toEqual([]);
      expect(summary(outcome)).toEqual(Object.fromEntries(scenario.rules.map((r) => [r.id, "passed"])));
    });
  }
});

describe("the lifecycle scenario on a server without the thread stream", () => {
  it("records that, reports the thread stream's rule not implemented, and judges the rest", async () => {
    const lifecycle = runsArea.scenarios.find((s) => s.id === "runs.lifecycle")!;
    const outcome = await runOnFake([lifecycle], ["thread_stream_missing"], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    const others = lifecycle.rules.filter((r) => r.id !== "thread_join_stream_sees_run").map((r) => [r.id, "passed"]);
    expect(summary(outcome)).toEqual({ ...Object.fromEntries(others), thread_join_stream_sees_run: "not_implemented" });
    const missing = ruleResults(outcome).find((r) => r.checkId === "thread_join_stream_sees_run");
    expect(missing?.verdict).toMatchObject({ reason: expect.any(String) });
    expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name: "thread stream", supported: false }));
  });
});

const scenario = (id: string) => runsArea.scenarios.find((s) => s.id === id)!;

/** The runs fake behind a route that answers POST /runs/cancel first, where `answer` gives an answer. */
const cancelManyAnswered =
  (answer: (req: ScriptedRequest) => ScriptedAnswer | undefined) =>
  async (faults: readonly string[] = []) => {
    const fake = runRoutes(new Set(faults));
    const first = (req: ScriptedRequest) =>
      req.method === "POST" && req.path === "/runs/cancel" ? answer(req) : undefined;
    const server = await startFaultyServer([first, ...fake.routes]);
    return { ...server, close: async () => (fake.close(), server.close()) };
  };
/** As the official Python server (langgraph-api 0.16) answers: a status only alone, run_ids only with their thread. */
const strict = cancelManyAnswered((req) => {
  const body = JSON.parse(req.body || "{}") as Record<string, unknown>;
  const refused = body.status !== undefined ? "thread_id" in body || "run_ids" in body : !("thread_id" in body);
  return refused ? { status: 422, body: { detail: "invalid cancel" } } : undefined;
});
/** As a server without the route answers: the stock 404 it gives every path it has no route for. */
const missing = cancelManyAnswered(() => ({
  status: 404,
  headers: { "content-type": "text/plain" },
  body: "404 Not Found",
}));

const verdicts = async (id: string, faults: string[], rules: string[], start = startRunsFake) => {
  const outcome = await runOnFake([scenario(id)], faults, start);
  expect(errored(outcome)).toEqual([]);
  const all = summary(outcome);
  return Object.fromEntries(rules.map((r) => [r, all[r]]));
};

describe.concurrent("cancel rules judge what they claim", { timeout: 60_000 }, () => {
  it("a cancel that stops the work but shows the wrong status fails only the status rule", async () => {
    expect(
      await verdicts(
        "runs.cancel",
        ["cancel_marks_run_error"],
        ["cancel_stops_run", "cancel_interrupt_marks_run_interrupted"],
      ),
    ).toEqual({ cancel_stops_run: "passed", cancel_interrupt_marks_run_interrupted: "failed" });
  });

  it("a cancel that shows the run interrupted while its work goes on fails only the work rule", async () => {
    const outcome = await runOnFake([scenario("runs.cancel")], ["cancel_work_continues"], startRunsFake);
    expect(errored(outcome)).toEqual([]);
    const byStep = ruleResults(outcome)
      .filter((r) => r.checkId === "cancel_stops_run" || r.checkId === "cancel_interrupt_marks_run_interrupted")
      .map((r) => [r.checkId, r.step.match(/\((action \w+)\)$/)?.[1] ?? "", r.verdict.status]);
    // The planted fault lets only an interrupted run's work go on; a rolled-back one stops.
    expect(byStep.sort()).toEqual([
      ["cancel_interrupt_marks_run_interrupted", "", "passed"],
      ["cancel_stops_run", "action interrupt", "failed"],
      ["cancel_stops_run", "action rollback", "passed"],
    ]);
  });

  it("a target that refuses run_ids without thread_id leaves that rule skipped", async () => {
    const rules = ["cancel_many_stops_runs", "cancel_many_run_ids_without_thread"];
    expect(await verdicts("runs.cancel-many", [], rules, strict)).toEqual({
      cancel_many_stops_runs: "passed",
      cancel_many_run_ids_without_thread: "skipped",
    });
  });

  it("a target without POST /runs/cancel has every bulk-cancel rule not implemented", async () => {
    const rules = ["cancel_many_stops_runs", "cancel_many_run_ids_without_thread"];
    expect(await verdicts("runs.cancel-many", [], rules, missing)).toEqual(
      Object.fromEntries(rules.map((r) => [r, "not_implemented"])),
    );
  });
});

describe.concurrent(
  "run delete rules on a server that answers 5xx for a run that is not there",
  { timeout: 60_000 },
  () => {
    it("are skipped rather than failed, and the unknown-id rule fails", async () => {
      expect(await verdicts("runs.lifecycle", ["run_missing_500"], ["run_get_after_delete_404"])).toEqual({
        run_get_after_delete_404: "skipped",
      });
      expect(await verdicts("runs.cancel", ["run_missing_500"], ["cancel_rollback_deletes_run"])).toEqual({
        cancel_rollback_deletes_run: "skipped",
      });
      expect(await verdicts("runs.unknown-ids", ["run_missing_500"], ["run_unknown_id_not_found"])).toEqual({
        run_unknown_id_not_found: "failed",
      });
    });
  },
);

/** The runs fake behind a route that answers every run join with this answer. */
const joinAnswered =
  (answer: ScriptedAnswer) =>
  async (faults: readonly string[] = []) => {
    const fake = runRoutes(new Set(faults));
    const server = await startFaultyServer([on("GET /threads/{thread_id}/runs/{run_id}/join", answer), ...fake.routes]);
    return { ...server, close: async () => (fake.close(), server.close()) };
  };

describe.concurrent("a join of a run that does not exist", { timeout: 60_000 }, () => {
  const rule = ["run_unknown_id_not_found"];
  it("may answer 200 with an __error__ body saying so, as both official servers do", async () => {
    const inBand = joinAnswered({ body: { __error__: { error: "HTTPException", message: "404: Run not found" } } });
    expect(await verdicts("runs.unknown-ids", [], rule, inBand)).toEqual({ run_unknown_id_not_found: "passed" });
  });

  it("fails when it answers 200 without such an error", async () => {
    for (const body of [{}, { __error__: { error: "Error", message: "boom" } }]) {
      const outcome = await runOnFake([scenario("runs.unknown-ids")], [], joinAnswered({ body }));
      const join = ruleResults(outcome).find(
        (r) => r.checkId === "run_unknown_id_not_found" && r.step.endsWith("(join)"),
      );
      expect(join?.verdict, JSON.stringify(body)).toMatchObject({ status: "failed", findings: [{ actual: body }] });
    }
  });
});

provePlantedFaults(runsArea, startRunsFake);
