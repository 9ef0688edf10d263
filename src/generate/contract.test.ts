// Contract test on the bundled spec: every request schema's valid values pass Ajv, its invalid values break exactly their one rule.

import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpec } from "../spec/load.ts";
import { locate, walk, type Json } from "../spec/pointer.ts";
import { unreachableBranches } from "./gaps.ts";
import { invalidArbitrary, validArbitrary, type GenerateOptions, type Violation } from "./index.ts";
import { notExactly } from "./test-support.ts";

const spec = await loadSpec();
const doc = spec.document;
const BODY_RUNS = 1000;
const PARAM_RUNS = 100;
const EXTRA_KEYS_RUNS = 200;
const SEED = 20240601;
/** Query parameters travel as text: the caller asks for these wrong types only. */
const QUERY_WRONG_TYPES = ["string", "number", "integer", "boolean"];

interface Case {
  name: string;
  /** The schema as found in the dereferenced document (object cycles, no $ref). */
  schema: unknown;
  /** Its pointer in the bundled document, for Ajv. */
  pointer: string;
  runs: number;
  options?: GenerateOptions;
}

type DerefParameter = { name: string; in: string; schema?: unknown };
type DerefOperation = {
  parameters?: DerefParameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
};
const paths = (
  spec.dereferenced as { paths: Record<string, Record<string, DerefOperation> & { parameters?: DerefParameter[] }> }
).paths;

const bodies: Case[] = [];
const parameters: Case[] = [];
for (const op of spec.operations) {
  const item = paths[op.path];
  const deref = item[op.method.toLowerCase()] as DerefOperation;
  const schema = deref.requestBody?.content?.["application/json"]?.schema;
  const pointer = op.requestBody?.content["application/json"]?.schemaPointer;
  if (schema !== undefined && pointer)
    bodies.push({ name: `${op.operationId} body`, schema, pointer, runs: BODY_RUNS });
  const derefParams = [...(item.parameters ?? []), ...(deref.parameters ?? [])];
  for (const p of op.parameters) {
    // Operation-level parameters override path-level ones: the last one of a name and location wins.
    const match = derefParams.filter((d) => d.name === p.name && d.in === p.in).at(-1);
    if (!match?.schema || !p.schemaPointer) continue;
    parameters.push({
      name: `${op.operationId} ${p.in} ${p.name}`,
      schema: match.schema,
      pointer: p.schemaPointer,
      runs: PARAM_RUNS,
      ...(p.in === "query" ? { options: { wrongTypes: QUERY_WRONG_TYPES } } : {}),
    });
  }
}

interface Tally {
  valid: number;
  validPassed: number;
  invalid: number;
  invalidExact: number;
  kinds: Map<string, number>;
  ms: number;
}
const tallies = new Map<string, Tally>();

function runCase(c: Case): { validFailures: unknown[]; invalidFailures: unknown[] } {
  const started = performance.now();
  const tally: Tally = { valid: 0, validPassed: 0, invalid: 0, invalidExact: 0, kinds: new Map(), ms: 0 };
  const validFailures: unknown[] = [];
  const invalidFailures: unknown[] = [];
  for (const value of fc.sample(validArbitrary(c.schema, c.options), { numRuns: c.runs, seed: SEED })) {
    tally.valid++;
    const errors = spec.validators.validate(c.pointer, value);
    if (errors.length === 0) tally.validPassed++;
    else if (validFailures.length < 3)
      validFailures.push({ value, errors: errors.map((e) => `${e.instancePointer} ${e.keyword}: ${e.message}`) });
  }
  const invalid = invalidArbitrary(c.schema, c.options);
  if (invalid) {
    for (const { value, violation } of fc.sample(invalid, { numRuns: c.runs, seed: SEED })) {
      tally.invalid++;
      const kind = `${violation.kind}/${violation.keyword}`;
      tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
      const problem = notExactly(spec.validators.validate(c.pointer, value), violation);
      if (!problem) tally.invalidExact++;
      else if (invalidFailures.length < 3) invalidFailures.push({ value, violation, problem });
    }
  }
  tally.ms = performance.now() - started;
  tallies.set(c.name, tally);
  return { validFailures, invalidFailures };
}

