// `conformance --ui` short of a browser: its usage errors, and the options it hands to the test file it runs.

import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "./suite-run.ts";
import { UI_TEST_FILE, uiSuiteOptions, type UiOptions } from "./ui.ts";
import { decodeUiOptions, encodeUiOptions, UI_OPTIONS_ENV } from "./ui/options.ts";
import { inProcess } from "./testing/in-process.ts";

describe("conformance --ui", () => {
  it("is listed in the help", async () => {
    const { code, stdout } = await inProcess(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}--ui {2,}run the suite in the Vitest UI/m);
  });

  it.each([["rules"], ["serve-reference"]])("does not go with the %s command: one line, exit 2", async (command) => {
    const { code, stderr } = await inProcess([command, "--ui"]);
    expect(code).toBe(2);
    expect(stderr).toBe(`conformance: \`--ui\` runs the suite, without a command, but received ${command}\n`);
  });

  it("tells a bad selection in one line, exit 2, before starting Vitest", async () => {
    const { code, stdout, stderr } = await inProcess(["--ui", "--only", "no_such_rule"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^conformance: `--only`\/`--skip` must name .* but received no_such_rule\n$/);
  });

  it("tells an unknown report in one line, exit 2", async () => {
    const { code, stderr } = await inProcess(["--ui", "--report", "pdf"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^conformance: `--report` must be one of console, .*but received pdf\n$/);
  });

  it("runs a test file of its own, which the project's test globs do not pick up", () => {
    expect(existsSync(UI_TEST_FILE)).toBe(true);
    expect(UI_TEST_FILE).toMatch(/[/\\]src[/\\]ui[/\\]conformance\.ui\.ts$/);
  });
});

describe("the options handed to the UI's test file", () => {
  const given: UiOptions = {
    target: "http://127.0.0.1:9",
    only: ["System"],
    skip: [],
    config: "conf/conformance.config.json",
    spec: "spec.yaml",
    serverLog: "server.log",
    seed: 7,
    runs: 0,
    reports: ["console", "json"],
    files: { json: "out/report.json" },
  };

  it("are the suite's options with their defaults, paths made absolute, the console report left to the UI", () => {
    const options = uiSuiteOptions({ ...given, failOn: "major", port: 80 } as UiOptions, "/home/me");
    expect(options).toMatchObject({
      target: "http://127.0.0.1:9",
      only: ["System"],
      seed: 7,
      runs: 0,
      timeoutMs: 15_000,
      config: "/home/me/conf/conformance.config.json",
      spec: "/home/me/spec.yaml",
      serverLog: "/home/me/server.log",
      reports: ["json"],
      reportFiles: { json: "/home/me/out/report.json" },
    });
    expect(options).not.toHaveProperty("failOn");
    expect(options).not.toHaveProperty("port");
  });

  it("keep a spec given by URL as it is", () => {
    expect(uiSuiteOptions({ ...given, spec: "https://example.com/openapi.json" }, "/x").spec).toBe(
      "https://example.com/openapi.json",
    );
  });

  it("refuse an unknown report and a shard", () => {
    expect(() => uiSuiteOptions({ ...given, reports: ["pdf"] })).toThrow(InputError);
    expect(() => uiSuiteOptions({ ...given, shard: { index: 1, count: 2 } } as UiOptions)).toThrow(
      /`--shard` .* does not go with `--ui`/,
    );
  });

  it("travel as JSON in one environment variable, and the test file says how to run it without", () => {
    const options = uiSuiteOptions(given, "/x");
    expect(decodeUiOptions({ [UI_OPTIONS_ENV]: encodeUiOptions(options) })).toEqual(options);
    expect(() => decodeUiOptions({})).toThrow(/runs through `conformance --ui`, which sets CONFORMANCE_UI_OPTIONS/);
  });
});
