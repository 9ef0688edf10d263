// Assistants: create, read, search, count, update, versions, graph, schemas, subgraphs, delete.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { createAssistant, GRAPH_IDS } from "../support/index.ts";

type AssistantParams = { assistant_id: string };

async function readAndFind(ctx: ScenarioContext, params: AssistantParams): Promise<void> {
  await ctx.call({
    op: "GET /assistants/{assistant_id}",
    step: "read the assistant",
    params,
    sdk: "assistants.get",
  });
  await ctx.call({
    op: "POST /assistants/search",
    step: "search by this run's metadata",
    body: { metadata: ctx.metadata, limit: 10 },
    sdk: "assistants.search",
  });
  await ctx.call({
    op: "POST /assistants/count",
    step: "count by this run's metadata",
    body: { metadata: ctx.metadata },
    sdk: "assistants.count",
  });
}

async function updateAndVersions(ctx: ScenarioContext, params: AssistantParams): Promise<void> {
  await ctx.call({
    op: "PATCH /assistants/{assistant_id}",
    step: "update metadata (makes version 2)",
    params,
    body: { metadata: { ...ctx.metadata, revision: "2" } },
    sdk: "assistants.update",
  });
  await ctx.call({
    op: "POST /assistants/{assistant_id}/versions",
    step: "list versions",
    params,
    body: { limit: 10 },
    sdk: "assistants.get_versions",
  });
  await ctx.call({
    op: "POST /assistants/{assistant_id}/latest",
    step: "make version 1 the latest",
    params,
    body: { version: 1 },
    sdk: "assistants.set_latest",
  });
}

async function readGraphAndSchemas(ctx: ScenarioContext, params: AssistantParams): Promise<void> {
  await ctx.call({
    op: "GET /assistants/{assistant_id}/graph",
    step: "read the graph",
    params,
    sdk: "assistants.get_graph",
  });
  await ctx.call({
    op: "GET /assistants/{assistant_id}/graph",
    step: "read the graph with xray",
    params,
    query: { xray: true },
    sdk: "assistants.get_graph",
  });
  await ctx.call({
    op: "GET /assistants/{assistant_id}/schemas",
    step: "read the schemas",
    params,
    sdk: "assistants.get_schemas",
  });
}

/** Reads the subgraphs of an assistant of its own, of the subgraph fixture. */
async function readSubgraphs(ctx: ScenarioContext): Promise<void> {
  const parent = await createAssistant(ctx, GRAPH_IDS.subgraph);
  const subgraphs = await ctx.call({
    op: "GET /assistants/{assistant_id}/subgraphs",
    step: "list subgraphs of the subgraph fixture",
    params: { assistant_id: parent },
    sdk: "assistants.get_subgraphs",
  });
  const namespace = Object.keys((subgraphs.json as Record<string, unknown> | undefined) ?? {})[0] ?? "child";
  await ctx.call({
    op: "GET /assistants/{assistant_id}/subgraphs/{namespace}",
    step: `read subgraph ${namespace}`,
    params: { assistant_id: parent, namespace },
    query: { recurse: true },
    sdk: "assistants.get_subgraphs",
  });
}

export const assistantScenarios: Scenario[] = [
  {
    id: "assistants.every-operation",
    title: "Every assistant operation on an assistant the suite created",
    tag: "Assistants",
    // Reading a graph's schemas may compile the graph: seconds of the server's CPU. Beside other scenarios, such a
    // read can outlast the request's time limit, a finding the suite itself would have caused.
    alone: true,
    covers: [
      "POST /assistants",
      "POST /assistants/search",
      "POST /assistants/count",
      "GET /assistants/{assistant_id}",
      "PATCH /assistants/{assistant_id}",
      "GET /assistants/{assistant_id}/graph",
      "GET /assistants/{assistant_id}/subgraphs",
      "GET /assistants/{assistant_id}/subgraphs/{namespace}",
      "GET /assistants/{assistant_id}/schemas",
      "POST /assistants/{assistant_id}/versions",
      "POST /assistants/{assistant_id}/latest",
      "DELETE /assistants/{assistant_id}",
    ],
    rules: [],
    async run(ctx) {
      const params = { assistant_id: await createAssistant(ctx, GRAPH_IDS.echo) };
      await readAndFind(ctx, params);
      await updateAndVersions(ctx, params);
      await readGraphAndSchemas(ctx, params);
      await readSubgraphs(ctx);
      await ctx.call({
        op: "DELETE /assistants/{assistant_id}",
        step: "delete the assistant",
        params,
        sdk: "assistants.delete",
      });
    },
  },
];
