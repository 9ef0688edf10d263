// Generated requests: which violations are generated as must-be-rejected, and how pins reach the body schema.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readsAsScalar, wordString } from "../generate/json-values.ts";
import type { Operation } from "../spec/operations.ts";
import { invalidRequests, validRequests, type GeneratedRequest } from "./arbitraries.ts";
import { DROP, requestModel, type RequestModel, type Schema } from "./request-model.ts";

const RUNS = 400;

const QUERY: Schema = {
  type: "object",
  properties: {
    flag: { type: "boolean" },
    limit: { type: "integer", minimum: 1 },
    mode: { type: "string" },
    status: { type: "string", enum: ["pending", "running"] },
    select: { type: "array", items: { type: "string", enum: ["a", "b"] } },
  },
  required: [],
};
const BODY: Schema = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
};

const model: RequestModel = {
  operation: { operationId: "makeThing", method: "POST", path: "/things" } as Operation,
  path: {},
  breakablePath: [],
  query: { valid: QUERY, invalid: QUERY },
  body: { valid: BODY, invalid: BODY, required: true },
};

const sample = (arb: fc.Arbitrary<GeneratedRequest> | undefined): GeneratedRequest[] =>
  fc.sample(arb!, { numRuns: RUNS, seed: 5 });

describe("invalid requests", () => {
  it("never send a JSON body under another media type as a request to reject", () => {
    const raw = sample(invalidRequests(model)).flatMap((r) => (r.raw ? [r.raw.contentType] : []));
    expect(raw.length).toBeGreaterThan(0);
    expect(new Set(raw)).toEqual(new Set(["application/json"]));
  });

  it("never break a boolean query parameter: the servers read it as a flag", () => {
    const violations = sample(invalidRequests(model)).map((r) => r.violation ?? "");
    expect(violations.filter((v) => v.startsWith("query parameter flag"))).toEqual([]);
    expect(violations.some((v) => /^query parameter limit .*expected integer \(wrong_type\)$/.test(v))).toBe(true);
  });

  it("never give a query parameter a wrong-type word that a server reads as a boolean or a number", () => {
    const values = sample(invalidRequests(model))
      .filter((r) => r.violation?.includes("(wrong_type)") && r.violation.startsWith("query"))
      .map((r) => String(r.query.limit));
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(readsAsScalar(v)).toBe(false);
  });

  it("never send an empty query value as the invalid one: whether it is a value at all is not said", () => {
    const values = sample(invalidRequests(model)).flatMap((r) => {
      const name = /^query parameter (\S+)/.exec(r.violation ?? "")?.[1];
      const value = name === undefined ? undefined : r.query[name];
      return value === undefined ? [] : Array.isArray(value) ? value : [value];
    });
    expect(values.length).toBeGreaterThan(0);
    expect(values).not.toContain("");
  });

  it("name the violation without generated values, so that a finding key stays the same across seeds", () => {
    const requests = sample(invalidRequests(model));
    const keys = new Set(requests.map((r) => r.violationKey));
    expect(keys.has(undefined)).toBe(false);
    expect(keys).toContain("query limit: wrong_type");
    expect(keys).toContain("body: not JSON");
    for (const key of keys) expect(key).not.toMatch(/\/\d+(\/|:)|"/);
  });
});

describe("readsAsScalar", () => {
  it("names the spellings of booleans, numbers and null, in any case", () => {
    for (const s of ["true", "False", "YES", "no", "On", "off", "1", "0", "-2.5", "null", "None"])
      expect([s, readsAsScalar(s)]).toEqual([s, true]);
    for (const s of ["aa", "yess", "nope", "truth", "1a"]) expect([s, readsAsScalar(s)]).toEqual([s, false]);
  });

  it("is never true of a wrong-type word", () => {
    fc.assert(
      fc.property(wordString, (s) => !readsAsScalar(s)),
      { numRuns: 2000, seed: 3 },
    );
  });
});

describe("body pins", () => {
  const op = { operationId: "startRun", method: "POST", path: "/runs" } as Operation;
  const doc = (schema: Schema) => ({
    paths: { "/runs": { post: { requestBody: { required: true, content: { "application/json": { schema } } } } } },
  });
  const allOf: Schema = {
    allOf: [
      {
        type: "object",
        required: ["assistant_id"],
        properties: {
          assistant_id: { type: "string" },
          command: { anyOf: [{ type: "object" }, { type: "null" }] },
          checkpoint: { type: "object", properties: { checkpoint_id: { type: "string" } } },
        },
      },
      { type: "object", properties: { on_disconnect: { type: "string", enum: ["cancel", "continue"] } } },
    ],
  };

  it("reach the members of an allOf body: pinned values are sent, dropped members never", () => {
    const pinned = requestModel(op, doc(allOf), {
      path: {},
      body: { assistant_id: "a-1", command: DROP, checkpoint: { checkpoint_id: "c-1" } },
    });
    for (const r of sample(validRequests(pinned))) {
      const body = r.body as Record<string, unknown>;
      expect(body).toMatchObject({ assistant_id: "a-1", checkpoint: { checkpoint_id: "c-1" } });
      expect(body).not.toHaveProperty("command");
    }
  });

  it("with a chosen oneOf branch, keep the sibling properties and leave out what only the other branches require", () => {
    const either: Schema = {
      type: "object",
      properties: {
        status: { type: "string", enum: ["all"] },
        thread_id: { type: "string" },
        run_ids: { type: "array" },
      },
      oneOf: [{ required: ["status"] }, { required: ["thread_id", "run_ids"] }],
    };
    const pinned = requestModel(op, doc(either), {
      path: {},
      body: { thread_id: "t-1", run_ids: ["r-1"] },
      bodyBranch: 1,
    });
    for (const r of sample(validRequests(pinned))) expect(r.body).toEqual({ thread_id: "t-1", run_ids: ["r-1"] });
  });

  it("narrow a member's schema in valid requests only", () => {
    const body: Schema = {
      type: "object",
      properties: { labels: { type: "array", items: { type: "string" } } },
    };
    const narrowed = requestModel(op, doc(body), {
      path: {},
      validBody: { labels: { type: "array", items: { type: "string", minLength: 1, pattern: "^[^.]+$" } } },
    });
    const labels = sample(validRequests(narrowed)).flatMap((r) => (r.body as { labels?: string[] }).labels ?? []);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^[^.]+$/);
    expect(narrowed.body!.invalid).toEqual({ ...body, required: [] });
  });
});
