// Normalisation and comparison on hand-made runs: ids, prefixes, timestamps and origins never differ; status, shape,
// event sequence and verdict do, each with both exchanges and whether the document decides it.

import { describe, expect, it } from "vitest";
import type { CheckResult, ExchangeRecord, RunInfo, Verdict } from "../model.ts";
import { eventsDiffer, eventSequence, readBody } from "./body.ts";
import { compareRuns, type ComparedRun } from "./diff.ts";
import { comparingListener } from "./listener.ts";
import { comparisonFails, countDifferences } from "./model.ts";
import { makeNormalizer } from "./normalize.ts";
import { diffShapes, shapeOf } from "./shape.ts";

const T_PREFIX = "cf-1a2b3c4d";
const R_PREFIX = "cf-99887766";
const same = makeNormalizer([T_PREFIX, R_PREFIX]);

describe("normalisation", () => {
  it("replaces uuids, both runs' prefixes, timestamps and URL origins with placeholders", () => {
    expect(
      same(
        `read thread 1f0a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8 of ${T_PREFIX}-t1 at 2025-01-02T03:04:05.678Z from http://127.0.0.1:43123/threads`,
      ),
    ).toBe("read thread <uuid> of <prefix>-t1 at <time> from <origin>/threads");
    expect(same(`${R_PREFIX}-t1 2025-01-02 03:04:05+00:00 https://api.example.com:8443`)).toBe(
      "<prefix>-t1 <time> <origin>",
    );
  });

  it("replaces a prefix of the engine's form even when the runs did not name it, and leaves other text alone", () => {
    const none = makeNormalizer([]);
    expect(none("cf-0badcafe-assistant")).toBe("<prefix>-assistant");
    expect(none("create thread 1 of 2")).toBe("create thread 1 of 2");
  });
});

describe("shapes", () => {
  const differ = (a: unknown, b: unknown) => diffShapes(shapeOf(a, same), shapeOf(b, same));

  it("compare types and key sets, recursively, never values", () => {
    expect(differ({ id: "a", n: 1, ok: true, x: null }, { id: "b", n: 2, ok: false, x: null })).toEqual([]);
    expect(differ({ a: { b: "x", c: 1 } }, { a: { b: 1, d: 1 } })).toEqual([
      { path: "/a/b", target: "string", reference: "number" },
      { path: "/a/c", target: "number", reference: "absent" },
      { path: "/a/d", target: "absent", reference: "number" },
    ]);
    expect(differ({ checkpoint: null }, { checkpoint: {} })).toEqual([
      { path: "/checkpoint", target: "null", reference: "object" },
    ]);
    expect(differ([], {})).toEqual([{ path: "/", target: "array", reference: "object" }]);
  });

  it("ignore the order and the number of array items, and an empty array fits any array", () => {
    const a = { items: [{ id: 1 }, { id: 2, name: "x" }] };
    const b = { items: [{ id: 3, name: "y" }] };
    expect(differ(a, b)).toEqual([]);
    expect(differ({ items: [] }, b)).toEqual([]);
    expect(differ([1, "x", null], [null, "y", 2, 3])).toEqual([]);
    expect(differ({ items: [{ id: 1 }] }, { items: [{ id: "1" }] })).toEqual([
      { path: "/items/*/id", target: "number", reference: "string" },
    ]);
  });

  it("tell item types apart inside an array", () => {
    expect(differ([1, "x"], [1, 2])).toEqual([{ path: "/*", target: "number | string", reference: "number" }]);
  });

  it("merge keys that are ids, so maps keyed by ids of each run compare", () => {
    const a = { "1f0a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8": { n: 1 }, [`${T_PREFIX}-ns`]: [] };
    const b = { "00000000-0000-4000-8000-000000000001": { n: 2 }, [`${R_PREFIX}-ns`]: [] };
    expect(differ(a, b)).toEqual([]);
  });
});

