// Tests for diffSpecs on small documents: operations matched whatever their path parameters are called, then
// statuses, request-body properties and parameters compared; and the run's reports carrying the difference.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import SwaggerParser from "@apidevtools/swagger-parser";
import { startFake } from "../../fixtures/fakes/index.ts";
import type { FaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import type { JsonReport } from "../../reporters/json.ts";
import { inProcess } from "../testing/in-process.ts";
import { countSpecDiff, describeSpecDifference, diffSpecs, type SpecDiff } from "./diff.ts";
import { BUNDLED_SPEC, loadSpec, type LoadedSpec } from "./load.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "spec-diff-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, document: unknown): Promise<LoadedSpec> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(document));
  return loadSpec(path);
}

const ok = { description: "ok" };
const body = (schema: unknown, required = true) => ({ required, content: { "application/json": { schema } } });
const param = (name: string, where: string, required = false) => ({ name, in: where, required, schema: {} });
const doc = (paths: unknown, schemas: Record<string, unknown> = {}) => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths,
  components: { schemas },
});

const published = doc(
  {
    "/threads/{thread_id}": {
      get: {
        parameters: [param("thread_id", "path", true), param("include", "query"), param("x-trace", "header")],
        responses: { "200": ok, "404": ok },
      },
      delete: { parameters: [param("thread_id", "path", true)], responses: { "204": ok } },
    },
    "/threads": {
      post: {
        requestBody: body({
          allOf: [
            { $ref: "#/components/schemas/ThreadBase" },
            { type: "object", properties: { if_exists: { type: "string" } }, required: ["if_exists"] },
          ],
        }),
        responses: { "200": ok },
      },
    },
    "/threads/prune": { post: { requestBody: body({ type: "object" }), responses: { "200": ok } } },
    "/runs/{run_id}/cancel": { post: { parameters: [param("run_id", "path", true)], responses: { "202": ok } } },
  },
  {
    ThreadBase: {
      type: "object",
      properties: { metadata: { type: "object" }, thread_id: { type: "string" }, ttl: { type: "object" } },
    },
  },
);

const served = doc(
  {
    "/threads/{id}": {
      get: {
        parameters: [param("id", "path", true), param("include", "query", true), param("limit", "query")],
        responses: { "200": ok, "422": ok },
      },
      delete: { parameters: [param("id", "path", true)], responses: { "204": ok } },
    },
    "/threads": {
      post: {
        requestBody: body({ $ref: "#/components/schemas/ThreadCreate" }),
        responses: { "200": ok },
      },
    },
    "/runs/{run_id}/cancel": { post: { responses: { "202": ok } } },
    "/ok": { get: { responses: { "200": ok } } },
  },
  {
    ThreadCreate: {
      type: "object",
      properties: {
        metadata: { $ref: "#/components/schemas/Interrupt" },
        thread_id: { type: "string" },
        if_exists: { type: "string" },
        supersteps: { type: "array" },
      },
      required: ["thread_id"],
    },
  },
);

