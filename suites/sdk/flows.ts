// The SDK suite: the store, thread and assistant flows driven through the official JS client, a verdict per SDK method
// and client.

import { isDeepStrictEqual } from "node:util";
import type { Checkpoint } from "@langchain/langgraph-sdk";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { JS_CLIENT, recordingClient, sdkCall, sdkResult, type SdkOutcome, type SdkStep } from "./client.ts";
import { operationOfMethod, SDK, SDK_FLOW_METHODS, SDK_FLOW_OPERATIONS } from "./rules.ts";
import { SdkVerdicts } from "./verdicts.ts";
import { delay, hasMessages, human, marker, pick, own, owns } from "../support/index.ts";
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

/** Every part of a stream the client yields, as event and data. */
async function collect(
  parts: AsyncIterable<{ event: string; data: unknown }>,
): Promise<{ event: string; data: unknown }[]> {
  const out: { event: string; data: unknown }[] = [];
  for await (const part of parts) out.push({ event: part.event, data: part.data });
  return out;
}

/** The first part of a stream that does not end by itself (a thread's), then it is closed; none after `timeoutMs`. */
async function firstPart(
  open: (signal: AbortSignal) => AsyncIterable<{ event: string; data: unknown }>,
  timeoutMs = 5_000,
): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for await (const part of open(controller.signal)) return [{ event: part.event, data: part.data }];
    return [];
  } catch (err) {
    if (controller.signal.aborted) return [];
    throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

const answered = (text: string) => (values: unknown) => hasMessages(values, [`echo: ${text}`]);

/** Runs on a thread: wait, stream, a background run joined, read, listed, replayed and deleted, then a batch. */
async function runsOnThread(ctx: ScenarioContext, sdk: Sdk, id: string, echo: string, meta: Meta): Promise<void> {
  await sdk(
    {
      sdk: "runs.wait",
      op: "POST /threads/{thread_id}/runs/wait",
      call: "client.runs.wait",
      run: (c) => c.runs.wait(id, echo, { input: human("wait") }),
    },
    { claim: "returns the thread's values with the graph's answer", expected: "echo: wait", holds: answered("wait") },
  );
  await sdk(
    {
      sdk: "runs.stream",
      op: "POST /threads/{thread_id}/runs/stream",
      call: "client.runs.stream",
      run: (c) => collect(c.runs.stream(id, echo, { input: human("stream"), streamMode: "values" })),
    },
    {
      claim: "streams the values with the graph's answer",
      expected: "echo: stream",
      holds: (parts) => parts.some((p) => p.event === "values" && answered("stream")(p.data)),
    },
  );
  const created = await sdk(
    {
      sdk: "runs.create",
      op: "POST /threads/{thread_id}/runs",
      call: "client.runs.create",
      run: (c) => c.runs.create(id, echo, { input: human("background") }),
    },
    { claim: "returns a run on the thread", expected: id, holds: (r) => r.thread_id === id && !!r.run_id },
  );
  if (!created.ok) return;
  const runId = created.value.run_id;
  await sdk(
    {
      sdk: "runs.join",
      op: "GET /threads/{thread_id}/runs/{run_id}/join",
      call: "client.runs.join",
      run: (c) => c.runs.join(id, runId),
    },
    {
      claim: "returns the thread's values with the graph's answer",
      expected: "echo: background",
      holds: answered("background"),
    },
  );
  await sdk(
    {
      sdk: "runs.get",
      op: "GET /threads/{thread_id}/runs/{run_id}",
      call: "client.runs.get",
      run: (c) => c.runs.get(id, runId),
    },
    {
      claim: "returns the finished run",
      expected: "success",
      holds: (r) => r.run_id === runId && r.status === "success",
    },
  );
  await sdk(
    { sdk: "runs.list", op: "GET /threads/{thread_id}/runs", call: "client.runs.list", run: (c) => c.runs.list(id) },
    { claim: "lists the run", expected: [runId], holds: (runs) => runs.some((r) => r.run_id === runId) },
  );
  await sdk({
    sdk: "runs.join_stream",
    op: "GET /threads/{thread_id}/runs/{run_id}/stream",
    call: "client.runs.joinStream",
    run: (c) => collect(c.runs.joinStream(id, runId)),
  });
  await sdk({
    sdk: "runs.delete",
    op: "DELETE /threads/{thread_id}/runs/{run_id}",
    call: "client.runs.delete",
    run: (c) => c.runs.delete(id, runId),
  });
  const slow = await graphAssistant(ctx, GRAPH_IDS.slow);
  const going = await sdk({
    sdk: "runs.create",
    op: "POST /threads/{thread_id}/runs",
    call: "client.runs.create(slow graph)",
    run: (c) => c.runs.create(id, slow, { input: human("slow"), ...delay(20_000), multitaskStrategy: "interrupt" }),
  });
  if (going.ok) {
    const slowId = going.value.run_id;
    await sdk(
      {
        sdk: "threads.join_stream",
        op: "GET /threads/{thread_id}/stream",
        call: "client.threads.joinStream",
        run: (c) => firstPart((signal) => c.threads.joinStream(id, { signal })),
      },
      { claim: "streams an event of the thread's run", expected: "one part", holds: (parts) => parts.length === 1 },
    );
    await sdk({
      sdk: "runs.cancel",
      op: "POST /threads/{thread_id}/runs/{run_id}/cancel",
      call: "client.runs.cancel",
      run: (c) => c.runs.cancel(id, slowId, true),
    });
    await sdk(
      {
        sdk: "runs.get",
        op: "GET /threads/{thread_id}/runs/{run_id}",
        call: "client.runs.get(cancelled run)",
        run: (c) => c.runs.get(id, slowId),
      },
      // That the run ended is what the client's wait gives; its status after a cancel is the runs rules' to judge.
      {
        claim: "shows the run ended once a cancel that waits has answered",
        expected: "not pending or running",
        holds: (r) => r.status !== "pending" && r.status !== "running",
      },
    );
  }
  const batch = await sdk(
    {
      sdk: "runs.create_batch",
      op: "POST /runs/batch",
      call: "client.runs.createBatch",
      run: (c) => c.runs.createBatch([{ assistantId: echo, input: human("batch"), metadata: meta }]),
    },
    { claim: "returns one run per payload", expected: 1, holds: (runs) => runs.length === 1 && !!runs[0]?.run_id },
  );
  // A stateless run's thread goes once the run ends: wait for it, so that nothing it made outlives the scenario.
  for (const run of batch.ok ? batch.value : []) {
    await ctx.call({
      op: "GET /threads/{thread_id}/runs/{run_id}/join",
      step: "wait for the batch's run to end",
      params: { thread_id: run.thread_id, run_id: run.run_id },
      expect: "any",
      report: false,
    });
  }
}

const runs: Scenario = {
  id: "sdk.runs",
  sdk: SDK_FLOW_METHODS.runs,
  title: "Runs through the official JS SDK",
  tag: "Thread Runs",
  rules: [SDK.sdk_call, SDK.sdk_result],
  covers: SDK_FLOW_OPERATIONS.runs,
  async run(ctx) {
    const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
    const sdk = runner(ctx, runs);
    const meta = marker(ctx, "sdk-runs");
    const id = await createSdkThread(ctx, sdk, meta);
    await runsOnThread(ctx, sdk, id, echo, meta);
  },
};

export const sdkScenarios: Scenario[] = [store, threads, assistants, runs];
