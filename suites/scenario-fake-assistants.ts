// Assistants of the scenario fake: versions, search and count, the fixture graphs' drawings, schemas and subgraphs, and faults.

import { randomUUID } from "node:crypto";
import { contains, error, now, ok, page, routes, type Faults, type FakeRequest } from "./scenario-fake-http.ts";

interface Version {
  assistant_id: string;
  graph_id: string;
  name: string;
  metadata: Record<string, unknown>;
  config: Record<string, unknown>;
  version: number;
  created_at: string;
}

type Assistant = Version & { updated_at: string; description: null };

const DRAWINGS: Record<string, [string[], string[][]]> = {
  agent: [["__start__", "echo", "__end__"], [["__start__", "echo"], ["echo", "__end__"]]],
  subgraph_agent: [["__start__", "child", "__end__"], [["__start__", "child"], ["child", "__end__"]]],
  subgraph_agent_xray: [["__start__", "child:child_echo", "child:child_done", "__end__"], [["__start__", "child:child_echo"], ["child:child_echo", "child:child_done"], ["child:child_done", "__end__"]]],
  interrupt_agent: [["__start__", "ask", "finish", "__end__"], [["__start__", "ask"], ["ask", "finish"], ["finish", "__end__"]]],
  slow_agent: [["__start__", "sleep", "__end__"], [["__start__", "sleep"], ["sleep", "__end__"]]],
};

const MESSAGES_SCHEMA = { type: "object", properties: { messages: { type: "array", items: { type: "object" } } } };

/**
 * Faults: assistant_if_exists_ignored, assistant_update_same_version, assistant_update_drops_metadata, assistant_versions_oldest_first,
 * assistant_versions_offset_ignored, assistant_versions_filter_ignored, assistant_set_latest_ignored, assistant_delete_ignored,
 * assistant_graph_id_ignored, assistant_name_case_sensitive, assistant_sort_ignored, assistant_select_ignored, assistant_count_all,
 * assistant_graph_wrong_edges, assistant_xray_ignored, assistant_schema_invalid, assistant_namespace_ignored, assistant_unknown_graph_accepted.
 */
