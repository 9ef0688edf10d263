// The project's API description against the published one: same operations; every difference is an erratum.

import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUNDLED_SPEC, loadSpec, type LoadedSpec } from "./load.ts";
import type { Operation } from "./operations.ts";

const UPSTREAM = `${process.env.CONFORMANCE_UPSTREAM_DIR ?? "/work/shared/upstream"}/agent-server-openapi.latest.json`;
const ERRATA = readFileSync(fileURLToPath(new URL("../../spec/ERRATA.md", import.meta.url)), "utf8");

/** Every parameter and status-code difference, as "METHOD /path: what", with the erratum that records it. */
const EXPECTED_DIFFERENCES: Record<string, string> = {
  "POST /assistants/{assistant_id}/latest: parameter query version removed": "E1",
  "POST /assistants/{assistant_id}/latest: request body added": "E1",
  "POST /assistants/{assistant_id}/versions: request body added": "E2",
  "DELETE /threads/{thread_id}: status 204 added": "E7",
  "DELETE /threads/{thread_id}/runs/{run_id}: status 204 added": "E7",
  "DELETE /assistants/{assistant_id}: status 204 added": "E28",
  "POST /threads/{thread_id}/runs/{run_id}/cancel: status 202 added": "E8",
  "POST /threads/{thread_id}/runs/{run_id}/cancel: status 204 added": "E8",
  "GET /store/items: parameter query namespace changed": "E9",
  "GET /threads/{thread_id}/stream: parameter query stream_mode added": "E10",
  "GET /threads/{thread_id}/state: status 404 added": "E13",
  "POST /threads/{thread_id}/state: status 404 added": "E13",
  "GET /threads/{thread_id}/state/{checkpoint_id}: status 404 added": "E13",
  "POST /threads/{thread_id}/state/checkpoint: status 404 added": "E13",
  "GET /threads/{thread_id}/history: status 404 added": "E13",
  "POST /threads/{thread_id}/history: status 404 added": "E13",
  "POST /threads/{thread_id}/state: status 409 added": "E14",
  "GET /store/items: status 404 added": "E15",
  "POST /assistants/{assistant_id}/versions: status 404 added": "E17",
  "GET /assistants/{assistant_id}/subgraphs/{namespace}: status 404 added": "E17",
};

const key = (op: Operation) => `${op.method} ${op.path}`;

function differences(ours: LoadedSpec, theirs: LoadedSpec): string[] {
  const out: string[] = [];
  const theirsByKey = new Map(theirs.operations.map((op) => [key(op), op]));
  for (const op of ours.operations) {
    const other = theirsByKey.get(key(op));
    if (!other) continue;
    const params = (o: Operation) => new Map(o.parameters.map((p) => [`${p.in} ${p.name}`, p]));
    const [mine, published] = [params(op), params(other)];
    for (const [name, p] of mine) {
      const q = published.get(name);
      if (!q) out.push(`${key(op)}: parameter ${name} added`);
      else if (p.required !== q.required || JSON.stringify(typeOf(p.schema)) !== JSON.stringify(typeOf(q.schema)))
        out.push(`${key(op)}: parameter ${name} changed`);
    }
    for (const name of published.keys()) if (!mine.has(name)) out.push(`${key(op)}: parameter ${name} removed`);
    if (!!op.requestBody !== !!other.requestBody)
      out.push(`${key(op)}: request body ${op.requestBody ? "added" : "removed"}`);
    const statuses = (o: Operation) => new Set(o.responses.map((r) => r.status));
    const [ourStatuses, theirStatuses] = [statuses(op), statuses(other)];
    for (const s of ourStatuses) if (!theirStatuses.has(s)) out.push(`${key(op)}: status ${s} added`);
    for (const s of theirStatuses) if (!ourStatuses.has(s)) out.push(`${key(op)}: status ${s} removed`);
  }
  return out.sort();
}

/** The shape of a parameter schema that matters to a client: its type (or union of types) and enum. */
function typeOf(schema: unknown): unknown {
  if (!schema || typeof schema !== "object") return schema;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return ((s.anyOf ?? s.oneOf) as unknown[]).map(typeOf);
  return { type: s.type, enum: s.enum, items: s.items ? typeOf(s.items) : undefined };
}

