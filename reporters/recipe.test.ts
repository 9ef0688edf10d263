// Tests for the GitHub Actions recipe (docs/github-actions.yml): a workflow that runs the suite with options the CLI
// accepts, writes the step summary and uploads the reports whatever the verdict, and publishes the badge.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_BADGE_FILE } from "./badge.ts";
import { DEFAULT_HTML_FILE } from "./html.ts";
import { REPORTER_NAMES } from "./index.ts";
import { DEFAULT_JSON_FILE } from "./json.ts";
import { DEFAULT_JUNIT_FILE } from "./junit.ts";
import { DEFAULT_MARKDOWN_FILE } from "./markdown.ts";

const yaml = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  "runs-on": string;
  if?: string;
  needs?: string;
  strategy?: { "fail-fast"?: boolean; matrix: Record<string, unknown[]> };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const root = new URL("../", import.meta.url);
const workflow = yaml.load(readFileSync(new URL("docs/github-actions.yml", root), "utf8")) as Workflow;
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { name: string; version: string };
const steps = workflow.jobs.conformance!.steps;
const suiteStep = steps.find((s) => s.run?.includes("npx"))!;
/** A command line as the shell sees it (a folded scalar joins the lines with spaces). */
const words = (step: Step) => step.run!.trim().split(/\s+/);
const argv = words(suiteStep);

