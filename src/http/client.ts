// HTTP client on undici: every request is bounded in time, SSE bodies are read event by event under limits.

import { Agent, request as undiciRequest } from "undici";
import type { ExchangeRecord, RecordedRequest } from "../model.ts";
import { toCurl } from "./curl.ts";
import type { Redactor } from "./redact.ts";
import { SseParser, type SseEvent } from "./sse.ts";

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

export interface HttpRequest {
  method: string;
  /** Path with parameters already substituted, e.g. `/threads/1f0…/state`. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** The credentials this request carries, instead of the client's (`{}`: none at all). */
  credentials?: Record<string, string>;
  /** Serialised as JSON with `content-type: application/json`. */
  json?: unknown;
  /** A body sent byte for byte (malformed JSON, another content type). */
  raw?: { text: string; contentType?: string };
  timeoutMs?: number;
  /** Bounds for an event-stream body; the reader stops at whichever comes first. */
  stream?: { maxEvents: number; maxMs: number };
}

export interface HttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON when it is JSON (whatever the content type says). */
  json?: unknown;
  isJson: boolean;
  events?: SseEvent[];
  streamStop?: "end" | "max-events" | "max-time";
  sseComments?: number;
  truncated: boolean;
  /** Set when the body was larger than the client reads whole: `text` holds only its start. */
  tooLarge?: { limit: number; declared?: number };
  durationMs: number;
}

export type TransportError = { kind: "timeout" | "connection" | "protocol"; message: string };

export interface Exchange {
  request: HttpRequest;
  response?: HttpResponse;
  error?: TransportError;
  record: ExchangeRecord;
}

export interface HttpClientOptions {
  baseUrl: string;
  headers: Record<string, string>;
  /** Credential headers sent with every request that names none of its own. */
  credentials?: Record<string, string>;
  timeoutMs: number;
  redactor: Redactor;
  maxBodyBytes?: number;
}

const RECORDED_BODY_CHARS = 4000;

/** Largest response body read whole by default (`--max-body`). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export function buildUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  const qs = search.toString();
  return `${baseUrl.replace(/\/+$/, "")}${path}${qs ? `?${qs}` : ""}`;
}

export class HttpClient {
  private readonly agent = new Agent({ keepAliveTimeout: 4_000, connections: 16 });
  private readonly maxBodyBytes: number;

  constructor(private readonly options: HttpClientOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async send(req: HttpRequest): Promise<Exchange> {
    const url = buildUrl(this.options.baseUrl, req.path, req.query);
    const headers: Record<string, string> = {
      ...this.options.headers,
      ...(req.credentials ?? this.options.credentials),
      ...req.headers,
    };
    let body: string | undefined;
    if (req.raw !== undefined) {
      body = req.raw.text;
      if (req.raw.contentType) headers["content-type"] = req.raw.contentType;
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers["content-type"] = "application/json";
    }
    const redactor = this.options.redactor;
    const recordedRequest: RecordedRequest = {
      method: req.method,
      url,
      headers: redactor.headers(headers),
      ...(body !== undefined ? { body: redactor.text(body) } : {}),
    };
    const curl = toCurl(recordedRequest, { stream: req.stream !== undefined }) + replayNote(url, body);
    const started = performance.now();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
    try {
      const res = await undiciRequest(url, {
        method: req.method as "GET",
        headers,
        body,
        signal: controller.signal,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const responseHeaders = flattenHeaders(res.headers);
      const isStream = (responseHeaders["content-type"] ?? "").startsWith("text/event-stream");
      if (isStream && req.stream) clearTimeout(timer);
      const read = isStream
        ? await readEvents(res.body, req.stream ?? { maxEvents: 1_000, maxMs: timeoutMs })
        : await readText(res.body, this.maxBodyBytes, declaredLength(responseHeaders));
      const durationMs = Math.round(performance.now() - started);
      const { json, isJson } = parseJson(read.text);
      const response: HttpResponse = {
        status: res.statusCode,
        headers: responseHeaders,
        text: read.text,
        ...(isJson ? { json } : {}),
        isJson,
        truncated: read.truncated,
        ...(read.tooLarge ? { tooLarge: read.tooLarge } : {}),
        durationMs,
        ...(isStream ? { events: read.events, streamStop: read.stop, sseComments: read.comments } : {}),
      };
      return {
        request: req,
        response,
        record: {
          request: recordedRequest,
          response: {
            status: response.status,
            headers: redactor.headers(responseHeaders),
            body: redactor.text(truncate(read.text, RECORDED_BODY_CHARS)),
            durationMs,
          },
          curl,
        },
      };
    } catch (err) {
      const error = classify(err, controller.signal.aborted, timeoutMs);
      return { request: req, error, record: { request: recordedRequest, error: error.message, curl } };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}

type Body = AsyncIterable<Buffer> & { destroy(err?: Error): unknown };

interface ReadResult {
  text: string;
  truncated: boolean;
  tooLarge?: HttpResponse["tooLarge"];
  events?: SseEvent[];
  stop?: "end" | "max-events" | "max-time";
  comments?: number;
}

/** How much of a body too large to read whole is kept, for messages and reports. */
const TOO_LARGE_PREVIEW_BYTES = 64 * 1024;

