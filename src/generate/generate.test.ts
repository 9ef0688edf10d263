// Unit tests of the generators on small hand-written schemas, each checked with Ajv.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unreachableBranches } from "./gaps.ts";
import { invalidArbitrary, validArbitrary, type GenerateOptions } from "./index.ts";
import { ajvValidator, depthOf, notExactly } from "./test-support.ts";

const RUNS = 300;

/** Every valid value passes Ajv; every invalid value breaks exactly its named rule. */
function expectConformance(schema: object, options?: GenerateOptions, ajvSchema: object = schema): void {
  const validate = ajvValidator(ajvSchema);
  for (const value of fc.sample(validArbitrary(schema, options), { numRuns: RUNS, seed: 11 })) {
    expect({ value, errors: validate(value) }).toEqual({ value, errors: [] });
  }
  const invalid = invalidArbitrary(schema, options);
  if (!invalid) return;
  for (const { value, violation } of fc.sample(invalid, { numRuns: RUNS, seed: 11 })) {
    expect({ value, violation, problem: notExactly(validate(value), violation) }).toEqual({
      value,
      violation,
      problem: undefined,
    });
  }
}

describe("valid and invalid values of small schemas", () => {
  const cases: [string, object][] = [
    [
      "scalars with bounds",
      {
        type: "object",
        required: ["i", "n"],
        properties: {
          i: { type: "integer", minimum: -3, exclusiveMaximum: 10 },
          n: { type: "number", exclusiveMinimum: 0, maximum: 1.5 },
          both: { type: "integer", minimum: 0, exclusiveMinimum: 0 },
          s: { type: "string", minLength: 2, maxLength: 4 },
          p: { type: "string", pattern: "^[a-c]{2,3}$" },
          c: { const: "fixed" },
          e: { enum: [1, "one", null] },
          b: { type: "boolean", enum: [false] },
        },
      },
    ],
    [
      "formats",
      {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          at: { type: ["string", "null"], format: "date-time" },
          link: { type: "string", format: "uri" },
          ref: { type: "string", format: "uri-reference", minLength: 1, maxLength: 20 },
        },
      },
    ],
    [
      "closed object, maps, arrays",
      {
        type: "object",
        additionalProperties: false,
        required: ["list"],
        properties: {
          list: { type: "array", minItems: 1, maxItems: 2, items: { type: "string", maxLength: 3 } },
          map: { type: "object", minProperties: 1, maxProperties: 2, additionalProperties: { type: "integer" } },
          any: {},
          yes: true,
        },
      },
    ],
    [
      "allOf with a closed member",
      {
        allOf: [
          {
            type: "object",
            required: ["a"],
            properties: { a: { type: "string" }, b: { type: "integer", maximum: 5 } },
            additionalProperties: false,
          },
          { type: "object", properties: { b: { minimum: 1 }, c: { type: "boolean" } } },
        ],
      },
    ],
    [
      "oneOf told apart by type, constant and required keys",
      {
        type: "object",
        properties: {
          flag: {
            oneOf: [{ type: "boolean", enum: [false] }, { type: "array", items: { type: "string" } }, { type: "null" }],
          },
          part: {
            oneOf: [
              {
                type: "object",
                required: ["kind", "text"],
                properties: { kind: { const: "text" }, text: { type: "string" } },
              },
              {
                type: "object",
                required: ["kind", "data"],
                properties: { kind: { const: "data" }, data: { type: "object" } },
              },
            ],
          },
          either: {
            type: "object",
            properties: {
              status: { type: "string", enum: ["a", "b"] },
              id: { type: "string", format: "uuid" },
              ids: { type: "array", items: { type: "integer" } },
            },
            oneOf: [{ required: ["status"] }, { required: ["id", "ids"] }],
          },
          nullable: { oneOf: [{ type: "integer", minimum: 0 }, { type: "null" }] },
          maybe: { anyOf: [{ type: "string", format: "uuid" }, { type: "string" }] },
        },
      },
    ],
  ];
  it.each(cases)("%s", (_name, schema) => expectConformance(schema));

  it("produces every kind of violation", () => {
    const seen = new Set<string>();
    for (const [, schema] of cases) {
      for (const { violation } of fc.sample(invalidArbitrary(schema)!, { numRuns: RUNS, seed: 11 }))
        seen.add(`${violation.kind}/${violation.keyword}`);
    }
    expect([...seen].sort()).toEqual([
      "bad_format/format",
      "bad_pattern/pattern",
      "extra_property/additionalProperties",
      "missing_required/required",
      "out_of_enum/const",
      "out_of_enum/enum",
      "out_of_range/exclusiveMaximum",
      "out_of_range/exclusiveMinimum",
      "out_of_range/maxItems",
      "out_of_range/maxLength",
      "out_of_range/maxProperties",
      "out_of_range/maximum",
      "out_of_range/minItems",
      "out_of_range/minLength",
      "out_of_range/minProperties",
      "out_of_range/minimum",
      "wrong_type/type",
    ]);
  });

  it("fails fast, instead of filtering for ever, when constraints leave nothing to generate", () => {
    expect(() => validArbitrary({ type: "string", format: "uuid", maxLength: 10 })).toThrow(
      /cannot generate a value for the schema at ""/,
    );
    expect(() =>
      validArbitrary({
        type: "object",
        properties: { n: { type: "integer", minimum: 5, maximum: 4 } },
        required: ["n"],
      }),
    ).toThrow("cannot generate a value for the schema at /properties/n: no integer lies within its numeric bounds");
    // Nothing outside this enum keeps the other rules: no out_of_enum site, only wrong types.
    const kinds = fc
      .sample(invalidArbitrary({ type: "boolean", enum: [true, false] })!, { numRuns: 50, seed: 1 })
      .map((s) => s.violation.kind);
    expect(new Set(kinds)).toEqual(new Set(["wrong_type"]));
    expect(
      fc
        .sample(invalidArbitrary({ type: "string", maxLength: 0, enum: [""] })!, { numRuns: 20, seed: 1 })
        .every((s) => s.violation.kind === "wrong_type"),
    ).toBe(true);
  });

  it("adds undeclared keys only with extraKeys, and never where additionalProperties is false", () => {
    const schema = {
      type: "object",
      properties: {
        open: { type: "object", properties: { a: { type: "integer" } } },
        map: { type: "object", additionalProperties: { type: "string" }, maxProperties: 2 },
        closed: { type: "object", properties: { a: { type: "integer" } }, additionalProperties: false },
      },
      required: ["open", "map", "closed"],
    };
    type Sample = Record<"open" | "map" | "closed", Record<string, unknown>>;
    const keysOf = (options: GenerateOptions) => {
      const samples = fc.sample(validArbitrary(schema, options), { numRuns: 200, seed: 6 }) as Sample[];
      return {
        open: new Set(samples.flatMap((v) => Object.keys(v.open))),
        map: Math.max(...samples.map((v) => Object.keys(v.map).length)),
        closed: new Set(samples.flatMap((v) => Object.keys(v.closed))),
      };
    };
    expect(keysOf({})).toEqual({ open: new Set(["a"]), map: 0, closed: new Set(["a"]) });
    const extra = keysOf({ extraKeys: true });
    expect(extra.open.size).toBeGreaterThan(1);
    expect(extra.map).toBe(2);
    expect(extra.closed).toEqual(new Set(["a"]));
    expectConformance(schema, { extraKeys: true });
  });

  it("respects wrongTypes", () => {
    const schema = {
      type: "object",
      properties: { limit: { type: "integer" }, on: { type: "boolean" }, name: { type: "string" } },
    };
    const wrongTypes = ["string", "number", "integer", "boolean"];
    const invalid = invalidArbitrary(schema, { wrongTypes })!;
    const samples = fc.sample(invalid, { numRuns: 300, seed: 5 });
    const wrong = samples.filter((s) => s.violation.kind === "wrong_type" && s.violation.instancePointer !== "");
    expect(wrong.length).toBeGreaterThan(50);
    for (const { value, violation } of wrong) {
      const v = (value as Record<string, unknown>)[violation.instancePointer.slice(1)];
      expect(["string", "number", "boolean"]).toContain(typeof v);
      if (violation.instancePointer === "/limit") expect(Number.isInteger(v)).toBe(false); // 1.5, "abc" or true
    }
    expect(invalidArbitrary({ type: "array" }, { wrongTypes: ["array"] })).toBeUndefined();
  });

  it("admits no violation of a schema that allows everything", () => {
    expect(invalidArbitrary({})).toBeUndefined();
    expect(invalidArbitrary(true)).toBeUndefined();
    expect(invalidArbitrary({ description: "anything" })).toBeUndefined();
  });

  it("describes violations in one readable line", () => {
    const schema = {
      type: "object",
      required: ["graph_id"],
      properties: { graph_id: { type: "string" }, limit: { type: "integer", maximum: 1000 } },
    };
    const descriptions = fc
      .sample(invalidArbitrary(schema)!, { numRuns: 200, seed: 2 })
      .map((s) => s.violation.description);
    expect(descriptions).toContain("missing required property graph_id");
    expect(descriptions.some((d) => /^limit: \d+ is above maximum 1000$/.test(d))).toBe(true);
    for (const d of descriptions) expect(d).not.toContain("\n");
  });
});

