// Threads of the scenario fake: metadata, search and count, checkpoints written by update_state, history, copy, busy runs, and faults.

import { randomUUID } from "node:crypto";
import { contains, error, noContent, now, ok, page, routes, type Faults, type FakeRequest } from "./scenario-fake-http.ts";

interface Checkpoint {
  checkpoint_id: string;
  values: { messages: unknown[] };
  next: string[];
  metadata: { step: number; source: string };
  created_at: string;
}

interface Thread {
  thread_id: string;
  created_at: string;
  updated_at: string;
  metadata: Record<string, unknown>;
  checkpoints: Checkpoint[];
  runs: Set<string>;
}

/** The fixture graphs as successor lists: what `next` is after a node writes. */
const SUCCESSORS: Record<string, Record<string, string[]>> = {
  agent: { echo: [] },
  interrupt_agent: { ask: ["finish"], finish: [] },
  slow_agent: { sleep: [] },
};

/**
 * Faults: thread_if_exists_ignored, thread_update_replaces_metadata, thread_delete_ignored, thread_values_match_empty,
 * thread_status_ignored, thread_sort_ignored, thread_offset_ignored, thread_count_all, state_next_ignores_as_node,
 * state_update_no_checkpoint, state_at_checkpoint_is_latest, history_oldest_first, history_limit_ignored, history_before_ignored,
 * history_metadata_ignored, copy_shares_checkpoints, copy_empty, busy_update_allowed.
 */
