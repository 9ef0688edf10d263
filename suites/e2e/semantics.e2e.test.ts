// The semantic and SDK scenarios against the real official server: no suite errors, every SDK method judged, its departures detected.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../fixtures/reference-server.ts";
import { runConformance, type RunOutcome } from "../../src/engine/run.ts";
import { loadSpec } from "../../src/spec/load.ts";
import { ruleResults, summary } from "../../fixtures/fakes/run-on-fake.ts";
import { semanticScenarios } from "../scenario-semantics.ts";
import { SDK_METHODS } from "../sdk/methods.ts";

let server: ReferenceServer;
let outcome: RunOutcome;
let durationMs: number;

beforeAll(async () => {
  server = await startReferenceServer({});
  const started = performance.now();
  outcome = await runConformance({
    spec: await loadSpec(),
    target: server.url,
    embedded: true,
    headers: {},
    timeoutMs: 15_000,
    seed: 1,
    selection: { only: [], skip: [] },
    scenarios: semanticScenarios,
    listeners: [],
  });
  durationMs = performance.now() - started;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const findings = (source: string, operationId: string, checkId: string) =>
  outcome.results.flatMap((r) => (r.source === `scenario:${source}` && r.operationId === operationId && r.checkId === checkId && r.verdict.status === "failed" ? r.verdict.findings : []));

describe("the semantic and SDK scenarios on the official server", () => {
  it("run without suite errors, within 60 s, and leave nothing behind", () => {
    expect(outcome.results.filter((r) => r.verdict.status === "errored")).toEqual([]);
    expect(durationMs).toBeLessThan(60_000);
    expect(outcome.leftovers).toEqual([]);
  });

  it("judge every method of AssistantsClient, ThreadsClient (but join_stream) and StoreClient", () => {
    const wanted = SDK_METHODS.filter((m) => /^(assistants|threads|store)\./.test(m) && m !== "threads.join_stream");
    const judged = new Set(outcome.results.map((r) => r.sdkMethod));
    expect(wanted.filter((m) => !judged.has(m))).toEqual([]);
    expect(wanted).toHaveLength(26);
  });

  it("find the official JS SDK working: every sdk_call and sdk_result passes", () => {
    const sdk = ruleResults(outcome).filter((r) => r.checkId.startsWith("sdk_"));
    expect(sdk.length).toBeGreaterThan(26);
    expect(sdk.filter((r) => r.verdict.status !== "passed")).toEqual([]);
  });

  it("fail exactly the rules where this server departs from the API, and pass or skip the rest", () => {
    const verdicts = summary(outcome);
    const failed = Object.keys(verdicts).filter((rule) => verdicts[rule] !== "passed" && verdicts[rule] !== "skipped");
    expect(failed.sort()).toEqual(
      [
        "store_ttl_expires_item", // ttl is accepted and ignored
        "store_search_prefix_matches_whole_labels", // ["p","docs"] also finds items under ["p","docsx"]
        "store_search_most_recent_first", // insertion order, not most recently updated first
        "thread_search_by_values", // threads without values match any values filter
        "thread_history_honours_before", // `before` as a checkpoint object is refused (400): only a string is read
        "assistant_search_sort_by_name", // sort_by is ignored: always created_at desc
        "assistant_create_rejects_unknown_graph", // an assistant for an unknown graph_id is created
      ].sort(),
    );
    expect(Object.entries(verdicts).filter(([, v]) => v === "skipped").map(([rule]) => rule).sort()).toEqual(["store_get_refresh_ttl_extends", "store_search_refresh_ttl_extends"]);
  });
});

describe("known departures of the official server, as these scenarios see them", () => {
  it("store ttl is accepted but ignored, with the item read back after its ttl as evidence", () => {
    const [finding] = findings("store.semantics.ttl", "putStoreItem", "store_ttl_expires_item");
    expect(finding?.actual).toMatchObject({ key: "item", value: { n: 1 } });
    expect(outcome.capabilities).toContainEqual({ name: "store ttl", supported: false, detail: "accepted but ignored (ttl 0.1 min)" });
  });

  it("a missing store item answers 200 with null", () => {
    expect(findings("store.semantics.item", "getStoreItem", "response_schema_conformance")).toContainEqual(expect.objectContaining({ actual: null }));
  });

  it("not-found bodies are text/plain", () => {
    expect(findings("threads.semantics.lifecycle", "getThread", "content_type_conformance")).toContainEqual(expect.objectContaining({ actual: "text/plain" }));
  });

  it("validation errors answer 400 instead of 422", () => {
    expect(findings("store.semantics.item", "putStoreItem", "status_code_conformance")).toContainEqual(expect.objectContaining({ actual: 400 }));
  });

  it("an assistant with an unknown graph_id is accepted", () => {
    expect(findings("assistants.semantics.lifecycle", "createAssistant", "assistant_create_rejects_unknown_graph")).toContainEqual(expect.objectContaining({ actual: 200 }));
  });
});
