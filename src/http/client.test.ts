// Tests for HttpClient against a local node:http server: bodies, queries, time limits, SSE bounds and redaction.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUrl, HttpClient, type HttpClientOptions } from "./client.ts";
import { createRedactor, REDACTED } from "./redact.ts";

const SECRET_TOKEN = "sk-test-0123456789";
const SECRET_TENANT = "tenant-7f3a9c";
const userHeaders = { Authorization: `Bearer ${SECRET_TOKEN}`, "X-Tenant": SECRET_TENANT };

const timers = new Set<NodeJS.Timeout>();

function sse(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.flushHeaders();
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  const path = (req.url ?? "").split("?")[0];
  switch (path) {
    case "/echo":
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      return;
    case "/text":
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("not json");
      return;
    case "/hang":
      return; // never answers
    case "/sse-end":
      sse(res);
      res.end("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n: bye\n\n");
      return;
    case "/sse-many": {
      sse(res);
      let n = 0;
      const timer = setInterval(() => res.write(`id: ${++n}\ndata: {"n":${n}}\n\n`), 5);
      timers.add(timer);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "/sse-stall":
      sse(res);
      res.write("data: only\n\n");
      return; // then silence, connection left open
    case "/sse-endless": {
      // One event, then heartbeats forever: data keeps flowing, but no further event is ever completed.
      sse(res);
      res.write("data: first\n\n");
      const timer = setInterval(() => res.write(": ping\n\n"), 20);
      timers.add(timer);
      res.on("close", () => clearInterval(timer));
      return;
    }
    default:
      res.writeHead(404).end();
  }
}

let server: Server;
let baseUrl: string;
const clients: HttpClient[] = [];

function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const c = new HttpClient({
    baseUrl,
    headers: userHeaders,
    timeoutMs: 5_000,
    redactor: createRedactor(userHeaders),
    ...overrides,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const c of clients) await c.close();
  for (const t of timers) clearInterval(t);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe("buildUrl", () => {
  it("joins base and path without doubling slashes and repeats array values", () => {
    expect(buildUrl("http://h:1//", "/threads", { tag: ["a", "b c"], n: 2, on: false, gone: undefined })).toBe(
      "http://h:1/threads?tag=a&tag=b+c&n=2&on=false",
    );
    expect(buildUrl("http://h:1", "/ok", {})).toBe("http://h:1/ok");
  });
});

describe("HttpClient", () => {
  it("parses a JSON body and records the exchange", async () => {
    const ex = await client().send({ method: "POST", path: "/echo", json: { a: [1, 2] } });
    expect(ex.error).toBeUndefined();
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.isJson).toBe(true);
    const echo = ex.response?.json as Echo;
    expect(echo.method).toBe("POST");
    expect(JSON.parse(echo.body)).toEqual({ a: [1, 2] });
    expect(ex.response?.headers["content-type"]).toBe("application/json");
    expect(ex.response?.events).toBeUndefined();
    expect(ex.record.response?.status).toBe(200);
  });

  it("notes on a curl that names what the run created that it replays only while that exists", async () => {
    const id = "6f1f3a2e-1c3b-4b8e-9a43-0c1f1b2a3d4e";
    const about = await client().send({ method: "POST", path: `/echo/${id}`, json: {} });
    expect(about.record.curl).toMatch(/ {2}# replays only with what earlier steps of the run created/);
    const plain = await client().send({ method: "POST", path: "/echo", json: { name: "x" } });
    expect(plain.record.curl).not.toContain("#");
  });

  it("marks a non-JSON body as such", async () => {
    const ex = await client().send({ method: "GET", path: "/text" });
    expect(ex.response).toMatchObject({ status: 200, text: "not json", isJson: false });
    expect(ex.response?.json).toBeUndefined();
  });

  it("repeats query parameters given as arrays and leaves out undefined ones", async () => {
    const ex = await client().send({
      method: "GET",
      path: "/echo",
      query: { status: ["idle", "busy"], limit: 3, x: undefined },
    });
    expect((ex.response?.json as Echo).url).toBe("/echo?status=idle&status=busy&limit=3");
  });

  it("sends content-type only when it sends a body", async () => {
    const c = client();
    const noBody = (await c.send({ method: "GET", path: "/echo" })).response?.json as Echo;
    expect(noBody.headers["content-type"]).toBeUndefined();
    expect(noBody.body).toBe("");

    const json = (await c.send({ method: "POST", path: "/echo", json: { x: 1 } })).response?.json as Echo;
    expect(json.headers["content-type"]).toBe("application/json");

    const raw = (await c.send({ method: "POST", path: "/echo", raw: { text: "{bad", contentType: "text/plain" } }))
      .response?.json as Echo;
    expect(raw.headers["content-type"]).toBe("text/plain");
    expect(raw.body).toBe("{bad");

    const rawNoType = (await c.send({ method: "POST", path: "/echo", raw: { text: "x" } })).response?.json as Echo;
    expect(rawNoType.headers["content-type"]).toBeUndefined();
  });

  it("sends the user headers for real and merges per-request headers", async () => {
    const ex = await client().send({ method: "GET", path: "/echo", headers: { "x-extra": "1" } });
    const echo = ex.response?.json as Echo;
    expect(echo.headers.authorization).toBe(`Bearer ${SECRET_TOKEN}`);
    expect(echo.headers["x-tenant"]).toBe(SECRET_TENANT);
    expect(echo.headers["x-extra"]).toBe("1");
  });

  it("reports a server that never answers as a timeout, within the limit", async () => {
    const started = Date.now();
    const ex = await client({ timeoutMs: 300 }).send({ method: "GET", path: "/hang" });
    const elapsed = Date.now() - started;
    expect(ex.response).toBeUndefined();
    expect(ex.error?.kind).toBe("timeout");
    expect(ex.record.error).toBe(ex.error?.message);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });

  it("honours a per-request timeout", async () => {
    const started = Date.now();
    const ex = await client({ timeoutMs: 10_000 }).send({ method: "GET", path: "/hang", timeoutMs: 200 });
    expect(ex.error?.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports a refused connection as a connection error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const ex = await client({ baseUrl: `http://127.0.0.1:${port}` }).send({ method: "GET", path: "/x" });
    expect(ex.response).toBeUndefined();
    expect(ex.error?.kind).toBe("connection");
    expect(ex.error?.message).toMatch(/ECONNREFUSED/);
    expect(ex.record.curl).toContain(`http://127.0.0.1:${port}/x`);
  });

  describe("event streams", () => {
    it("reads a stream that ends normally to the end", async () => {
      const ex = await client().send({
        method: "POST",
        path: "/sse-end",
        json: {},
        stream: { maxEvents: 10, maxMs: 2_000 },
      });
      expect(ex.response?.streamStop).toBe("end");
      expect(ex.response?.truncated).toBe(false);
      expect(ex.response?.events?.map((e) => [e.event, e.data])).toEqual([
        ["a", "1"],
        ["b", "2"],
      ]);
      expect(ex.response?.sseComments).toBe(1);
      expect(ex.record.curl).toMatch(/^curl -sS -N /);
    });

    it("stops an endless stream at maxMs with streamStop 'max-time'", async () => {
      const started = Date.now();
      const ex = await client().send({ method: "GET", path: "/sse-endless", stream: { maxEvents: 100, maxMs: 400 } });
      const elapsed = Date.now() - started;
      expect(ex.error).toBeUndefined();
      expect(ex.response?.streamStop).toBe("max-time");
      expect(ex.response?.truncated).toBe(true);
      expect(ex.response?.events?.map((e) => e.data)).toEqual(["first"]);
      expect(ex.response?.sseComments).toBeGreaterThan(0);
      expect(elapsed).toBeGreaterThanOrEqual(350);
      expect(elapsed).toBeLessThan(2_000);
    });

    it("is not cut short by the request timeout when stream bounds are given", async () => {
      const ex = await client({ timeoutMs: 150 }).send({
        method: "GET",
        path: "/sse-endless",
        stream: { maxEvents: 100, maxMs: 500 },
      });
      expect(ex.error).toBeUndefined();
      expect(ex.response?.streamStop).toBe("max-time");
    });

    it("stops a stream that goes silent at maxMs, even past the request timeout", async () => {
      const started = Date.now();
      const ex = await client({ timeoutMs: 150 }).send({
        method: "GET",
        path: "/sse-stall",
        stream: { maxEvents: 10, maxMs: 500 },
      });
      expect(ex.error).toBeUndefined();
      expect(ex.response?.streamStop).toBe("max-time");
      expect(ex.response?.events?.map((e) => e.data)).toEqual(["only"]);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it("stops a stream with more events than maxEvents with streamStop 'max-events'", async () => {
      const started = Date.now();
      const ex = await client().send({ method: "GET", path: "/sse-many", stream: { maxEvents: 3, maxMs: 5_000 } });
      expect(ex.response?.streamStop).toBe("max-events");
      expect(ex.response?.truncated).toBe(true);
      expect(ex.response?.events?.map((e) => e.data)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe("redaction of the record", () => {
    it("hides the secret header values in the recorded request, body, response and curl", async () => {
      const ex = await client().send({
        method: "POST",
        path: "/echo",
        json: { note: `tenant is ${SECRET_TENANT}`, token: SECRET_TOKEN },
      });
      const { request, response, curl } = ex.record;
      expect(request.headers.Authorization).toBe(REDACTED);
      expect(request.headers["X-Tenant"]).toBe(REDACTED);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.body).toBe(JSON.stringify({ note: `tenant is ${REDACTED}`, token: REDACTED }));

      const recorded = JSON.stringify(ex.record);
      expect(recorded).not.toContain(SECRET_TOKEN);
      expect(recorded).not.toContain(SECRET_TENANT);
      expect(curl).toContain(`-H 'Authorization: ${REDACTED}'`);
      // The echoed response carried the real secrets; the record must not.
      expect(response?.body).toContain(REDACTED);
      expect(ex.response?.text).toContain(SECRET_TOKEN);
    });

    it("hides them in the record of a failed exchange too", async () => {
      const ex = await client({ timeoutMs: 100 }).send({ method: "POST", path: "/hang", json: { t: SECRET_TOKEN } });
      expect(ex.error?.kind).toBe("timeout");
      expect(JSON.stringify(ex.record)).not.toContain(SECRET_TOKEN);
      expect(JSON.stringify(ex.record)).not.toContain(SECRET_TENANT);
    });
  });
});
