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
import { A2A, COMMANDS, EVENTS, MCP, PROTOCOLS } from "./rules.ts";
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
      protocol_unknown_command_answers_error: "passed",
      protocol_event_frames_named_by_method: "skipped",
    });
    const skipped = ruleResults(outcome).find((r) => r.checkId === "protocol_event_frames_named_by_method");
    expect(skipped?.verdict).toMatchObject({
      reason: "no protocol event arrived within 1.5 s on a thread with no run, so there is no frame to judge",
    });
  });
});

describe("mcp.session on a server that redirects POST /mcp/ elsewhere", () => {
  it("fails initialize on the redirect once, and skips the other MCP rules with the reason, sending nothing more", async () => {
    const set = new Set<string>();
    const redirect = on("POST /mcp/", { status: 307, headers: { location: "http://127.0.0.1:1/mcp" } });
    const mcp = protocolScenarios.find((s) => s.id === "mcp.session")!;
    const outcome = await runOnFake([mcp], [], () =>
      startFaultyServer([redirect, ...protocolRoutes(set), ...threadRoutes(set), ...assistantRoutes(set)]),
    );
    expect(errored(outcome)).toEqual([]);
    expect(summary(outcome)).toEqual({
      mcp_initialize_answers_server_info: "failed",
      mcp_notification_accepted: "skipped",
      mcp_tools_list_names_tools: "skipped",
      mcp_unknown_method_not_found: "skipped",
    });
    const skipped = ruleResults(outcome).find((r) => r.checkId === "mcp_tools_list_names_tools");
    expect(skipped?.verdict).toMatchObject({
      reason:
        "POST /mcp/ answered 307 to http://127.0.0.1:1/mcp, so MCP is not served at the documented path (see mcp_initialize_answers_server_info)",
    });
  });
});

describe("the protocol rules", () => {
  it("leave out on purpose, with the reason, what no official server lets them check", () => {
    expect(protocolsArea.outOfScope?.map((o) => o.operation)).toEqual([COMMANDS, EVENTS, A2A, MCP]);
  });

  it("each point into the spec", async () => {
    const spec = await loadSpec();
    for (const rule of Object.values(PROTOCOLS)) {
      expect(locate(spec.document as Json, rule.ref.replace(/^spec#/, "")).node, rule.id).toBeDefined();
    }
  });
});
