// Each stream check passes a conforming run stream and fails the one fault it names, served by a scripted local server.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  on,
  startFaultyServer,
  type FaultyServer,
  type Route,
  type ScriptedAnswer,
} from "../../fixtures/fakes/faulty-server.ts";
import type { Step } from "../engine/session.ts";
import type { CheckResult, VerdictStatus } from "../model.ts";
import { loadSpec, type LoadedSpec } from "../spec/load.ts";
import { verdictsOfOneCall } from "./test-support.ts";

const THREAD = "0b6f3c1e-4c1a-4f7e-9a43-0c1f1b2a3d4e";
const RUN = "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
const OTHER_RUN = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
const STREAM = "POST /threads/{thread_id}/runs/stream";
const JOIN = "GET /threads/{thread_id}/runs/{run_id}/stream";

let spec: LoadedSpec;
let server: FaultyServer | undefined;

beforeAll(async () => {
  spec = await loadSpec();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One SSE frame; `id` adds an id line after the data, as the official server writes it. */
const frame = (event: string, data: unknown, id?: number | string): string =>
  `event: ${event}\n${JSON.stringify(data, null, 2)
    .split("\n")
    .map((l) => `data: ${l}`)
    .join("\n")}\n${id !== undefined ? `id: ${id}\n` : ""}\n`;

const state = {
  messages: [
    { type: "human", content: "hi" },
    { type: "ai", content: "echo: hi" },
  ],
};
const good = [
  frame("metadata", { run_id: RUN, attempt: 1 }, 0),
  frame("values", { messages: [{ type: "human", content: "hi" }] }, 1),
  frame("updates", { echo: { messages: [{ type: "ai", content: "echo: hi" }] } }, 2),
  frame("values", state, 3),
];
const location = { "content-location": `/threads/${THREAD}/runs/${RUN}` };

/** Serves `answer` on the thread-run stream route and returns every check's verdict for one call. */
async function verdicts(answer: ScriptedAnswer, step: Partial<Step> = {}): Promise<Record<string, CheckResult>> {
  return verdictsFor([on(STREAM, answer), on(JOIN, answer), on("POST /runs/stream", answer)], step);
}

async function verdictsFor(routes: Route[], step: Partial<Step>): Promise<Record<string, CheckResult>> {
  server = await startFaultyServer(routes);
  return verdictsAt(server.url, step);
}

function verdictsAt(baseUrl: string, step: Partial<Step>): Promise<Record<string, CheckResult>> {
  return verdictsOfOneCall(spec, baseUrl, {
    op: STREAM,
    params: { thread_id: THREAD },
    body: { assistant_id: "agent", stream_mode: ["values", "updates"] },
    stream: { maxEvents: 50, maxMs: 1_000 },
    ...step,
    step: "test",
  });
}

const statusOf = (r: Record<string, CheckResult>, id: string): VerdictStatus | undefined => r[id]?.verdict.status;
const findingsOf = (r: Record<string, CheckResult>, id: string) => {
  const v = r[id]?.verdict;
  return v?.status === "failed" ? v.findings : [];
};
/** A finding's key without the check and operation the engine puts in front of it. */
const keysOf = (r: Record<string, CheckResult>, id: string) =>
  findingsOf(r, id).map((f) => f.key.split(":").slice(2).join(":"));
const STREAM_CHECKS = [
  "stream_framing",
  "stream_starts_with_metadata",
  "stream_modes_as_requested",
  "stream_mode_payload_shape",
  "stream_subgraph_namespaces",
  "stream_event_ids",
];

describe("a conforming thread-run stream", () => {
  it("passes every stream check that applies, and the error rule does not apply", async () => {
    const r = await verdicts({ sse: good.join(""), headers: location });
    for (const id of STREAM_CHECKS) expect(statusOf(r, id), id).toBe("passed");
    expect(r.stream_error_is_last?.verdict).toEqual({ status: "skipped", reason: "no error event" });
  });

  it("does not run on operations that do not stream", async () => {
    const r = await verdictsFor([on("GET /threads/{thread_id}", { body: { thread_id: THREAD } })], {
      op: "GET /threads/{thread_id}",
      body: undefined,
      stream: undefined,
    });
    for (const id of [...STREAM_CHECKS, "stream_error_is_last"]) expect(r[id], id).toBeUndefined();
    expect(r.not_a_server_error?.verdict.status).toBe("passed");
  });

  it("does not judge a streaming operation's JSON answer", async () => {
    const r = await verdictsFor(
      [on("POST /threads/{thread_id}/runs/stream", { status: 404, body: { detail: "no thread" } })],
      {},
    );
    for (const id of STREAM_CHECKS) expect(r[id]?.verdict.status, id).toBe("skipped");
  });
});

describe("stream_framing", () => {
  it("fails a stream that ends inside an event", async () => {
    const r = await verdicts({ sse: good.join("") + "event: values\ndata: {}", headers: location });
    expect(keysOf(r, "stream_framing")).toEqual(["unterminated"]);
  });

  it("fails frames run together without the blank line between them", async () => {
    const sse = `event: metadata\ndata: {"run_id": "${RUN}"}\nevent: values\ndata: {"messages": []}\n\n`;
    const r = await verdicts({ sse, headers: location });
    expect(keysOf(r, "stream_framing")[0]).toBe("not-json:values");
    expect(findingsOf(r, "stream_framing")[0]).toMatchObject({ instancePointer: "/events/0/data" });
  });

  it("fails a JSON body served as an event stream", async () => {
    const r = await verdicts({ sse: JSON.stringify(state), headers: location });
    expect(keysOf(r, "stream_framing")[0]).toBe("no-frames");
  });
});

describe("stream_starts_with_metadata", () => {
  it("fails a stream whose first event is not metadata", async () => {
    const r = await verdicts({ sse: good.slice(1).join(""), headers: location });
    expect(keysOf(r, "stream_starts_with_metadata")[0]).toBe("first-not-metadata");
    expect(findingsOf(r, "stream_starts_with_metadata")[0]).toMatchObject({ actual: "values" });
  });

  it("fails metadata without a run id, or for another run than Content-Location names", async () => {
    const noId = await verdicts({
      sse: [frame("metadata", { attempt: 1 }, 0), ...good.slice(1)].join(""),
      headers: location,
    });
    expect(keysOf(noId, "stream_starts_with_metadata")[0]).toBe("no-run-id");
    const other = await verdicts({
      sse: [frame("metadata", { run_id: OTHER_RUN }, 0), ...good.slice(1)].join(""),
      headers: location,
    });
    expect(keysOf(other, "stream_starts_with_metadata")[0]).toBe("other-run");
    expect(findingsOf(other, "stream_starts_with_metadata")[0]).toMatchObject({ expected: RUN, actual: OTHER_RUN });
  });

  it("fails a join whose metadata names another run, and skips a join resumed mid-stream", async () => {
    const join = { op: JOIN, params: { thread_id: THREAD, run_id: OTHER_RUN }, body: undefined };
    const r = await verdicts({ sse: good.join("") }, join);
    expect(keysOf(r, "stream_starts_with_metadata")[0]).toBe("other-run");
    expect(findingsOf(r, "stream_starts_with_metadata")[0]).toMatchObject({ expected: OTHER_RUN });
    const resumed = await verdicts({ sse: good.slice(2).join("") }, { ...join, headers: { "last-event-id": "1" } });
    expect(statusOf(resumed, "stream_starts_with_metadata")).toBe("skipped");
  });
});

describe("stream_modes_as_requested", () => {
  it("fails an event of a mode that was not requested", async () => {
    const r = await verdicts(
      { sse: good.join(""), headers: location },
      { body: { assistant_id: "agent", stream_mode: "values" } },
    );
    expect(keysOf(r, "stream_modes_as_requested")[0]).toBe("unrequested:updates");
    expect(findingsOf(r, "stream_modes_as_requested")[0]).toMatchObject({
      actual: "updates",
      instancePointer: "/events/2",
    });
  });

  it("takes the default mode, values, when the request names none", async () => {
    const r = await verdicts({ sse: good.join(""), headers: location }, { body: { assistant_id: "agent" } });
    expect(findingsOf(r, "stream_modes_as_requested").map((f) => f.actual)).toEqual(["updates"]);
  });

  it("reads an empty list of modes as the default, values, or as nothing at all (E28)", async () => {
    const r = await verdicts(
      { sse: good.join(""), headers: location },
      { body: { assistant_id: "agent", stream_mode: [] } },
    );
    expect(findingsOf(r, "stream_modes_as_requested").map((f) => f.actual)).toEqual(["updates"]);
    const quiet = await verdicts(
      { sse: good.slice(0, 1).join(""), headers: location },
      { body: { assistant_id: "agent", stream_mode: [] } },
    );
    expect(statusOf(quiet, "stream_modes_as_requested")).toBe("passed");
  });

  it("names messages-tuple events `messages`, and messages-mode events messages/*", async () => {
    const tuple = frame("messages", [{ type: "ai", content: "echo: hi" }, { langgraph_node: "echo" }], 1);
    const partial = frame("messages/partial", [{ type: "ai", content: "ec" }], 1);
    const asTuple = { body: { assistant_id: "agent", stream_mode: ["messages-tuple"] } };
    expect(
      statusOf(await verdicts({ sse: good[0] + tuple, headers: location }, asTuple), "stream_modes_as_requested"),
    ).toBe("passed");
    const wrong = await verdicts({ sse: good[0] + partial, headers: location }, asTuple);
    expect(findingsOf(wrong, "stream_modes_as_requested")[0]?.actual).toBe("messages/partial");
    const asMessages = { body: { assistant_id: "agent", stream_mode: "messages" } };
    expect(
      statusOf(await verdicts({ sse: good[0] + partial, headers: location }, asMessages), "stream_modes_as_requested"),
    ).toBe("passed");
  });
});

describe("stream_mode_payload_shape", () => {
  it("fails values that are not a state object, updates not keyed by node, and messages that are not pairs", async () => {
    const sse = [
      good[0],
      frame("values", [{ type: "human", content: "hi" }], 1),
      frame("updates", { echo: "echo: hi" }, 2),
      frame("messages", { type: "ai", content: "echo: hi" }, 3),
    ].join("");
    const r = await verdicts(
      { sse, headers: location },
      { body: { assistant_id: "agent", stream_mode: ["values", "updates", "messages-tuple"] } },
    );
    expect(keysOf(r, "stream_mode_payload_shape")).toEqual(["shape:values", "shape:updates", "shape:messages"]);
  });
});

describe("stream_subgraph_namespaces", () => {
  const sub = frame("updates|child:6f1f3a2e", { child_echo: { messages: [] } }, 2);
  it("fails namespaced events when stream_subgraphs is off, and passes them when it is on", async () => {
    const off = await verdicts({ sse: good[0] + sub, headers: location });
    expect(keysOf(off, "stream_subgraph_namespaces")[0]).toBe("namespaced-without-subgraphs");
    expect(findingsOf(off, "stream_subgraph_namespaces")[0]).toMatchObject({ actual: "updates|child:6f1f3a2e" });
    const enabled = await verdicts(
      { sse: good[0] + sub, headers: location },
      { body: { assistant_id: "agent", stream_mode: ["updates"], stream_subgraphs: true } },
    );
    expect(statusOf(enabled, "stream_subgraph_namespaces")).toBe("passed");
  });

  it("fails an empty namespace", async () => {
    const r = await verdicts(
      { sse: good[0] + frame("updates|", {}, 1), headers: location },
      { body: { assistant_id: "agent", stream_mode: ["updates"], stream_subgraphs: true } },
    );
    expect(keysOf(r, "stream_subgraph_namespaces")[0]).toBe("empty-namespace");
  });
});

describe("stream_error_is_last", () => {
  const error = frame("error", { error: "Error", message: "conformance fixture failure" }, 2);
  it("passes an error that ends the stream, an end marker after it allowed", async () => {
    const r = await verdicts({
      sse: good.slice(0, 2).join("") + error + "event: end\ndata: null\n\n",
      headers: location,
    });
    expect(statusOf(r, "stream_error_is_last")).toBe("passed");
  });

  it("fails events after the error", async () => {
    const r = await verdicts({ sse: good.slice(0, 2).join("") + error + good[3], headers: location });
    expect(keysOf(r, "stream_error_is_last")[0]).toBe("events-after-error");
    expect(findingsOf(r, "stream_error_is_last")[0]).toMatchObject({ actual: ["values"] });
  });

  it("fails a stream left open after its error", async () => {
    const r = await verdicts(
      { sse: good.slice(0, 2).join("") + error, headers: location, holdMs: 3_000 },
      { stream: { maxEvents: 50, maxMs: 400 } },
    );
    expect(keysOf(r, "stream_error_is_last")[0]).toBe("open-after-error");
  });
});

describe("stream_event_ids", () => {
  it("fails thread-run events without ids, and repeated ids", async () => {
    const noIds = await verdicts({ sse: good.map((f) => f.replace(/^id: .*\n/m, "")).join(""), headers: location });
    expect(findingsOf(noIds, "stream_event_ids")).toHaveLength(4);
    const repeated = await verdicts({
      sse: good.map((f) => f.replace(/^id: .*$/m, "id: 7")).join(""),
      headers: location,
    });
    expect(keysOf(repeated, "stream_event_ids")).toEqual(["repeated-id", "repeated-id", "repeated-id"]);
  });

  it("does not ask a stateless stream for ids", async () => {
    const r = await verdicts(
      { sse: good.map((f) => f.replace(/^id: .*\n/m, "")).join(""), headers: { "content-location": `/runs/${RUN}` } },
      { op: "POST /runs/stream", params: {} },
    );
    expect(statusOf(r, "stream_event_ids")).toBe("skipped");
    expect(statusOf(r, "stream_starts_with_metadata")).toBe("passed");
  });
});

describe("a stream that carries only an error event", () => {
  const runNotFound = 'event: error\ndata: "Run not found"\n\n';
  const join = { op: JOIN, params: { thread_id: THREAD, run_id: OTHER_RUN }, body: undefined };

  it("is not judged by the checks that need a run, only by the error rule", async () => {
    const r = await verdicts({ sse: runNotFound }, join);
    for (const id of ["stream_starts_with_metadata", "stream_event_ids"])
      expect(r[id]?.verdict, id).toEqual({
        status: "skipped",
        reason: "the stream carries only an error event and names no run, so there is no run to judge",
      });
    expect(statusOf(r, "stream_error_is_last")).toBe("passed");
  });

  it("is still judged when the answer names the run it created, or when other events come first", async () => {
    const created = await verdicts({ sse: frame("error", { error: "Error", message: "boom" }), headers: location });
    expect(keysOf(created, "stream_starts_with_metadata")).toEqual(["first-not-metadata"]);
    expect(keysOf(created, "stream_event_ids")).toEqual(["missing-id"]);
    const joined = await verdicts({ sse: frame("values", {}) + runNotFound }, join);
    expect(keysOf(joined, "stream_starts_with_metadata")).toEqual(["first-not-metadata"]);
    expect(keysOf(joined, "stream_event_ids")).toEqual(["missing-id", "missing-id"]);
  });
});

describe("streams that never end", () => {
  it("an endless stream yields a verdict at its event bound", async () => {
    const endless = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(good[0]);
      let n = 1;
      const timer = setInterval(() => res.write(frame("values", { messages: [] }, n++)), 2);
      res.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    const started = Date.now();
    const r = await verdictsAt(`http://127.0.0.1:${(endless.address() as AddressInfo).port}`, {
      stream: { maxEvents: 40, maxMs: 5_000 },
    });
    endless.closeAllConnections();
    endless.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.stream_event_ids?.exchange?.response?.status).toBe(200);
    for (const id of ["stream_framing", "stream_event_ids", "stream_modes_as_requested"])
      expect(statusOf(r, id), id).toBe("passed");
  });

  it("a stalled stream yields a verdict at its time bound", async () => {
    const started = Date.now();
    const r = await verdicts(
      { sse: good.slice(0, 2).join(""), headers: location, holdMs: 10_000 },
      { stream: { maxEvents: 50, maxMs: 500 } },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(statusOf(r, "stream_starts_with_metadata")).toBe("passed");
    expect(statusOf(r, "not_a_server_error")).toBe("passed");
  });
});
