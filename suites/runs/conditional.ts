// A graph with a conditional edge (branch_agent: classify, then left or right, then finish): the updates stream names
// the branch taken, and a resume after update_state as_node goes on from the node that follows it.

import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { all, contents, createThread, dataOf, eventsOf, graphAssistant, GRAPH_IDS, human } from "../support/index.ts";
import { runBody, say, stateValues, STREAM_BOUNDS, why, type Json } from "../support/index.ts";
import { RUNS, STREAM, UPDATE_STATE, WAIT } from "./rules.ts";

const NODES = ["classify", "left", "right", "finish"];

/** "go left" streams classify, left, finish: the updates events name them in that order, and no other node. */
async function updatesOrder(ctx: ScenarioContext, assistantId: string): Promise<void> {
  const threadId = await createThread(ctx);
  const outcome = await ctx.call({
    op: STREAM,
    step: "stream branch_agent with go left in updates mode",
    params: { thread_id: threadId },
    body: runBody(assistantId, { metadata: ctx.metadata, ...say("go left"), stream_mode: ["updates"] }),
    stream: STREAM_BOUNDS,
    sdk: "runs.stream",
  });
  const named = eventsOf(outcome)
    .filter((e) => e.event === "updates")
    .flatMap((e) => Object.keys((dataOf(e) as Json | undefined) ?? {}))
    .filter((node) => NODES.includes(node));
  const expected = ["classify", "left", "finish"];
  await ctx.holds(RUNS.stream_updates_follow_branch, {
    ok: outcome.ok && isDeepStrictEqual(named, expected),
    expected,
    actual: outcome.ok ? named : why(outcome),
    evidence: outcome,
  });
}

/**
 * A thread written as if classify had routed "go right" (next: right), then as if left had run instead: a resume runs
 * finish, which follows left, and not right, which the thread was stopped before.
 */
async function resumeAfterAsNode(ctx: ScenarioContext, assistantId: string): Promise<void> {
  // The graph id in the metadata lets the state be written before any run, as a run would have set it.
  const threadId = await createThread(ctx, { metadata: { ...ctx.metadata, graph_id: GRAPH_IDS.branch } });
  const write = (values: Json, asNode: string) =>
    ctx.call({
      op: UPDATE_STATE,
      step: `update the state as node ${asNode}`,
      params: { thread_id: threadId },
      body: { values, as_node: asNode },
      sdk: "threads.update_state",
    });
  const routed = await write(human("go right"), "classify");
  const updated = routed.ok ? await write({ messages: [{ role: "ai", content: "written as left" }] }, "left") : routed;
  const resumed = await ctx.call({
    op: WAIT,
    step: "resume with no input",
    params: { thread_id: threadId },
    body: runBody(assistantId, { metadata: ctx.metadata, input: null }),
    timeoutMs: 10_000,
    sdk: "runs.wait",
  });
  const { outcome: state, values } = await stateValues(ctx, threadId);
  const texts = contents(values);
  const ok = texts.at(-1) === "finished" && texts.includes("written as left") && !texts.includes("went right");
  await ctx.holds(RUNS.update_state_as_node_resume_follows, {
    ok: updated.ok && resumed.ok && ok,
    expected: ["go right", "written as left", "finished"],
    actual: updated.ok ? (resumed.ok ? texts : why(resumed)) : why(updated),
    evidence: !updated.ok ? updated : !resumed.ok ? resumed : state,
  });
}

const conditional: Scenario = {
  id: "runs.conditional",
  title: "Thread runs through a conditional edge: the updates stream and update_state as_node",
  tag: "Thread Runs",
  covers: [STREAM, UPDATE_STATE],
  rules: [RUNS.stream_updates_follow_branch, RUNS.update_state_as_node_resume_follows],
  async run(ctx) {
    const assistantId = await graphAssistant(ctx, GRAPH_IDS.branch);
    await all([updatesOrder(ctx, assistantId), resumeAfterAsNode(ctx, assistantId)]);
  },
};

export const runConditionalScenarios: Scenario[] = [conditional];
