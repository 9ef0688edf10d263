// The system's assistants: one for each graph the server serves, found by created_by system, and a graph id that
// stands for it wherever the API takes a graph id in place of an assistant id.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import {
  bodyOf,
  createThread,
  GRAPH_IDS,
  hasMessages,
  listOf,
  marker,
  owns,
  pick,
  say,
  stateValues,
  strings,
  why,
  type Json,
} from "../support/index.ts";
import { ASSISTANTS as A, COUNT, CREATE, DELETE, GET, GRAPH, SEARCH, WAIT } from "./rules.ts";

const SYSTEM = { created_by: "system" };

/** Creates an assistant of the graph and answers its id, deleted at cleanup when it is the run's; undefined if refused. */
async function tryCreate(ctx: ScenarioContext, graphId: string, body: Json, step: string): Promise<string | undefined> {
  const created = await ctx.call({
    op: CREATE,
    step,
    body: { graph_id: graphId, ...body },
    expect: "any",
    sdk: "assistants.create",
  });
  const id = bodyOf(created)?.assistant_id;
  if (typeof id !== "string") return undefined;
  if (!(await owns(ctx, "assistant", id, created.json))) return undefined;
  ctx.defer({ op: DELETE, step: `delete assistant ${id}`, params: { assistant_id: id } });
  return id;
}

/** Whether the target serves the graph: an assistant of it (the run's, or one it answers a create with) can be drawn. */
async function serves(ctx: ScenarioContext, graphId: string): Promise<boolean> {
  const created = await ctx.call({
    op: CREATE,
    step: `create an assistant of graph ${graphId}, to tell whether the target serves it`,
    body: { graph_id: graphId, name: `${ctx.prefix}-serves-${graphId}`, metadata: ctx.metadata },
    expect: "any",
    report: false,
  });
  const id = bodyOf(created)?.assistant_id;
  if (typeof id !== "string" || bodyOf(created)?.graph_id !== graphId) return false;
  if (await owns(ctx, "assistant", id, created.json))
    ctx.defer({ op: DELETE, step: `delete assistant ${id}`, params: { assistant_id: id } });
  const drawn = await ctx.call({
    op: GRAPH,
    step: `check that graph ${graphId} is served`,
    params: { assistant_id: id },
    expect: "any",
    report: false,
  });
  return drawn.ok;
}

/** What the search and count of one graph's system assistants showed, and what is wrong with it. */
interface Seen {
  graphId: string;
  search: StepOutcome;
  shown: unknown;
  problem?: string;
  /** Not judged: the target does not serve the graph, or hides the system's assistants from this identity. */
  unjudged?: string;
}

async function seeGraph(ctx: ScenarioContext, graphId: string): Promise<Seen> {
  const filter = { metadata: SYSTEM, graph_id: graphId };
  const search = await ctx.call({
    op: SEARCH,
    step: `search the system assistants of graph ${graphId}`,
    body: { ...filter, limit: 10 },
    sdk: "assistants.search",
  });
  const counted = await ctx.call({
    op: COUNT,
    step: `count the system assistants of graph ${graphId}`,
    body: filter,
    sdk: "assistants.count",
  });
  const found = listOf(search);
  const shown = {
    found: (found ?? []).map((a) => ({ assistant_id: a.assistant_id, name: a.name, metadata: a.metadata })),
    count: counted.json ?? why(counted),
  };
  const seen = { graphId, search, shown };
  if (!found) return { ...seen, problem: `the search ${why(search)}` };
  if (found.length === 0) {
    if (ctx.identities.self) return { ...seen, unjudged: "the target may hide the system's assistants from this run" };
    if (!(await serves(ctx, graphId))) return { ...seen, unjudged: "the target does not serve the graph" };
    return { ...seen, problem: "no assistant with metadata created_by system, though the graph is served" };
  }
  const [one] = found;
  if (found.length > 1) return { ...seen, problem: `${found.length} assistants, where one is due` };
  if (one?.graph_id !== graphId || pick(one, "metadata.created_by") !== "system")
    return { ...seen, problem: "the assistant found is not of the graph, or not the system's" };
  if (one.name !== graphId) return { ...seen, problem: `named ${JSON.stringify(one.name)}, not after the graph` };
  if (counted.json !== 1) return { ...seen, problem: `count answered ${JSON.stringify(shown.count)}, not 1` };
  return seen;
}