describe("diffSpecs", () => {
  let diff: SpecDiff;
  beforeAll(async () => {
    diff = diffSpecs(await load("published.json", published), await load("served.json", served));
  });

  it("matches operations whatever their path parameters are called, and lists those only one has", () => {
    expect(diff.shared).toEqual([
      "GET /threads/{thread_id}",
      "DELETE /threads/{thread_id}",
      "POST /threads",
      "POST /runs/{run_id}/cancel",
    ]);
    expect(diff.differences.filter((d) => d.kind === "operation")).toEqual([
      { kind: "operation", operation: "POST /threads/prune", only: "published" },
      { kind: "operation", operation: "GET /ok", only: "served" },
    ]);
  });

  it("lists, per shared operation, statuses, body properties and parameters only one has or requires", () => {
    expect(diff.differences.filter((d) => d.kind !== "operation").map(describeSpecDifference)).toEqual([
      "GET /threads/{thread_id}: status 404 only in the published document",
      "GET /threads/{thread_id}: status 422 only in the served document",
      'GET /threads/{thread_id}: header parameter "x-trace" only in the published document',
      'GET /threads/{thread_id}: query parameter "limit" only in the served document',
      'GET /threads/{thread_id}: query parameter "include" required only in the served document',
      'POST /threads: request-body property "supersteps" only in the served document',
      'POST /threads: request-body property "ttl" only in the published document',
      'POST /threads: request-body property "if_exists" required only in the published document',
      'POST /threads: request-body property "thread_id" required only in the served document',
      'POST /runs/{run_id}/cancel: path parameter "run_id" only in the published document',
    ]);
    // The path parameter renamed (thread_id, id) is not a difference; an operation without any is listed by nothing.
    expect(diff.differences.some((d) => d.operation === "DELETE /threads/{thread_id}")).toBe(false);
  });

  it("carries the served document's defects and counts", () => {
    expect(diff.defects).toEqual([
      "#/components/schemas/Interrupt is referred to but not defined (treated as any value)",
    ]);
    expect(diff.published.source).toMatch(/published\.json$/);
    expect(diff.served.source).toMatch(/served\.json$/);
    expect(countSpecDiff(diff)).toEqual({ onlyPublished: 1, onlyServed: 1, shared: 4, differences: 10, defects: 1 });
  });

  it("tells a request body only one document has", async () => {
    const [a, b] = await Promise.all([
      load("a.json", doc({ "/x": { post: { requestBody: body({ type: "object" }), responses: { "200": ok } } } })),
      load("b.json", doc({ "/x": { post: { responses: { "200": ok } } } })),
    ]);
    expect(diffSpecs(a, b).differences).toEqual([{ kind: "request-body", operation: "POST /x", only: "published" }]);
    expect(diffSpecs(b, a).differences).toEqual([{ kind: "request-body", operation: "POST /x", only: "served" }]);
  });

  it("finds no difference between a document and itself", async () => {
    const spec = await loadSpec(BUNDLED_SPEC);
    const same = diffSpecs(spec, spec);
    expect(same.differences).toEqual([]);
    expect(same.shared).toHaveLength(spec.operations.length);
  });
});

describe("a run with --spec other than the published document", () => {
  let server: FaultyServer;
  beforeAll(async () => {
    server = await startFake();
  });
  afterAll(() => server.close());

  it("warns of the document's defects in one line, reports the difference, and exits as it would without it", async () => {
    // The published document without one operation, and its Config schema made a reference to nothing.
    const document = (await SwaggerParser.parse(BUNDLED_SPEC)) as unknown as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    delete document.paths["/threads/prune"];
    document.components.schemas.Config = { $ref: "#/components/schemas/Settings" };
    const spec = join(dir, "served-spec.json");
    await writeFile(spec, JSON.stringify(document));
    const json = join(dir, "report.json");
    const args = ["--target", server.url, "--only", "store_put_replaces_value", "--runs", "0", "--seed", "3"];
    const run = await inProcess([...args, "--spec", spec, "--report", "console,json", "--json-file", json]);

    expect(run.stderr.trim().split("\n")).toEqual([
      `conformance: warning: the spec ${spec} has a defect that did not stop its load: #/components/schemas/Settings is referred to but not defined (treated as any value)`,
    ]);
    const report = JSON.parse(readFileSync(json, "utf8")) as JsonReport;
    expect(report.specDiff).toMatchObject({
      published: { source: BUNDLED_SPEC },
      served: { source: spec },
      counts: { onlyPublished: 1, onlyServed: 0, differences: 0, defects: 1 },
      defects: ["#/components/schemas/Settings is referred to but not defined (treated as any value)"],
      differences: [
        {
          kind: "operation",
          operation: "POST /threads/prune",
          only: "published",
          text: "POST /threads/prune only in the published document",
        },
      ],
    });
    expect(run.stdout).toContain("Spec differences from the published document");
    expect(run.stdout).toContain("1 operation only in the published document, 0 only in the served one, 63 in both");
    expect(run.stdout).toContain("  POST /threads/prune only in the published document");

    const published = await inProcess([...args, "--report", "json", "--json-file", json]);
    expect(run.code).toBe(published.code);
    expect(published.stderr).toBe("");
    expect((JSON.parse(readFileSync(json, "utf8")) as JsonReport).specDiff).toBeUndefined();
  });
});
