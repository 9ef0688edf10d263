// The SDK suite: the store, thread and assistant flows driven through the official JS client, a verdict per SDK method
// and client.

import { isDeepStrictEqual } from "node:util";
import type { Checkpoint } from "@langchain/langgraph-sdk";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { JS_CLIENT, recordingClient, sdkCall, sdkResult, type SdkOutcome, type SdkStep } from "./client.ts";
import { operationOfMethod, SDK, SDK_FLOW_METHODS, SDK_FLOW_OPERATIONS } from "./rules.ts";
import { SdkVerdicts } from "./verdicts.ts";
import { hasMessages, human, marker, pick, own, owns } from "../support/index.ts";
import { graphAssistant, GRAPH_IDS } from "../support/index.ts";

interface Expectation<T> {
  claim: string;
  expected: unknown;
  holds(value: T): boolean;
}

interface Sdk {
  <T>(step: SdkStep<T>, expectation?: Expectation<T>): Promise<SdkOutcome<T>>;
  verdicts: SdkVerdicts;
  /** Ends the scenario as skipped: every method of it not called yet gets the reason, for the JS client. */
  stop(reason: string): Promise<never>;
}

/** Calls SDK methods on a recording client; each call is reported, and so is its result when an expectation is given. */
function runner(ctx: ScenarioContext, scenario: Scenario): Sdk {
  const recorded = recordingClient(ctx.target);
  const verdicts = new SdkVerdicts(ctx, scenario.id, JS_CLIENT);
  const sdk = async <T>(step: SdkStep<T>, expectation?: Expectation<T>): Promise<SdkOutcome<T>> => {
    const outcome = await sdkCall(ctx, verdicts, recorded, step);
    if (expectation)
      await sdkResult(verdicts, step, outcome, expectation.claim, expectation.expected, expectation.holds);
    return outcome;
  };
  const stop = async (reason: string): Promise<never> => {
    await verdicts.rest(SDK.sdk_call, scenario.sdk ?? [], operationOfMethod, { reason });
    return ctx.skip(reason);
  };
  return Object.assign(sdk, { verdicts, stop });
}

const store: Scenario = {
  id: "sdk.store",
  sdk: SDK_FLOW_METHODS.store,
  title: "Store through the official JS SDK",
  tag: "Store",
  rules: [SDK.sdk_call, SDK.sdk_result],
  covers: SDK_FLOW_OPERATIONS.store,
  async run(ctx) {
    const sdk = runner(ctx, store);
    const ns = [ctx.prefix, "sdk"];
    const value = { text: "from the SDK" };
    ctx.defer({ op: "DELETE /store/items", step: "delete the SDK's item", body: { namespace: ns, key: "item" } });
    const put = await sdk({
      sdk: "store.put_item",
      op: "PUT /store/items",
      call: "client.store.putItem",
      run: (c) => c.store.putItem(ns, "item", value, { index: false }),
    });
    if (!put.ok) await sdk.stop("client.store.putItem failed, so the other store methods have no item to work on");
    await sdk(
      {
        sdk: "store.get_item",
        op: "GET /store/items",
        call: "client.store.getItem",
        run: (c) => c.store.getItem(ns, "item"),
      },
      { claim: "returns the item put", expected: value, holds: (item) => isDeepStrictEqual(item?.value, value) },
    );
    await sdk(
      {
        sdk: "store.search_items",
        op: "POST /store/items/search",
        call: "client.store.searchItems",
        run: (c) => c.store.searchItems(ns, { limit: 10 }),
      },
      { claim: "finds the item", expected: ["item"], holds: (r) => r.items.some((i) => i.key === "item") },
    );
    await sdk(
      {
        sdk: "store.list_namespaces",
        op: "POST /store/namespaces",
        call: "client.store.listNamespaces",
        run: (c) => c.store.listNamespaces({ prefix: ns }),
      },
      {
        claim: "lists the item's namespace",
        expected: [ns],
        holds: (r) => r.namespaces.some((n) => isDeepStrictEqual(n, ns)),
      },
    );
    await sdk({
      sdk: "store.delete_item",
      op: "DELETE /store/items",
      call: "client.store.deleteItem",
      run: (c) => c.store.deleteItem(ns, "item"),
    });
  },
};

type Meta = Record<string, string>;

