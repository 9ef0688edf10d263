// What /info declares: the flags that name capabilities, and results about a capability declared absent.
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../model.ts";
import { capabilityNamed, capabilityOfPath } from "../rules/rule.ts";
import { applyDeclared, declaredIn } from "./declared.ts";

const result = (status: "passed" | "failed" | "skipped" | "errored"): CheckResult => ({
  operationId: "createCron",
  checkId: "positive_data_acceptance",
  source: "probe",
  step: "create a cron",
  verdict:
    status === "failed"
      ? { status, findings: [] }
      : status === "skipped"
        ? { status, reason: "r" }
        : status === "errored"
          ? { status, message: "m" }
          : { status },
});

describe("declared capabilities", () => {
  it("reads the capability flags of /info and nothing else", () => {
    expect(declaredIn({ flags: { crons: false, assistants: true } })).toEqual({ crons: false });
    expect(declaredIn({ flags: { crons: "no" } })).toEqual({});
    expect(declaredIn({ version: "1" })).toEqual({});
    expect(declaredIn(undefined)).toEqual({});
  });

  it("turns failures and skips about a capability declared absent into not implemented", () => {
    const cron = { path: "/runs/crons" };
    expect(applyDeclared(result("failed"), { crons: false }, cron, undefined).verdict).toEqual({
      status: "not_implemented",
      reason: "the target declares crons: false in GET /info",
    });
    expect(
      applyDeclared(result("skipped"), { crons: false }, { path: "/ok" }, { capability: "crons" }).verdict.status,
    ).toBe("not_implemented");
    expect(applyDeclared(result("failed"), { crons: true }, cron, undefined).verdict.status).toBe("failed");
    expect(applyDeclared(result("failed"), {}, cron, undefined).verdict.status).toBe("failed");
    expect(applyDeclared(result("passed"), { crons: false }, cron, undefined).verdict.status).toBe("passed");
    expect(applyDeclared(result("errored"), { crons: false }, cron, undefined).verdict.status).toBe("errored");
    expect(applyDeclared(result("failed"), { crons: false }, { path: "/threads" }, undefined).verdict.status).toBe(
      "failed",
    );
  });

  it("knows which operations and recorded names belong to a capability", () => {
    expect(capabilityOfPath("/threads/{thread_id}/runs/crons")).toBe("crons");
    expect(capabilityOfPath("/runs/crons/{cron_id}")).toBe("crons");
    expect(capabilityOfPath("/threads/{thread_id}/stream")).toBe("thread_stream");
    expect(capabilityOfPath("/threads/{thread_id}/runs/{run_id}/stream")).toBeUndefined();
    expect(capabilityOfPath("/mcp/")).toBe("mcp");
    expect(capabilityNamed("store ttl")).toBe("store_ttl");
    expect(capabilityNamed("protocol v2 commands")).toBe("protocol_v2");
    expect(capabilityNamed("stream mode: values")).toBeUndefined();
  });
});
