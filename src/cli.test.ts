// The command as a user runs it: exit codes, one-line errors, report files, secrets kept out of reports.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { on, startFaultyServer, type FaultyServer } from "../fixtures/fakes/faulty-server.ts";
import { main } from "./cli.ts";

const BIN = fileURLToPath(new URL("./bin.js", import.meta.url));
const SECRET = "s3cr3t-token-value";

function conformance(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** The command in this process, its output captured: for the many answers that need no child process to prove. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("usage and connection problems exit 2 with one clear line", () => {
  it("from the installed command, with no stack trace", async () => {
    const { code, stderr } = await conformance(["--target", "http://127.0.0.1:9"]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^conformance: cannot reach http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });

  it.each([
    [["--target", "http://127.0.0.1:9"], /^conformance: cannot reach http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/],
    [
      ["--target", "ftp://example.com"],
      /^conformance: `--target` must be an http\(s\) URL, but received ftp:\/\/example\.com$/,
    ],
    [["--timeout", "soon"], /^conformance: `--timeout` must be a positive integer, but received soon$/],
    [["--fail-on", "severe"], /^conformance: `--fail-on` must be critical, major or minor, but received severe$/],
    [
      ["--report", "pdf", "--target", "http://127.0.0.1:9"],
      /^conformance: `--report` must be one of console, json, junit, html, markdown, badge, but received pdf$/,
    ],
    [["--header", "no colon here"], /^conformance: `--header` must look like "Name: value"/],
    [
      ["--only", "NoSuchThing", "--target", "http://127.0.0.1:9"],
      /^conformance: `--only`\/`--skip` must name a rule or check id, level, capability, tag or operation id, but received NoSuchThing$/,
    ],
    [
      ["rules", "--json", "--markdown"],
      /^conformance: `rules` prints one format: `--json` or `--markdown`, but received both$/,
    ],
    [["--json"], /^conformance: `--json` and `--markdown` go with the `rules` command$/],
    [["--bogus"], /^conformance: Unknown option '--bogus'/],
    [["frobnicate"], /^conformance: the command must be `rules` or `serve-reference`, but received frobnicate$/],
    [["--spec", "/nonexistent/spec.yaml"], /^conformance: cannot load spec \/nonexistent\/spec\.yaml: /],
    [["--level", "gold"], /^conformance: `--level` must be core, standard or full, but received gold$/],
    [["--auth-other", "token"], /^conformance: `--auth-other` must look like "Name: value", but received token$/],
    [["--with-auth"], /^conformance: `--with-auth` goes with the `serve-reference` command of the official server$/],
    [["--python"], /^conformance: `--python` goes with the `serve-reference` command$/],
    [
      ["serve-reference", "--python", "--pure-graph"],
      /^conformance: `serve-reference` serves one server: `--python` or `--pure-graph`, but received both$/,
    ],
    [
      ["--baseline", "/nonexistent/b.json", "--target", "http://127.0.0.1:9"],
      /^conformance: cannot read the baseline \/nonexistent\/b\.json: ENOENT$/,
    ],
  ])("%j", async (args, message) => {
    const { code, stderr } = await inProcess(args);
    expect(code).toBe(2);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("a malformed spec file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-cli-"));
    const file = join(dir, "broken.json");
    writeFileSync(
      file,
      '{"openapi": "3.1.0", "info": {"title": "x"}, "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/nowhere"}}}}}}',
    );
    const { code, stderr } = await inProcess(["--spec", file, "--target", "http://127.0.0.1:9"]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^conformance: cannot load spec .*broken\.json: /);
  });

  it.each([
    ["{not json", /^conformance: the baseline .*b\.json is not JSON: /],
    ['{"keys": []}', /^conformance: the baseline .*b\.json has no "accepted" array/],
    ['{"accepted": ["just words"]}', /^conformance: the baseline .*b\.json: accepted\[0\] is not a finding key/],
    [
      '{"accepted": [{"key": "status_code_conformance:getThread:x", "note": 3}]}',
      /accepted\[0\]\.note must be a string$/,
    ],
  ])("a baseline that is not one: %s", async (text, message) => {
    const file = join(mkdtempSync(join(tmpdir(), "conformance-cli-")), "b.json");
    writeFileSync(file, text);
    const { code, stderr } = await inProcess(["--baseline", file, "--target", "http://127.0.0.1:9"]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });
});

describe("conformance rules", () => {
  it("prints the catalogue as JSON: every check and rule with its id, title, level, severity and operations", async () => {
    const { code, stdout } = await inProcess(["rules", "--json"]);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as {
      id: string;
      title: string;
      level: string;
      severity: string;
      operations: string[];
    }[];
    expect(entries.length).toBeGreaterThanOrEqual(140);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const rule = entries.find((e) => e.id === "store_put_replaces_value");
    expect(rule).toMatchObject({
      level: "core",
      severity: "major",
      operations: ["PUT /store/items"],
      sdk: ["store.put_item"],
    });
    expect(entries.find((e) => e.id === "not_a_server_error")?.operations.length).toBe(64);
  });

  it("prints a table a person reads, ending with the count and the catalogue version", async () => {
    const { code, stdout } = await inProcess(["rules"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^store_ttl_expires_item\s+optional\s+major\s+store_ttl\s+/m);
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^\d+ entries, catalogue [0-9a-f]{12}$/);
  });
});

describe("a run against a server that departs from the API", () => {
  let server: FaultyServer;
  const dir = mkdtempSync(join(tmpdir(), "conformance-cli-"));

  beforeAll(async () => {
    // Answers /ok, and echoes every request header back in a 500 elsewhere, as careless servers do.
    server = await startFaultyServer([
      on("GET /ok", { body: { ok: true } }),
      on("POST /assistants", { body: { assistant_id: "6f1f3a2e-1c3b-4b8e-9a43-0c1f1b2a3d4e", graph_id: "agent" } }),
      on("GET /assistants/{id}/graph", { body: { nodes: [], edges: [] } }),
      (req) =>
        req.path.startsWith("/threads")
          ? { status: 500, body: { detail: `boom ${JSON.stringify(req.headers)}` } }
          : undefined,
    ]);
  });
  afterAll(() => server.close());

  it("exits 1, writes json and junit reports, and never writes the secret header", async () => {
    const json = join(dir, "report.json");
    const junit = join(dir, "report.xml");
    const { code, stdout, stderr } = await conformance([
      "--target",
      server.url,
      "--header",
      `Authorization: Bearer ${SECRET}`,
      "--only",
      "System,Threads",
      "--report",
      "console,json,junit",
      "--json-file",
      json,
      "--junit-file",
      junit,
      "--seed",
      "7",
    ]);
    // This server refuses deletes too: the suite names what it could not clean up, and says nothing else.
    for (const line of stderr.trim().split("\n").filter(Boolean))
      expect(line).toMatch(/^conformance: could not clean up /);
    expect(code).toBe(1);
    const report = readFileSync(json, "utf8");
    const xml = readFileSync(junit, "utf8");
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
    for (const text of [stdout, report, xml]) expect(text).not.toContain(SECRET);
    expect(report).toContain("<redacted>");
    const parsed = JSON.parse(report) as {
      run: { seed: number };
      operations: { operationId: string; verdict: string }[];
    };
    expect(parsed.run.seed).toBe(7);
    expect(parsed.operations.find((o) => o.operationId === "getOk")?.verdict).toBe("passed");
    expect(parsed.operations.find((o) => o.operationId === "createThread")?.verdict).toBe("failed");
    expect(xml).toMatch(/<testcase classname="Threads\.createThread" name="not_a_server_error"[^>]*>\s*<failure/);
  });

  it("exits 0 when every selected result passes", async () => {
    const { code } = await conformance([
      "--target",
      server.url,
      "--only",
      "getOk",
      "--report",
      "json",
      "--json-file",
      join(dir, "ok.json"),
    ]);
    expect(code).toBe(0);
  });
});

describe("serve-reference", () => {
  it("serves the official server until it is stopped, then stops it", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [BIN, "serve-reference"], { stdio: ["ignore", "pipe", "pipe"] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`no url in: ${out}`)), 30_000);
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(child.exitCode).toBeNull();
    expect(await (await fetch(`${url}/ok`)).json()).toEqual({ ok: true });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/ok`)).rejects.toThrow();
  }, 60_000);
});
