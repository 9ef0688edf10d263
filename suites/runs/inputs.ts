// What reaches a graph from a run and from its assistant: context and config.configurable, read back from
// config_agent, which answers with the context and the configurable values it was given.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Rule } from "../../src/rules/rule.ts";
import {
  all,
  contents,
  createThread,
  graphAssistant,
  GRAPH_IDS,
  owns,
  pick,
  runBody,
  say,
  why,
} from "../support/index.ts";
import { stateValues, type Json } from "../support/index.ts";
import { RUNS, WAIT } from "./rules.ts";

const ASSISTANTS = "POST /assistants";
const PATCH = "PATCH /assistants/{assistant_id}";

/** What config_agent answered it received: the JSON of its last message, {configurable, context}. */
function received(values: unknown): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(contents(values).at(-1) ?? "");
    return parsed && typeof parsed === "object" && "context" in parsed ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs config_agent on a fresh thread (a thread may carry configurable values over from its earlier runs) and answers
 * what the graph received, as the thread's state shows it.
 */
async function receivedBy(ctx: ScenarioContext, assistantId: string, extra: Json, step: string) {
  const threadId = await createThread(ctx);
  const run = await ctx.call({
    op: WAIT,
    step,
    params: { thread_id: threadId },
    body: runBody(assistantId, { metadata: ctx.metadata, ...say("report"), ...extra }),
    timeoutMs: 10_000,
    sdk: "runs.wait",
  });
  const { outcome, values } = await stateValues(ctx, threadId);
  return { run, state: outcome, got: received(values) };
}

/** Judges that the graph received `value` under `path` ("context.cf_who"), or why it could not be read. */
async function judgeReceived(
  ctx: ScenarioContext,
  rule: Rule,
  { run, state, got }: Awaited<ReturnType<typeof receivedBy>>,
  path: string,
  value: string,
): Promise<void> {
  await ctx.holds(rule, {
    ok: run.ok && pick(got, path) === value,
    expected: { [path]: value },
    actual: got ?? (run.ok ? (state.json ?? why(state)) : why(run)),
    evidence: run.ok ? state : run,
  });
}

/** An assistant of config_agent created with these fields, when the target makes one the run owns. */
async function configAssistant(ctx: ScenarioContext, extra: Json, what: string): Promise<string | undefined> {
  const created = await ctx.call({
    op: ASSISTANTS,
    step: `create a config_agent assistant with ${what}`,
    body: { graph_id: GRAPH_IDS.config, name: `${ctx.prefix}-config`, metadata: ctx.metadata, ...extra },
    sdk: "assistants.create",
  });
  const id = pick(created.json, "assistant_id");
  if (!created.ok || typeof id !== "string") return ctx.skip(`createAssistant ${why(created)}`, created);
  if (!(await owns(ctx, "assistant", id, created.json))) return undefined;
  ctx.defer({ op: "DELETE /assistants/{assistant_id}", step: `delete assistant ${id}`, params: { assistant_id: id } });
  return id;
}

/** Updates the assistant's context; answers whether the target took the update. */
async function updateContext(ctx: ScenarioContext, assistantId: string): Promise<boolean> {
  const patched = await ctx.call({
    op: PATCH,
    step: "update the assistant's context",
    params: { assistant_id: assistantId },
    body: { context: { cf_who: "updated" } },
    sdk: "assistants.update",
  });
  if (!patched.ok)
    await ctx.skipRule(RUNS.assistant_context_update_applies, `updateAssistant ${why(patched)}`, { evidence: patched });
  return patched.ok;
}

/** What the run judging each rule gives, and the value the graph must then receive. */
const CHECKS: Record<string, { extra: Json; step: string; path: string; value: string }> = {
  [RUNS.assistant_context_is_default.id]: {
    extra: {},
    step: "without context",
    path: "context.cf_who",
    value: "assistant",
  },
  [RUNS.run_context_reaches_graph.id]: {
    extra: { context: { cf_who: "run" } },
    step: "with a context",
    path: "context.cf_who",
    value: "run",
  },
  [RUNS.assistant_configurable_is_default.id]: {
    extra: {},
    step: "without configurable values",
    path: "configurable.cf_who",
    value: "assistant",
  },
  [RUNS.run_configurable_reaches_graph.id]: {
    extra: { config: { configurable: { cf_who: "run" } } },
    step: "with configurable values",
    path: "configurable.cf_who",
    value: "run",
  },
  [RUNS.assistant_context_update_applies.id]: {
    extra: {},
    step: "without context after the assistant's update",
    path: "context.cf_who",
    value: "updated",
  },
};

const assistantRules = [
  RUNS.assistant_context_is_default,
  RUNS.assistant_context_update_applies,
  RUNS.assistant_configurable_is_default,
];

const inputs: Scenario = {
  id: "runs.inputs",
  title: "Thread runs: the run's and the assistant's context and configurable values reach the graph",
  tag: "Thread Runs",
  covers: [WAIT, PATCH],
  rules: [...assistantRules, RUNS.run_context_reaches_graph, RUNS.run_configurable_reaches_graph],
  async run(ctx) {
    // Context and configurable on separate assistants and runs: a server may refuse both at once (the Python one does).
    const values = { cf_who: "assistant", cf_run: ctx.prefix };
    const [withContext, withConfig, updated] = await all([
      configAssistant(ctx, { context: values }, "a context"),
      configAssistant(ctx, { config: { configurable: values } }, "configurable values"),
      configAssistant(ctx, { context: { ...values, cf_who: "before the update" } }, "a context to update"),
    ]);
    const runs: [Rule, string][] = [];
    if (withContext && withConfig && updated) {
      runs.push(
        [RUNS.assistant_context_is_default, withContext],
        [RUNS.run_context_reaches_graph, withContext],
        [RUNS.assistant_configurable_is_default, withConfig],
        [RUNS.run_configurable_reaches_graph, withConfig],
      );
      if (await updateContext(ctx, updated)) runs.push([RUNS.assistant_context_update_applies, updated]);
    } else {
      for (const rule of assistantRules)
        await ctx.skipRule(rule, "the target makes no assistant of the run to give a context or configurable values");
      const graph = await graphAssistant(ctx, GRAPH_IDS.config);
      runs.push([RUNS.run_context_reaches_graph, graph], [RUNS.run_configurable_reaches_graph, graph]);
    }
    await all(
      runs.map(async ([rule, assistantId]) => {
        const { extra, step, path, value } = CHECKS[rule.id]!;
        await judgeReceived(
          ctx,
          rule,
          await receivedBy(ctx, assistantId, extra, `run config_agent ${step}`),
          path,
          value,
        );
      }),
    );
  },
};

export const runInputScenarios: Scenario[] = [inputs];
