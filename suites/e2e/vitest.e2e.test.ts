// The sample Vitest project (docs/examples/vitest) as a user runs it: `vitest run` in its directory, read back through
// Vitest's JSON reporter. Once against the embedded official server, narrowed to one small area; once against a fake
// with a planted fault, narrowed with `-t` to one area and the hazards.

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultyServer } from "../../fixtures/fakes/faulty-server.ts";
import { startSystemFake } from "../../fixtures/fakes/system.ts";
import { cliToRun } from "../../src/cli-entry.js";
import type { CheckResult } from "../../src/model.ts";
import { HAZARD_GROUP } from "../../src/vitest.ts";
import { AREAS } from "../index.ts";
import { defaultSdkClients, withSdkClients } from "../sdk/index.ts";
import { systemArea } from "../system/index.ts";

const SAMPLE = fileURLToPath(new URL("../../docs/examples/vitest/", import.meta.url));
const VITEST = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "conformance-vitest-e2e-"));

interface VitestJson {
  numTotalTests: number;
  testResults: {
    assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[];
  }[];
}

/** `vitest run` in the sample's directory, with the sample's variables; its JSON report read back. */
function sample(name: string, env: Record<string, string>, args: string[] = []) {
  const outputFile = join(dir, `${name}.json`);
  // The sample runs as its own Vitest, not as a worker of this one.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  const child = spawn(process.execPath, [VITEST, "run", "--reporter=json", `--outputFile=${outputFile}`, ...args], {
    cwd: SAMPLE,
    env: { ...inherited, NO_COLOR: "1", CONFORMANCE_RUNS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string; tests: VitestTest[] }>((resolve) =>
    child.on("exit", (code) => {
      const json = JSON.parse(readFileSync(outputFile, "utf8")) as VitestJson;
      resolve({ code, output, tests: json.testResults.flatMap((f) => f.assertionResults) });
    }),
  );
}

type VitestTest = VitestJson["testResults"][0]["assertionResults"][0];

const area = (tests: VitestTest[], title: string) => tests.filter((t) => t.ancestorTitles.at(-1) === title);
const names = (scenarios: readonly { id: string; title: string }[]) => scenarios.map((s) => `${s.id}: ${s.title}`);

// The sample imports the package by name, which resolves to the compiled entry: build it when it is older than the
// sources (as it is after an edit; a fresh install has just built it).
beforeAll(() => {
  if (cliToRun().run !== "compiled") execFileSync("npm", ["run", "--silent", "build"], { stdio: "ignore" });
}, 120_000);

describe("the sample Vitest project", () => {
  it("against the embedded server, narrowed to System: every System scenario is a passed test", async () => {
    const { code, output, tests } = await sample("embedded", { CONFORMANCE_ONLY: "System" });
    expect(code, output).toBe(0);
    expect(tests.map((t) => t.ancestorTitles)).toEqual(
      systemArea.scenarios.map(() => ["conformance of the embedded official server", "System"]),
    );
    expect(tests.map((t) => [t.title, t.status])).toEqual(names(systemArea.scenarios).map((n) => [n, "passed"]));
  }, 120_000);

  describe("against a target with a planted fault, narrowed with -t", () => {
    let fake: FaultyServer;
    beforeAll(async () => {
      fake = await startSystemFake(["health_not_ok"]);
    });
    afterAll(() => fake?.close());

    it("fails the scenario with the finding and its curl, runs nothing else, and writes the suite's report", async () => {
      const report = join(dir, "faulty-report.json");
      const { code, output, tests } = await sample(
        "faulty",
        { CONFORMANCE_TARGET: fake.url, CONFORMANCE_JSON_REPORT: report },
        ["-t", `System|${HAZARD_GROUP}`],
      );
      expect(code, output).toBe(1);
      // Every area is declared (with the SDK clients this machine has, as the sample does not name them); only the
      // two picked ran.
      const clients = defaultSdkClients();
      for (const { title, scenarios } of AREAS)
        expect(
          area(tests, title).map((t) => t.title),
          title,
        ).toEqual(names(withSdkClients(scenarios, clients).filter((s) => !s.hazard)));
      const [system, ...others] = [
        ...area(tests, "System"),
        ...tests.filter((t) => t.ancestorTitles.at(-1) !== "System"),
      ];
      expect(system).toMatchObject({ status: "failed" });
      expect(system!.failureMessages.join("\n")).toMatch(
        /health_answers_ok_true \(major\) on getOk, .*Received: \{"ok":false\}.*\n {2}curl .*\/ok'/,
      );
      expect(others.map((t) => t.status)).toEqual(others.map(() => "skipped"));
      // The hazard ran (refused against a target without `hazards`): its phase is in the report, no request was sent.
      expect(area(tests, HAZARD_GROUP).map((t) => t.title)).toEqual(
        names(AREAS.flatMap((a) => a.scenarios.filter((s) => s.hazard))),
      );
      const paths = new Set(fake.requests.map((r) => r.path.replace(/^\/cf-[0-9a-f]+-no-such-route$/, "(probe)")));
      expect([...paths].sort()).toEqual(["(probe)", "/docs", "/info", "/metrics", "/ok"]);

      const suiteReport = JSON.parse(readFileSync(report, "utf8")) as {
        phases: { id: string; status: string }[];
        results: CheckResult[];
      };
      expect(suiteReport.phases.map((p) => [p.id, p.status])).toEqual([
        ["system.endpoints", "ran"],
        ["runs.hazard.busy-thread-delete", "skipped"],
      ]);
      expect(
        suiteReport.results.filter((r) => r.checkId === "health_answers_ok_true").map((r) => r.verdict.status),
      ).toEqual(["failed"]);
    }, 120_000);
  });
});
