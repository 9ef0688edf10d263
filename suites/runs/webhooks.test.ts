// The webhook scenario against the runs fake: skipped with the reason when the run has no receiver, and judged on what
// the fake POSTs when it has one.

import { describe, expect, it } from "vitest";
import { errored, ruleResults, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
import { startRunsFake } from "../../fixtures/fakes/runs.ts";
import { runConformance } from "../../src/engine/run.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { NO_RECEIVER, runWebhookScenarios } from "./webhooks.ts";

const ids = runWebhookScenarios[0]!.rules.map((r) => r.id);

describe("the webhook scenario", () => {
  it("is skipped with the reason, sending nothing, when the run has no webhook receiver", async () => {
    const server = await startRunsFake();
    try {
      const outcome = await runConformance({
        spec: await loadSpec(),
        target: server.url,
        embedded: false,
        headers: {},
        timeoutMs: 5_000,
        seed: 1,
        selection: { only: [], skip: [] },
        scenarios: runWebhookScenarios,
        listeners: [],
      });
      expect(errored(outcome)).toEqual([]);
      expect(summary(outcome)).toEqual(Object.fromEntries(ids.map((id) => [id, "skipped"])));
      for (const result of ruleResults(outcome))
        expect(result.verdict).toEqual({ status: "skipped", reason: NO_RECEIVER });
      expect(server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/runs"))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("shows, when the body does not name the run, what came instead", async () => {
    const outcome = await runOnFake(runWebhookScenarios, ["webhook_body_without_run_id"], startRunsFake);
    const finding = ruleResults(outcome).find((r) => r.checkId === "webhook_body_names_run");
    expect(finding?.verdict.status).toBe("failed");
    const actual = finding?.verdict.status === "failed" ? finding.verdict.findings[0]?.actual : undefined;
    expect(actual).toMatchObject({ method: "POST", body: { run_id: null, status: "success" } });
  });
});
