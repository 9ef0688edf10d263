// `conformance --ui` in a real browser (Debian's Chromium through playwright-core): the command prints the UI's URL,
// the UI lists every area and scenario, and SIGTERM stops it. The suite runs against a fake the test starts, without
// the property phase, and is stopped as soon as the tree is read.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFake } from "../fixtures/fakes/index.ts";
import type { FaultyServer } from "../fixtures/fakes/faulty-server.ts";
import { AREAS } from "../suites/index.ts";
import { HAZARD_GROUP } from "./vitest.ts";

/** Set (as .ci/run does), the browser must be there; unset, the test skips where Debian's chromium is not installed. */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const BIN = fileURLToPath(new URL("./bin.js", import.meta.url));

const available = existsSync(CHROMIUM) || Boolean(process.env.CHROMIUM_PATH);
const title = available
  ? "conformance --ui in Chromium"
  : `conformance --ui in Chromium: skipped, no browser at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`;

describe.skipIf(!available)(title, () => {
  let fake: FaultyServer;
  let ui: ChildProcess;
  let browser: Browser;
  let url: string;
  let output = "";
  let exited: Promise<number | null>;

  beforeAll(async () => {
    fake = await startFake();
    // The command starts a Vitest of its own, not a worker of this one.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
    // Every SDK client, whichever this machine has, so that the tree holds every scenario of the catalogue.
    ui = spawn(
      process.execPath,
      [BIN, "--ui", "--runs", "0", "--sdk", "js,python,python-latest", "--target", fake.url],
      {
        env: { ...env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    exited = new Promise((resolve) => ui.on("exit", (code) => resolve(code)));
    ui.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      ui.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const printed =
          /^Vitest UI with the conformance suite: (http:\/\/127\.0\.0\.1:\d+\/__vitest__\/) \(Ctrl-C stops it\)$/m.exec(
            output,
          );
        if (printed) resolve(printed[1]!);
      });
      void exited.then((code) => reject(new Error(`conformance --ui exited (${code}): ${output}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 90_000);

  afterAll(async () => {
    if (ui?.exitCode === null) ui.kill("SIGKILL");
    await browser?.close();
    await fake?.close();
  });

  it("prints the UI's URL, one line, on a port other than 2024", () => {
    expect(output.trim().split("\n")).toHaveLength(1);
    expect(url).not.toMatch(/:2024\//);
  });

  it("lists every area and every scenario in the tree", async () => {
    // Tall enough that the tree, which draws only the rows in view, draws them all.
    const page = await browser.newPage({ viewport: { width: 1280, height: 4000 } });
    await page.goto(url);
    const expected = [
      `conformance of ${fake.url}`,
      ...AREAS.flatMap((area) => {
        const scenarios = area.scenarios.filter((s) => !s.hazard);
        return [area.title, ...scenarios.map((s) => `${s.id}: ${s.title}`)];
      }),
      HAZARD_GROUP,
      ...AREAS.flatMap((area) => area.scenarios.filter((s) => s.hazard).map((s) => `${s.id}: ${s.title}`)),
    ];
    const listed = () =>
      page.$$eval("[data-testid=explorer-item]", (items) => items.map((item) => item.getAttribute("aria-label")));
    // Listing waits for Vitest to collect the suite's sources, which takes seconds alone and a minute or more on a
    // machine busy with the other tests.
    // The file is the compiled one when the command runs from its build, else the source.
    const tree = async () =>
      (await listed()).map((label) => label?.replace(/^(dist\/)?src\/ui\/conformance\.ui\.[jt]s$/, "FILE"));
    await expect.poll(tree, { timeout: 150_000, interval: 500 }).toEqual(["FILE", ...expected]);
    await page.close();
  }, 180_000);

  it("stops on SIGTERM, with the test process and what it started", async () => {
    ui.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