describe("event streams", () => {
  const stream = (body: string) => ({ headers: { "content-type": "text/event-stream; charset=utf-8" }, body });

  it("read event names in order, normalised, from a recorded body", () => {
    const body = readBody(
      stream(
        "event: metadata\ndata: {}\n\nevent: updates|child:1f0a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8\ndata: {}\n\nevent: end\ndata: null\n\n",
      ),
      same,
    );
    expect(body).toEqual({ kind: "stream", events: ["metadata", "updates|child:<uuid>", "end"], truncated: false });
  });

  it("count runs of one event as one: their number is not the API's to fix", () => {
    expect(eventSequence(["metadata", "values", "values", "values", "end"])).toEqual(["metadata", "values", "end"]);
    const a = { events: ["metadata", "messages", "messages", "end"], truncated: false };
    const b = { events: ["metadata", "messages", "end"], truncated: false };
    expect(eventsDiffer(a, b)).toBe(false);
    expect(eventsDiffer(a, { events: ["metadata", "values", "end"], truncated: false })).toBe(true);
    expect(eventsDiffer(a, { events: ["metadata", "messages"], truncated: false })).toBe(true);
  });

  it("compare a cut-off stream only as far as it goes", () => {
    const cut = readBody(
      stream("event: metadata\ndata: {}\n\nevent: values\ndata: {}\n\nevent: val… (900 more characters)"),
      same,
    );
    expect(cut).toEqual({ kind: "stream", events: ["metadata", "values"], truncated: true });
    if (cut.kind !== "stream") throw new Error("a stream");
    expect(eventsDiffer(cut, { events: ["metadata", "values", "updates", "end"], truncated: false })).toBe(false);
    expect(eventsDiffer(cut, { events: ["metadata", "error"], truncated: false })).toBe(true);
    expect(eventsDiffer(cut, { events: ["metadata"], truncated: false })).toBe(true);
  });

  it("tell JSON, text, empty and cut-off bodies apart", () => {
    const json = { "content-type": "application/json" };
    expect(readBody({ headers: json, body: '{"a":1}' }, same)).toEqual({ kind: "json", value: { a: 1 } });
    expect(readBody({ headers: json, body: "" }, same)).toEqual({ kind: "empty" });
    expect(readBody({ headers: {}, body: "Not Found" }, same)).toEqual({ kind: "text", truncated: false });
    expect(readBody({ headers: json, body: '{"a":[1,2… (10 more characters)' }, same)).toEqual({
      kind: "text",
      truncated: true,
    });
  });
});

// Hand-made runs: one generic check (status_code_conformance), one rule (thread_get_returns_thread).

const RULES = [
  { id: "status_code_conformance", kind: "check" as const },
  { id: "not_a_server_error", kind: "check" as const },
  { id: "thread_get_returns_thread", kind: "rule" as const },
];

function exchange(
  origin: string,
  path: string,
  status: number,
  body: unknown,
  type = "application/json",
): ExchangeRecord {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return {
    request: { method: "GET", url: `${origin}${path}`, headers: {} },
    response: { status, headers: { "content-type": type }, body: text, durationMs: 3 },
    curl: `curl -sS '${origin}${path}'`,
  };
}

const passed: Verdict = { status: "passed" };
const failed = (message: string): Verdict => ({
  status: "failed",
  findings: [{ checkId: "x", severity: "major", operationId: "getThread", message, key: "k", cause: "c" }],
});

/** A step's results: each generic check on the exchange, as the engine reports them. */
function step(
  name: string,
  record: ExchangeRecord,
  verdicts: Partial<Record<string, Verdict>> = {},
  source = "scenario:threads.lifecycle",
): CheckResult[] {
  return ["not_a_server_error", "status_code_conformance"].map((checkId) => ({
    operationId: "getThread",
    checkId,
    source,
    step: name,
    verdict: verdicts[checkId] ?? passed,
    exchange: record,
  }));
}

function rule(verdict: Verdict, record?: ExchangeRecord): CheckResult {
  return {
    operationId: "getThread",
    checkId: "thread_get_returns_thread",
    source: "scenario:threads.lifecycle",
    step: "get returns the thread with its metadata",
    verdict,
    ...(record ? { exchange: record } : {}),
  };
}

const T = "http://127.0.0.1:40001";
const R = "http://127.0.0.1:40002";
const target = (results: CheckResult[]): ComparedRun => ({
  run: { prefix: T_PREFIX, seed: 7, target: T, rules: RULES },
  results,
});
const reference = (results: CheckResult[]): ComparedRun => ({
  run: { prefix: R_PREFIX, seed: 7, target: R, rules: RULES },
  results,
});
const thread = (id: string, prefix: string, extra: Record<string, unknown> = {}) => ({
  thread_id: id,
  created_at: "2025-01-01T00:00:00Z",
  metadata: { conformance_run: prefix },
  ...extra,
});

