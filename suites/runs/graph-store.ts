// The store is one, for graphs and for /store/items: store_agent reads the item the API put in the namespace the run
// names (not the one of the same key in a sibling namespace), and the API reads the item the graph put.

import { isDeepStrictEqual } from "node:util";
import type { Scenario } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { bodyOf, contents, createThread, graphAssistant, GRAPH_IDS, runBody, say } from "../support/index.ts";
import { stateValues, why } from "../support/index.ts";
import { RUNS, WAIT } from "./rules.ts";

const PUT = "PUT /store/items";
const GET = "GET /store/items";
const DELETE = "DELETE /store/items";

/** The JSON the graph answered with, {"read": …}, or undefined. */
function answer(values: unknown): unknown {
  try {
    return JSON.parse(contents(values).at(-1) ?? "");
  } catch {
    return undefined;
  }
}

const graphStore: Scenario = {
  id: "runs.graph-store",
  title: "Thread runs: a graph and /store/items share one store, both ways",
  tag: "Thread Runs",
  covers: [PUT, GET, WAIT],
  rules: [RUNS.graph_reads_store_items, RUNS.store_reads_graph_items],
  async run(ctx) {
    const namespace = [ctx.prefix, "graph-store", "run"];
    const sibling = [ctx.prefix, "graph-store", "sibling"];
    for (const [ns, key] of [
      [namespace, "from_api"],
      [sibling, "from_api"],
      [namespace, "from_graph"],
    ] as const)
      ctx.defer({ op: DELETE, step: `delete ${key} under ${ns.join(".")}`, body: { namespace: ns, key } });
    const fromApi = { text: `${ctx.prefix} put by the api` };
    // The decoy goes in second: a store that ignores the namespace gives the graph the last item put under the key.
    let refused: StepOutcome | undefined;
    for (const [ns, value, step] of [
      [namespace, fromApi, "put from_api in the run's namespace"],
      [sibling, { text: "decoy in a sibling namespace" }, "put from_api in a sibling namespace"],
    ] as const) {
      const put = await ctx.call({
        op: PUT,
        step,
        body: { namespace: ns, key: "from_api", value },
        sdk: "store.put_item",
      });
      refused ??= put.ok ? undefined : put;
    }

    const assistantId = await graphAssistant(ctx, GRAPH_IDS.store);
    const threadId = await createThread(ctx);
    const text = `${ctx.prefix} put by the graph`;
    const run = await ctx.call({
      op: WAIT,
      step: "run store_agent in the run's namespace",
      params: { thread_id: threadId },
      body: runBody(assistantId, {
        metadata: ctx.metadata,
        ...say(text),
        config: { configurable: { store_namespace: namespace } },
      }),
      timeoutMs: 10_000,
      sdk: "runs.wait",
    });
    const { outcome: state, values } = await stateValues(ctx, threadId);
    const read = answer(values);
    if (refused)
      await ctx.skipRule(RUNS.graph_reads_store_items, `putStoreItem ${why(refused)}, so there is no item to read`, {
        evidence: refused,
      });
    else
      await ctx.holds(RUNS.graph_reads_store_items, {
        ok: run.ok && isDeepStrictEqual(read, { read: fromApi }),
        expected: { read: fromApi },
        actual: read ?? (run.ok ? contents(values) : why(run)),
        evidence: run.ok ? state : run,
      });

    const got = await ctx.call({
      op: GET,
      step: "get the item the graph put",
      query: { namespace: namespace.join("."), key: "from_graph" },
      expect: "any",
      sdk: "store.get_item",
    });
    await ctx.holds(RUNS.store_reads_graph_items, {
      ok: run.ok && isDeepStrictEqual(bodyOf(got)?.value, { text }),
      expected: { namespace, key: "from_graph", value: { text } },
      actual: got.json ?? why(got),
      evidence: got,
    });
  },
};

export const runGraphStoreScenarios: Scenario[] = [graphStore];
