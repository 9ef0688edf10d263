// `--compare` from the command line, against two small fakes: usage errors in one line, the comparison in the
// reports, and an exit status that differences change only with --fail-on-difference.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { on, startFaultyServer, type FaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { systemRoutes } from "../../fixtures/fakes/system.ts";
import { parseReference } from "./reference.ts";
import type { JsonReport } from "../../reporters/json.ts";
import { inProcess } from "../testing/in-process.ts";

const none = { has: () => false };

describe("--compare on the command line", () => {
  let plain: FaultyServer;
  let chatty: FaultyServer;
  let broken: FaultyServer;
  const dir = mkdtempSync(join(tmpdir(), "conformance-compare-"));

  beforeAll(async () => {
    plain = await startFaultyServer(systemRoutes(none));
    // /ok with a key the document neither asks for nor forbids: a difference where the document is silent.
    chatty = await startFaultyServer([
      on("GET /ok", { status: 200, body: { ok: true, uptime_s: 12 } }),
      ...systemRoutes(none),
    ]);
    broken = await startFaultyServer([on("GET /ok", { status: 500, body: { detail: "boom" } }), ...systemRoutes(none)]);
  });
  afterAll(async () => {
    await Promise.all([plain.close(), chatty.close(), broken.close()]);
  });

  const run = (target: FaultyServer, reference: FaultyServer, ...extra: string[]) => {
    const json = join(dir, `${Math.random().toString(16).slice(2)}.json`);
    const args = ["--target", target.url, "--compare", reference.url, "--only", "getOk", "--runs", "0", "--seed", "3"];
    return inProcess([...args, "--report", "console,json", "--json-file", json, ...extra]).then((result) => ({
      ...result,
      report: JSON.parse(readFileSync(json, "utf8")) as JsonReport,
    }));
  };

  it.each([
    [["--compare", "reference"], /^conformance: `--compare` goes with a run of a `--target`/],
    [
      ["--target", "http://127.0.0.1:9", "--fail-on-difference"],
      /^conformance: `--fail-on-difference` goes with `--compare`$/,
    ],
    [
      ["--target", "http://127.0.0.1:9", "--compare", "ftp://example.com"],
      /^conformance: `--compare` must be reference, reference-python or an http\(s\) URL, but received ftp:\/\/example\.com$/,
    ],
    [["rules", "--compare", "reference"], /^conformance: `--compare` goes with a run of a `--target`/],
  ])("refuses %j in one line, exit 2", async (args, message) => {
    const { code, stderr } = await inProcess(args);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });

  it("a reference that does not answer: one line, exit 2, before the target is run", async () => {
    const before = plain.requests.length;
    const { code, stderr } = await inProcess(["--target", plain.url, "--compare", "http://127.0.0.1:9", "--runs", "0"]);
    expect(code).toBe(2);
    const errors = stderr.split("\n").filter((l) => l.startsWith("conformance:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^conformance: the reference http:\/\/127\.0\.0\.1:9: cannot reach .*ECONNREFUSED/);
    expect(plain.requests.length).toBe(before);
  });

  it("a server compared with itself shows no difference", async () => {
    const { code, stdout, report } = await run(plain, plain);
    expect(code).toBe(0);
    expect(report.comparison).toMatchObject({ reference: plain.url, url: plain.url, differences: [] });
    expect(report.comparison!.counts.total).toBe(0);
    expect(stdout).toContain(`Differences from ${plain.url}`);
    expect(stdout).toMatch(/0 differences: 0 where the target departs/);
  });

  it("a difference where the document is silent is listed apart and leaves the exit status alone", async () => {
    const { code, stdout, report } = await run(chatty, plain);
    expect(code).toBe(0);
    const differences = report.comparison!.differences as {
      kind: string;
      standing: string;
      target: string;
      reference: string;
      exchanges: { target: { request: { url: string } }; reference: { request: { url: string } } };
    }[];
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "shape",
        standing: "silent",
        target: "/uptime_s: number",
        reference: "/uptime_s: absent",
      }),
    ]);
    expect(differences[0].exchanges.target.request.url).toBe(`${chatty.url}/ok`);
    expect(differences[0].exchanges.reference.request.url).toBe(`${plain.url}/ok`);
    expect(report.comparison!.fails).toBe(false);
    expect(stdout).toMatch(/Where the document is silent {2}1 difference of 1 kind/);
    expect(stdout).not.toContain("Departures from the document  ");
    expect(stdout).toContain(`curl -sS '${chatty.url}/ok'`);
    expect(stdout).toContain(`curl -sS '${plain.url}/ok'`);
  });

  it("with --fail-on-difference, a difference where the document is silent exits 1", async () => {
    const { code, stdout, report } = await run(chatty, plain, "--fail-on-difference");
    expect(code).toBe(1);
    expect(report.comparison).toMatchObject({ failOnDifference: true, fails: true });
    expect(stdout).toContain("FAILED by --fail-on-difference: 1 difference where the document is silent");
  });

  it("a departure is listed with the departures, and fails the run as a departure does anyway", async () => {
    const { code, stdout, report } = await run(broken, plain, "--fail-on-difference");
    expect(code).toBe(1);
    expect(report.comparison!.differences).toEqual([
      expect.objectContaining({ kind: "status", standing: "target-departs", target: "500", reference: "200" }),
      // The rule judged on that exchange passed on the reference only.
      expect.objectContaining({ kind: "verdict", standing: "target-departs", ruleId: "health_answers_ok_true" }),
    ]);
    expect(report.comparison!.fails).toBe(false);
    expect(stdout).toMatch(/Departures from the document {2}2 differences of 2 kinds/);
    expect(stdout).toMatch(/status {2}target departs {2}getOk/);
  });
});

describe("parseReference", () => {
  it("takes the two references by name, or an http(s) URL without its trailing slash", () => {
    expect(parseReference("reference")).toBe("reference");
    expect(parseReference("reference-python")).toBe("reference-python");
    expect(parseReference("http://127.0.0.1:8123/")).toEqual({ url: "http://127.0.0.1:8123" });
    expect(() => parseReference("python")).toThrow(/must be reference, reference-python or an http\(s\) URL/);
  });
});