const systemAssistants: Scenario = {
  id: "assistants.semantics.system",
  title: "Assistants: the system's assistant of each graph, found by created_by system and graph_id",
  tag: "Assistants",
  covers: [SEARCH, COUNT],
  rules: [A.assistant_system_one_per_graph],
  async run(ctx) {
    // The decoy: an assistant of the run, of a graph the search asks for, which it must leave out.
    const decoy = await tryCreate(
      ctx,
      GRAPH_IDS.echo,
      { name: `${ctx.prefix}-system-decoy`, metadata: { ...marker(ctx, "assistants-system"), created_by: "user" } },
      `create an assistant of graph ${GRAPH_IDS.echo} that is not the system's`,
    );
    const seen: Seen[] = [];
    for (const graphId of Object.values(GRAPH_IDS)) seen.push(await seeGraph(ctx, graphId));
    const judged = seen.filter((s) => !s.unjudged);
    const wrong = judged.filter((s) => s.problem);
    const actual = Object.fromEntries(seen.map((s) => [s.graphId, s.problem ?? s.unjudged ?? s.shown]));
    if (judged.length === 0)
      return ctx.skipRule(A.assistant_system_one_per_graph, `no graph could be judged: ${seen[0]?.unjudged}`);
    if (wrong.length === 0 && !decoy)
      return ctx.skipRule(
        A.assistant_system_one_per_graph,
        "the target made no assistant for this run, so no decoy shows that the search leaves other assistants out",
      );
    await ctx.holds(A.assistant_system_one_per_graph, {
      evidence: wrong[0]?.search ?? judged[0]?.search,
      ok: wrong.length === 0,
      expected: "for each graph served: one assistant with metadata created_by system, named after the graph; count 1",
      actual: wrong.length === 0 ? actual : Object.fromEntries(wrong.map((s) => [s.graphId, [s.problem, s.shown]])),
    });
  },
};

/** The run by graph id answered the echo, in its own answer or, where the answer carries no values, in the state. */
async function echoed(ctx: ScenarioContext, threadId: string, waited: StepOutcome, text: string): Promise<boolean> {
  const answer = `echo: ${text}`;
  if (!waited.ok) return false;
  if (hasMessages(waited.json, [answer])) return true;
  return hasMessages((await stateValues(ctx, threadId)).values, [answer]);
}

const graphIdForAssistant: Scenario = {
  id: "assistants.semantics.graph-id",
  title: "Assistants: a graph id in place of an assistant id (graph, a run, get)",
  tag: "Assistants",
  covers: [GRAPH, WAIT, GET],
  rules: [A.assistant_graph_id_as_assistant_id],
  async run(ctx) {
    const rule = A.assistant_graph_id_as_assistant_id;
    const graphId = GRAPH_IDS.echo;
    const params = { assistant_id: graphId };
    const drawn = await ctx.call({
      op: GRAPH,
      step: `get the graph of ${graphId}, a graph id`,
      params,
      expect: "any",
      sdk: "assistants.get_graph",
    });
    const nodes = strings(listOf(drawn, "nodes"), "id");
    if (drawn.status === 404 && ctx.identities.self)
      await ctx.skipRule(rule, "the target may hide the system's assistants from this run", { detail: "get_graph" });
    else
      await ctx.holds(rule, {
        evidence: drawn,
        detail: "get_graph",
        ok: nodes.includes("echo"),
        expected: "the echo graph (node echo)",
        actual: drawn.ok ? nodes : why(drawn),
      });

    const threadId = await createThread(ctx);
    const text = `${ctx.prefix} by graph id`;
    const waited = await ctx.call({
      op: WAIT,
      step: `run on a thread with assistant_id ${graphId}, a graph id`,
      params: { thread_id: threadId },
      body: { assistant_id: graphId, ...say(text) },
      expect: "any",
      sdk: "runs.wait",
    });
    await ctx.holds(rule, {
      evidence: waited,
      op: WAIT,
      sdk: "runs.wait",
      detail: "run",
      ok: await echoed(ctx, threadId, waited, text),
      expected: `a run of ${graphId} that answers "echo: ${text}"`,
      actual: waited.json ?? why(waited),
    });

    // The document types this id as a UUID, so a 4xx is an answer too; what a server that takes it answers is judged.
    const got = await ctx.call({
      op: GET,
      step: `get assistant ${graphId}, a graph id`,
      params,
      expect: "any",
      sdk: "assistants.get",
    });
    const refused = got.status !== undefined && got.status >= 400 && got.status < 500;
    await ctx.holds(rule, {
      evidence: got,
      op: GET,
      sdk: "assistants.get",
      detail: "get",
      ok: refused || bodyOf(got)?.graph_id === graphId,
      expected: `an assistant of graph ${graphId}, or a 4xx`,
      actual: got.json ?? why(got),
    });
  },
};

export const systemScenarios: Scenario[] = [systemAssistants, graphIdForAssistant];
