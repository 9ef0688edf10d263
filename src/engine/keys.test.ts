import { describe, expect, it } from "vitest";
import { findingKeys, stableKey } from "./keys.ts";

describe("stableKey", () => {
  it("replaces ids, times, the run prefix and long numbers, and keeps the rest", () => {
    const key =
      "response_schema_conformance:streamRun:event:messages/metadata:/run-1f0c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b/x:type";
    expect(stableKey(key)).toBe("response_schema_conformance:streamRun:event:messages/metadata:/run-<id>/x:type");
    expect(stableKey("rule:op:cf-1a2b3c4d-item at 2026-12-01T10:00:00.123Z")).toBe("rule:op:<prefix>-item at <time>");
    expect(stableKey("x:/lc_run--1f0ab12cd34ef56789:y:1733050000000")).toBe("x:/lc_run--<n>:y:<n>");
  });

  it("leaves keys without such values alone", () => {
    for (const key of ["status_code_conformance:createThread:400", "not_a_server_error:getThread:500"]) {
      expect(stableKey(key)).toBe(key);
    }
  });
});

describe("findingKeys", () => {
  it("names the instance and a status or short word received, and leaves the operation out of the cause", () => {
    expect(findingKeys("multitask_reject_conflict", "createRun", undefined, 422)).toEqual({
      key: "multitask_reject_conflict:createRun:received 422",
      cause: "multitask_reject_conflict:received 422",
    });
    expect(findingKeys("cancel_frees_thread", "cancelRun", "action rollback", "error").key).toBe(
      'cancel_frees_thread:cancelRun:action rollback:received "error"',
    );
    expect(findingKeys("r", "op", undefined, { values: [1] }).key).toBe("r:op");
    expect(findingKeys("r", "op", undefined, "Thread 0b8f0b3e-8c1e-4a55-9d47-0e4b2c8f1a21 is busy").key).toBe(
      'r:op:received "Thread <id> is busy"',
    );
  });
});