/**
 * Reads a body of at most `maxBytes`. A larger one (as declared, or as it arrives) is never held whole: reading stops
 * past the limit and only its start is kept.
 */
async function readText(body: Body, maxBytes: number, declared: number | undefined): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  const tooLarge = () => {
    body.destroy();
    const start = Buffer.concat(chunks, Math.min(bytes, TOO_LARGE_PREVIEW_BYTES));
    return {
      text: start.toString("utf8"),
      truncated: true,
      tooLarge: { limit: maxBytes, ...(declared !== undefined ? { declared } : {}) },
    };
  };
  const limit = declared !== undefined && declared > maxBytes ? TOO_LARGE_PREVIEW_BYTES : maxBytes;
  for await (const chunk of body) {
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes > limit) return tooLarge();
  }
  if (limit < maxBytes) return tooLarge();
  return { text: Buffer.concat(chunks, bytes).toString("utf8"), truncated: false };
}

/** Reads an event stream until it ends or a bound is hit; an endless or stalled stream still yields a result. */
async function readEvents(body: Body, limits: { maxEvents: number; maxMs: number }): Promise<ReadResult> {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const events: SseEvent[] = [];
  let text = "";
  let stop: ReadResult["stop"] = "end";
  const iterator = body[Symbol.asyncIterator]();
  const deadline = Date.now() + limits.maxMs;
  try {
    while (events.length < limits.maxEvents) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        stop = "max-time";
        break;
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), remaining);
      });
      const next = await Promise.race([iterator.next(), timeout]);
      clearTimeout(timer);
      if (next === "timeout") {
        stop = "max-time";
        break;
      }
      if (next.done) break;
      const chunk = decoder.decode(next.value, { stream: true });
      text += chunk;
      events.push(...parser.push(chunk));
    }
    if (events.length >= limits.maxEvents) stop = "max-events";
  } finally {
    if (stop !== "end") body.destroy();
  }
  return {
    text,
    truncated: stop !== "end",
    events: events.slice(0, limits.maxEvents),
    stop,
    comments: parser.comments,
  };
}

const RUN_RESOURCE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|cf-[0-9a-f]{8}/i;

/** A request about what the run created replays only while that exists: the run deletes it when it ends. */
function replayNote(url: string, body: string | undefined): string {
  return RUN_RESOURCE.test(url) || RUN_RESOURCE.test(body ?? "")
    ? "  # replays only with what earlier steps of the run created (deleted when the run ended)"
    : "";
}

function declaredLength(headers: Record<string, string>): number | undefined {
  const value = headers["content-length"];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseJson(text: string): { json?: unknown; isJson: boolean } {
  const trimmed = text.trim();
  if (trimmed === "") return { isJson: false };
  try {
    return { json: JSON.parse(trimmed), isJson: true };
  } catch {
    return { isJson: false };
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

function classify(err: unknown, aborted: boolean, timeoutMs: number): TransportError {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? "";
  if (aborted || /TIMEOUT/.test(code))
    return { kind: "timeout", message: `no complete response within ${timeoutMs} ms` };
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CONNECT/.test(code)) {
    return { kind: "connection", message: `${code}: ${e.cause?.message ?? e.message ?? "connection failed"}` };
  }
  return { kind: "protocol", message: e.message ?? String(err) };
}
