// The Python driver's lines, recorded from a run against the official Python server, read into typed values.

import { describe, expect, it } from "vitest";
import { exchangeRecord, parseDriverLine } from "./lines.ts";

const where = { flow: "store", method: "store.get_item", op: "GET /store/items", call: "client.store.get_item" };
const recordedExchange = {
  request: {
    method: "GET",
    url: "http://127.0.0.1:38611/store/items?namespace=cf-1.sdk-python&key=item",
    headers: { accept: "*/*", "x-tenant": "t1" },
  },
  response: {
    status: 200,
    headers: { "content-type": "application/json" },
    body: '{"namespace":["cf-1","sdk-python"],"key":"item","value":{"text":"from the SDK"}}',
    durationMs: 3,
  },
};

describe("parseDriverLine", () => {
  it("reads a call line with its exchanges, each given the curl that replays it", () => {
    const line = parseDriverLine(
      JSON.stringify({ type: "call", ...where, ok: true, value: { key: "item" }, exchanges: [recordedExchange] }),
    );
    expect(line).toMatchObject({ type: "call", ...where, ok: true, value: { key: "item" } });
    expect(line?.type === "call" && line.exchanges).toEqual([
      {
        ...recordedExchange,
        curl: expect.stringMatching(
          /^curl .*'http:\/\/127\.0\.0\.1:38611\/store\/items\?namespace=cf-1\.sdk-python&key=item'/,
        ),
      },
    ]);
  });

  it("reads a failed call with its error, and an exchange that got no response", () => {
    const line = parseDriverLine(
      JSON.stringify({
        type: "call",
        ...where,
        ok: false,
        error: "ConnectError: refused",
        exchanges: [{ request: recordedExchange.request, error: "ConnectError: refused" }],
      }),
    );
    expect(line).toMatchObject({ ok: false, error: "ConnectError: refused" });
    expect(line?.type === "call" && line.exchanges[0]).toMatchObject({ error: "ConnectError: refused" });
    expect(line?.type === "call" && line.exchanges[0]?.response).toBeUndefined();
  });

  it("reads claim, stop and done lines", () => {
    expect(
      parseDriverLine(
        JSON.stringify({
          type: "claim",
          ...where,
          claim: "returns the item put",
          holds: false,
          expected: 1,
          actual: 2,
        }),
      ),
    ).toEqual({ type: "claim", ...where, claim: "returns the item put", holds: false, expected: 1, actual: 2 });
    expect(parseDriverLine('{"type":"stop","flow":"store","reason":"put failed"}')).toEqual({
      type: "stop",
      flow: "store",
      reason: "put failed",
    });
    expect(parseDriverLine('{"type":"done","version":"0.2.4"}')).toEqual({ type: "done", version: "0.2.4" });
  });

  it("ignores what is not a driver line: other output, unknown types, lines missing a field", () => {
    for (const text of [
      "",
      "DeprecationWarning: something",
      "[1, 2]",
      '{"type":"other"}',
      JSON.stringify({ type: "call", ...where }),
      JSON.stringify({ type: "claim", ...where, holds: true }),
      '{"type":"done"}',
    ])
      expect(parseDriverLine(text), text).toBeUndefined();
  });

  it("drops exchanges without a request, and keeps only string headers", () => {
    expect(exchangeRecord({ response: recordedExchange.response })).toEqual([]);
    const [record] = exchangeRecord({ request: { ...recordedExchange.request, headers: { a: "1", b: 2 } } });
    expect(record?.request.headers).toEqual({ a: "1" });
  });
});
