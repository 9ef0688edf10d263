// Tests for toCurl: the command reproduces the request and survives a POSIX shell unchanged.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "../model.ts";
import { toCurl } from "./curl.ts";

/** Runs `command` in sh with `curl` defined as a function that prints its arguments; returns them. */
function shellArgs(command: string): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}\n`;
  const out = execFileSync("sh", ["-c", script], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

const get: RecordedRequest = { method: "GET", url: "http://localhost:2024/threads/abc?limit=1&offset=2", headers: {} };

describe("toCurl", () => {
  it("renders a GET without -X", () => {
    expect(toCurl(get)).toBe("curl -sS 'http://localhost:2024/threads/abc?limit=1&offset=2'");
  });

  it("renders other methods with -X", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "HEAD"]) {
      expect(shellArgs(toCurl({ ...get, method }))).toEqual(["-sS", "-X", method, get.url]);
    }
  });

  it("adds -N for streams only", () => {
    expect(shellArgs(toCurl(get, { stream: true }))).toEqual(["-sS", "-N", get.url]);
    expect(toCurl(get, { stream: false })).not.toContain("-N");
  });

  it("passes headers and body through a shell unchanged", () => {
    const request: RecordedRequest = {
      method: "POST",
      url: "http://localhost:2024/runs/stream",
      headers: { "content-type": "application/json", "x-note": 'it\'s $HOME `id` "q" \\ !' },
      body: JSON.stringify({ input: { text: "don't 'quote' me; $(rm -rf /) `x` \\n\n second line" } }),
    };
    expect(shellArgs(toCurl(request, { stream: true }))).toEqual([
      "-sS",
      "-N",
      "-X",
      "POST",
      request.url,
      "-H",
      "content-type: application/json",
      "-H",
      `x-note: it's $HOME \`id\` "q" \\ !`,
      "--data-raw",
      request.body,
    ]);
  });

  it("escapes single quotes as '\\''", () => {
    const command = toCurl({ method: "POST", url: "http://h/", headers: {}, body: "a'b" });
    expect(command).toBe(`curl -sS -X POST 'http://h/' --data-raw 'a'\\''b'`);
  });

  it("keeps an empty body (distinct from no body)", () => {
    expect(shellArgs(toCurl({ ...get, method: "POST", body: "" }))).toEqual([
      "-sS",
      "-X",
      "POST",
      get.url,
      "--data-raw",
      "",
    ]);
    expect(toCurl({ ...get, method: "POST" })).not.toContain("--data-raw");
  });
});
