// Deleting an assistant and its threads: delete_threads=true takes the threads whose metadata names the assistant and
// leaves those of another assistant of the same graph; without it, the assistant's threads stay.

import { randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { createAssistant, createThread, GRAPH_IDS, judgeGone, marker, why } from "../support/index.ts";
import { ASSISTANTS as A, DELETE } from "./rules.ts";

const readThread = (ctx: ScenarioContext, threadId: string, step: string) =>
  ctx.call({
    op: "GET /threads/{thread_id}",
    step,
    params: { thread_id: threadId },
    expect: "any",
    sdk: "threads.get",
  });

/** An assistant of the echo graph and a thread whose metadata names it, as a run of it would. */
async function withThread(ctx: ScenarioContext, letter: string) {
  const graphId = GRAPH_IDS.echo;
  const assistantId = await createAssistant(ctx, graphId, {
    name: `${ctx.prefix}-delete-threads-${letter}`,
    metadata: marker(ctx, "assistants-delete-threads"),
  });
  const threadId = await createThread(ctx, {
    metadata: { ...ctx.metadata, assistant_id: assistantId, graph_id: graphId },
  });
  return { assistantId, threadId };
}

const deleteStep = (assistantId: string, query?: Record<string, boolean>) => ({
  op: DELETE,
  step: `delete assistant ${assistantId}${query ? " with delete_threads=true" : ""}`,
  params: { assistant_id: assistantId },
  ...(query ? { query } : {}),
  expect: "any" as const,
  sdk: "assistants.delete",
});

const refused = (ctx: ScenarioContext, rule: Rule, deleted: StepOutcome) =>
  ctx.skipRule(rule, `the delete ${why(deleted)} (assistant_delete_removes_assistant judges that)`, {
    evidence: deleted,
  });

const deleteThreads: Scenario = {
  id: "assistants.semantics.delete-threads",
  title: "Assistants: delete with and without delete_threads, and the threads of another assistant",
  tag: "Assistants",
  covers: [DELETE],
  rules: [A.assistant_delete_threads_deletes_its_threads, A.assistant_delete_keeps_threads_by_default],
  async run(ctx) {
    const a = await withThread(ctx, "a");
    // The decoy: a thread of another assistant of the same graph, which deleting a's threads must leave.
    const b = await withThread(ctx, "b");

    const withThreads = await ctx.call(deleteStep(a.assistantId, { delete_threads: true }));
    let otherStayed = true;
    if (!withThreads.ok) await refused(ctx, A.assistant_delete_threads_deletes_its_threads, withThreads);
    else {
      const gone = await readThread(ctx, a.threadId, "read the thread of the assistant deleted with its threads");
      const other = await readThread(ctx, b.threadId, "read the thread of the other assistant");
      otherStayed = other.ok;
      await judgeGone(ctx, A.assistant_delete_threads_deletes_its_threads, {
        read: gone,
        never: {
          op: "GET /threads/{thread_id}",
          step: "read a thread that never existed",
          params: { thread_id: randomUUID() },
        },
        what: "thread",
        evidence: gone.status === 404 ? other : gone,
        ok: gone.status === 404 && other.ok,
        expected: { [a.threadId]: 404, [b.threadId]: 200 },
        actual: { [a.threadId]: gone.status ?? why(gone), [b.threadId]: other.status ?? why(other) },
      });
    }

    if (!otherStayed)
      return ctx.skipRule(
        A.assistant_delete_keeps_threads_by_default,
        "the other assistant's thread went with the first assistant's threads, so none is left to keep",
      );
    const plain = await ctx.call(deleteStep(b.assistantId));
    if (!plain.ok) return refused(ctx, A.assistant_delete_keeps_threads_by_default, plain);
    const kept = await readThread(ctx, b.threadId, "read the thread of the assistant deleted without delete_threads");
    await ctx.holds(A.assistant_delete_keeps_threads_by_default, {
      evidence: kept,
      ok: kept.ok,
      expected: 200,
      actual: kept.status ?? why(kept),
    });
  },
};

export const deleteThreadScenarios: Scenario[] = [deleteThreads];