describe("oneOf branches that cannot be told apart", () => {
  it("are not generated, and are reported", () => {
    const schema = {
      oneOf: [
        { type: "object", required: ["message"], properties: { message: { type: "string" } } },
        { type: "object", required: ["id"], properties: { id: { type: "string" }, n: { type: "integer" } } },
        { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      ],
    };
    expectConformance(schema);
    expect(unreachableBranches(schema).map((g) => g.pointer)).toEqual(["/oneOf/1", "/oneOf/2"]);
  });

  it("fail fast when no branch is left", () => {
    expect(() => validArbitrary({ oneOf: [{ type: "number" }, { type: "integer" }] })).toThrow(
      /no oneOf branch can be generated/,
    );
  });
});

describe("unsupported keywords", () => {
  it.each([
    [
      "not",
      { type: "object", properties: { config: { anyOf: [{ not: { type: "null" } }] } } },
      "/properties/config/anyOf/0",
    ],
    ["patternProperties", { properties: { a: { patternProperties: { x: {} } } } }, "/properties/a"],
    ["if", { allOf: [{ if: { type: "string" } }] }, "/allOf/0"],
    ["format", { items: { type: "string", format: "email" } }, "/items"],
  ])("%s fails fast naming its pointer", (keyword, schema, pointer) => {
    for (const make of [() => validArbitrary(schema), () => invalidArbitrary(schema)]) {
      expect(make).toThrow(`"${keyword}" at ${pointer}`);
    }
  });

  it("ignores annotations", () => {
    const schema = {
      type: "string",
      title: "t",
      description: "d",
      default: "x",
      deprecated: true,
      examples: ["e"],
      example: "e",
      readOnly: true,
      writeOnly: false,
      "x-anything": 1,
    };
    expectConformance(schema);
  });
});

describe("x-pinned", () => {
  const id = "5f0c6a56-3c1e-4c8e-9a8e-0d6b1f6b2a11";
  const schema = {
    type: "object",
    required: ["thread_id", "metadata"],
    properties: {
      thread_id: { type: "string", format: "uuid", const: id, "x-pinned": true },
      metadata: { type: "object", const: { run: "r1" }, "x-pinned": true },
      note: { type: "string" },
    },
  };

  it("generates exactly the pinned const", () => {
    for (const value of fc.sample(validArbitrary(schema), { numRuns: 100, seed: 1 }) as Record<string, unknown>[]) {
      expect(value.thread_id).toBe(id);
      expect(value.metadata).toEqual({ run: "r1" });
    }
  });

  it("is only ever broken by a wrong type", () => {
    const samples = fc.sample(invalidArbitrary(schema)!, { numRuns: 300, seed: 1 });
    for (const { value, violation } of samples) {
      if (!violation.instancePointer.startsWith("/thread_id") && !violation.instancePointer.startsWith("/metadata"))
        continue;
      expect(violation.kind).toBe("wrong_type");
      const v = (value as Record<string, unknown>)[violation.instancePointer.slice(1)];
      expect(
        violation.instancePointer === "/thread_id"
          ? typeof v !== "string"
          : typeof v !== "object" || v === null || Array.isArray(v),
      ).toBe(true);
    }
    expect(samples.some((s) => s.violation.instancePointer === "/thread_id")).toBe(true);
    expectConformance(schema);
  });

  it("without a type, is broken by a value of another type, which only `const` rejects", () => {
    const bare = { const: 7, "x-pinned": true };
    expect(fc.sample(validArbitrary(bare), { numRuns: 10, seed: 1 })).toEqual(Array(10).fill(7));
    for (const { value, violation } of fc.sample(invalidArbitrary(bare)!, { numRuns: 50, seed: 1 })) {
      expect(violation).toMatchObject({ kind: "wrong_type", keyword: "const", instancePointer: "" });
      expect(Number.isInteger(value)).toBe(false);
    }
    expectConformance(bare);
  });
});

describe("recursion", () => {
  const tree: Record<string, unknown> = {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string", maxLength: 3 } },
  };
  (tree.properties as Record<string, unknown>).children = { type: "array", items: tree };
  const treeForAjv = {
    $defs: {
      node: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string", maxLength: 3 },
          children: { type: "array", items: { $ref: "#/$defs/node" } },
        },
      },
    },
    $ref: "#/$defs/node",
  };

  it("terminates on a self-referencing schema within the depth budget", () => {
    for (const maxDepth of [0, 2, 4]) {
      const values = fc.sample(validArbitrary(tree, { maxDepth }), { numRuns: 200, seed: 3 });
      // Each tree level is an object and an array: two levels of nesting.
      const deepest = Math.max(...values.map(depthOf));
      expect(deepest).toBeLessThanOrEqual(2 * Math.max(maxDepth, 1) + 1);
      if (maxDepth === 4) expect(deepest).toBeGreaterThanOrEqual(5);
    }
    expectConformance(tree, undefined, treeForAjv);
  });

  it("ends a required chain with null past the budget", () => {
    const list: Record<string, unknown> = { type: "object", required: ["next"] };
    list.properties = { value: { type: "integer" }, next: { anyOf: [list, { type: "null" }] } };
    const forAjv = {
      $defs: {
        l: {
          type: "object",
          required: ["next"],
          properties: { value: { type: "integer" }, next: { anyOf: [{ $ref: "#/$defs/l" }, { type: "null" }] } },
        },
      },
      $ref: "#/$defs/l",
    };
    const values = fc.sample(validArbitrary(list, { maxDepth: 3 }), { numRuns: 100, seed: 4 });
    expect(Math.max(...values.map(depthOf))).toBeLessThanOrEqual(3);
    expectConformance(list, { maxDepth: 3 }, forAjv);
  });

  it("fails fast when the schema can only recurse", () => {
    const endless: Record<string, unknown> = { type: "object", required: ["self"] };
    endless.properties = { self: endless };
    expect(() => validArbitrary(endless)).toThrow(/requires itself again past the depth budget/);
  });
});
