// The suite against the real official server, started by the test: coverage, known departures, cleanup.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startReferenceServer, type ReferenceServer } from "../../fixtures/reference-server.ts";
import { summarize, type RunSummary } from "../../reporters/index.ts";
import type { JsonReport } from "../../reporters/json.ts";
import type { Capability, CheckResult, RunInfo, VerdictStatus } from "../../src/model.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { catalogue } from "../index.ts";
import { SDK_METHODS } from "../sdk/methods.ts";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));
/** The whole suite with its defaults must stay within this (the runs and streams issue's budget). */
const FULL_RUN_BUDGET_MS = 4 * 60_000;

function conformance(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? -1) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
        }),
    );
  });
}

interface Outcome {
  run: RunInfo;
  results: CheckResult[];
  leftovers: string[];
  capabilities: Capability[];
  durationMs: number;
}

let server: ReferenceServer;
let outcome: Outcome;
/** The first run's reports in every format. */
let reports: { json: JsonReport; console: string; junit: string };
let summary: RunSummary;
/** A second run with the same seed against the same server: its scripted scenarios, four at once. */
let repeat: { ms: number; endReason: string; results: CheckResult[]; stderr: string };

/** One full run through the command line, against a server the test owns (so it can look at it afterwards). */
beforeAll(
  async () => {
    server = await startReferenceServer({});
    const dir = mkdtempSync(join(tmpdir(), "conformance-e2e-"));
    const json = join(dir, "report.json");
    const junit = join(dir, "report.xml");
    const first = await conformance(
      [
        "--target",
        server.url,
        "--seed",
        "1",
        // Two scenarios at a time here and four in the repeat: the keys must not depend on how many run at once.
        "--concurrency",
        "2",
        // The JS client only: the Python clients' verdicts on this server are the Python-client tests' to assert.
        "--sdk",
        "js",
        "--report",
        "console,json,junit",
        "--json-file",
        json,
        "--junit-file",
        junit,
      ],
      FULL_RUN_BUDGET_MS + 60_000,
    );
    const { stderr, ms } = first;
    expect(stderr).toBe("");
    const report = JSON.parse(readFileSync(json, "utf8")) as JsonReport & {
      results: CheckResult[];
      capabilities: Capability[];
    };
    reports = { json: report, console: first.stdout, junit: readFileSync(junit, "utf8") };
    const spec = await loadSpec();
    const rules = catalogue(spec.operations).entries.map(({ id, title, kind, area, severity, level }) => ({
      id,
      title,
      kind,
      area,
      severity,
      level,
    }));
    const run: RunInfo = {
      target: server.url,
      embedded: false,
      spec: { source: spec.source, title: spec.title, version: spec.version },
      catalogueVersion: report.run.catalogueVersion,
      prefix: report.run.prefix,
      seed: report.run.seed,
      startedAt: "",
      operations: spec.operations.map(({ operationId, method, path, tag }) => ({ operationId, method, path, tag })),
      rules,
      sdkMethods: SDK_METHODS,
    };
    outcome = {
      run,
      results: report.results,
      leftovers: report.leftovers,
      capabilities: report.capabilities,
      durationMs: ms,
    };
    // Coverage and the errata verdicts are about the scripted steps; the property phase is asserted on its own.
    summary = summarize(
      run,
      outcome.results.filter((r) => r.source.startsWith("scenario:")),
    );
    // Another run with the same seed against the same server, its scripted scenarios side by side and with a webhook
    // receiver (the embedded default): the first may not leave the server unable to serve it, and its scenarios must
    // find what the first run's found. The property phase's own determinism is the property tests' to prove.
    const file = join(dir, "report-2.json");
    const again = await conformance(
      [
        "--target",
        server.url,
        "--seed",
        "1",
        "--runs",
        "0",
        "--concurrency",
        "4",
        "--sdk",
        "js",
        "--webhook-receiver",
        "--report",
        "json",
        "--json-file",
        file,
      ],
      ms + 1_000,
    );
    const later = JSON.parse(readFileSync(file, "utf8")) as { run: { endReason: string }; results: CheckResult[] };
    repeat = { ms: again.ms, endReason: later.run.endReason, results: later.results, stderr: again.stderr };
  },
  2 * FULL_RUN_BUDGET_MS + 120_000,
);