/** The options `conformance` parses (src/cli.ts), and those the lead adds with the new reporters. */
function cliOptions(): Set<string> {
  const cli = readFileSync(new URL("src/cli.ts", root), "utf8");
  const block = /parseArgs\(\{[\s\S]*?options: \{([\s\S]*?)\n {6}\},/.exec(cli)![1]!;
  const names = [...block.matchAll(/^\s*"?([a-z][a-z-]*)"?: \{ type:/gm)].map((m) => m[1]!);
  expect(names).toContain("baseline");
  return new Set([...names, "html-file", "markdown-file", "badge-file"]);
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("github actions recipe", () => {
  it("is a workflow run on pushes and pull requests, with Node 20", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    expect(Object.keys(workflow.jobs)).toEqual(["conformance", "conformance-shard", "conformance-merge"]);
    expect(steps[0]!.uses).toBe("actions/checkout@v4");
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node@"))!;
    expect(node.with).toEqual({ "node-version": 20 });
    const start = steps.findIndex((s) => s.run?.includes("/ok"));
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(steps.indexOf(suiteStep));
  });

  it("runs this package, pinned to its minor version, against the target with the baseline and six reports", () => {
    const [major, minor] = pkg.version.split(".");
    expect(argv.slice(0, 3)).toEqual(["npx", "--yes", `${pkg.name}@${major}.${minor}`]);
    const option = (name: string) => argv[argv.indexOf(name) + 1];
    expect(option("--target")).toBe('"$CONFORMANCE_TARGET"');
    expect(Object.values(workflow.jobs)[0]!.env?.CONFORMANCE_TARGET).toMatch(/^http:\/\//);
    expect(option("--baseline")).toBe("conformance-baseline.json");
    expect(option("--report")!.split(",")).toEqual(["console", "html", "markdown", "badge", "json", "junit"]);
    expect(suiteStep.if).toBeUndefined();
  });

  it.each([
    ["the whole suite", argv],
    ["a shard", words(workflow.jobs["conformance-shard"]!.steps.find((s) => s.run?.includes("npx"))!)],
    ["the merge", words(workflow.jobs["conformance-merge"]!.steps.find((s) => s.run?.includes("npx"))!)],
  ])("passes only options and reports the CLI accepts to %s", (_, argv) => {
    const accepted = cliOptions();
    const flags = argv.filter((a) => a.startsWith("--") && a !== "--yes");
    expect(flags.length).toBeGreaterThanOrEqual(2);
    for (const flag of flags) expect(accepted, flag).toContain(flag.slice(2));
    expect(accepted).not.toContain("no-such-option");
    const reports = new Set<string>([...REPORTER_NAMES, "html", "markdown", "badge"]);
    for (const name of argv[argv.indexOf("--report") + 1]!.split(",")) expect(reports, name).toContain(name);
  });

  it("writes the Markdown summary to the step summary even when the suite fails", async () => {
    const summary = steps.find((s) => s.run?.includes("GITHUB_STEP_SUMMARY"))!;
    expect(summary.if).toBe("always()");
    expect(steps.indexOf(summary)).toBeGreaterThan(steps.indexOf(suiteStep));
    const dir = await mkdtemp(join(tmpdir(), "recipe-summary-"));
    dirs.push(dir);
    const out = join(dir, "step-summary.md");
    const sh = (cwd: string) =>
      spawnSync("bash", ["-e", "-c", summary.run!], { cwd, env: { ...process.env, GITHUB_STEP_SUMMARY: out } });
    expect(sh(dir).status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("wrote no summary");
    writeFileSync(join(dir, DEFAULT_MARKDOWN_FILE), "## ✅ Conformance PASSED\n");
    expect(sh(dir).status).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/wrote no summary.*\n## ✅ Conformance PASSED\n$/);
  });

  it("uploads the HTML, JSON and JUnit reports whatever the verdict", () => {
    const upload = steps.find((s) => s.uses === "actions/upload-artifact@v4")!;
    expect(upload.if).toBe("always()");
    const paths = String(upload.with!.path).trim().split("\n");
    expect(paths.sort()).toEqual([DEFAULT_HTML_FILE, DEFAULT_JSON_FILE, DEFAULT_JUNIT_FILE].sort());
  });

  it("publishes the badge to a badges branch on pushes to main, creating the branch the first time", async () => {
    const publish = steps.find((s) => s.run?.includes(DEFAULT_BADGE_FILE))!;
    expect(publish.if).toMatch(/^always\(\) && github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/);
    expect(workflow.permissions).toEqual({ contents: "write" });

    const dir = await mkdtemp(join(tmpdir(), "recipe-badge-"));
    dirs.push(dir);
    const env = {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
      RUNNER_TEMP: join(dir, "runner"),
    };
    const git = (cwd: string, ...args: string[]) =>
      execFileSync("git", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
        .toString()
        .trim();
    const origin = join(dir, "origin.git");
    const work = join(dir, "work");
    git(dir, "init", "--quiet", "--bare", "-b", "main", origin);
    git(dir, "clone", "--quiet", origin, work);
    writeFileSync(join(work, "README.md"), "the user's project\n");
    git(work, "add", "README.md");
    git(work, "commit", "--quiet", "-m", "start");
    git(work, "push", "--quiet", "origin", "main");
    const publishWith = (message: string) => {
      writeFileSync(join(work, DEFAULT_BADGE_FILE), JSON.stringify({ schemaVersion: 1, message }, null, 2) + "\n");
      const r = spawnSync("bash", ["-e", "-c", publish.run!], { cwd: work, env });
      expect(r.status, r.stderr.toString()).toBe(0);
      rmSync(env.RUNNER_TEMP, { recursive: true, force: true });
      git(work, "worktree", "prune");
    };
    const badgeOnBranch = () => JSON.parse(git(origin, "show", `badges:${DEFAULT_BADGE_FILE}`)).message;
    const commits = () => Number(git(origin, "rev-list", "--count", "badges"));

    publishWith("core");
    expect(badgeOnBranch()).toBe("core");
    expect(git(origin, "ls-tree", "--name-only", "badges")).toBe(DEFAULT_BADGE_FILE);
    expect(commits()).toBe(1);
    publishWith("standard");
    expect(badgeOnBranch()).toBe("standard");
    expect(git(origin, "log", "-1", "--format=%s", "badges")).toBe("conformance badge: standard");
    publishWith("standard");
    expect(commits()).toBe(2);
    expect(git(origin, "ls-tree", "--name-only", "main")).toBe("README.md");
    expect(git(work, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
  });
});

describe("github actions recipe, split across machines", () => {
  const single = workflow.jobs.conformance!;
  const shardJob = workflow.jobs["conformance-shard"]!;
  const mergeJob = workflow.jobs["conformance-merge"]!;
  const shardStep = shardJob.steps.find((s) => s.run?.includes("npx"))!;
  const mergeStep = mergeJob.steps.find((s) => s.run?.includes("npx"))!;
  const option = (argv: string[], name: string) => argv[argv.indexOf(name) + 1];
  const unquote = (word: string) => word.replace(/^"(.*)"$/, "$1");
  /** A text of the shard job as GitHub hands it on, on the machine of shard `index` of `total`. */
  const expand = (text: string, index: number, total: number) =>
    text
      .replaceAll("${{ matrix.shard }}", String(index))
      .replaceAll("${{ strategy.job-total }}", String(total))
      .replaceAll("${{ github.run_number }}", "7");
  const shardArgv = (index: number, total: number) => expand(shardStep.run!, index, total).trim().split(/\s+/);

  it("runs either the whole suite on one machine or the shards and their merge, by a repository variable", () => {
    expect(single.if).toBe("vars.CONFORMANCE_SHARDS != 'true'");
    expect(shardJob.if).toBe("vars.CONFORMANCE_SHARDS == 'true'");
    expect(mergeJob.if).toBe("always() && vars.CONFORMANCE_SHARDS == 'true'");
  });

  it("runs shard i of n on each machine of a matrix, every shard with its own server and the same seed", () => {
    const shards = shardJob.strategy!.matrix.shard!;
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(shards.length).toBeGreaterThan(1);
    expect(shardJob.strategy!["fail-fast"]).toBe(false);
    const argvs = shards.map((index) => shardArgv(index as number, shards.length));
    expect(argvs.map((argv) => unquote(option(argv, "--shard")!))).toEqual(shards.map((i) => `${i}/${shards.length}`));
    expect(new Set(argvs.map((argv) => option(argv, "--seed")))).toEqual(new Set(['"7"']));
    expect(new Set(argvs.map((argv) => option(argv, "--json-file"))).size).toBe(shards.length);
    expect(option(argvs[0]!, "--target")).toBe('"$CONFORMANCE_TARGET"');
    expect(option(argvs[0]!, "--report")!.split(",")).toContain("json");
    const start = shardJob.steps.findIndex((s) => s.run?.includes("/ok"));
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(shardJob.steps.indexOf(shardStep));
    expect(shardJob.steps.find((s) => s.run?.includes("/ok"))!.run).toBe(
      steps.find((s) => s.run?.includes("/ok"))!.run,
    );
  });

  it("uploads each shard's JSON report, and the merge downloads every one of them and merges them", () => {
    const upload = shardJob.steps.find((s) => s.uses === "actions/upload-artifact@v4")!;
    expect(mergeJob.needs).toBe("conformance-shard");
    const download = mergeJob.steps.find((s) => s.uses === "actions/download-artifact@v4")!;
    expect(mergeJob.steps.indexOf(download)).toBeLessThan(mergeJob.steps.indexOf(mergeStep));
    expect(download.with).toMatchObject({ "merge-multiple": true });
    const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
    const argv = words(mergeStep);
    const operands = argv.slice(argv.indexOf("merge") + 1);
    const files = operands.slice(
      0,
      operands.findIndex((a) => a.startsWith("--")),
    );
    expect(files).toHaveLength(1);
    const shards = shardJob.strategy!.matrix.shard as number[];
    const names = new Set<string>();
    for (const index of shards) {
      const jsonFile = unquote(option(shardArgv(index, shards.length), "--json-file")!);
      expect(expand(String(upload.with!.path), index, shards.length)).toBe(jsonFile);
      expect(jsonFile).toMatch(glob(files[0]!));
      const name = expand(String(upload.with!.name), index, shards.length);
      expect(name).toMatch(glob(String(download.with!.pattern)));
      names.add(name);
    }
    expect(names.size).toBe(shards.length);
    expect(option(argv, "--baseline")).toBe("conformance-baseline.json");
    for (const name of ["markdown", "html", "json", "junit"])
      expect(option(argv, "--report")!.split(",")).toContain(name);
    const later = mergeJob.steps.slice(mergeJob.steps.indexOf(mergeStep) + 1);
    expect(later.find((s) => s.run?.includes("GITHUB_STEP_SUMMARY"))?.if).toBe("always()");
    expect(later.find((s) => s.uses === "actions/upload-artifact@v4")?.if).toBe("always()");
  });

  it.each([
    [0, 0],
    [1, 0],
    [2, 2],
    [130, 130],
  ])(
    "a shard whose suite exits %i ends its step with %i: departures are the merge's to judge",
    async (exit, status) => {
      const dir = await mkdtemp(join(tmpdir(), "recipe-shard-"));
      dirs.push(dir);
      const bin = join(dir, "bin");
      execFileSync("mkdir", [bin]);
      writeFileSync(join(bin, "npx"), `#!/bin/sh\necho "$@" > "${join(dir, "args")}"\nexit ${exit}\n`, { mode: 0o755 });
      const r = spawnSync("bash", ["-e", "-c", expand(shardStep.run!, 2, 3)], {
        cwd: dir,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CONFORMANCE_TARGET: "http://localhost:2024" },
      });
      expect(r.status, r.stderr.toString()).toBe(status);
      expect(readFileSync(join(dir, "args"), "utf8")).toContain(
        "--target http://localhost:2024 --shard 2/3 --seed 7 --report console,json --json-file conformance-shard-2.json",
      );
    },
  );
});
