// Branching from an earlier checkpoint: a run given a checkpoint, and update_state given one, start from it, not from
// the latest checkpoint.

import { isDeepStrictEqual } from "node:util";
import type { Scenario } from "../../src/engine/scenario.ts";
import {
  bodyOf,
  contents,
  createThread,
  graphAssistant,
  GRAPH_IDS,
  human,
  pick,
  runBody,
  say,
} from "../support/index.ts";
import { shownAt, stateValues, why, type Json } from "../support/index.ts";
import { RUNS, UPDATE_STATE, WAIT } from "./rules.ts";

const checkpoints: Scenario = {
  id: "runs.checkpoints",
  title: "Thread runs: a run or a state update given an earlier checkpoint branches from it",
  tag: "Thread Runs",
  covers: [WAIT, UPDATE_STATE],
  rules: [RUNS.run_from_checkpoint_branches, RUNS.update_state_at_checkpoint_branches],
  async run(ctx) {
    const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
    // The graph id in the metadata lets the state be written before any run, as a run would have set it.
    const threadId = await createThread(ctx, { metadata: { ...ctx.metadata, graph_id: GRAPH_IDS.echo } });
    const write = (text: string, step: string, extra: Json = {}) =>
      ctx.call({
        op: UPDATE_STATE,
        step,
        params: { thread_id: threadId },
        body: { values: human(text), as_node: "echo", ...extra },
        sdk: "threads.update_state",
      });
    const first = await write("one", "write one to the state");
    if (!first.ok) ctx.skip(`updateThreadState ${why(first)}, so the thread has no checkpoint to branch from`, first);
    const { outcome: afterFirst, values: firstValues } = await stateValues(ctx, threadId);
    const checkpointId = pick(afterFirst.json, "checkpoint.checkpoint_id");
    if (typeof checkpointId !== "string")
      ctx.skip(`the state names no checkpoint (${shownAt(afterFirst, "checkpoint")}), so none can be given`);
    const checkpoint = { checkpoint_id: checkpointId };
    const later = await write("two", "write two to the state");
    if (!later.ok) ctx.skip(`updateThreadState ${why(later)}, so the first checkpoint is the latest`, later);

    const branched = await ctx.call({
      op: WAIT,
      step: "run the echo graph from the first checkpoint (three)",
      params: { thread_id: threadId },
      body: runBody(echo, { metadata: ctx.metadata, ...say("three"), checkpoint }),
      timeoutMs: 10_000,
      sdk: "runs.wait",
    });
    const expected = [...contents(firstValues), "three", "echo: three"];
    const { outcome: afterBranch, values } = await stateValues(ctx, threadId);
    await ctx.holds(RUNS.run_from_checkpoint_branches, {
      ok: branched.ok && isDeepStrictEqual(contents(values), expected),
      expected,
      actual: branched.ok ? contents(values) : why(branched),
      evidence: branched.ok ? afterBranch : branched,
    });

    const updated = await write("four", "write four to the state at the first checkpoint", { checkpoint });
    const { outcome: state, values: updatedValues } = await stateValues(ctx, threadId);
    const parent = pick(bodyOf(state), "parent_checkpoint.checkpoint_id");
    const updateExpected = [...contents(firstValues), "four"];
    await ctx.holds(RUNS.update_state_at_checkpoint_branches, {
      ok: updated.ok && parent === checkpointId && isDeepStrictEqual(contents(updatedValues), updateExpected),
      expected: { parent_checkpoint: checkpointId, messages: updateExpected },
      actual: updated.ok ? { parent_checkpoint: parent ?? null, messages: contents(updatedValues) } : why(updated),
      evidence: updated.ok ? state : updated,
    });
  },
};

export const runCheckpointScenarios: Scenario[] = [checkpoints];
