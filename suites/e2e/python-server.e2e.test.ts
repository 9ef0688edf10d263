// The suite's scripted scenarios against the official Python server, started by the test: no suite errors, nothing
// left behind, and the Python server's known departures found. Without Python 3.11+ it is skipped, except in CI.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SDK_METHODS } from "../sdk/methods.ts";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { startPythonReferenceServer, type PythonServer } from "../../fixtures/python-server.ts";
import type { JsonReport } from "../../reporters/json.ts";
import type { CheckResult } from "../../src/model.ts";
import { diffSpecs } from "../../src/spec/diff.ts";
import { BUNDLED_SPEC, loadSpec } from "../../src/spec/load.ts";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));
/** The scripted scenarios, four at a time, take about 25 s here; well past that means something hangs. */
const RUN_BUDGET_MS = 60_000;
/** Creating `.venv-conformance/` on first use takes about 35 s (CI creates it before the tests). */
const SETUP_TIMEOUT_MS = 5 * 60_000;
const PYTHON_MISSING = /or newer is needed for the Python server/;
const IN_CI = Boolean(process.env.CI) && process.env.CI !== "false";

type Report = Omit<JsonReport, "results"> & { results: CheckResult[] };

let server: PythonServer | undefined;
/** Why the tests are skipped: Python 3.11+ is missing (outside CI only). */
let unavailable: string | undefined;
let run: { code: number | null; stderr: string; ms: number; report: Report };

beforeAll(
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-python-e2e-"));
    try {
      server = await startPythonReferenceServer({ logFile: join(dir, "server.log") });
    } catch (err) {
      const message = (err as Error).message;
      if (IN_CI || !PYTHON_MISSING.test(message)) throw err;
      unavailable = `${message}; the tests against the Python server are skipped`;
      console.warn(`python-server.e2e: ${unavailable}`);
      return;
    }
    const json = join(dir, "report.json");
    const started = Date.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          BIN,
          "--target",
          server!.url,
          "--seed",
          "1",
          "--runs",
          "0",
          "--sdk",
          "js,python",
          "--concurrency",
          "4",
          // The server runs on this machine, so it can deliver webhooks to the suite's receiver.
          "--webhook-receiver",
          "--report",
          "json",
          "--json-file",
          json,
        ],
        { timeout: 2 * RUN_BUDGET_MS, env: { ...process.env, NO_COLOR: "1" } },
        (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
      ),
    );
    run = { code, stderr, ms: Date.now() - started, report: JSON.parse(readFileSync(json, "utf8")) as Report };
  },
  SETUP_TIMEOUT_MS + 2 * RUN_BUDGET_MS,
);

afterAll(async () => {
  await server?.stop();
});

/** Skips the test where Python is missing (the note says why). */
const needsPython = (ctx: TestContext) => ctx.skip(unavailable !== undefined, unavailable);

async function post(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${server!.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, path).toBe(200);
  return res.json();
}

/** The failed results of a check on an operation, from one scenario. */
const failures = (checkId: string, operationId: string, scenario: string) =>
  run.report.results.filter(
    (r) =>
      r.checkId === checkId &&
      r.operationId === operationId &&
      r.source === `scenario:${scenario}` &&
      r.verdict.status === "failed",
  );