afterAll(async () => {
  await server?.stop();
});

const scripted = () => outcome.results.filter((r) => r.source.startsWith("scenario:"));

/** Every verdict a check gave on an operation, across all the scripted steps that called it. */
const statuses = (operationId: string, checkId: string): VerdictStatus[] =>
  scripted()
    .filter((r) => r.operationId === operationId && r.checkId === checkId)
    .map((r) => r.verdict.status);

const findings = (operationId: string, checkId: string) =>
  scripted().flatMap((r) =>
    r.operationId === operationId && r.checkId === checkId && r.verdict.status === "failed" ? r.verdict.findings : [],
  );

describe("coverage", () => {
  it("reaches all 64 operations, each with a verdict", () => {
    expect(summary.operations).toHaveLength(64);
    const uncovered = summary.operations.filter((o) => o.verdict === "not_covered").map((o) => o.operation.operationId);
    expect(uncovered).toEqual([]);
  });

  it("has no suite errors, in scripted steps or the property phase", () => {
    expect(outcome.results.filter((r) => r.verdict.status === "errored")).toEqual([]);
  });

  it("reports the routes this server does not have as not implemented, apart from failures", () => {
    const notImplemented = summary.operations
      .filter((o) => o.verdict === "not_implemented")
      .map((o) => o.operation.operationId)
      .sort();
    expect(notImplemented).toEqual(
      [
        "cancelRuns",
        "countCrons",
        "deleteCron",
        "deleteMcp",
        "getCron",
        "getDocs",
        "getMcp",
        "getMetrics",
        "getThreadStorage",
        "joinThreadStream",
        "postA2a",
        "postMcp",
        "pruneThreads",
        "searchCrons",
        "sendThreadProtocolCommand",
        "streamThreadProtocolEvents",
        "updateCron",
      ].sort(),
    );
  });
});

describe("property phase", () => {
  const takesInput = (o: { operationId: string }) =>
    !["getOk", "getInfo", "getDocs", "getMcp", "deleteMcp"].includes(o.operationId);

  it("runs on every operation that takes input, in both modes", () => {
    const explored = new Set(outcome.results.filter((r) => r.source.startsWith("property:")).map((r) => r.operationId));
    const expected = outcome.run.operations.filter(takesInput).map((o) => o.operationId);
    expect(expected.filter((id) => !explored.has(id))).toEqual([]);
    expect(outcome.results.some((r) => r.source === "property:valid")).toBe(true);
    expect(outcome.results.some((r) => r.source === "property:invalid")).toBe(true);
  });

  it("finds that invalid requests are refused with 400, not the documented 422, with a shrunk counterexample and seed", () => {
    const found = outcome.results.filter(
      (r) =>
        r.operationId === "createThread" &&
        r.source === "property:invalid" &&
        r.checkId === "negative_data_rejection" &&
        r.verdict.status === "failed",
    );
    const refused400 = found.find(
      (r) => r.verdict.status === "failed" && r.verdict.findings.some((f) => f.actual === 400),
    );
    expect(refused400?.verdict).toMatchObject({ findings: [{ actual: 400, expected: [422] }] });
    expect(refused400?.step).toMatch(/^shrunk counterexample/);
    expect(refused400?.seed).toBeTypeOf("number");
  });
});

