// Each check passes a conforming answer and fails the fault it names, against a scripted local server.

import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { on, startFaultyServer, type FaultyServer, type Route } from "../../fixtures/fakes/faulty-server.ts";
import type { Step } from "../engine/session.ts";
import type { CheckResult, VerdictStatus } from "../model.ts";
import { loadSpec, type LoadedSpec } from "../spec/load.ts";
import { verdictsOfOneCall } from "./test-support.ts";
import { describeAgainst } from "./check.ts";

const MINI_SPEC = fileURLToPath(new URL("./testdata/mini.yaml", import.meta.url));
const ID = "6f1f3a2e-1c3b-4b8e-9a43-0c1f1b2a3d4e";
const thing = { id: ID, name: "widget" };

let spec: LoadedSpec;
let server: FaultyServer | undefined;

beforeAll(async () => {
  spec = await loadSpec(MINI_SPEC);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves `routes`, makes one call, returns the verdict of every check by id. */
async function verdicts(routes: Route[], step: Omit<Step, "step">): Promise<Record<string, CheckResult>> {
  server = await startFaultyServer(routes);
  return verdictsOfOneCall(spec, server.url, { ...step, step: "test" });
}

const statusOf = (results: Record<string, CheckResult>, id: string): VerdictStatus | undefined =>
  results[id]?.verdict.status;
const findingsOf = (results: Record<string, CheckResult>, id: string) => {
  const v = results[id]?.verdict;
  return v?.status === "failed" ? v.findings : [];
};

const getThing: Omit<Step, "step"> = { op: "GET /things/{id}", params: { id: ID } };

describe("a conforming answer", () => {
  it("passes every check that applies", async () => {
    const r = await verdicts([on("GET /things/{id}", { body: thing })], getThing);
    for (const id of [
      "not_a_server_error",
      "positive_data_acceptance",
      "status_code_conformance",
      "content_type_conformance",
      "response_schema_conformance",
    ]) {
      expect(statusOf(r, id), id).toBe("passed");
    }
    expect(statusOf(r, "response_headers_conformance")).toBe("skipped");
  });
});

describe("not_a_server_error", () => {
  it("fails a 500", async () => {
    const r = await verdicts([on("GET /things/{id}", { status: 500, body: { detail: "boom" } })], getThing);
    expect(statusOf(r, "not_a_server_error")).toBe("failed");
    expect(findingsOf(r, "not_a_server_error")[0]).toMatchObject({ severity: "critical", actual: 500 });
  });

  it("fails an answer that never comes, within the request time limit", async () => {
    const started = Date.now();
    const r = await verdicts(
      [on("GET /things/{id}", { body: thing, holdMs: 5_000, headers: { "content-length": "999" } })],
      { ...getThing, timeoutMs: 300 },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(findingsOf(r, "not_a_server_error")[0]?.message).toMatch(/no complete response within 300 ms/);
  });
});

describe("positive_data_acceptance", () => {
  it("fails a documented 404 for a resource the step says exists", async () => {
    const r = await verdicts([on("GET /things/{id}", { status: 404, body: { detail: "no" } })], getThing);
    expect(statusOf(r, "positive_data_acceptance")).toBe("failed");
    expect(statusOf(r, "status_code_conformance")).toBe("passed");
  });

  it("does not judge steps that expect any answer", async () => {
    const r = await verdicts([on("GET /things/{id}", { status: 404, body: { detail: "no" } })], {
      ...getThing,
      expect: "any",
    });
    expect(statusOf(r, "positive_data_acceptance")).toBe("skipped");
  });
});

describe("status_code_conformance", () => {
  it("fails a status the operation does not document", async () => {
    const r = await verdicts([on("GET /things/{id}", { status: 400, body: { detail: "bad" } })], getThing);
    const [finding] = findingsOf(r, "status_code_conformance");
    expect(finding?.message).toBe("Received: 400 / Documented: 200, 404");
    expect(finding?.schemaPointer).toBe("#/paths/~1things~1{id}/get/responses");
    expect(finding?.key).toBe("status_code_conformance:getThing:received 400, documented 200, 404");
    expect(finding?.cause).toBe("status_code_conformance:received 400");
  });
});

describe("content_type_conformance", () => {
  it("fails a text/plain body where JSON is documented", async () => {
    const r = await verdicts(
      [on("GET /things/{id}", { status: 404, headers: { "content-type": "text/plain" }, body: "Thing not found" })],
      { ...getThing, expect: "any" },
    );
    expect(findingsOf(r, "content_type_conformance")[0]).toMatchObject({
      actual: "text/plain",
      expected: ["application/json"],
    });
  });

  it("fails a body on a response documented without one", async () => {
    const del = { op: "DELETE /things/{id}", params: { id: ID } };
    const ok = await verdicts([on("DELETE /things/{id}", { status: 202 })], del);
    expect(statusOf(ok, "content_type_conformance")).toBe("passed");
    const bad = await verdicts(
      [on("DELETE /things/{id}", { status: 202, headers: { "content-type": "text/plain" }, body: "accepted" })],
      del,
    );
    expect(findingsOf(bad, "content_type_conformance")[0]?.message).toBe(
      "Received: a text/plain body / Documented: no body for 202",
    );
    const explained = await verdicts(
      [on("DELETE /things/{id}", { status: 409, headers: { "content-type": "text/plain" }, body: "a run is going" })],
      { ...del, expect: "any" },
    );
    expect(statusOf(explained, "content_type_conformance")).toBe("passed");
  });
});

describe("response_schema_conformance", () => {
  it("fails a body that breaks the schema, with pointers into body and spec", async () => {
    const r = await verdicts([on("GET /things/{id}", { body: { id: "not-a-uuid", tags: ["a", 3] } })], getThing);
    const findings = findingsOf(r, "response_schema_conformance");
    expect(findings.map((f) => f.instancePointer).sort()).toEqual(["", "/id", "/tags/1"]);
    expect(findings.find((f) => f.instancePointer === "/id")?.schemaPointer).toBe(
      "#/components/schemas/Thing/properties/id/format",
    );
    expect(findings.find((f) => f.instancePointer === "")?.message).toMatch(/must have required property 'name'/);
  });

  it("keys a missing required property by its name, so that losing another field is a new finding", async () => {
    const withoutName = findingsOf(
      await verdicts([on("GET /things/{id}", { body: { id: ID } })], getThing),
      "response_schema_conformance",
    );
    const withoutId = findingsOf(
      await verdicts([on("GET /things/{id}", { body: { name: "n" } })], getThing),
      "response_schema_conformance",
    );
    expect(withoutName.map((f) => f.key)).toEqual([
      "response_schema_conformance:getThing:#/components/schemas/Thing/required:/name",
    ]);
    expect(withoutId.map((f) => f.key)).toEqual([
      "response_schema_conformance:getThing:#/components/schemas/Thing/required:/id",
    ]);
    expect(withoutName[0]?.cause).toBe("response_schema_conformance:#/components/schemas/Thing/required:");
    expect(withoutId[0]?.cause).toBe(withoutName[0]?.cause);
  });

  it("judges an answer narrowed by select against the selected properties only", async () => {
    const narrowed = { ...getThing, query: { select: ["id"] } };
    const ok = await verdicts([on("GET /things/{id}", { body: { id: ID } })], narrowed);
    expect(statusOf(ok, "response_schema_conformance")).toBe("passed");
    const selectedButMissing = await verdicts([on("GET /things/{id}", { body: { name: "n" } })], narrowed);
    expect(findingsOf(selectedButMissing, "response_schema_conformance").map((f) => f.instancePointer)).toEqual([""]);
  });

  it("fails a JSON content type whose body is not JSON", async () => {
    const r = await verdicts(
      [on("GET /things/{id}", { headers: { "content-type": "application/json" }, body: "{oops" })],
      getThing,
    );
    expect(findingsOf(r, "response_schema_conformance")[0]?.key).toContain("not-json");
  });

  it("fails a body larger than the suite reads whole, judged by its size and never held whole", async () => {
    const big = `{"pad":"${"x".repeat(5 * 1024 * 1024)}"}`;
    const r = await verdicts(
      [on("GET /things/{id}", { headers: { "content-type": "application/json" }, body: big })],
      getThing,
    );
    const [finding] = findingsOf(r, "response_schema_conformance");
    expect(finding?.key).toContain("body-too-large");
    expect(finding?.message).toMatch(
      /^Received: a body of (more than )?\d+ bytes \/ Documented: a 200 body the suite can read whole/,
    );
    expect(r.status_code_conformance?.verdict.status).toBe("passed");
  });

  it("validates each event of a stream against the schema for its type", async () => {
    const sse = [
      'event: metadata\ndata: {"attempt": 1}\n\n',
      'event: values\ndata: {"messages": []}\n\n',
      "event: values|child:1\ndata: []\n\n",
      "event: surprise\ndata: {}\n\n",
      "event: error\ndata: not json\n\n",
    ].join("");
    const r = await verdicts([on("POST /runs/stream", { sse })], { op: "POST /runs/stream" });
    const findings = findingsOf(r, "response_schema_conformance");
    expect(findings.map((f) => f.instancePointer)).toEqual([
      "/events/0/data",
      "/events/2/data",
      "/events/3",
      "/events/4/data",
    ]);
    expect(findings[2]?.message).toMatch(/Received: event "surprise"/);
  });

  it("passes a stream whose events all match", async () => {
    const sse = 'event: metadata\ndata: {"run_id": "r1"}\n\nevent: values\ndata: {}\n\n';
    const r = await verdicts([on("POST /runs/stream", { sse })], { op: "POST /runs/stream" });
    expect(statusOf(r, "response_schema_conformance")).toBe("passed");
  });
});

describe("response_headers_conformance", () => {
  const created = { body: { run_id: ID } };
  it("fails a run-creating answer without Content-Location", async () => {
    const r = await verdicts([on("POST /runs", created)], { op: "POST /runs", body: {} });
    expect(findingsOf(r, "response_headers_conformance")[0]?.message).toBe(
      "Received: no content-location header / Documented: content-location is required on 200",
    );
  });

  it("fails a header value that breaks its schema and passes a good one", async () => {
    const bad = await verdicts([on("POST /runs", { ...created, headers: { "content-location": "runs/1" } })], {
      op: "POST /runs",
      body: {},
    });
    expect(statusOf(bad, "response_headers_conformance")).toBe("failed");
    const good = await verdicts([on("POST /runs", { ...created, headers: { "content-location": `/runs/${ID}` } })], {
      op: "POST /runs",
      body: {},
    });
    expect(statusOf(good, "response_headers_conformance")).toBe("passed");
  });
});

describe("routes the target does not have", () => {
  it("are not implemented when the 404 matches the target's answer for a path that cannot exist", async () => {
    const r = await verdicts([], getThing);
    expect(new Set(Object.values(r).map((x) => x.verdict.status))).toEqual(new Set(["not_implemented"]));
  });

  it("are not implemented on an undocumented 405 or 501 or a 'Not implemented' body", async () => {
    for (const answer of [{ status: 405 }, { status: 501 }, { status: 500, body: "Not implemented" }]) {
      const r = await verdicts([on("GET /things/{id}", answer)], getThing);
      expect(statusOf(r, "not_a_server_error"), JSON.stringify(answer)).toBe("not_implemented");
    }
  });

  it("are implemented when the 404 is about the resource", async () => {
    const r = await verdicts([on("GET /things/{id}", { status: 404, body: { detail: "Thing not found" } })], getThing);
    expect(statusOf(r, "positive_data_acceptance")).toBe("failed");
  });
});

describe("negative_data_rejection", () => {
  const invalid = (statuses: number[]): Omit<Step, "step"> => ({
    ...getThing,
    expect: { reject: "limit: 0 is below minimum 1", statuses },
  });

  it("fails an invalid request that is accepted, naming the violation", async () => {
    const r = await verdicts([on("GET /things/{id}", { body: thing })], invalid([404]));
    expect(findingsOf(r, "negative_data_rejection")[0]?.message).toBe(
      "Received: 200 for a request with limit: 0 is below minimum 1 / Documented: 404",
    );
  });

  it("fails a refusal without the documented error body", async () => {
    const r = await verdicts(
      [on("GET /things/{id}", { status: 404, headers: { "content-type": "text/plain" }, body: "nope" })],
      invalid([404]),
    );
    expect(findingsOf(r, "negative_data_rejection")[0]?.key).toContain("error-body:404");
  });

  it("passes a documented refusal with its error body", async () => {
    const r = await verdicts([on("GET /things/{id}", { status: 404, body: { detail: "bad limit" } })], invalid([404]));
    expect(statusOf(r, "negative_data_rejection")).toBe("passed");
  });

  it("does not judge an operation that documents no 4xx for an invalid request: nothing says how it refuses", async () => {
    const accepted = await verdicts([on("GET /things/{id}", { status: 200, body: thing })], invalid([]));
    const result = accepted["negative_data_rejection"];
    expect(result?.verdict).toEqual({
      status: "skipped",
      reason: "the operation documents no 4xx answer for an invalid request",
    });
  });

  it("keys an accepted invalid request by the violation, and a wrong refusal by its status", async () => {
    const request = (violation: string): Omit<Step, "step"> => ({
      ...getThing,
      expect: { reject: "limit: 0 is below minimum 1", statuses: [422], violation },
    });
    const a = findingsOf(
      await verdicts([on("GET /things/{id}", { body: thing })], request("query /limit: wrong_type")),
      "negative_data_rejection",
    );
    const b = findingsOf(
      await verdicts([on("GET /things/{id}", { body: thing })], request("body /name: missing_required")),
      "negative_data_rejection",
    );
    expect(a[0]?.key).not.toBe(b[0]?.key);
    expect(a[0]?.cause).toBe(b[0]?.cause);
    const refused = findingsOf(
      await verdicts([on("GET /things/{id}", { status: 400, body: { detail: "no" } })], invalid([422])),
      "negative_data_rejection",
    );
    expect(refused[0]?.key).toBe("negative_data_rejection:getThing:status:400");
  });

  it("does not judge requests that are not meant to be rejected", async () => {
    const r = await verdicts([on("GET /things/{id}", { body: thing })], getThing);
    expect(statusOf(r, "negative_data_rejection")).toBe("skipped");
  });
});

describe("describeAgainst", () => {
  it("shows a long value from just before where it departs from what was expected", () => {
    const expected = { items: Array.from({ length: 30 }, (_, i) => `item-${i}`) };
    const actual = { items: [...expected.items.slice(0, 25), "other", ...expected.items.slice(26)] };
    const shown = describeAgainst(actual, expected, 80);
    expect(shown.startsWith("…")).toBe(true);
    expect(shown).toContain('"other"');
    expect(describeAgainst({ a: 1 }, { a: 2 })).toBe('{"a":1}');
    expect(describeAgainst(undefined, 1)).toBe("nothing");
  });
});