export function assistantRoutes(faults: Faults) {
  const assistants = new Map<string, Assistant>();
  const versions: Version[] = [];
  const withAssistant = (handler: (a: Assistant, req: FakeRequest) => ReturnType<typeof ok>) => (req: FakeRequest) => {
    const assistant = assistants.get(req.params.assistant_id ?? "");
    return assistant ? handler(assistant, req) : error(404, "assistant not found");
  };
  const matching = (json: FakeRequest["json"]) =>
    [...assistants.values()].filter((a) => {
      const name = String(json?.name ?? "");
      const named = faults.has("assistant_name_case_sensitive") ? a.name.includes(name) : a.name.toLowerCase().includes(name.toLowerCase());
      return contains(a.metadata, json?.metadata ?? {}) && (json?.graph_id === undefined || faults.has("assistant_graph_id_ignored") || a.graph_id === json.graph_id) && named;
    });
  const record = (a: Assistant) => {
    const { updated_at: _updated, description: _description, ...version } = a;
    versions.push(structuredClone(version));
  };

  return routes(
    {
      "POST /assistants": ({ json }) => {
        const id = json?.assistant_id ?? randomUUID();
        const existing = assistants.get(id);
        if (existing && !faults.has("assistant_if_exists_ignored")) return json?.if_exists === "do_nothing" ? ok(existing) : error(409, "assistant exists");
        if (!DRAWINGS[json?.graph_id] && !faults.has("assistant_unknown_graph_accepted")) return error(404, "no such graph");
        const time = now();
        const assistant: Assistant = { assistant_id: id, graph_id: json?.graph_id, name: json?.name ?? json?.graph_id, metadata: json?.metadata ?? {}, config: json?.config ?? {}, version: 1, created_at: time, updated_at: time, description: null };
        assistants.set(id, assistant);
        record(assistant);
        return ok(assistant);
      },
      "POST /assistants/search": ({ json }) => {
        const sortBy = faults.has("assistant_sort_ignored") ? "created_at" : ((json?.sort_by ?? "created_at") as keyof Assistant);
        const sign = json?.sort_order === "asc" && !faults.has("assistant_sort_ignored") ? 1 : -1;
        const order = [...assistants.keys()];
        const sorted = matching(json).sort((a, b) => sign * (String(a[sortBy]).localeCompare(String(b[sortBy])) || order.indexOf(a.assistant_id) - order.indexOf(b.assistant_id)));
        const select: string[] | undefined = faults.has("assistant_select_ignored") ? undefined : json?.select;
        return ok(page(sorted, json).map((a) => (select ? Object.fromEntries(Object.entries(a).filter(([k]) => select.includes(k))) : a)));
      },
      "POST /assistants/count": ({ json }) => ok(faults.has("assistant_count_all") ? assistants.size : matching(json).length),
      "GET /assistants/{assistant_id}": withAssistant((a) => ok(a)),
      "PATCH /assistants/{assistant_id}": withAssistant((a, { json }) => {
        if (json?.metadata && !faults.has("assistant_update_drops_metadata")) a.metadata = { ...a.metadata, ...json.metadata };
        if (!faults.has("assistant_update_same_version")) a.version = Math.max(...versions.filter((v) => v.assistant_id === a.assistant_id).map((v) => v.version)) + 1;
        a.updated_at = now();
        record(a);
        return ok(a);
      }),
      "DELETE /assistants/{assistant_id}": withAssistant((a) => {
        if (!faults.has("assistant_delete_ignored")) assistants.delete(a.assistant_id);
        return ok({});
      }),
      "POST /assistants/{assistant_id}/versions": withAssistant((a, { json }) => {
        const mine = versions.filter((v) => v.assistant_id === a.assistant_id && (faults.has("assistant_versions_filter_ignored") || contains(v.metadata, json?.metadata ?? {})));
        const ordered = faults.has("assistant_versions_oldest_first") ? mine : [...mine].reverse();
        return ok(page(ordered, faults.has("assistant_versions_offset_ignored") ? { limit: json?.limit } : json));
      }),
      "POST /assistants/{assistant_id}/latest": withAssistant((a, { json }) => {
        const version = versions.find((v) => v.assistant_id === a.assistant_id && v.version === json?.version);
        if (!version) return error(404, "version not found");
        if (!faults.has("assistant_set_latest_ignored")) Object.assign(a, structuredClone(version), { updated_at: now() });
        return ok(a);
      }),
      "GET /assistants/{assistant_id}/graph": withAssistant((a, { query }) => {
        const xray = query.get("xray") === "true" && !faults.has("assistant_xray_ignored");
        const [nodes, edges] = DRAWINGS[xray && a.graph_id === "subgraph_agent" ? "subgraph_agent_xray" : a.graph_id] ?? [[], []];
        const drawn = faults.has("assistant_graph_wrong_edges") ? edges.map(([s]) => [s, "__end__"]) : edges;
        return DRAWINGS[a.graph_id] ? ok({ nodes: nodes.map((id) => ({ id, type: "runnable" })), edges: drawn.map(([source, target]) => ({ source, target })) }) : error(404, "no such graph");
      }),
      "GET /assistants/{assistant_id}/schemas": withAssistant((a) =>
        ok({ graph_id: a.graph_id, input_schema: MESSAGES_SCHEMA, output_schema: MESSAGES_SCHEMA, state_schema: faults.has("assistant_schema_invalid") ? { type: "no-such-type" } : MESSAGES_SCHEMA, config_schema: { type: "object" } }),
      ),
      "GET /assistants/{assistant_id}/subgraphs": withAssistant((a) => ok(a.graph_id === "subgraph_agent" ? { child: { state_schema: MESSAGES_SCHEMA } } : {})),
      "GET /assistants/{assistant_id}/subgraphs/{namespace}": withAssistant((a, { params }) =>
        ok(a.graph_id === "subgraph_agent" && (params.namespace === "child" || faults.has("assistant_namespace_ignored")) ? { child: { state_schema: MESSAGES_SCHEMA } } : {}),
      ),
    },
    faults,
  );
}