describe("known departures of the official server are detected", () => {
  it("runs/wait answers text/plain instead of application/json", () => {
    expect(findings("waitRun", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
    expect(findings("waitStatelessRun", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
  });

  it("not-found answers are text/plain, not the documented JSON error body", () => {
    expect(findings("getThread", "content_type_conformance")[0]).toMatchObject({ actual: "text/plain" });
    expect(findings("getThread", "response_schema_conformance")[0]?.key).toContain("not-json");
  });

  it("validation errors answer 400 instead of 422", () => {
    expect(findings("createThread", "status_code_conformance")[0]).toMatchObject({ actual: 400 });
  });

  it("a missing store item answering 200 null is no departure (E15), nor is /info naming the JS version (E16)", () => {
    expect(statuses("getStoreItem", "response_schema_conformance")).not.toContain("failed");
    expect(statuses("getInfo", "response_schema_conformance")).toEqual(expect.arrayContaining(["passed"]));
    expect(statuses("getInfo", "response_schema_conformance")).not.toContain("failed");
  });

  it("crons are not implemented, as /info declares (crons: false), and never failed", () => {
    const cron = outcome.results.filter((r) => /Cron/.test(r.operationId));
    expect(cron.length).toBeGreaterThan(0);
    expect(cron.filter((r) => r.verdict.status === "failed")).toEqual([]);
    expect(statuses("createCron", "positive_data_acceptance")).toContain("not_implemented");
    expect(outcome.capabilities).toContainEqual(expect.objectContaining({ id: "crons", declared: false }));
  });
});

describe("the run, stream, stateless and cron rules", () => {
  it("give every RunsClient method, and threads.join_stream, a result under its SDK name", () => {
    const methods = [
      "runs.cancel",
      "runs.create",
      "runs.create_batch",
      "runs.delete",
      "runs.get",
      "runs.join",
      "runs.join_stream",
      "runs.list",
      "runs.stream",
      "runs.wait",
      "threads.join_stream",
    ];
    const seen = new Set(scripted().map((r) => r.sdkMethod));
    expect(methods.filter((m) => !seen.has(m))).toEqual([]);
    expect(new Set(statuses("joinThreadStream", "not_a_server_error"))).toEqual(new Set(["not_implemented"]));
    expect(new Set(statuses("cancelRuns", "not_a_server_error"))).toEqual(new Set(["not_implemented"]));
  });

  it("record which stream modes the server supports, and that it has no crons", () => {
    const capabilities = Object.fromEntries(outcome.capabilities.map((c) => [c.name, c.supported]));
    for (const mode of [
      "values",
      "updates",
      "messages",
      "messages-tuple",
      "events",
      "debug",
      "custom",
      "tasks",
      "checkpoints",
    ]) {
      expect(capabilities[`stream mode: ${mode}`], mode).toBe(true);
    }
    expect(capabilities.crons).toBe(false);
    expect(capabilities["stream end event"]).toBe(false);
  });

  it("find its run streams well-formed: metadata first, requested modes only, ids on thread streams", () => {
    const checks = [
      "stream_framing",
      "stream_starts_with_metadata",
      "stream_modes_as_requested",
      "stream_mode_payload_shape",
      "stream_subgraph_namespaces",
      "stream_event_ids",
    ];
    for (const check of checks) {
      expect(statuses("streamRun", check), check).toContain("passed");
      expect(statuses("streamRun", check), check).not.toContain("failed");
    }
    expect(statuses("streamRun", "stream_error_is_last")).toContain("passed");
    expect(new Set(statuses("streamRun", "stream_final_values_match_state"))).toEqual(new Set(["passed"]));
    expect(statuses("joinRunStream", "stream_resumable_replays_events")).toEqual(["passed"]);
  });

  it("detect that cancelling a running run leaves the run and its thread in status error", () => {
    expect(findings("cancelRun", "cancel_interrupt_marks_run_interrupted")[0]).toMatchObject({ actual: "error" });
    expect(findings("cancelRun", "cancel_frees_thread")[0]).toMatchObject({ actual: "error" });
    expect(findings("createRun", "multitask_interrupt_interrupts_first")[0]).toMatchObject({ actual: "error" });
  });

  it("detect that rollback does not delete a running run", () => {
    expect(findings("cancelRun", "cancel_rollback_deletes_run")[0]).toMatchObject({ expected: 404, actual: "error" });
    expect(findings("createRun", "multitask_rollback_deletes_first")[0]).toMatchObject({
      expected: 404,
      actual: "error",
    });
  });

  it("accept that join_stream of an unknown run answers 200 with the error in the stream (E25), but not its data", () => {
    expect(new Set(statuses("joinRunStream", "join_stream_unknown_run_not_found"))).toEqual(new Set(["passed"]));
    expect(findings("joinRunStream", "response_schema_conformance").map((f) => f.key)).toContain(
      "response_schema_conformance:joinRunStream:event:error:#/components/schemas/StreamErrorEvent/type:",
    );
    expect(statuses("joinRunStream", "stream_starts_with_metadata")).not.toContain("failed");
  });

  it("detect that stream_subgraphs with values mode crashes the run", () => {
    expect(statuses("streamRun", "stream_subgraphs_values_completes")).toEqual(["failed"]);
  });

  it("detect that a run on an unknown thread is refused with 422 instead of 404", () => {
    expect(findings("createRun", "if_not_exists_reject_not_found")[0]).toMatchObject({ expected: 404, actual: 422 });
  });

  it("detect that a busy thread refuses with 422 rather than 409, and refuses by default where the API queues", () => {
    expect(findings("createRun", "multitask_reject_conflict")[0]).toMatchObject({ expected: 409, actual: 422 });
    expect(findings("createRun", "multitask_default_enqueues")[0]).toMatchObject({ actual: 422 });
  });

  it("detect that the runs list pages with offset wrongly (it slices offset..limit)", () => {
    expect(findings("listRuns", "run_list_offset")[0]).toMatchObject({ actual: [] });
  });

  it("fail exactly the run and stream rules where this server departs, and judge every other one", () => {
    const areas = new Set(["runs", "streams", "stateless", "protocols"]);
    const ids = new Set(outcome.run.rules.filter((r) => areas.has(r.area)).map((r) => r.id));
    const failed = new Set(
      scripted()
        .filter((r) => ids.has(r.checkId) && r.verdict.status === "failed")
        .map((r) => r.checkId),
    );
    expect([...failed].sort()).toEqual(
      [
        "cancel_frees_thread", // a cancelled run leaves its thread in status error
        "cancel_interrupt_marks_run_interrupted", // a cancelled running run ends error (E31)
        "cancel_rollback_deletes_run", // rollback keeps a running run
        "if_not_exists_reject_not_found", // 422 for an unknown thread, not 404
        "join_stream_replays_run_error", // a first plain join makes the run's stream unresumable
        "multitask_default_enqueues", // a busy thread refuses by default
        "multitask_interrupt_interrupts_first", // the first run ends error, not interrupted
        "multitask_reject_conflict", // 422, not 409
        "multitask_rollback_deletes_first", // the first run stays
        "run_list_offset", // offset..limit
        "stream_subgraphs_values_completes", // values with stream_subgraphs crashes the run
      ].sort(),
    );
    // Without a webhook receiver (a --target run) the webhook rules are skipped with the reason, and without
    // --hazards the hazard's; nothing else is.
    const skipped = new Set(
      scripted()
        .filter((r) => ids.has(r.checkId) && r.verdict.status === "skipped" && !r.source.includes(".hazard."))
        .map((r) => r.checkId),
    );
    expect([...skipped].filter((id) => !id.startsWith("webhook_"))).toEqual([]);
  });
});

describe("the store, thread, assistant and SDK rules", () => {
  const ruleVerdicts = (areas: string[]) => {
    const ids = new Set(outcome.run.rules.filter((r) => areas.includes(r.area)).map((r) => r.id));
    const byRule = new Map<string, Set<string>>();
    for (const r of scripted().filter((r) => ids.has(r.checkId))) {
      byRule.set(r.checkId, (byRule.get(r.checkId) ?? new Set()).add(r.verdict.status));
    }
    return byRule;
  };

  it("judge every seed method of AssistantsClient, ThreadsClient, RunsClient and StoreClient with the JS client", () => {
    const wanted = SDK_METHODS.filter((m) => !m.startsWith("crons."));
    const judged = new Set(scripted().map((r) => r.sdkMethod));
    expect(wanted.filter((m) => !judged.has(m))).toEqual([]);
    expect(wanted).toHaveLength(37);
  });

  it("find the official JS SDK working: every sdk_call and sdk_result passes, but a thread's stream it has no route for", () => {
    const sdk = scripted().filter((r) => r.checkId === "sdk_call" || r.checkId === "sdk_result");
    expect(sdk.length).toBeGreaterThan(37);
    const notPassed = sdk.filter((r) => r.verdict.status !== "passed");
    expect(notPassed.map((r) => `${r.sdkMethod} ${r.verdict.status}`)).toEqual(["threads.join_stream not_implemented"]);
  });

  it("fail exactly the rules where this server departs from the API, and pass or skip the rest", () => {
    const verdicts = ruleVerdicts(["store", "threads", "assistants", "sdk"]);
    const failed = [...verdicts].filter(([, v]) => v.has("failed")).map(([rule]) => rule);
    expect(failed.sort()).toEqual(
      [
        "store_search_prefix_matches_whole_labels", // ["p","docs"] also finds items under ["p","docsx"]
        "store_search_ordered_by_updated_at", // write order: a second put keeps the item's place
        "thread_search_by_values", // threads without values match any values filter
        "assistant_search_sort_by_name", // sort_by is ignored: always created_at desc
        "assistant_create_rejects_unknown_graph", // an assistant for an unknown graph_id is created
      ].sort(),
    );
    expect([...verdicts].filter(([, v]) => v.has("skipped")).map(([rule]) => rule)).toEqual([]);
  });

  it("report store ttl, which this server ignores and does not declare, as not implemented (E19)", () => {
    for (const rule of ["store_ttl_expires_item", "store_get_refresh_ttl_extends", "store_search_refresh_ttl_extends"])
      expect(
        new Set(
          scripted()
            .filter((r) => r.checkId === rule)
            .map((r) => r.verdict.status),
        ),
        rule,
      ).toEqual(new Set(["not_implemented"]));
    expect(outcome.capabilities).toContainEqual(expect.objectContaining({ name: "store ttl", supported: false }));
  });

  it("detect that an assistant with an unknown graph_id is accepted", () => {
    expect(findings("createAssistant", "assistant_create_rejects_unknown_graph")).toContainEqual(
      expect.objectContaining({ actual: 200 }),
    );
  });
});

describe("where the spec follows its errata, the official server conforms", () => {
  it.each([
    ["setLatestAssistantVersion", "positive_data_acceptance"],
    ["listAssistantVersions", "response_schema_conformance"],
    ["listStoreNamespaces", "response_schema_conformance"],
    ["getThreadHistory", "response_schema_conformance"],
    ["getThreadState", "response_schema_conformance"],
    ["getAssistantSubgraphs", "response_schema_conformance"],
    ["deleteThread", "status_code_conformance"],
    ["cancelRun", "status_code_conformance"],
    ["createRun", "response_headers_conformance"],
    ["streamRun", "response_schema_conformance"],
  ])("%s: %s", (operationId, checkId) => {
    // The successful answers are what the errata are about; a 404 for a deleted resource is judged elsewhere.
    const got = scripted()
      .filter(
        (r) =>
          r.operationId === operationId &&
          r.checkId === checkId &&
          (r.exchange?.response?.status ?? 0) < 300 &&
          r.verdict.status !== "skipped",
      )
      .map((r) => r.verdict.status);
    expect(got.length).toBeGreaterThan(0);
    expect(new Set(got)).toEqual(new Set(["passed"]));
  });
});

describe("the verdict", () => {
  it("groups the findings by cause into a few dozen departures, none of them a known mistake of the suite", () => {
    const { departures } = reports.json;
    const findings = departures.reduce((n, d) => n + d.operations.reduce((m, o) => m + o.findings.length, 0), 0);
    console.log(`official JS server: ${findings} findings in ${departures.length} departures`);
    expect(departures.length).toBeGreaterThan(10);
    expect(departures.length).toBeLessThan(60);
    const keys = departures.flatMap((d) => d.operations.flatMap((o) => o.findings.map((f) => f.key)));
    const mistakes = [
      /a JSON body sent as text\/plain/,
      /^negative_data_rejection:getOk:/,
      /:query (subgraphs|recurse|cancel_on_disconnect|refresh_ttl|wait|xray): wrong_type/,
      /^positive_data_acceptance:listStoreNamespaces:422/,
      /^stream_(event_ids|starts_with_metadata):joinRunStream:/,
      /^response_schema_conformance:getStoreItem:#\/components\/schemas\/Item/,
      /^response_schema_conformance:getInfo:/,
      /^status_code_conformance:(listAssistantVersions|getAssistantSubgraphsByNamespace):received 404/,
      /^store_ttl_expires_item:/,
    ];
    expect(keys.filter((k) => mistakes.some((m) => m.test(k)))).toEqual([]);
    const messages = departures.flatMap((d) => d.operations.flatMap((o) => o.findings.map((f) => f.message)));
    expect(messages.filter((m) => m.includes("JSON body sent as text/plain"))).toEqual([]);
  });

  it("names the level reached, with per-level counts, in the console, JSON and JUnit reports", () => {
    const { level } = reports.json;
    expect(["none", "core", "standard", "full"]).toContain(level.reached);
    expect(level.counts.core.passed).toBeGreaterThan(0);
    console.log(`official JS server: level ${level.reached}; core ${JSON.stringify(level.counts.core)}`);
    expect(reports.console).toMatch(new RegExp(`^ {2}level +${level.reached}$`, "m"));
    expect(reports.console).toMatch(new RegExp(`^ {4}core +${level.counts.core.passed} passed`, "m"));
    expect(reports.junit).toContain(`<property name="level" value="${level.reached}"/>`);
    expect(reports.junit).toMatch(new RegExp(`<property name="level:core" value="${level.counts.core.passed} passed,`));
    // Core fails: valid requests are refused (400 for a null description, 422 on a busy thread) and a 5xx.
    expect(level.reached).toBe("none");
  });

  it("prints a console report that starts with the verdict and the level and fits on a few screens", () => {
    const lines = reports.console.trimEnd().split("\n");
    console.log(`official JS server: ${lines.length} console lines`);
    expect(lines.length).toBeLessThan(150);
    const answer = lines.findIndex((l) => /^(PASSED|FAILED) \(/.test(l));
    expect(answer).toBeGreaterThan(0);
    expect(
      lines.slice(0, answer).every((l) => l === "" || /^(LangGraph Agent Server conformance| {2}\w+ )/.test(l)),
    ).toBe(true);
    expect(lines[answer + 1]).toMatch(/^ {2}level +none$/);
  });
});

describe("safety", () => {
  it("leaves nothing it created behind", async () => {
    expect(outcome.leftovers).toEqual([]);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return res.json() as Promise<unknown>;
    };
    const marker = { conformance_run: outcome.run.prefix };
    expect(await post("/assistants/search", { metadata: marker })).toEqual([]);
    expect(await post("/threads/search", { metadata: marker })).toEqual([]);
    expect(await post("/store/items/search", { namespace_prefix: [outcome.run.prefix] })).toEqual({ items: [] });
  });
});

describe("two full runs in a row against one server", () => {
  const keys = (results: readonly CheckResult[]) =>
    new Set(results.flatMap((r) => (r.verdict.status === "failed" ? r.verdict.findings.map((f) => f.key) : [])));

  // A server the first run left wedged makes the later one wait out its time limits, step after step.
  it("the later run finishes by itself, with no suite error, in less time than the first took with its property phase", () => {
    expect(repeat.endReason).toBe("finished");
    expect(repeat.stderr).toBe("");
    expect(repeat.results.filter((r) => r.verdict.status === "errored")).toEqual([]);
    expect(repeat.ms).toBeLessThanOrEqual(outcome.durationMs);
  });

  it("the later run, given a webhook receiver, finds every webhook delivered", () => {
    const webhooks = repeat.results.filter((r) => r.checkId.startsWith("webhook_"));
    expect(new Set(webhooks.map((r) => r.checkId))).toEqual(
      new Set(["webhook_called_when_run_finishes", "webhook_body_names_run", "webhook_called_for_stateless_run"]),
    );
    expect(webhooks.filter((r) => r.verdict.status !== "passed")).toEqual([]);
  });

  it("both, two and four scenarios at a time, find the same departures in their scenarios (the same finding keys)", () => {
    const first = keys(scripted());
    const later = keys(repeat.results.filter((r) => r.source.startsWith("scenario:")));
    expect({
      onlyInFirst: [...first].filter((k) => !later.has(k)).sort(),
      onlyInLater: [...later].filter((k) => !first.has(k)).sort(),
    }).toEqual({ onlyInFirst: [], onlyInLater: [] });
  });

  it("leave the server running runs: a short run on a fresh thread completes at once", async () => {
    const signal = AbortSignal.timeout(10_000);
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    const thread = (await (await post("/threads", {})).json()) as { thread_id: string };
    try {
      const waited = await post(`/threads/${thread.thread_id}/runs/wait`, {
        assistant_id: "agent",
        input: { messages: [{ role: "human", content: "still there?" }] },
      });
      const values = JSON.parse(await waited.text()) as { messages?: { content?: unknown }[] };
      expect(values.messages?.map((m) => m.content)).toEqual(["still there?", "echo: still there?"]);
    } finally {
      await fetch(`${server.url}/threads/${thread.thread_id}`, { method: "DELETE" });
    }
  });
});

describe("time", () => {
  it(`the whole suite with its defaults stays within ${FULL_RUN_BUDGET_MS / 60_000} minutes`, () => {
    expect(outcome.durationMs).toBeLessThan(FULL_RUN_BUDGET_MS);
  });
});

describe("the README's first command", () => {
  it("starts the official server itself, prints the report and writes all six reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-e2e-"));
    const json = join(dir, "report.json");
    const junit = join(dir, "report.xml");
    const html = join(dir, "report.html");
    const markdown = join(dir, "summary.md");
    const badge = join(dir, "badge.json");
    const { code, stdout } = await conformance(
      [
        "--only",
        "System",
        "--runs",
        "0",
        "--report",
        "console,html,markdown,badge,json,junit",
        "--json-file",
        json,
        "--junit-file",
        junit,
        "--html-file",
        html,
        "--markdown-file",
        markdown,
        "--badge-file",
        badge,
      ],
      90_000,
    );
    // The system endpoints of the official server conform (with E16): the run passes, and says so first.
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASSED \(0 findings\)$/m);
    expect(existsSync(json) && existsSync(junit)).toBe(true);
    const report = JSON.parse(readFileSync(json, "utf8")) as { operations: { operationId: string; verdict: string }[] };
    expect(report.operations).toHaveLength(64);
    expect(report.operations.find((o) => o.operationId === "getOk")?.verdict).toBe("passed");
    expect(stdout).toMatch(/^ {2}[✓∅] System +\d+ operations: \d+ passed, 0 failed/m);
    expect(readFileSync(junit, "utf8")).toMatch(/<testcase classname="System\.getOk" name="not_a_server_error"/);
    expect(readFileSync(html, "utf8")).toMatch(/^<!doctype html>/i);
    expect(readFileSync(markdown, "utf8")).toMatch(/PASSED/);
    // Only the system endpoints were judged: the level holds for them alone.
    expect(JSON.parse(readFileSync(badge, "utf8"))).toMatchObject({ schemaVersion: 1, label: "conformance" });
    expect(JSON.parse(readFileSync(badge, "utf8")).message).toMatch(/\(partial\)$/);
  }, 120_000);
});