describe("spec/agent-server.yaml", () => {
  let ours: LoadedSpec;
  beforeAll(async () => {
    ours = await loadSpec(BUNDLED_SPEC);
  });

  it("is OpenAPI 3.1 with 64 operations, each with a unique id and a tag", () => {
    expect(ours.openapi).toMatch(/^3\.1\./);
    expect(ours.operations).toHaveLength(64);
    expect(new Set(ours.operations.map((o) => o.operationId)).size).toBe(64);
    expect(ours.operations.filter((o) => o.tags.length === 0)).toEqual([]);
  });

  it("documents a JSON error body on every 4xx answer that has a body", () => {
    const missing = ours.operations.flatMap((op) =>
      op.responses
        .filter((r) => r.status.startsWith("4") && Object.keys(r.content).length > 0 && !r.content["application/json"])
        .map((r) => `${key(op)} ${r.status}`),
    );
    expect(missing).toEqual([]);
  });

  it("documents the events of every event stream it answers", () => {
    const streams = ours.operations.flatMap((op) =>
      op.responses.flatMap((r) =>
        Object.entries(r.content)
          .filter(([type]) => type === "text/event-stream")
          .map(([, media]) => ({ op: key(op), media })),
      ),
    );
    expect(streams.length).toBeGreaterThanOrEqual(5);
    for (const { op, media } of streams) expect(Object.keys(media.sseEvents ?? {}), op).not.toHaveLength(0);
    const run = ours.byId.get("streamRun")!.responses.find((r) => r.status === "200")!.content["text/event-stream"]!
      .sseEvents!;
    for (const event of [
      "metadata",
      "values",
      "updates",
      "messages",
      "messages/partial",
      "messages/complete",
      "messages/metadata",
      "events",
      "debug",
      "custom",
      "tasks",
      "checkpoints",
      "error",
      "end",
    ]) {
      expect(Object.keys(run)).toContain(event);
    }
  });

  it("requires Content-Location on every run-creating answer", () => {
    for (const id of [
      "createRun",
      "streamRun",
      "waitRun",
      "createStatelessRun",
      "streamStatelessRun",
      "waitStatelessRun",
    ]) {
      const ok = ours.byId.get(id)!.responses.find((r) => r.status === "200")!;
      expect(ok.headers["content-location"]?.required, id).toBe(true);
    }
  });

  /** Violations of the schema of `operationId`'s `status` answer (JSON) by `body`. */
  const violations = (operationId: string, status: string, body: unknown) => {
    const response = ours.byId.get(operationId)!.responses.find((r) => r.status === status)!;
    return ours.validators.validate(response.content["application/json"]!.schemaPointer!, body);
  };

  it("accepts /info from either official server and requires a LangGraph version of one language (E16)", () => {
    const flags = { assistants: true, crons: false };
    const js = { version: "2.0.0", langgraph_js_version: "1.3.7", context: "js", flags };
    const py = { version: "0.5.26", langgraph_py_version: "1.0.4", flags, host: { kind: "self-hosted" } };
    expect(violations("getInfo", "200", js)).toEqual([]);
    expect(violations("getInfo", "200", py)).toEqual([]);
    expect(violations("getInfo", "200", { version: "1", flags })).not.toEqual([]);
    expect(violations("getInfo", "200", { version: "1", langgraph_py_version: "1" })).not.toEqual([]);
  });

  it("answers a store item that does not exist with 200 null or 404, and nothing else (E15)", () => {
    const item = {
      namespace: ["a"],
      key: "k",
      value: {},
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    };
    expect(violations("getStoreItem", "200", null)).toEqual([]);
    expect(violations("getStoreItem", "200", item)).toEqual([]);
    expect(violations("getStoreItem", "200", {})).not.toEqual([]);
    expect(violations("getStoreItem", "404", { detail: "not found" })).toEqual([]);
  });

  describe.skipIf(!existsSync(UPSTREAM))("against the published document", () => {
    let theirs: LoadedSpec;
    beforeAll(async () => {
      theirs = await loadSpec(UPSTREAM);
    });

    it("has exactly the same method+path set", () => {
      expect(ours.operations.map(key).sort()).toEqual(theirs.operations.map(key).sort());
    });

    it("differs in parameters and status codes only where an erratum says so", () => {
      expect(differences(ours, theirs)).toEqual(Object.keys(EXPECTED_DIFFERENCES).sort());
    });

    it("has an ERRATA.md entry for every difference", () => {
      for (const erratum of new Set(Object.values(EXPECTED_DIFFERENCES)))
        expect(ERRATA).toMatch(new RegExp(`^### ${erratum}\\. `, "m"));
    });
  });
});