describe("the suite's scripted scenarios on the official Python server", () => {
  it("finish within their budget, with departures as the only reason for the exit status", (ctx) => {
    needsPython(ctx);
    expect(run.report.run.endReason).toBe("finished");
    expect(run.ms).toBeLessThan(RUN_BUDGET_MS);
    expect(run.report.run.durationMs).toBeLessThan(RUN_BUDGET_MS);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.report.departures.length).toBeGreaterThan(0);
  });

  it("have no suite errors, and every phase runs but those needing credentials or --hazards", (ctx) => {
    needsPython(ctx);
    expect(run.report.results.filter((r) => r.verdict.status === "errored")).toEqual([]);
    expect(run.report.results.some((r) => r.source.startsWith("property:"))).toBe(false);
    const notRun = run.report.phases.filter((p) => p.status !== "ran");
    expect(notRun.map((p) => p.id).sort()).toEqual(
      ["auth.isolation", "auth.refusal", "auth.store", "runs.hazard.busy-thread-delete"].sort(),
    );
    for (const phase of notRun) expect(phase.status, phase.id).toBe("skipped");
  });

  it("gives each of the seed's SDK methods a verdict by both the Python and the JS client", (ctx) => {
    needsPython(ctx);
    const seed = SDK_METHODS.filter((m) => !m.startsWith("crons."));
    expect(seed).toHaveLength(37);
    const verdicts = (client: RegExp) =>
      Object.fromEntries(
        run.report.sdkMethods.map((m) => [m.method, m.clients.find((c) => client.test(c.client))?.verdict]),
      );
    const python = verdicts(/^python 0\.2\.4$/);
    expect(seed.filter((m) => python[m] === undefined || python[m] === "not_covered")).toEqual([]);
    const js = verdicts(/^js /);
    expect(seed.filter((m) => js[m] === undefined || js[m] === "not_covered")).toEqual([]);
  });

  it("leave nothing behind: no leftover reported, and none on the server", async (ctx) => {
    needsPython(ctx);
    expect(run.report.leftovers).toEqual([]);
    const mine = { metadata: { conformance_run: run.report.run.prefix }, limit: 100 };
    expect(await post("/threads/search", mine)).toEqual([]);
    expect(await post("/assistants/search", mine)).toEqual([]);
    expect(await post("/store/items/search", { namespace_prefix: [run.report.run.prefix], limit: 100 })).toEqual({
      items: [],
    });
  });

  it("find that the in-memory store lists in write order, not by last update (E18)", (ctx) => {
    needsPython(ctx);
    // `InMemoryStore` keeps items in dicts, so a second put of a key keeps its place; the spec promises the order
    // of the last update, either way round.
    expect(failures("store_search_ordered_by_updated_at", "searchStoreItems", "store.semantics.search")).not.toEqual(
      [],
    );
  });

  it("find that a second put of a store item gives it a new created_at", (ctx) => {
    needsPython(ctx);
    // `InMemoryStore._apply_put_ops` builds a new `Item` with `created_at=now` on every put, so replacing the value
    // also rewrites when the item was created.
    expect(failures("store_put_keeps_created_at", "putStoreItem", "store.semantics.item")).not.toEqual([]);
  });

  it("find the 500 of a thread search by values while a thread has no values yet", (ctx) => {
    needsPython(ctx);
    // A new thread's `values` is None, and the in-memory search's `is_jsonb_contained(None, values)` raises
    // TypeError: a valid search answers 500 and finds nothing.
    expect(failures("not_a_server_error", "searchThreads", "threads.semantics.search")).not.toEqual([]);
    expect(failures("thread_search_by_values", "searchThreads", "threads.semantics.search")).not.toEqual([]);
  });

  it("find the 500 of a history search before a checkpoint given as published (E26)", (ctx) => {
    needsPython(ctx);
    // The server hands `before: {checkpoint_id}` to LangGraph as a config, which reads
    // `before["configurable"]["checkpoint_id"]` and raises KeyError.
    expect(failures("not_a_server_error", "searchThreadHistory", "threads.semantics.state")).not.toEqual([]);
  });

  it("find that POST /mcp/ answers 307 instead of the MCP initialize result", (ctx) => {
    needsPython(ctx);
    // The server's route is `/mcp`, without the slash of the documented `/mcp/`: Starlette redirects with 307.
    expect(failures("mcp_initialize_answers_server_info", "postMcp", "mcp.session")).not.toEqual([]);
  });

  it("find every webhook delivered", (ctx) => {
    needsPython(ctx);
    const webhooks = run.report.results.filter((r) => r.checkId.startsWith("webhook_"));
    expect(webhooks.length).toBeGreaterThanOrEqual(3);
    expect(webhooks.filter((r) => r.verdict.status !== "passed")).toEqual([]);
  });

  it("find that a failed resumable run's error is not replayed (kept as published)", (ctx) => {
    needsPython(ctx);
    // Only stream-mode events are stored for replay (`langgraph_api/stream.py`), not the run's error event.
    expect(failures("join_stream_replays_run_error", "joinRunStream", "runs.waiting")).not.toEqual([]);
  });

  it("find that deleting an assistant with delete_threads=true keeps its threads", (ctx) => {
    needsPython(ctx);
    // `delete_assistant` never reads the query parameter (`langgraph_api/api/assistants.py`), which the published
    // document has and the JS server honours: kept as published.
    expect(
      failures(
        "assistant_delete_threads_deletes_its_threads",
        "deleteAssistant",
        "assistants.semantics.delete-threads",
      ),
    ).not.toEqual([]);
  });

  it("find the text/plain body of a 404 (error answers are JSON, kept as published)", (ctx) => {
    needsPython(ctx);
    // `HTTPException` reaches Starlette's default handler, which answers in plain text: langgraph_api registers its
    // JSON error handler only for validation and value errors.
    expect(failures("content_type_conformance", "getThread", "threads.every-operation")).not.toEqual([]);
  });
});

describe("the Python server's own OpenAPI document", () => {
  it("loads as --spec, its undefined Interrupt schema a defect, and differs from the published one", async (ctx) => {
    needsPython(ctx);
    const [published, served] = await Promise.all([loadSpec(BUNDLED_SPEC), loadSpec(`${server!.url}/openapi.json`)]);
    expect(served.defects).toContain(
      "#/components/schemas/Interrupt is referred to but not defined (treated as any value)",
    );
    const diff = diffSpecs(published, served);
    expect(diff.shared).toContain("POST /threads/{thread_id}/runs");
    expect(diff.shared.length).toBeGreaterThan(40);
    // langgraph-api 0.5 has no thread pruning; the published document has.
    expect(diff.differences).toContainEqual({ kind: "operation", operation: "POST /threads/prune", only: "published" });
    expect(diff.differences.filter((d) => d.kind !== "operation").length).toBeGreaterThan(0);
  });
});