describe("every request schema of the bundled spec", () => {
  it("has request bodies and parameters to cover", () => {
    expect(bodies.length).toBeGreaterThanOrEqual(30);
    expect(parameters.length).toBeGreaterThanOrEqual(70);
  });

  it.each(bodies)("$name: $runs valid values pass Ajv, $runs invalid values break exactly their rule", (c) => {
    expect(runCase(c)).toEqual({ validFailures: [], invalidFailures: [] });
    const t = tallies.get(c.name)!;
    expect(t.valid).toBe(BODY_RUNS);
    expect(t.invalid).toBe(BODY_RUNS); // every body schema can be broken
  });

  it("with extraKeys, valid values (undeclared keys and all) still pass Ajv", () => {
    const failures: unknown[] = [];
    for (const c of bodies) {
      for (const value of fc.sample(validArbitrary(c.schema, { extraKeys: true }), {
        numRuns: EXTRA_KEYS_RUNS,
        seed: SEED,
      })) {
        const errors = spec.validators.validate(c.pointer, value);
        if (errors.length && failures.length < 3) failures.push({ schema: c.name, value, errors });
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(parameters)("$name: valid values pass Ajv, invalid values break exactly their rule", (c) => {
    expect(runCase(c)).toEqual({ validFailures: [], invalidFailures: [] });
  });
});

/** Walks a value along the bundled schema at `pointer`, calling `onOneOf` with how many branches of each oneOf it meets match. */
function visitOneOfs(pointer: string, value: unknown, onOneOf: (pointer: string, matches: number[]) => void): void {
  const { pointer: at, node } = locate(doc, pointer);
  if (node === null || typeof node !== "object" || Array.isArray(node)) return;
  const schema = node as Record<string, Json>;
  const valid = (p: string) => spec.validators.validate(p, value).length === 0;
  const branch = (kind: string, i: number) => walk(doc, at, kind, String(i)).pointer;
  if (Array.isArray(schema.oneOf)) {
    const matches = schema.oneOf.map((_, i) => i).filter((i) => valid(branch("oneOf", i)));
    onOneOf(at, matches);
    for (const i of matches) visitOneOfs(branch("oneOf", i), value, onOneOf);
  }
  if (Array.isArray(schema.anyOf)) {
    schema.anyOf.forEach((_, i) => valid(branch("anyOf", i)) && visitOneOfs(branch("anyOf", i), value, onOneOf));
  }
  if (Array.isArray(schema.allOf)) schema.allOf.forEach((_, i) => visitOneOfs(branch("allOf", i), value, onOneOf));
  if (Array.isArray(value) && schema.items !== undefined)
    value.forEach((item) => visitOneOfs(walk(doc, at, "items").pointer, item, onOneOf));
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const props = (schema.properties ?? {}) as Record<string, Json>;
    for (const [key, member] of Object.entries(value)) {
      if (key in props) visitOneOfs(walk(doc, at, "properties", key).pointer, member, onOneOf);
      else if (typeof schema.additionalProperties === "object")
        visitOneOfs(walk(doc, at, "additionalProperties").pointer, member, onOneOf);
    }
  }
}

describe("oneOf", () => {
  const withOneOf = [...bodies, ...parameters].filter((c) => hasOneOf(c.schema));

  it("every valid value matches exactly one branch of every oneOf it meets", () => {
    const met = new Map<string, number>();
    const offending: unknown[] = [];
    for (const c of withOneOf) {
      for (const value of fc.sample(validArbitrary(c.schema, c.options), { numRuns: 200, seed: SEED })) {
        visitOneOfs(c.pointer, value, (at, matches) => {
          met.set(at, (met.get(at) ?? 0) + 1);
          if (matches.length !== 1 && offending.length < 3) offending.push({ schema: c.name, at, matches, value });
        });
      }
    }
    expect(offending).toEqual([]);
    if (process.env.GENERATE_CONTRACT_SUMMARY)
      console.log([...met].map(([at, n]) => `oneOf ${at}: ${n} values, one branch each`).join("\n"));
    // The oneOfs of the request schemas: RunsCancel, StorePutRequest.index, A2A params and parts, the xray query parameter.
    expect(met.size).toBeGreaterThanOrEqual(5);
  });

  it("reports the A2A params branches it cannot generate (they overlap: a tasks/get body with a valid historyLength matches both)", () => {
    const gaps = bodies.flatMap((c) => unreachableBranches(c.schema).map((g) => `${c.name} ${g.pointer}`));
    expect(gaps).toEqual(["postA2a body /properties/params/oneOf/1", "postA2a body /properties/params/oneOf/2"]);
  });
});

function hasOneOf(schema: unknown, seen = new Set<unknown>()): boolean {
  if (schema === null || typeof schema !== "object" || seen.has(schema)) return false;
  seen.add(schema);
  return "oneOf" in schema || Object.values(schema).some((v) => hasOneOf(v, seen));
}

describe("fast-check integration", () => {
  const createRun = bodies.find((c) => c.name === "createRun body")!;
  const size = (v: unknown) => JSON.stringify(v).length;

  it("same seed, same values", () => {
    const sample = () => ({
      valid: fc.sample(validArbitrary(createRun.schema), { numRuns: 50, seed: 7 }),
      invalid: fc.sample(invalidArbitrary(createRun.schema)!, { numRuns: 50, seed: 7 }),
    });
    const first = sample();
    expect(sample()).toEqual(first);
    expect(fc.sample(validArbitrary(createRun.schema), { numRuns: 50, seed: 8 })).not.toEqual(first.valid);
  });

  it("shrinks a failing valid value to a smaller valid one", () => {
    let firstFailure: unknown;
    const details = fc.check(
      fc.property(validArbitrary(createRun.schema), (v) => {
        const ok = size(v) < 120;
        if (!ok && firstFailure === undefined) firstFailure = v;
        return ok;
      }),
      { seed: 9 },
    );
    expect(details.failed).toBe(true);
    const shrunk = details.counterexample![0];
    expect(details.numShrinks).toBeGreaterThan(0);
    expect(size(shrunk)).toBeLessThan(size(firstFailure));
    expect(spec.validators.validate(createRun.pointer, shrunk)).toEqual([]);
  });

  it("shrinks a failing invalid value to a smaller one that still breaks exactly its rule", () => {
    let firstFailure: unknown;
    const details = fc.check(
      fc.property(invalidArbitrary(createRun.schema)!, (v) => {
        const ok = size(v.value) < 60;
        if (!ok && firstFailure === undefined) firstFailure = v.value;
        return ok;
      }),
      { seed: 9 },
    );
    expect(details.failed).toBe(true);
    const shrunk = details.counterexample![0] as { value: unknown; violation: Violation };
    expect(size(shrunk.value)).toBeLessThan(size(firstFailure));
    expect(notExactly(spec.validators.validate(createRun.pointer, shrunk.value), shrunk.violation)).toBeUndefined();
  });
});

describe("schemas beyond the request bodies", () => {
  it("recursion terminates on the self-referencing ThreadState (tasks[].state is a ThreadState again)", () => {
    const schemas = (spec.dereferenced as { components: { schemas: Record<string, unknown> } }).components.schemas;
    const pointer = "#/components/schemas/ThreadState";
    const threadState = schemas.ThreadState;
    expect(JSON.stringify(threadState, cycleMarker())).toContain("[cycle]");
    for (const maxDepth of [1, 2]) {
      for (const value of fc.sample(validArbitrary(threadState, { maxDepth }), { numRuns: 100, seed: SEED })) {
        expect(spec.validators.validate(pointer, value)).toEqual([]);
        expect(stateDepth(value)).toBeLessThanOrEqual(maxDepth);
      }
    }
    for (const { value, violation } of fc.sample(invalidArbitrary(threadState, { maxDepth: 2 })!, {
      numRuns: 200,
      seed: SEED,
    })) {
      expect(notExactly(spec.validators.validate(pointer, value), violation)).toBeUndefined();
    }
  });

  it("an unsupported keyword fails fast, naming its pointer", () => {
    const createRun = bodies.find((c) => c.name === "createRun body")!.schema as {
      properties: Record<string, unknown>;
    };
    const patched = {
      ...createRun,
      properties: { ...createRun.properties, config: { anyOf: [{ not: { type: "null" } }] } },
    };
    expect(() => validArbitrary(patched)).toThrow(
      'unsupported JSON Schema keyword "not" at /properties/config/anyOf/0',
    );
    expect(() => invalidArbitrary(patched)).toThrow(
      'unsupported JSON Schema keyword "not" at /properties/config/anyOf/0',
    );
  });
});

/** JSON.stringify replacer that writes "[cycle]" where an object contains itself. */
function cycleMarker() {
  const stack: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown) {
    if (value === null || typeof value !== "object") return value;
    while (stack.length && stack.at(-1) !== this) stack.pop();
    if (stack.includes(value)) return "[cycle]";
    stack.push(value);
    return value;
  };
}

/** How many ThreadStates are nested in one another (the root counts as one). */
function stateDepth(state: unknown): number {
  const tasks = (state as { tasks?: { state?: unknown }[] }).tasks ?? [];
  return 1 + Math.max(0, ...tasks.map((t) => (t.state ? stateDepth(t.state) : 0)));
}

describe("x-pinned on a spec schema", () => {
  it("pins ids and metadata in valid values; only their type can be broken", () => {
    const c = bodies.find((b) => b.name === "createThread body")!;
    const base = c.schema as { properties: Record<string, object>; required?: string[] };
    const id = "1ef4a7c2-2f1d-4c3e-9b55-0c2f4d2a9e11";
    const schema = {
      ...base,
      required: ["thread_id", "metadata"],
      properties: {
        ...base.properties,
        thread_id: { ...base.properties.thread_id, const: id, "x-pinned": true },
        metadata: { ...base.properties.metadata, const: { run: "prefix-1" }, "x-pinned": true },
      },
    };
    for (const v of fc.sample(validArbitrary(schema), { numRuns: 200, seed: SEED }) as Record<string, unknown>[]) {
      expect([v.thread_id, v.metadata]).toEqual([id, { run: "prefix-1" }]);
      expect(spec.validators.validate(c.pointer, v)).toEqual([]);
    }
    let pinnedBroken = 0;
    for (const { value, violation } of fc.sample(invalidArbitrary(schema)!, { numRuns: 500, seed: SEED })) {
      if (!["/thread_id", "/metadata"].some((p) => violation.instancePointer.startsWith(p))) continue;
      pinnedBroken++;
      expect(violation.kind).toBe("wrong_type");
      expect(notExactly(spec.validators.validate(c.pointer, value), violation)).toBeUndefined();
    }
    expect(pinnedBroken).toBeGreaterThan(0);
  });
});

afterAll(() => {
  const rows = [...tallies.entries()];
  const total = (pick: (t: Tally) => number) => rows.reduce((n, [, t]) => n + pick(t), 0);
  const lines = rows.map(
    ([name, t]) =>
      `${name.padEnd(58)} valid ${t.validPassed}/${t.valid}  invalid exact ${t.invalidExact}/${t.invalid}  ${t.ms.toFixed(0)} ms  ${[...t.kinds].map(([k, n]) => `${k}:${n}`).join(" ")}`,
  );
  lines.push(
    `TOTAL ${rows.length} schemas: valid ${total((t) => t.validPassed)}/${total((t) => t.valid)}, invalid exact ${total((t) => t.invalidExact)}/${total((t) => t.invalid)}`,
  );
  if (process.env.GENERATE_CONTRACT_SUMMARY) console.log(lines.join("\n"));
});
