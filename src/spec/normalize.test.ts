// Tests for normalizeSchemas: OpenAPI 3.0 `nullable` and boolean exclusive bounds become JSON Schema 2020-12.
import { describe, expect, it } from "vitest";
import { normalizeSchemas } from "./normalize.ts";
import type { Json } from "./pointer.ts";

describe("nullable", () => {
  it("adds null to a string type", () => {
    expect(normalizeSchemas({ type: "string", nullable: true, title: "T" })).toEqual({
      type: ["string", "null"],
      title: "T",
    });
  });

  it("adds null to an array of types once", () => {
    expect(normalizeSchemas({ type: ["string", "integer"], nullable: true })).toEqual({
      type: ["string", "integer", "null"],
    });
    expect(normalizeSchemas({ type: ["string", "null"], nullable: true })).toEqual({ type: ["string", "null"] });
  });

  it("adds null to an enum, once", () => {
    expect(normalizeSchemas({ type: "string", enum: ["a", "b"], nullable: true })).toEqual({
      type: ["string", "null"],
      enum: ["a", "b", null],
    });
    expect(normalizeSchemas({ enum: ["a", null], nullable: true })).toEqual({
      anyOf: [{ enum: ["a", null] }, { type: "null" }],
    });
  });

  it("wraps a $ref in anyOf with a null schema", () => {
    expect(normalizeSchemas({ $ref: "#/components/schemas/Run", nullable: true })).toEqual({
      anyOf: [{ $ref: "#/components/schemas/Run" }, { type: "null" }],
    });
  });

  it("wraps an allOf in anyOf with a null schema", () => {
    const allOf: Json[] = [{ $ref: "#/components/schemas/A" }, { type: "object", required: ["x"] }];
    expect(normalizeSchemas({ allOf, nullable: true, description: "d" })).toEqual({
      anyOf: [{ allOf, description: "d" }, { type: "null" }],
    });
  });

  it("leaves nullable: false out and changes nothing else", () => {
    expect(normalizeSchemas({ type: "string", nullable: false })).toEqual({ type: "string", nullable: false });
  });

  it("rewrites nested schemas anywhere in the document", () => {
    const doc: Json = {
      openapi: "3.0.3",
      components: {
        schemas: {
          Run: { type: "object", properties: { name: { type: "string", nullable: true } } },
          List: { type: "array", items: [{ type: "integer", nullable: true }] },
        },
      },
    };
    expect(normalizeSchemas(doc)).toEqual({
      openapi: "3.0.3",
      components: {
        schemas: {
          Run: { type: "object", properties: { name: { type: ["string", "null"] } } },
          List: { type: "array", items: [{ type: ["integer", "null"] }] },
        },
      },
    });
  });
});

describe("keyword positions", () => {
  // A `properties` map with a member named "nullable" whose (3.1 boolean) schema is `true` is not a schema.
  it("does not rewrite a property that happens to be named nullable", () => {
    const schema: Json = { type: "object", properties: { nullable: true, name: { type: "string" } } };
    expect(normalizeSchemas(schema)).toEqual(schema);
  });

  it("leaves data alone: examples, defaults and enums keep their nullable and exclusive members", () => {
    const schema: Json = {
      type: "object",
      example: { nullable: true, type: "x" },
      default: { exclusiveMinimum: true, minimum: 1 },
      enum: [{ nullable: true, type: "a" }],
    };
    expect(normalizeSchemas(schema)).toEqual(schema);
  });

  it("keeps a properties member named exclusiveMinimum", () => {
    const schema: Json = { type: "object", properties: { exclusiveMinimum: true, minimum: { type: "integer" } } };
    expect(normalizeSchemas(schema)).toEqual(schema);
  });
});

describe("exclusive bounds", () => {
  it("turns exclusiveMinimum: true with minimum into a numeric exclusiveMinimum", () => {
    expect(normalizeSchemas({ type: "number", minimum: 0, exclusiveMinimum: true })).toEqual({
      type: "number",
      exclusiveMinimum: 0,
    });
  });

  it("turns exclusiveMaximum: true with maximum into a numeric exclusiveMaximum", () => {
    expect(normalizeSchemas({ type: "integer", maximum: 10, exclusiveMaximum: true })).toEqual({
      type: "integer",
      exclusiveMaximum: 10,
    });
  });

  it("drops a false exclusive bound and keeps the inclusive one", () => {
    expect(normalizeSchemas({ minimum: 1, exclusiveMinimum: false, maximum: 2, exclusiveMaximum: false })).toEqual({
      minimum: 1,
      maximum: 2,
    });
  });

  it("drops exclusiveMinimum: true without a minimum", () => {
    expect(normalizeSchemas({ type: "number", exclusiveMinimum: true })).toEqual({ type: "number" });
  });

  it("leaves numeric (3.1-style) exclusive bounds alone", () => {
    const schema = { type: "number", exclusiveMinimum: 0, minimum: -5, exclusiveMaximum: 9 };
    expect(normalizeSchemas(schema)).toEqual(schema);
  });

  it("combines with nullable", () => {
    expect(normalizeSchemas({ type: "number", maximum: 1, exclusiveMaximum: true, nullable: true })).toEqual({
      type: ["number", "null"],
      exclusiveMaximum: 1,
    });
  });
});

describe("copying", () => {
  it("returns a deep copy and leaves the input untouched", () => {
    const input: Json = {
      a: { type: "string", nullable: true, enum: ["x"] },
      b: [{ minimum: 3, exclusiveMinimum: true }],
      c: { $ref: "#/x", nullable: true },
      d: { type: "object" },
    };
    const snapshot = structuredClone(input);
    const out = normalizeSchemas(input) as Record<string, Json>;
    expect(input).toEqual(snapshot);
    expect(out.d).toEqual(input.d);
    expect(out.d).not.toBe((input as Record<string, Json>).d);
  });

  it("returns scalars as they are", () => {
    for (const value of [null, true, 3, "s"] as const) expect(normalizeSchemas(value)).toBe(value);
  });
});