/** Creates the thread the other thread methods work on; the scenario stops if the SDK cannot. */
async function createSdkThread(ctx: ScenarioContext, sdk: Sdk, meta: Meta): Promise<string> {
  const created = await sdk(
    {
      sdk: "threads.create",
      op: "POST /threads",
      call: "client.threads.create",
      run: (c) => c.threads.create({ metadata: meta, graphId: GRAPH_IDS.echo }),
    },
    {
      claim: "returns a thread with the metadata given",
      expected: meta,
      holds: (t) => t.metadata?.conformance_scenario === meta.conformance_scenario,
    },
  );
  if (!created.ok)
    return sdk.stop("client.threads.create failed, so the other thread methods have no thread to work on");
  const id = created.value.thread_id;
  await own(ctx, "thread", id, created.value);
  ctx.defer({ op: "DELETE /threads/{thread_id}", step: `delete thread ${id}`, params: { thread_id: id } });
  return id;
}

async function getUpdateAndFindThread(sdk: Sdk, id: string, meta: Meta): Promise<void> {
  await sdk(
    { sdk: "threads.get", op: "GET /threads/{thread_id}", call: "client.threads.get", run: (c) => c.threads.get(id) },
    { claim: "returns the thread", expected: id, holds: (t) => t.thread_id === id },
  );
  await sdk(
    {
      sdk: "threads.update",
      op: "PATCH /threads/{thread_id}",
      call: "client.threads.update",
      run: (c) => c.threads.update(id, { metadata: { extra: "1" } }),
    },
    {
      claim: "returns the thread with the metadata merged",
      expected: { ...meta, extra: "1" },
      holds: (t) => t.metadata?.extra === "1" && t.metadata?.conformance_scenario === meta.conformance_scenario,
    },
  );
  await sdk(
    {
      sdk: "threads.search",
      op: "POST /threads/search",
      call: "client.threads.search",
      run: (c) => c.threads.search({ metadata: meta }),
    },
    { claim: "finds the thread by metadata", expected: [id], holds: (list) => list.some((t) => t.thread_id === id) },
  );
  await sdk(
    {
      sdk: "threads.count",
      op: "POST /threads/count",
      call: "client.threads.count",
      run: (c) => c.threads.count({ metadata: meta }),
    },
    { claim: "counts the one thread with that metadata", expected: 1, holds: (n) => n === 1 },
  );
}

/** Writes the thread's state and reads it back; then, when both worked, reads it at the checkpoint written. */
async function writeAndReadState(ctx: ScenarioContext, sdk: Sdk, id: string): Promise<void> {
  const updated = await sdk(
    {
      sdk: "threads.update_state",
      op: "POST /threads/{thread_id}/state",
      call: "client.threads.updateState",
      run: (c) => c.threads.updateState(id, { values: human("sdk"), asNode: "echo" }),
    },
    {
      claim: "returns the new checkpoint",
      expected: "checkpoint.checkpoint_id",
      holds: (r) => typeof pick(r, "checkpoint.checkpoint_id") === "string",
    },
  );
  const latest = await sdk(
    {
      sdk: "threads.get_state",
      op: "GET /threads/{thread_id}/state",
      call: "client.threads.getState",
      run: (c) => c.threads.getState(id),
    },
    {
      claim: "shows the values written by updateState",
      expected: { messages: [{ content: "sdk" }] },
      holds: (s) => hasMessages(s.values, ["sdk"]),
    },
  );
  if (updated.ok && latest.ok) await readAtCheckpoint(ctx, sdk, id, latest.value.checkpoint);
}

/**
 * Reads the state at the checkpoint getState showed, and the history. A state without a checkpoint id (null, say)
 * stops only the reads that need one; the history is still read.
 */
