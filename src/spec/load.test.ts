// Tests for loadSpec: the upstream documents load and compile; unusable inputs fail with a one-line SpecError.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../fixtures/reference-server.ts";
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

/** A document's one operation, `list_things`, whose 200 response (a description unless told) has this JSON schema. */
const thingsReturning = (schema: unknown, response: Record<string, unknown> = { description: "ok" }) => ({
  "/things": {
    get: {
      operationId: "list_things",
      responses: { "200": { content: { "application/json": { schema } }, ...response } },
    },
  },
});

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

  it("rejects a document with an undefined $ref that is not a schema", async () => {
    const source = await writeJson(
      "broken-response-ref.json",
      minimal({ paths: { "/things": { get: { responses: { "200": { $ref: "#/components/responses/Missing" } } } } } }),
    );
    expect((await loadError(source)).message).toContain("#/components/responses/Missing");
  });

  it("rejects a file that is neither JSON nor YAML", async () => {
    const source = join(dir, "garbage.json");
    await writeFile(source, '{"openapi": "3.1.0", "paths": {');
    expect((await loadError(source)).message).toMatch(/Error parsing .*garbage\.json/);
  });

  it("rejects a document whose schema does not compile", async () => {
    const source = await writeJson("bad-schema.json", minimal({ paths: thingsReturning({ type: "thing" }) }));
    expect((await loadError(source)).message).toMatch(/does not compile/);
  });

  it("rejects a document without operations", async () => {
    expect((await loadError(await writeJson("empty.json", minimal({ paths: {} })))).message).toContain("no operations");
  });

  it("rejects a URL that does not answer with a document, in one line", async () => {
    const url = await serve(() => ({ status: 404, body: "no" }));
    expect((await loadError(`${url}/openapi.json`)).message).toMatch(/: HTTP 404\b/);
    const closed = await findFreePort();
    expect((await loadError(`http://127.0.0.1:${closed}/openapi.json`)).message).toContain("ECONNREFUSED");
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

describe("defects that do not stop the load", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "load-spec-defects-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const document = (paths: unknown, schemas: Record<string, unknown> = {}) => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths,
    components: { schemas },
  });
  async function write(name: string, value: unknown): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(value, null, 2));
    return path;
  }
  const responseSchema = (spec: LoadedSpec) => spec.byId.get("list_things")!.responses[0].content["application/json"];

  it("a $ref to an undefined schema: it accepts any value, and the defect names it", async () => {
    const spec = await loadSpec(
      await write(
        "undefined-schema.json",
        document(
          thingsReturning({ $ref: "#/components/schemas/Thing" }),
          // Interrupt is referred to twice (and once percent-encoded), reported once.
          {
            Thing: {
              type: "object",
              properties: {
                interrupt: { $ref: "#/components/schemas/Interrupt" },
                interrupts: { type: "array", items: { $ref: "#/components/schemas/Interrupt" } },
                other: { $ref: "#/components/schemas/Other%20One" },
              },
            },
          },
        ),
      ),
    );
    expect(spec.defects).toEqual([
      "#/components/schemas/Interrupt is referred to but not defined (treated as any value)",
      "#/components/schemas/Other%20One is referred to but not defined (treated as any value)",
    ]);
    const pointer = responseSchema(spec).schemaPointer!;
    for (const interrupt of [5, "x", null, { id: 1 }])
      expect(spec.validators.validate(pointer, { interrupt, interrupts: [interrupt], other: interrupt })).toEqual([]);
    // The schema around it is still checked.
    expect(spec.validators.validate(pointer, { interrupts: 5 }).map((v) => v.instancePointer)).toEqual(["/interrupts"]);
    expect(spec.validators.validate(pointer, "not an object")).not.toEqual([]);
  });

  it("a document that departs from the OpenAPI schema where that changes nothing: read as written, each place named", async () => {
    const spec = await loadSpec(
      await write(
        "loose.json",
        document({
          ...thingsReturning({ type: "object" }, { description: "ok", summary: "not a response member" }),
          "/other": { delete: { operationId: "delete_other", responses: { "404": {} } } },
        }),
      ),
    );
    expect(spec.defects).toEqual([
      '#/paths/~1things/get/responses/200 does not follow the OpenAPI schema: has a member OpenAPI does not define there: "summary" (read as written)',
      "#/paths/~1other/delete/responses/404 does not follow the OpenAPI schema: must have required property 'description' (read as written)",
    ]);
    expect(spec.byId.get("delete_other")!.responses.map((r) => r.status)).toEqual(["404"]);
    expect(spec.validators.validate(responseSchema(spec).schemaPointer!, [])).not.toEqual([]);
  });

  it("a document without defects has none", async () => {
    expect((await loadSpec(await write("clean.json", document(thingsReturning({ type: "object" }))))).defects).toEqual(
      [],
    );
  });

  it("a URL on this machine loads, with its defects, and its relative external $refs resolve as for a file", async () => {
    const root = document(thingsReturning({ $ref: "./common.json#/Thing" }));
    const common = {
      Thing: { type: "object", properties: { x: { $ref: "#/Missing" } } },
      Missing: { type: "integer" },
    };
    const file = await write("with-external.json", root);
    await write("common.json", common);
    const fromFile = await loadSpec(file);
    expect(fromFile.validators.validate(responseSchema(fromFile).schemaPointer!, { x: "no" })).not.toEqual([]);

    const url = await serve(() => ({
      status: 200,
      body: JSON.stringify(document(thingsReturning({ $ref: "#/components/schemas/Interrupt" }))),
    }));
    const fromUrl = await loadSpec(`${url}/openapi.json`);
    expect(fromUrl.source).toBe(`${url}/openapi.json`);
    expect(fromUrl.defects).toEqual([
      "#/components/schemas/Interrupt is referred to but not defined (treated as any value)",
    ]);
  });
});

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server on 127.0.0.1 (which the parser's own resolver refuses to read from) answering every request alike. */
async function serve(answer: () => { status: number; body: string }): Promise<string> {
  const server = createServer((_req, res) => {
    const { status, body } = answer();
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
