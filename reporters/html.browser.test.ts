// The HTML report in a real browser (Debian's Chromium through playwright-core): header, counts, filters, departures,
// deep links, and that the page loads nothing but itself. Leaves a screenshot in test-output/html-report.png.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBaseline } from "../src/baseline.ts";
import { buildHtmlReport } from "./html.ts";
import { extras, results, run, schemaFinding } from "./testdata.ts";
import { judge, type Gate } from "./verdict.ts";

/** Set (as .ci/run does), the browser must be there; unset, the test skips where Debian's chromium is not installed. */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OUTPUT = fileURLToPath(new URL("../test-output/", import.meta.url));

const gate: Gate = {
  failOn: "minor",
  baseline: parseBaseline(
    JSON.stringify({ accepted: [schemaFinding.key, "status-code:search_assistants:500"] }),
    "accepted.json",
  ),
};
const judged = judge(run, results, extras, gate);

const available = existsSync(CHROMIUM) || Boolean(process.env.CHROMIUM_PATH);
const title = available
  ? "html report in Chromium"
  : `html report in Chromium: skipped, no browser at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`;

describe.skipIf(!available)(title, () => {
  let browser: Browser;
  let dir: string;
  let url: string;
  /** Every URL any page asked for, and every console error or page error. */
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "html-browser-"));
    const file = join(dir, "report.html");
    await writeFile(file, buildHtmlReport(run, results, 1234, extras, gate), "utf8");
    url = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A page in a context of its own (closing the page closes it); `clipboard` grants clipboard access. */
  async function open(hash = "", { clipboard = false, script }: { clipboard?: boolean; script?: () => void } = {}) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      permissions: clipboard ? ["clipboard-read", "clipboard-write"] : [],
    });
    const page = await context.newPage();
    // The browser may already be gone when the page closes (afterAll): nothing is left to close then.
    page.on("close", () => void context.close().catch(() => undefined));
    if (script) await page.addInitScript(script);
    page.on("request", (r) => requested.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(url + hash);
    return page;
  }

  const visible = (page: Page, selector: string) =>
    page.$$eval(selector, (els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length);

  it("shows the target, the level and the verdict, with counts that match the judge", async () => {
    const page = await open();
    expect(await page.textContent("#target")).toBe(run.target);
    expect(await page.textContent("#verdict .word")).toBe("FAILED");
    expect(await page.textContent("#verdict .because")).toBe(judged.because);
    expect(await page.textContent("#level .reached strong")).toBe(judged.levels.reached);
    for (const level of ["core", "standard", "optional"] as const) {
      const counts = await page.$$eval(`[data-level-row="${level}"] td`, (tds) =>
        Object.fromEntries(tds.map((td) => [td.getAttribute("data-count"), Number(td.textContent)])),
      );
      expect(counts).toEqual(judged.levels.counts[level]);
    }
    expect(await page.textContent("#numbers")).toMatch(/4 departures\s*:\s*3 new\s*,\s*1 known/);
    expect(await visible(page, "tr.op")).toBe(judged.summary.operations.length);
    expect(await visible(page, "details.departure")).toBe(judged.departures.length);
    expect(await page.isVisible("#filters")).toBe(true);
    await page.close();
  });

  it("hides rows and departures that a filter or the search leaves out", async () => {
    const page = await open();
    const ops = judged.summary.operations;
    await page.selectOption("select[name=status]", "failed");
    expect(await visible(page, "tr.op")).toBe(ops.filter((s) => s.verdict === "failed").length);
    expect(await visible(page, "details.departure")).toBe(judged.departures.length);
    expect(await page.textContent("#shown")).toContain(
      `${ops.filter((s) => s.verdict === "failed").length} of ${ops.length} endpoints`,
    );

    await page.selectOption("select[name=status]", "known");
    expect(await visible(page, "details.departure")).toBe(1);
    expect(await page.isVisible("#op-create_assistant")).toBe(true);
    expect(await page.isVisible("#op-create_thread")).toBe(false);

    await page.selectOption("select[name=status]", "");
    await page.selectOption("select[name=area]", "Threads & <Stuff>");
    const threads = ops.filter((s) => s.operation.tag === "Threads & <Stuff>").map((s) => s.operation.operationId);
    const shown = await page.$$eval("tr.op", (rows) =>
      rows.filter((r) => (r as HTMLElement).offsetParent !== null).map((r) => r.id),
    );
    expect(shown).toEqual(threads.map((id) => `op-${id}`));
    expect(await page.isVisible('tbody[data-group="Runs"]')).toBe(false);

    await page.selectOption("select[name=area]", "");
    await page.selectOption("select[name=severity]", "critical");
    expect(await visible(page, "details.departure")).toBe(1);
    expect(await visible(page, "tr.op")).toBe(1);
    expect(await page.isVisible("#departures .none-match")).toBe(false);
    await page.selectOption("select[name=status]", "known");
    expect(await visible(page, "details.departure")).toBe(0);
    expect(await page.isVisible("#departures .none-match")).toBe(true);
    expect(await page.isVisible("#endpoints .none-match")).toBe(true);

    await page.click("button[type=reset]");
    await page.fill("input[name=search]", "cancel_run");
    expect(await visible(page, "tr.op")).toBe(1);
    expect(await page.isVisible("#op-cancel_run")).toBe(true);
    await page.close();
  });

  it("expands a departure on click and shows its curl with a copy button", async () => {
    const page = await open();
    const departure = page.locator("#departure-1");
    expect(await departure.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.isVisible("#departure-1 .curl-text")).toBe(false);
    await page.click("#departure-1 > summary");
    expect(await departure.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.textContent("#departure-1 .curl-text")).toContain(
      "curl -X POST 'http://localhost:2024/threads?a=1&b=2'",
    );
    expect(await page.isVisible("#departure-1 button.copy")).toBe(true);
    await page.close();
  });

  it("copies the curl with the clipboard API, or through a selected textarea where there is none", async () => {
    const curl = results[10]!.exchange!.curl;
    const page = await open("#departure-1", { clipboard: true });
    const copy = page.locator("#departure-1 button.copy");
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe("copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);
    await page.close();

    const bare = await open("#departure-1", {
      clipboard: true,
      script: () => {
        Object.defineProperty(navigator, "clipboard", { value: undefined });
        document.addEventListener("copy", (e) => {
          (window as unknown as { copied: string }).copied = (e.target as HTMLTextAreaElement).value;
        });
      },
    });
    await bare.click("#departure-1 button.copy");
    await expect.poll(() => bare.evaluate(() => (window as unknown as { copied?: string }).copied)).toBe(curl);
    expect(await bare.textContent("#departure-1 button.copy")).toBe("copied");
    await bare.close();
  });

  it("opens and highlights the departure or operation a link points at, even when a filter hid it", async () => {
    const page = await open("#departure-4");
    expect(await page.locator("#departure-4").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.getAttribute("#departure-4", "class")).toContain("highlight");
    expect(await page.isVisible("#departure-4 .curl-text")).toBe(true);

    await page.selectOption("select[name=area]", "Runs");
    expect(await page.isVisible("#op-create_assistant")).toBe(false);
    await page.evaluate(() => (location.hash = "#op-create_assistant"));
    await expect.poll(() => page.isVisible("#op-create_assistant")).toBe(true);
    expect(await page.getAttribute("#op-create_assistant", "class")).toContain("highlight");
    expect(await page.getAttribute("#departure-4", "class")).not.toContain("highlight");
    await page.close();
  });

  it("loads nothing but the file itself, runs its script under its own policy, and leaves a screenshot", async () => {
    const page = await open("#departure-1");
    await page.evaluate(() => window.scrollTo(0, 0));
    await mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, "html-report.png"), fullPage: true });
    await page.close();
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => u.split("#")[0] !== url)).toEqual([]);
    expect(problems).toEqual([]);
    expect(existsSync(join(OUTPUT, "html-report.png"))).toBe(true);
  });
});