describe("comparing two runs", () => {
  it("finds nothing between runs that differ only in ids, prefixes, timestamps, origins and list order", () => {
    const idA = "1f0a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8";
    const idB = "00000000-0000-4000-8000-000000000001";
    const mine = target([
      ...step(`read thread ${idA}`, exchange(T, `/threads/${idA}`, 200, thread(idA, T_PREFIX))),
      ...step(
        "search",
        exchange(T, "/threads/search", 200, [thread(idA, T_PREFIX), thread("x", T_PREFIX, { values: { a: 1 } })]),
      ),
      rule(passed, exchange(T, `/threads/${idA}`, 200, {})),
    ]);
    const theirs = reference([
      ...step(`read thread ${idB}`, exchange(R, `/threads/${idB}`, 200, thread(idB, R_PREFIX))),
      ...step(
        "search",
        exchange(R, "/threads/search", 200, [thread("y", R_PREFIX, { values: { a: 2 } }), thread(idB, R_PREFIX)]),
      ),
      rule(passed, exchange(R, `/threads/${idB}`, 200, {})),
    ]);
    const comparison = compareRuns(mine, theirs, { reference: "reference" });
    expect(comparison.differences).toEqual([]);
    expect(comparison.unpaired).toEqual([]);
    expect(comparison).toMatchObject({ reference: "reference", referenceUrl: R, referencePrefix: R_PREFIX, seed: 7 });
  });

  it("reports a status difference with both exchanges; the document decides it when the target's checks fail", () => {
    const t = exchange(T, "/threads/gone", 500, { detail: "boom" });
    const r = exchange(R, "/threads/gone", 404, { detail: "not found" });
    const comparison = compareRuns(
      target(step("read the deleted thread", t, { not_a_server_error: failed("Received: 500") })),
      reference(step("read the deleted thread", r)),
      { reference: "reference" },
    );
    expect(comparison.differences).toEqual([
      {
        kind: "status",
        standing: "target-departs",
        source: "scenario:threads.lifecycle",
        step: "read the deleted thread",
        operationId: "getThread",
        occurrence: 0,
        target: "500",
        reference: "404",
        detail: ["different class (5xx / 4xx)"],
        exchanges: { target: t, reference: r },
      },
    ]);
  });

  it("says which side departs, or that the document is silent when both pass", () => {
    const run = (status: number, verdicts = {}) =>
      step("create", exchange(T, "/threads", status, { thread_id: "x" }), verdicts);
    const referenceDeparts = compareRuns(
      target(run(200)),
      reference(run(201, { status_code_conformance: failed("Received: 201") })),
      { reference: "r" },
    );
    expect(referenceDeparts.differences.map((d) => [d.kind, d.standing, d.detail])).toEqual([
      ["status", "reference-departs", ["same class (2xx), different code"]],
    ]);
    const silent = compareRuns(target(run(200)), reference(run(201)), { reference: "r" });
    expect(silent.differences.map((d) => d.standing)).toEqual(["silent"]);
    expect(comparisonFails(silent)).toBe(false);
    expect(comparisonFails({ ...silent, failOnDifference: true })).toBe(true);
    expect(comparisonFails({ ...referenceDeparts, failOnDifference: true })).toBe(false);
  });

  it("reports a shape difference when the statuses agree, naming each place", () => {
    const comparison = compareRuns(
      target(step("read the state", exchange(T, "/s", 200, { checkpoint: null, next: [], extra: 1 }))),
      reference(step("read the state", exchange(R, "/s", 200, { checkpoint: { id: "c" }, next: ["a"] }))),
      { reference: "r" },
    );
    expect(comparison.differences).toHaveLength(1);
    expect(comparison.differences[0]).toMatchObject({
      kind: "shape",
      standing: "silent",
      target: "/checkpoint: null, /extra: number",
      reference: "/checkpoint: object, /extra: absent",
      detail: ["/checkpoint: null / object", "/extra: number / absent"],
    });
    const kinds = compareRuns(
      target(step("docs", exchange(T, "/docs", 200, "<html></html>", "text/html"))),
      reference(step("docs", exchange(R, "/docs", 200, { a: 1 }))),
      { reference: "r" },
    );
    expect(kinds.differences.map((d) => [d.kind, d.target, d.reference])).toEqual([["shape", "text", "JSON"]]);
  });

  it("reports an event-sequence difference on streams", () => {
    const sse = (...names: string[]) => names.map((n) => `event: ${n}\ndata: {}\n\n`).join("");
    const comparison = compareRuns(
      target(
        step("stream", exchange(T, "/runs/stream", 200, sse("metadata", "values", "values"), "text/event-stream")),
      ),
      reference(
        step("stream", exchange(R, "/runs/stream", 200, sse("metadata", "updates", "values"), "text/event-stream")),
      ),
      { reference: "r" },
    );
    expect(comparison.differences.map((d) => [d.kind, d.target, d.reference])).toEqual([
      ["events", "metadata → values", "metadata → updates → values"],
    ]);
  });

  it("reports a verdict difference, per rule, when one side passed and the other failed", () => {
    const t = exchange(T, "/threads/a", 200, {});
    const r = exchange(R, "/threads/b", 200, {});
    const comparison = compareRuns(target([rule(failed("Received: no metadata"), t)]), reference([rule(passed, r)]), {
      reference: "r",
    });
    expect(comparison.differences).toEqual([
      expect.objectContaining({
        kind: "verdict",
        standing: "target-departs",
        ruleId: "thread_get_returns_thread",
        target: "failed: Received: no metadata",
        reference: "passed",
        exchanges: { target: t, reference: r },
      }),
    ]);
    // Skipped on one side is not a verdict difference: the rule was not judged there.
    const skipped = compareRuns(target([rule({ status: "skipped", reason: "no" })]), reference([rule(passed)]), {
      reference: "r",
    });
    expect(skipped.differences).toEqual([]);
  });

  it("reports a generic check's verdict difference only where the exchanges themselves agree", () => {
    const comparison = compareRuns(
      target(step("read", exchange(T, "/t", 200, {}), { status_code_conformance: failed("Received: 200") })),
      reference(step("read", exchange(R, "/t", 200, {}))),
      { reference: "r" },
    );
    expect(comparison.differences.map((d) => [d.kind, d.ruleId, d.standing])).toEqual([
      ["verdict", "status_code_conformance", "target-departs"],
    ]);
  });

  it("pairs repeated steps by occurrence, and lists steps only one side took", () => {
    const comparison = compareRuns(
      target([
        ...step("create a thread", exchange(T, "/threads", 200, {})),
        ...step("create a thread", exchange(T, "/threads", 500, {})),
        ...step("read at the checkpoint", exchange(T, "/c", 200, {})),
      ]),
      reference([
        ...step("create a thread", exchange(R, "/threads", 200, {})),
        ...step("create a thread", exchange(R, "/threads", 200, {})),
        ...step("read history", exchange(R, "/h", 200, [])),
      ]),
      { reference: "r" },
    );
    expect(comparison.differences.map((d) => [d.kind, d.step, d.occurrence, d.target])).toEqual([
      ["status", "create a thread", 1, "500"],
    ]);
    expect(comparison.unpaired).toEqual([
      {
        side: "target",
        source: "scenario:threads.lifecycle",
        step: "read at the checkpoint",
        operationId: "getThread",
        count: 1,
      },
      {
        side: "reference",
        source: "scenario:threads.lifecycle",
        step: "read history",
        operationId: "getThread",
        count: 1,
      },
    ]);
  });

  it("lists differences in the target run's order and counts them by standing", () => {
    const comparison = compareRuns(
      target([
        ...step("a", exchange(T, "/a", 200, {}), {}, "scenario:one"),
        ...step("b", exchange(T, "/b", 500, {}), { not_a_server_error: failed("500") }, "scenario:two"),
      ]),
      reference([
        ...step("b", exchange(R, "/b", 200, {}), {}, "scenario:two"),
        ...step("a", exchange(R, "/a", 201, {}), {}, "scenario:one"),
      ]),
      { reference: "r" },
    );
    expect(comparison.differences.map((d) => d.step)).toEqual(["a", "b"]);
    expect(countDifferences(comparison.differences)).toEqual({
      total: 2,
      targetDeparts: 1,
      referenceDeparts: 0,
      silent: 1,
    });
  });
});