async function readAtCheckpoint(ctx: ScenarioContext, sdk: Sdk, id: string, checkpoint: unknown): Promise<void> {
  const checkpointId = pick(checkpoint, "checkpoint_id");
  if (typeof checkpointId === "string") {
    await sdk(
      {
        sdk: "threads.get_state",
        op: "GET /threads/{thread_id}/state/{checkpoint_id}",
        call: "client.threads.getState(threadId, checkpointId)",
        run: (c) => c.threads.getState(id, checkpointId),
      },
      {
        claim: "returns the state at that checkpoint",
        expected: checkpointId,
        holds: (s) => pick(s, "checkpoint.checkpoint_id") === checkpointId,
      },
    );
    await sdk(
      {
        sdk: "threads.get_state",
        op: "POST /threads/{thread_id}/state/checkpoint",
        call: "client.threads.getState(threadId, checkpoint)",
        run: (c) => c.threads.getState(id, checkpoint as Checkpoint),
      },
      {
        claim: "returns the state at the checkpoint object read from getState",
        expected: checkpointId,
        holds: (s) => pick(s, "checkpoint.checkpoint_id") === checkpointId,
      },
    );
  } else {
    const reason = `getState showed no checkpoint id (checkpoint: ${JSON.stringify(checkpoint) ?? "absent"}), so no state at a checkpoint can be read`;
    for (const [op, call] of [
      ["GET /threads/{thread_id}/state/{checkpoint_id}", "client.threads.getState(threadId, checkpointId)"],
      ["POST /threads/{thread_id}/state/checkpoint", "client.threads.getState(threadId, checkpoint)"],
    ] as const) {
      await sdk.verdicts.skip(SDK.sdk_call, reason, { op, sdk: "threads.get_state", detail: call });
    }
  }
  await sdk(
    {
      sdk: "threads.get_history",
      op: "POST /threads/{thread_id}/history",
      call: "client.threads.getHistory",
      run: (c) => c.threads.getHistory(id, { limit: 5 }),
    },
    typeof checkpointId === "string"
      ? {
          claim: "lists the latest checkpoint first",
          expected: checkpointId,
          holds: (h) => pick(h[0], "checkpoint.checkpoint_id") === checkpointId,
        }
      : { claim: "lists the thread's checkpoints", expected: "a non-empty list", holds: (h) => h.length > 0 },
  );
}

async function copyAndDeleteThread(ctx: ScenarioContext, sdk: Sdk, id: string): Promise<void> {
  const copied = await sdk(
    {
      sdk: "threads.copy",
      op: "POST /threads/{thread_id}/copy",
      call: "client.threads.copy",
      run: (c) => c.threads.copy(id),
    },
    {
      claim: "returns a new thread",
      expected: `a thread other than ${id}`,
      holds: (t) => typeof t.thread_id === "string" && t.thread_id !== id,
    },
  );
  if (copied.ok && typeof copied.value.thread_id === "string" && (await owns(ctx, "thread", copied.value.thread_id)))
    ctx.defer({
      op: "DELETE /threads/{thread_id}",
      step: `delete copied thread ${copied.value.thread_id}`,
      params: { thread_id: copied.value.thread_id },
    });
  await sdk({
    sdk: "threads.delete",
    op: "DELETE /threads/{thread_id}",
    call: "client.threads.delete",
    run: (c) => c.threads.delete(id),
  });
}

const threads: Scenario = {
  id: "sdk.threads",
  sdk: SDK_FLOW_METHODS.threads,
  title: "Threads and their state through the official JS SDK",
  tag: "Threads",
  rules: [SDK.sdk_call, SDK.sdk_result],
  covers: SDK_FLOW_OPERATIONS.threads,
  async run(ctx) {
    await graphAssistant(ctx, GRAPH_IDS.echo);
    const sdk = runner(ctx, threads);
    const meta = marker(ctx, "sdk-threads");
    const id = await createSdkThread(ctx, sdk, meta);
    await getUpdateAndFindThread(sdk, id, meta);
    await writeAndReadState(ctx, sdk, id);
    await copyAndDeleteThread(ctx, sdk, id);
  },
};

/** Creates the assistant the other assistant methods work on; the scenario stops if the SDK cannot. */
async function createSdkAssistant(ctx: ScenarioContext, sdk: Sdk, meta: Meta): Promise<string> {
  const created = await sdk(
    {
      sdk: "assistants.create",
      op: "POST /assistants",
      call: "client.assistants.create",
      run: (c) =>
        c.assistants.create({
          graphId: GRAPH_IDS.echo,
          name: `${ctx.prefix}-sdk`,
          metadata: meta,
          ifExists: "raise",
        }),
    },
    {
      claim: "returns an assistant of the graph given",
      expected: GRAPH_IDS.echo,
      holds: (a) => a.graph_id === GRAPH_IDS.echo,
    },
  );
  if (!created.ok)
    return sdk.stop("client.assistants.create failed, so the other assistant methods have no assistant to work on");
  const id = created.value.assistant_id;
  await own(ctx, "assistant", id, created.value);
  ctx.defer({
    op: "DELETE /assistants/{assistant_id}",
    step: `delete assistant ${id}`,
    params: { assistant_id: id },
  });
  return id;
}

