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
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { "runs-on": string; env?: Record<string, string>; steps: Step[] }>;
}

const root = new URL("../", import.meta.url);
const workflow = yaml.load(readFileSync(new URL("docs/github-actions.yml", root), "utf8")) as Workflow;
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { name: string; version: string };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const suiteStep = steps.find((s) => s.run?.includes("npx"))!;
/** The suite's command line as the shell sees it (a folded scalar joins the lines with spaces). */
const argv = suiteStep.run!.trim().split(/\s+/);

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
    expect(Object.keys(workflow.jobs)).toHaveLength(1);
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

  it("passes only options and reports the CLI accepts", () => {
    const accepted = cliOptions();
    const flags = argv.filter((a) => a.startsWith("--") && a !== "--yes");
    expect(flags.length).toBeGreaterThanOrEqual(3);
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
