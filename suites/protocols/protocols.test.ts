// The protocol scenarios against the scripted protocols fake: every rule passes when it is right, each planted fault
// fails its rule, and a target without the protocols has their rules skipped with the reason.

import { describe, expect, it } from "vitest";
import { assistantRoutes } from "../../fixtures/fakes/assistants.ts";
import { on, startFaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { protocolRoutes, startProtocolsFake } from "../../fixtures/fakes/protocols.ts";
import { provePlantedFaults } from "../../fixtures/fakes/prove.ts";
import { errored, ruleResults, runOnFake, summary } from "../../fixtures/fakes/run-on-fake.ts";
import { threadRoutes } from "../../fixtures/fakes/threads.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { locate, type Json } from "../../src/spec/pointer.ts";
import { protocolsArea } from "./index.ts";
import { PROTOCOLS } from "./rules.ts";
import { protocolScenarios } from "./scenarios.ts";

const ids = protocolScenarios.flatMap((s) => s.rules.map((r) => r.id));

describe("protocol scenarios on a server that offers every protocol correctly", () => {
  it("pass every rule they declare, with no suite error, and record each protocol as offered", async () => {
    const outcome = await runOnFake(protocolScenarios, [], startProtocolsFake);
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual(Object.fromEntries(ids.map((r) => [r, "passed"])));
    for (const name of ["protocol v2 commands", "protocol v2 events", "a2a", "mcp"])
      expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name, supported: true }));
  });
});

provePlantedFaults(protocolsArea, startProtocolsFake);

describe("protocol scenarios on a server without the protocols", () => {
  it("report every rule and route not implemented, with the reason", async () => {
    const outcome = await runOnFake(protocolScenarios);
    expect(errored(outcome)).toEqual([]);
    const rules = ruleResults(outcome);
    expect(rules.map((r) => [r.checkId, r.verdict.status]).sort()).toEqual(
      ids.map((r) => [r, "not_implemented"]).sort(),
    );
    expect(rules[0]?.verdict).toMatchObject({ reason: expect.stringMatching(/^the target answers 404 exactly as/) });
    for (const name of ["protocol v2 commands", "protocol v2 events", "a2a", "mcp"])
      expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name, supported: false }));
    const checks = outcome.results.filter((r) => r.operationId === "postA2a" && !ids.includes(r.checkId));
    expect(new Set(checks.map((r) => r.verdict.status))).toEqual(new Set(["not_implemented"]));
  });
});

describe("streaming.protocol", () => {
  it("skips the frame rule with the reason when no event arrives", async () => {
    const set = new Set<string>();
    const quiet = on("POST /threads/{id}/stream/events", { sse: ": connected\n\n" });
    const outcome = await runOnFake(protocolScenarios.slice(0, 1), [], () =>
      startFaultyServer([quiet, ...protocolRoutes(set), ...threadRoutes(set), ...assistantRoutes(set)]),
    );
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual({
      protocol_command_answers_same_id: "passed",
      protocol_event_frames_named_by_method: "skipped",
    });
    const skipped = ruleResults(outcome).find((r) => r.checkId === "protocol_event_frames_named_by_method");
    expect(skipped?.verdict).toMatchObject({
      reason: "no protocol event arrived within 1.5 s on a thread with no run, so there is no frame to judge",
    });
  });
});

describe("the protocol rules", () => {
  it("each point into the spec", async () => {
    const spec = await loadSpec();
    for (const rule of Object.values(PROTOCOLS)) {
      expect(locate(spec.document as Json, rule.ref.replace(/^spec#/, "")).node, rule.id).toBeDefined();
    }
  });
});