export function threadRoutes(faults: Faults) {
  const threads = new Map<string, Thread>();
  const status = (t: Thread) => (t.runs.size > 0 ? "busy" : "idle");
  const latest = (t: Thread) => t.checkpoints[t.checkpoints.length - 1];
  const show = (t: Thread) => ({
    thread_id: t.thread_id, created_at: t.created_at, updated_at: t.updated_at, metadata: t.metadata, status: status(t), config: {}, interrupts: {},
    ...(t.checkpoints.length ? { values: latest(t)?.values } : {}),
  });
  const state = (t: Thread, c: Checkpoint | undefined) => ({
    values: c?.values ?? {}, next: c?.next ?? [], tasks: [], metadata: c?.metadata ?? {}, created_at: c?.created_at ?? now(),
    checkpoint: { thread_id: t.thread_id, checkpoint_ns: "", checkpoint_id: c?.checkpoint_id ?? randomUUID() }, parent_checkpoint: null,
  });
  const find = (req: FakeRequest) => threads.get(req.params.thread_id ?? "");
  const withThread = (handler: (t: Thread, req: FakeRequest) => ReturnType<typeof ok>) => (req: FakeRequest) => {
    const thread = find(req);
    return thread ? handler(thread, req) : error(404, "thread not found");
  };
  const at = (t: Thread, id: unknown) => (faults.has("state_at_checkpoint_is_latest") ? latest(t) : t.checkpoints.find((c) => c.checkpoint_id === id));
  const history = (t: Thread, limit: number, before?: unknown, metadata?: unknown) => {
    let list = faults.has("history_oldest_first") ? [...t.checkpoints] : [...t.checkpoints].reverse();
    const cut = list.findIndex((c) => c.checkpoint_id === before);
    if (before !== undefined && !faults.has("history_before_ignored")) list = cut < 0 ? [] : list.slice(cut + 1);
    if (metadata !== undefined && !faults.has("history_metadata_ignored")) list = list.filter((c) => contains(c.metadata, metadata));
    return (faults.has("history_limit_ignored") ? list : list.slice(0, limit)).map((c) => state(t, c));
  };
  const matching = (json: FakeRequest["json"]) =>
    [...threads.values()].filter(
      (t) =>
        contains(t.metadata, json?.metadata ?? {}) &&
        (json?.values === undefined || (t.checkpoints.length === 0 ? faults.has("thread_values_match_empty") : contains(latest(t)?.values, json.values))) &&
        (json?.status === undefined || faults.has("thread_status_ignored") || status(t) === json.status),
    );

  const updateState = withThread((t, { json }) => {
    if (t.runs.size > 0 && !faults.has("busy_update_allowed")) return error(409, "thread is busy");
    const graph = SUCCESSORS[String(t.metadata.graph_id)];
    if (!graph) return error(400, "thread has no graph");
    const previous = latest(t);
    const added = ((json?.values?.messages ?? []) as { role?: string; content?: unknown }[]).map((m) => ({ type: m.role === "ai" ? "ai" : "human", content: m.content, id: randomUUID() }));
    const next = faults.has("state_next_ignores_as_node") ? [] : (graph[json?.as_node] ?? []);
    const checkpoint: Checkpoint = {
      checkpoint_id: faults.has("state_update_no_checkpoint") && previous ? previous.checkpoint_id : randomUUID(),
      values: { messages: [...(previous?.values.messages ?? []), ...added] },
      next,
      metadata: { step: (previous?.metadata.step ?? -1) + 1, source: "update" },
      created_at: now(),
    };
    if (faults.has("state_update_no_checkpoint") && previous) Object.assign(previous, checkpoint);
    else t.checkpoints.push(checkpoint);
    return ok({ checkpoint: { thread_id: t.thread_id, checkpoint_ns: "", checkpoint_id: checkpoint.checkpoint_id } });
  });

  return routes(
    {
      "POST /threads": ({ json }) => {
        const id = json?.thread_id ?? randomUUID();
        const existing = threads.get(id);
        if (existing && !faults.has("thread_if_exists_ignored")) return json?.if_exists === "do_nothing" ? ok(show(existing)) : error(409, "thread exists");
        const time = now();
        const thread: Thread = { thread_id: id, created_at: time, updated_at: time, metadata: json?.metadata ?? {}, checkpoints: [], runs: new Set() };
        threads.set(id, thread);
        return ok(show(thread));
      },
      "POST /threads/search": ({ json }) => {
        const sortBy: "thread_id" | "created_at" = faults.has("thread_sort_ignored") ? "created_at" : (json?.sort_by ?? "created_at");
        const sign = (json?.sort_order ?? "desc") === "asc" && !faults.has("thread_sort_ignored") ? 1 : -1;
        const order = [...threads.keys()];
        const sorted = matching(json).sort((a, b) => sign * (a[sortBy].localeCompare(b[sortBy]) || order.indexOf(a.thread_id) - order.indexOf(b.thread_id)));
        return ok(page(sorted, faults.has("thread_offset_ignored") ? { limit: json?.limit } : json).map(show));
      },
      "POST /threads/count": ({ json }) => ok(faults.has("thread_count_all") ? threads.size : matching(json).length),
      "GET /threads/{thread_id}": withThread((t) => ok(show(t))),
      "PATCH /threads/{thread_id}": withThread((t, { json }) => {
        t.metadata = faults.has("thread_update_replaces_metadata") ? (json?.metadata ?? {}) : { ...t.metadata, ...json?.metadata };
        t.updated_at = now();
        return ok(show(t));
      }),
      "DELETE /threads/{thread_id}": withThread((t) => {
        if (!faults.has("thread_delete_ignored")) threads.delete(t.thread_id);
        return noContent;
      }),
      "GET /threads/{thread_id}/state": withThread((t) => ok(state(t, latest(t)))),
      "POST /threads/{thread_id}/state": updateState,
      "GET /threads/{thread_id}/state/{checkpoint_id}": withThread((t, { params }) => ok(state(t, at(t, params.checkpoint_id)))),
      "POST /threads/{thread_id}/state/checkpoint": withThread((t, { json }) => ok(state(t, at(t, json?.checkpoint?.checkpoint_id)))),
      "GET /threads/{thread_id}/history": withThread((t, { query }) => ok(history(t, Number(query.get("limit") ?? 10), query.get("before") ?? undefined))),
      "POST /threads/{thread_id}/history": withThread((t, { json }) => ok(history(t, json?.limit ?? 10, json?.before?.checkpoint_id, json?.metadata))),
      "POST /threads/{thread_id}/copy": withThread((t) => {
        const time = now();
        const checkpoints = faults.has("copy_shares_checkpoints") ? t.checkpoints : faults.has("copy_empty") ? [] : structuredClone(t.checkpoints);
        const copy: Thread = { thread_id: randomUUID(), created_at: time, updated_at: time, metadata: { ...t.metadata }, checkpoints, runs: new Set() };
        threads.set(copy.thread_id, copy);
        return ok(show(copy));
      }),
      "POST /threads/{thread_id}/runs": withThread((t, { json }) => {
        const run = { run_id: randomUUID(), thread_id: t.thread_id, assistant_id: json?.assistant_id, status: "pending", metadata: {}, created_at: now(), updated_at: now(), multitask_strategy: "enqueue" };
        t.runs.add(run.run_id);
        return { status: 200, headers: { "content-location": `/threads/${t.thread_id}/runs/${run.run_id}` }, body: run };
      }),
      "POST /threads/{thread_id}/runs/{run_id}/cancel": withThread((t, { params }) => {
        t.runs.delete(params.run_id ?? "");
        return { status: 202 };
      }),
    },
    faults,
  );
}