async function readAssistant(sdk: Sdk, id: string): Promise<void> {
  await sdk(
    {
      sdk: "assistants.get",
      op: "GET /assistants/{assistant_id}",
      call: "client.assistants.get",
      run: (c) => c.assistants.get(id),
    },
    { claim: "returns the assistant", expected: id, holds: (a) => a.assistant_id === id },
  );
  await sdk(
    {
      sdk: "assistants.get_graph",
      op: "GET /assistants/{assistant_id}/graph",
      call: "client.assistants.getGraph",
      run: (c) => c.assistants.getGraph(id, { xray: true }),
    },
    {
      claim: "returns the graph with its echo node",
      expected: "a node echo",
      holds: (g) => g.nodes.some((n) => n.id === "echo"),
    },
  );
  await sdk(
    {
      sdk: "assistants.get_schemas",
      op: "GET /assistants/{assistant_id}/schemas",
      call: "client.assistants.getSchemas",
      run: (c) => c.assistants.getSchemas(id),
    },
    {
      claim: "returns the graph's schemas",
      expected: { graph_id: GRAPH_IDS.echo },
      holds: (s) => s.graph_id === GRAPH_IDS.echo,
    },
  );
  await sdk(
    {
      sdk: "assistants.get_subgraphs",
      op: "GET /assistants/{assistant_id}/subgraphs",
      call: "client.assistants.getSubgraphs",
      run: (c) => c.assistants.getSubgraphs(id),
    },
    {
      claim: "returns no subgraphs for a graph without any",
      expected: {},
      holds: (s) => Object.keys(s).length === 0,
    },
  );
}

async function versionAssistant(sdk: Sdk, id: string): Promise<void> {
  await sdk(
    {
      sdk: "assistants.update",
      op: "PATCH /assistants/{assistant_id}",
      call: "client.assistants.update",
      run: (c) => c.assistants.update(id, { metadata: { revision: "2" } }),
    },
    {
      claim: "returns the assistant with the new metadata",
      expected: { revision: "2" },
      holds: (a) => a.metadata?.revision === "2",
    },
  );
  await sdk(
    {
      sdk: "assistants.get_versions",
      op: "POST /assistants/{assistant_id}/versions",
      call: "client.assistants.getVersions",
      run: (c) => c.assistants.getVersions(id),
    },
    { claim: "lists both versions", expected: 2, holds: (v) => v.length === 2 },
  );
  await sdk(
    {
      sdk: "assistants.set_latest",
      op: "POST /assistants/{assistant_id}/latest",
      call: "client.assistants.setLatest",
      run: (c) => c.assistants.setLatest(id, 1),
    },
    { claim: "returns the assistant at version 1", expected: 1, holds: (a) => a.version === 1 },
  );
}

async function findAssistant(sdk: Sdk, id: string, meta: Meta): Promise<void> {
  await sdk(
    {
      sdk: "assistants.search",
      op: "POST /assistants/search",
      call: "client.assistants.search",
      run: (c) => c.assistants.search({ metadata: meta }),
    },
    {
      claim: "finds the assistant by metadata",
      expected: [id],
      holds: (list) => list.some((a) => a.assistant_id === id),
    },
  );
  await sdk(
    {
      sdk: "assistants.count",
      op: "POST /assistants/count",
      call: "client.assistants.count",
      run: (c) => c.assistants.count({ metadata: meta }),
    },
    { claim: "counts the one assistant with that metadata", expected: 1, holds: (n) => n === 1 },
  );
}

const assistants: Scenario = {
  id: "sdk.assistants",
  sdk: SDK_FLOW_METHODS.assistants,
  title: "Assistants through the official JS SDK",
  tag: "Assistants",
  // Reading a graph's schemas may compile the graph: seconds of the server's CPU. Beside other scenarios, such a
  // read can outlast the request's time limit, a finding the suite itself would have caused.
  alone: true,
  rules: [SDK.sdk_call, SDK.sdk_result],
  covers: SDK_FLOW_OPERATIONS.assistants,
  async run(ctx) {
    await graphAssistant(ctx, GRAPH_IDS.echo);
    const sdk = runner(ctx, assistants);
    const meta = marker(ctx, "sdk-assistants");
    const id = await createSdkAssistant(ctx, sdk, meta);
    await readAssistant(sdk, id);
    await versionAssistant(sdk, id);
    await findAssistant(sdk, id, meta);
    await sdk({
      sdk: "assistants.delete",
      op: "DELETE /assistants/{assistant_id}",
      call: "client.assistants.delete",
      run: (c) => c.assistants.delete(id),
    });
  },
};

export const sdkScenarios: Scenario[] = [store, threads, assistants];
