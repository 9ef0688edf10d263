// The system scenario against the scripted system fake: every rule passes when it is right, each planted fault fails
// its rule, and routes the target does not have leave their rules skipped with the reason.

import { describe, expect, it } from "vitest";
import { on, startFaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
import { startSystemFake } from "../../fixtures/fakes/system.ts";
import type { RunOutcome } from "../../src/engine/run.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { locate, type Json } from "../../src/spec/pointer.ts";
import { systemArea } from "./index.ts";
import { SYSTEM } from "./rules.ts";
import { systemScenarios } from "./scenarios.ts";

const ids = Object.keys(SYSTEM);

/** The verdicts of the response schema check on the /info answers of a run. */
const infoSchema = (outcome: RunOutcome) =>
  outcome.results
    .filter((r) => r.operationId === "getInfo" && r.checkId === "response_schema_conformance")
    .map((r) => r.verdict.status);

describe("system scenario", () => {
  it("passes every rule on a correct server, with no suite error", async () => {
    const outcome = await runOnFake(systemScenarios, [], startSystemFake);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids.map((r) => [r, "passed"])));
  });

  it("judges /ok and /info on a server with only those (as the official), reports the rest not implemented", async () => {
    const info = {
      version: "2.0.0",
      langgraph_js_version: "1.3.7",
      context: "js",
      flags: { assistants: true, crons: false },
    };
    const outcome = await runOnFake(systemScenarios, [], () =>
      startFaultyServer([on("GET /ok", { body: { ok: true } }), on("GET /info", { body: info })]),
    );
    expect(errored(outcome)).toEqual([]);
    expect(infoSchema(outcome)).toEqual(["passed"]);
    expect(summary(outcome)).toEqual({
      health_answers_ok_true: "passed",
      info_names_version_and_flags: "passed",
      metrics_json_is_object: "not_implemented",
      metrics_default_is_prometheus_text: "not_implemented",
      docs_answers_html_page: "not_implemented",
    });
    const docs = ruleResults(outcome).find((r) => r.checkId === "docs_answers_html_page");
    expect(docs?.verdict).toMatchObject({ reason: expect.stringMatching(/^the target answers 404 exactly as/) });
  });

  it("holds /info to a LangGraph version of either language, and fails one that names neither (E16)", async () => {
    const flags = { assistants: true, crons: false };
    const serve = (body: unknown) => () => startFaultyServer([on("GET /info", { body })]);
    const python = { version: "0.5.26", langgraph_py_version: "1.0.4", flags, host: { kind: "self-hosted" } };
    expect(infoSchema(await runOnFake(systemScenarios, [], serve(python)))).toEqual(["passed"]);
    const neither = await runOnFake(systemScenarios, [], serve({ version: "0.5.26", flags }));
    expect(infoSchema(neither)).toEqual(["failed"]);
    expect(summary(neither).info_names_version_and_flags).toBe("passed");
  });

  it("fails a Prometheus text with a line that is not a sample", async () => {
    const broken = on("GET /metrics", (req) =>
      req.query.get("format") === "json"
        ? { body: {} }
        : { headers: { "content-type": "text/plain" }, body: "up 1\nnot a sample line\n" },
    );
    const outcome = await runOnFake(systemScenarios, [], () => startFaultyServer([broken]));
    const rule = ruleResults(outcome).find((r) => r.checkId === "metrics_default_is_prometheus_text");
    expect(rule?.verdict).toMatchObject({ status: "failed", findings: [{ actual: "not a sample line" }] });
  });
});

provePlantedFaults(systemArea, startSystemFake);

describe("the system rules", () => {
  it("each point into the spec", async () => {
    const spec = await loadSpec();
    for (const rule of Object.values(SYSTEM)) {
      expect(locate(spec.document as Json, rule.ref.replace(/^spec#/, "")).node, rule.id).toBeDefined();
    }
  });
});
