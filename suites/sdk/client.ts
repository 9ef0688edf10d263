// The official JS SDK pointed at the target, each of its HTTP exchanges recorded, and its calls reported as verdicts.

import { createRequire } from "node:module";
import { Client } from "@langchain/langgraph-sdk";
import type { ScenarioContext } from "../../src/engine/scenario.ts";
import { toCurl } from "../../src/http/curl.ts";
import type { ExchangeRecord, RecordedRequest } from "../../src/model.ts";
import type { SdkMethod } from "./methods.ts";
import { SDK } from "./rules.ts";
import type { SdkVerdicts } from "./verdicts.ts";

const require = createRequire(import.meta.url);

/** The JS client as results name it, e.g. "js 2.0.0". */
export const JS_CLIENT = `js ${(require("@langchain/langgraph-sdk/package.json") as { version: string }).version}`;

const RECORDED_BODY_CHARS = 4000;

export interface Recorded {
  client: Client;
  exchanges: ExchangeRecord[];
}

/** A client on the target's URL and headers whose requests and responses are kept; no retries, so each call is one exchange. */
export function recordingClient(target: ScenarioContext["target"], timeoutMs = 15_000): Recorded {
  const exchanges: ExchangeRecord[] = [];
  const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const request: RecordedRequest = {
      method: init?.method ?? "GET",
      url,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(typeof init?.body === "string" ? { body: init.body } : {}),
    };
    const started = performance.now();
    try {
      const response = await fetch(input, init);
      const headers = Object.fromEntries(response.headers.entries());
      const exchange: ExchangeRecord = {
        request,
        response: { status: response.status, headers, body: "", durationMs: 0 },
        curl: toCurl(request),
      };
      exchanges.push(exchange);
      const record = (body: string) => {
        exchange.response!.body = body.slice(0, RECORDED_BODY_CHARS);
        exchange.response!.durationMs = Math.round(performance.now() - started);
      };
      // A stream is handed on as it arrives (a thread's stream does not end by itself), and recorded as it is read.
      if (response.body && /^text\/event-stream/i.test(response.headers.get("content-type") ?? "")) {
        return new Response(recordedStream(response.body, target.maxBodyBytes, record), {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      }
      const bytes = await readBounded(response, target.maxBodyBytes);
      if (bytes === undefined) {
        record("");
        throw new Error(
          `the response body is larger than ${target.maxBodyBytes} bytes (--max-body), so it was not read`,
        );
      }
      record(new TextDecoder().decode(bytes.subarray(0, RECORDED_BODY_CHARS * 4)));
      const replay = response.status === 204 || response.status === 304 ? null : (bytes as Uint8Array<ArrayBuffer>);
      return new Response(replay, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (err) {
      const answered = exchanges.find((e) => e.request === request);
      if (answered) answered.error = (err as Error).message;
      else exchanges.push({ request, error: (err as Error).message, curl: toCurl(request) });
      throw err;
    }
  };
  const client = new Client({
    apiUrl: target.url,
    apiKey: null, // never pick up a key from the environment: only the headers the user gave reach the target
    defaultHeaders: { ...target.headers },
    timeoutMs,
    callerOptions: { fetch: recordingFetch, maxRetries: 0 },
  });
  return { client, exchanges };
}

/** The body passed on chunk by chunk, its start recorded as it goes; past `maxBytes` it fails and is cancelled. */
function recordedStream(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  record: (text: string) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        controller.error(new Error(`the stream grew past ${maxBytes} bytes (--max-body), so it was not read further`));
        return;
      }
      if (text.length < RECORDED_BODY_CHARS) record((text += decoder.decode(value, { stream: true })));
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The whole body, or undefined once it grows past `maxBytes` (then it is not read further). */
async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export interface SdkStep<T> {
  sdk: SdkMethod;
  /** The operation ("METHOD /path") the SDK method calls. */
  op: string;
  /** How the JS client is called, e.g. "client.store.putItem". */
  call: string;
  run(client: Client): Promise<T>;
}

export type SdkOutcome<T> =
  { ok: true; value: T; exchange?: ExchangeRecord } | { ok: false; exchange?: ExchangeRecord };

/** Calls one SDK method and reports whether it worked ("sdk_call"), with the HTTP exchange behind the verdict. */
export async function sdkCall<T>(
  ctx: ScenarioContext,
  verdicts: SdkVerdicts,
  recorded: Recorded,
  step: SdkStep<T>,
): Promise<SdkOutcome<T>> {
  const before = recorded.exchanges.length;
  const last = () =>
    recorded.exchanges.length > before ? recorded.exchanges[recorded.exchanges.length - 1] : undefined;
  const where = { op: step.op, sdk: step.sdk, detail: step.call };
  try {
    const value = await step.run(recorded.client);
    const exchange = last();
    await verdicts.holds(SDK.sdk_call, { ...where, ok: true, ...(exchange ? { exchange } : {}) });
    return { ok: true, value, ...(exchange ? { exchange } : {}) };
  } catch (err) {
    const exchange = last();
    const actual = (err as Error).message ?? String(err);
    const response = exchange?.response;
    const missing = response && ctx.routeMissing(step.op, { status: response.status, text: response.body });
    if (missing) {
      await verdicts.skip(SDK.sdk_call, missing, {
        ...where,
        notImplemented: missing,
        ...(exchange ? { exchange } : {}),
      });
      return { ok: false, ...(exchange ? { exchange } : {}) };
    }
    await verdicts.holds(SDK.sdk_call, {
      ...where,
      ok: false,
      expected: "no error",
      actual,
      ...(exchange ? { exchange } : {}),
    });
    return { ok: false, ...(exchange ? { exchange } : {}) };
  }
}

/** Reports whether what an SDK call returned is what the flow expects ("sdk_result"). */
export async function sdkResult<T>(
  verdicts: SdkVerdicts,
  step: SdkStep<T>,
  outcome: SdkOutcome<T>,
  claim: string,
  expected: unknown,
  holds: (value: T) => boolean,
): Promise<void> {
  if (!outcome.ok) return;
  let ok: boolean;
  try {
    ok = holds(outcome.value);
  } catch {
    ok = false; // an answer of another shape than the SDK's types promise
  }
  const exchange = outcome.exchange;
  await verdicts.holds(SDK.sdk_result, {
    op: step.op,
    sdk: step.sdk,
    detail: `${step.call}: ${claim}`,
    ok,
    expected,
    actual: outcome.value,
    ...(exchange ? { exchange } : {}),
  });
}