describe("comparingListener", () => {
  it("forwards every event to the reporters and hands them the comparison at run end", async () => {
    const seen: string[] = [];
    let extrasSeen: unknown;
    const reporter = {
      name: "probe",
      onRunStart: () => void seen.push("run-start"),
      onCheckResult: () => void seen.push("check-result"),
      onRunEnd: (_run: unknown, _results: unknown, _ms: number, extras: unknown) => {
        seen.push("run-end");
        extrasSeen = extras;
      },
    };
    const theirs = reference(step("read", exchange(R, "/t", 404, {})));
    const compared = comparingListener([reporter], (mine) => compareRuns(mine, theirs, { reference: "reference" }));
    expect(compared.comparison()).toBeUndefined();
    const results = step("read", exchange(T, "/t", 200, {}));
    const info = { ...target(results).run, rules: RULES } as unknown as RunInfo;
    await compared.listener({ type: "run-start", run: info });
    await compared.listener({ type: "check-result", result: results[0] });
    await compared.listener({
      type: "run-end",
      run: info,
      results,
      durationMs: 5,
      leftovers: [],
      capabilities: [],
      phases: [],
      reason: "finished",
    });
    expect(seen).toEqual(["run-start", "check-result", "run-end"]);
    expect(compared.comparison()?.differences.map((d) => [d.kind, d.target, d.reference])).toEqual([
      ["status", "200", "404"],
    ]);
    expect(extrasSeen).toMatchObject({ leftovers: [], reason: "finished", comparison: compared.comparison() });
  });
});
