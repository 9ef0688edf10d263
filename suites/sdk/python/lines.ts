// The lines the Python driver prints (one JSON object each), read into typed values, and its HTTP exchanges into the
// records reports keep.

import { toCurl } from "../../../src/http/curl.ts";
import type { ExchangeRecord, RecordedRequest, RecordedResponse } from "../../../src/model.ts";

interface Where {
  flow: string;
  method: string;
  op: string;
  call: string;
}

export type DriverLine =
  | (Where & { type: "call"; ok: boolean; error?: string; value?: unknown; exchanges: ExchangeRecord[] })
  | (Where & { type: "claim"; claim: string; holds: boolean; expected: unknown; actual: unknown })
  | { type: "stop"; flow: string; reason: string }
  | { type: "done"; version: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const strings = (v: unknown): Record<string, string> =>
  isObject(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => isString(e[1]))) : {};

/** One line of the driver, or undefined when it is not one (a warning the interpreter printed, say). */
export function parseDriverLine(text: string): DriverLine | undefined {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(line)) return undefined;
  const where = (): Where | undefined =>
    [line.flow, line.method, line.op, line.call].every(isString)
      ? { flow: line.flow as string, method: line.method as string, op: line.op as string, call: line.call as string }
      : undefined;
  switch (line.type) {
    case "call": {
      const at = where();
      if (!at || typeof line.ok !== "boolean") return undefined;
      const exchanges = Array.isArray(line.exchanges) ? line.exchanges.flatMap(exchangeRecord) : [];
      return {
        type: "call",
        ...at,
        ok: line.ok,
        ...(isString(line.error) ? { error: line.error } : {}),
        ...("value" in line ? { value: line.value } : {}),
        exchanges,
      };
    }
    case "claim": {
      const at = where();
      if (!at || !isString(line.claim) || typeof line.holds !== "boolean") return undefined;
      return {
        type: "claim",
        ...at,
        claim: line.claim,
        holds: line.holds,
        expected: line.expected,
        actual: line.actual,
      };
    }
    case "stop":
      return isString(line.flow) && isString(line.reason)
        ? { type: "stop", flow: line.flow, reason: line.reason }
        : undefined;
    case "done":
      return isString(line.version) ? { type: "done", version: line.version } : undefined;
    default:
      return undefined;
  }
}

/** An exchange as the driver recorded it, with the curl that replays it; none when it has no request. */
export function exchangeRecord(raw: unknown): ExchangeRecord[] {
  if (!isObject(raw) || !isObject(raw.request)) return [];
  const { method, url, body } = raw.request;
  if (!isString(method) || !isString(url)) return [];
  const request: RecordedRequest = {
    method,
    url,
    headers: strings(raw.request.headers),
    ...(isString(body) ? { body } : {}),
  };
  const r = raw.response;
  const response: RecordedResponse | undefined =
    isObject(r) && typeof r.status === "number"
      ? {
          status: r.status,
          headers: strings(r.headers),
          body: isString(r.body) ? r.body : "",
          durationMs: typeof r.durationMs === "number" ? r.durationMs : 0,
        }
      : undefined;
  return [
    {
      request,
      ...(response ? { response } : {}),
      ...(isString(raw.error) ? { error: raw.error } : {}),
      curl: toCurl(request),
    },
  ];
}
