// Tests for loadSpec: the upstream documents load and compile; unusable inputs fail with a one-line SpecError.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, SpecError, type LoadedSpec } from "./load.ts";

const UPSTREAM = "/work/shared/upstream";

const documents = [
  { file: "agent-server-openapi.latest.json", operations: 64, hasSessionName: true },
  { file: "agent-server-openapi.v0.12.0.json", operations: 63, hasSessionName: true },
  { file: "agent-server-openapi.2025-12-09.api-v0.5.36.json", operations: 57, hasSessionName: false },
  { file: "agent-protocol-openapi.json", operations: 27, hasSessionName: false },
];

const validRun = {
  run_id: "1ef4a7c2-2f1d-4c3e-9b55-0c2f4d2a9e11",
  thread_id: "1ef4a7c2-2f1d-4c3e-9b55-0c2f4d2a9e12",
  assistant_id: "1ef4a7c2-2f1d-4c3e-9b55-0c2f4d2a9e13",
  created_at: "2025-01-01T00:00:00Z",
  updated_at: "2025-01-01T00:00:01Z",
  status: "success",
  metadata: {},
  kwargs: {},
  multitask_strategy: "reject",
};

/** Each upstream document is loaded once and shared by the tests about it. */
const loaded = new Map<string, Promise<LoadedSpec>>();
function upstream(file: string): Promise<LoadedSpec> {
  if (!loaded.has(file)) loaded.set(file, loadSpec(join(UPSTREAM, file)));
  return loaded.get(file)!;
}

describe.skipIf(!existsSync(UPSTREAM))("upstream documents", () => {
  describe.each(documents)("$file", ({ file, operations }) => {
    let spec: LoadedSpec;
    beforeAll(async () => {
      spec = await upstream(file);
    });

    it(`loads with ${operations} operations, each indexed by id`, () => {
      expect(spec.openapi).toMatch(/^3\.1\./);
      expect(spec.operations).toHaveLength(operations);
      expect(spec.byId.size).toBe(operations);
      for (const op of spec.operations) expect(spec.byId.get(op.operationId)).toBe(op);
    });

    it("compiles every schema its operations refer to", () => {
      expect(spec.validators.compileAll(spec.operations)).toBeGreaterThan(0);
    });

    it("reports ThreadState violations with absolute schema pointers", () => {
      const violations = spec.validators.validate("#/components/schemas/ThreadState", {
        values: 5,
        next: "x",
        created_at: "now",
        metadata: {},
      });
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.map((v) => v.instancePointer)).toContain("/values");
      for (const v of violations) expect(v.schemaPointer).toMatch(/^#\/components\/schemas\/[^/]+\//);
    });
  });

  describe.each(documents.filter((d) => d.hasSessionName))("$file", ({ file }) => {
    it("accepts null for Run.langsmith_session_name (its stray nullable)", async () => {
      const spec = await upstream(file);
      const validate = (value: unknown) =>
        spec.validators.validate("#/components/schemas/Run", { ...validRun, langsmith_session_name: value });
      const about = (value: unknown) =>
        validate(value).filter((v) => `${v.instancePointer} ${v.schemaPointer}`.includes("langsmith_session_name"));
      expect(about(null)).toEqual([]);
      expect(validate(null)).toEqual([]);
      expect(validate("my-project")).toEqual([]);
      // The property is still checked: a number is not a string or null.
      expect(about(5).map((v) => v.instancePointer)).toContain("/langsmith_session_name");
    });
  });

  it("follows the ThreadState cycle through tasks[].state", async () => {
    const spec = await upstream("agent-server-openapi.latest.json");
    const violations = spec.validators.validate("#/components/schemas/ThreadState", {
      values: {},
      next: [],
      checkpoint: {},
      metadata: {},
      created_at: "2025-01-01T00:00:00Z",
      tasks: [{ id: "t", name: "n", state: { values: {} } }],
    });
    expect(
      violations.filter((v) => v.instancePointer === "/tasks/0/state").map((v) => [v.keyword, v.schemaPointer]),
    ).toContainEqual(["required", "#/components/schemas/ThreadState/required"]);
  });
});

describe("unusable inputs", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "load-spec-test-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeJson(name: string, value: unknown): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(value, null, 2));
    return path;
  }

  async function loadError(source: string): Promise<SpecError> {
    const error = await loadSpec(source).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as SpecError).message;
    expect(message).toMatch(/^cannot load spec /);
    expect(message).not.toContain("\n");
    return error as SpecError;
  }

  const minimal = (extra: Record<string, unknown>) => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    ...extra,
  });

  it("rejects a missing file", async () => {
    const source = join(dir, "does-not-exist.json");
    expect((await loadError(source)).message).toContain(source);
  });

  it("rejects a JSON file that is not OpenAPI", async () => {
    expect((await loadError(await writeJson("hello.json", { hello: 1 }))).message).toMatch(/not a valid openapi/i);
  });

  it("rejects a Swagger 2.0 document, naming its version", async () => {
    const source = await writeJson("swagger.json", {
      swagger: "2.0",
      info: { title: "t", version: "1" },
      paths: { "/ok": { get: { responses: { "200": { description: "ok" } } } } },
    });
    expect((await loadError(source)).message).toMatch(/2\.0/);
  });

  it("rejects a document with a broken $ref", async () => {
    const source = await writeJson(
      "broken-ref.json",
      minimal({
        paths: {
          "/things": {
            get: {
              responses: {
                "200": {
                  description: "ok",
                  content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } },
                },
              },
            },
          },
        },
        components: { schemas: {} },
      }),
    );
    expect((await loadError(source)).message).toContain("#/components/schemas/Missing");
  });

  it("rejects a document without operations", async () => {
    expect((await loadError(await writeJson("empty.json", minimal({ paths: {} })))).message).toContain("no operations");
  });

  it("loads a small valid document (so the rejections above are about the defects)", async () => {
    const spec = await loadSpec(
      await writeJson(
        "ok.json",
        minimal({
          paths: {
            "/things": {
              get: {
                operationId: "list_things",
                tags: ["Things"],
                responses: {
                  "200": {
                    description: "ok",
                    content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
                  },
                },
              },
            },
          },
          components: {
            schemas: { Thing: { type: "object", properties: { n: { type: "integer", nullable: true } } } },
          },
        }),
      ),
    );
    expect(spec.operations.map((op) => [op.operationId, op.tag])).toEqual([["list_things", "Things"]]);
    expect(spec.validators.validate("#/components/schemas/Thing", { n: null })).toEqual([]);
    expect(spec.validators.validate("#/components/schemas/Thing", { n: "x" })).not.toEqual([]);
  });
});
