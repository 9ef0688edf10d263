// The command as a user runs it: exit codes, one-line errors, report files, secrets kept out of reports.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { on, startFaultyServer, type FaultyServer } from "../fixtures/fakes/faulty-server.ts";
import { startFake } from "../fixtures/fakes/index.ts";
import { inProcess } from "./testing/in-process.ts";

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
    [
      ["frobnicate"],
      /^conformance: the command must be `rules`, `merge` or `serve-reference`, but received frobnicate$/,
    ],
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

describe("shards and `conformance merge`", () => {
  const dir = mkdtempSync(join(tmpdir(), "conformance-merge-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const oneLine = (stderr: string) => {
    const lines = stderr.trim().split("\n");
    expect(lines, stderr).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    return lines[0];
  };

  it.each([
    [
      ["--shard", "3/2", "--seed", "1"],
      /^conformance: `--shard` must be i\/n with 1 <= i <= n \(like 2\/3\), but received 3\/2$/,
    ],
    [["--shard", "0/2", "--seed", "1"], /^conformance: `--shard` must be i\/n .*, but received 0\/2$/],
    [["--shard", "half", "--seed", "1"], /^conformance: `--shard` must be i\/n .*, but received half$/],
    [["rules", "--shard", "1/2"], /^conformance: `--shard` goes with a run, not with the `rules` command$/],
    [
      ["--shard", "1/2"],
      /^conformance: `--shard` needs `--seed N`, the same on every shard: their reports merge only then$/,
    ],
    [["merge"], /^conformance: `merge` needs the JSON reports to merge: conformance merge A\.json B\.json \.\.\.$/],
    [["merge", "a.json", "--shard", "1/2"], /^conformance: `--shard` goes with a run, not with the `merge` command$/],
    [
      ["merge", join(tmpdir(), "no-such-report.json")],
      /^conformance: cannot read the report .*no-such-report\.json: ENOENT/,
    ],
  ])("%j exits 2 with one line", async (args, message) => {
    const { code, stderr } = await inProcess([...args, "--target", "http://127.0.0.1:9"]);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toMatch(message);
  });

  it.each([
    ["{not json", /^conformance: the report .*bad\.json is not JSON: /],
    [
      '{"results": []}',
      /^conformance: the report .*bad\.json: it is not a report of langgraph-agent-server-conformance$/,
    ],
    [
      '{"schemaVersion": 2, "tool": {"name": "langgraph-agent-server-conformance"}}',
      /^conformance: the report .*bad\.json: it has schemaVersion 2, and this version of the suite reads schemaVersion 1$/,
    ],
    [
      '{"schemaVersion": 1, "tool": {"name": "langgraph-agent-server-conformance"}, "run": {}}',
      /^conformance: the report .*bad\.json: it is incomplete: /,
    ],
  ])("a report that cannot be merged (%s) exits 2 with one line", async (text, message) => {
    const { code, stderr } = await inProcess(["merge", file("bad.json", text)]);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toMatch(message);
  });

  describe("against a fake with planted faults", () => {
    let server: FaultyServer;
    beforeAll(async () => {
      server = await startFake(["store_put_merges", "store_delete_ignored"]);
    });
    afterAll(() => server.close());
    const run = (json: string, ...args: string[]) =>
      inProcess([
        "--target",
        server.url,
        // Two store scenarios, one a shard; not the ttl one, which waits out a real ttl.
        "--only",
        "store_put_replaces_value,store_delete_removes_item,store_search_finds_deeper_namespaces",
        "--runs",
        "0",
        "--seed",
        "5",
        "--report",
        "json",
        "--json-file",
        join(dir, json),
        ...args,
      ]);
    const read = (json: string) =>
      JSON.parse(readFileSync(join(dir, json), "utf8")) as {
        run: { shard?: { index: number; count: number }; seed: number };
        exitCode: number;
        level: { reached: string };
        departures: { cause: string; operations: { findings: { key: string }[] }[] }[];
        phases: { id: string }[];
      };
    const departures = (json: string) =>
      Object.fromEntries(
        read(json).departures.map((d) => [d.cause, d.operations.flatMap((o) => o.findings.map((f) => f.key)).sort()]),
      );

    it("merges the shards' reports into the whole run's verdict, level and departures", async () => {
      const whole = await run("whole.json");
      const shards = [await run("s1.json", "--shard", "1/2"), await run("s2.json", "--shard", "2/2")];
      expect(whole.code).toBe(1);
      expect(read("s1.json").run.shard).toEqual({ index: 1, count: 2 });
      expect(read("s2.json").run.shard).toEqual({ index: 2, count: 2 });
      expect(read("s1.json").phases).toHaveLength(1);
      expect(read("s2.json").phases).toHaveLength(1);
      expect(read("whole.json").phases).toHaveLength(2);
      for (const shard of shards) expect(shard.stderr).toBe("");

      const merged = await inProcess([
        "merge",
        join(dir, "s2.json"),
        join(dir, "s1.json"),
        "--report",
        "console,json",
        "--json-file",
        join(dir, "merged.json"),
      ]);
      expect(merged.stderr).toBe("");
      expect(merged.code).toBe(whole.code);
      expect(merged.stdout).toMatch(/FAILED/);
      expect(read("merged.json").run.shard).toBeUndefined();
      expect(read("merged.json").exitCode).toBe(1);
      expect(read("merged.json").level.reached).toBe(read("whole.json").level.reached);
      expect(Object.keys(departures("whole.json")).length).toBeGreaterThan(1);
      expect(departures("merged.json")).toEqual(departures("whole.json"));

      const level = await inProcess(["merge", join(dir, "s1.json"), join(dir, "s2.json"), "--level", "core"]);
      expect(level.code).toBe(read("whole.json").level.reached === "none" ? 1 : 0);
    });

    it("refuses reports of different runs, or a missing shard, in one line", async () => {
      await run("seed9.json", "--shard", "2/2", "--seed", "9");
      const seeds = await inProcess(["merge", join(dir, "s1.json"), join(dir, "seed9.json")]);
      expect(seeds.code).toBe(2);
      expect(oneLine(seeds.stderr)).toMatch(
        /^conformance: cannot merge runs that differ in their seed \(5 in .*s1\.json, 9 in .*seed9\.json\)$/,
      );
      const missing = await inProcess(["merge", join(dir, "s1.json")]);
      expect(missing.code).toBe(2);
      expect(oneLine(missing.stderr)).toBe("conformance: shard 2/2 is missing: merge every shard of the run");
    });
  });
});
