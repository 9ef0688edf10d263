// What the run owns: only what it proved it created. Cleanup deletes owned resources, and nothing else, one by one.

import type { Step, StepOutcome } from "./session.ts";

export type ResourceKind = "assistant" | "thread" | "cron" | "run" | "store item";

/** The resource a deleting step is about, and the step that reads it back. */
export interface Resource {
  kind: ResourceKind;
  id: string;
  /** The read that tells whether it still exists. */
  read: Step;
  exists(outcome: StepOutcome): boolean;
}

export type Claim = { owned: true } | { owned: false; reason: string };

const found = (outcome: StepOutcome) => outcome.ok;

/** The resource a cleanup step deletes, when it deletes one. */
export function resourceOf(step: Pick<Step, "op" | "params" | "body">): Resource | undefined {
  const p = step.params ?? {};
  const id = (name: string) => String(p[name]);
  switch (step.op) {
    case "DELETE /assistants/{assistant_id}":
      return {
        kind: "assistant",
        id: id("assistant_id"),
        read: read("GET /assistants/{assistant_id}", p),
        exists: found,
      };
    case "DELETE /threads/{thread_id}":
      return { kind: "thread", id: id("thread_id"), read: read("GET /threads/{thread_id}", p), exists: found };
    case "DELETE /runs/crons/{cron_id}":
      return { kind: "cron", id: id("cron_id"), read: read("GET /runs/crons/{cron_id}", p), exists: found };
    case "DELETE /threads/{thread_id}/runs/{run_id}":
      return { kind: "run", id: id("run_id"), read: read("GET /threads/{thread_id}/runs/{run_id}", p), exists: found };
    case "DELETE /store/items": {
      const { namespace, key } = (step.body ?? {}) as { namespace?: unknown; key?: unknown };
      if (!Array.isArray(namespace) || typeof key !== "string") return undefined;
      const query = { namespace: namespace.join("."), key };
      return {
        kind: "store item",
        id: `${namespace.join(".")}/${key}`,
        read: { op: "GET /store/items", step: `read store item ${key} back`, query, report: false, expect: "any" },
        // Some servers answer a missing item with 200 null.
        exists: (o) => o.ok && (o.json as { key?: unknown } | null)?.key === key,
      };
    }
    default:
      return undefined;
  }
}

function read(op: string, params: Record<string, string | number>): Step {
  return { op, step: `read ${op.split("{")[0]} back`, params, report: false, expect: "any" };
}

/** The run's claims: a resource is owned once a create answered a new id that reads back with the run's marker. */
export class Ownership {
  private readonly owned = new Set<string>();

  constructor(private readonly prefix: string) {}

  /**
   * Claims a resource a create of this run answered. `readBack` is the resource as the server shows it (ideally read
   * back after the create): it must carry `metadata.conformance_run` with the run's prefix.
   */
  claim(kind: "assistant" | "thread" | "cron", id: string, readBack: unknown): Claim {
    const key = `${kind}:${id}`;
    if (this.owned.has(key))
      return { owned: false, reason: `${kind} ${id} was already answered by an earlier create of this run` };
    const shown = (readBack ?? {}) as {
      metadata?: { conformance_run?: unknown; assistant_id?: unknown };
      assistant_id?: unknown;
    };
    // A thread a run made on one of the run's own assistants is the run's too (the server records the assistant).
    const byOwnAssistant =
      kind === "thread" &&
      [shown.metadata?.assistant_id, shown.assistant_id].some(
        (a) => typeof a === "string" && this.owned.has(`assistant:${a}`),
      );
    if (shown.metadata?.conformance_run !== this.prefix && !byOwnAssistant) {
      return {
        owned: false,
        reason: `${kind} ${id} does not read back with this run's metadata (conformance_run: ${this.prefix})`,
      };
    }
    this.owned.add(key);
    return { owned: true };
  }

  /** An id the run chose itself (a fresh random uuid it creates the resource under): no one else's can have it. */
  reserve(kind: "assistant" | "thread" | "cron", id: string): void {
    this.owned.add(`${kind}:${id}`);
  }

  /** Whether the run may delete what this step deletes: its own assistants, threads, crons, their runs, its store. */
  mayDelete(step: Pick<Step, "op" | "params" | "body">): boolean {
    const resource = resourceOf(step);
    if (!resource) return true;
    switch (resource.kind) {
      case "store item": {
        // Under the run's namespace, or (where a server accepted an empty namespace) a key of the run's own.
        const { namespace, key } = step.body as { namespace: string[]; key: string };
        return namespace[0] === this.prefix || (namespace.length === 0 && key.startsWith(this.prefix));
      }
      case "run":
        return this.owned.has(`thread:${String(step.params?.thread_id)}`);
      default:
        return this.owned.has(`${resource.kind}:${resource.id}`);
    }
  }
}

/**
 * The runs still going (pending or running) that a list of a thread's runs shows of that thread. A server may list
 * other threads' runs there too: those are never the run's to wait on or cancel.
 */
export function runsGoingOn(list: unknown, threadId: string): string[] {
  return (Array.isArray(list) ? list : [])
    .filter(
      (r: { status?: unknown; run_id?: unknown; thread_id?: unknown } | null) =>
        typeof r?.run_id === "string" && r.thread_id === threadId && (r.status === "pending" || r.status === "running"),
    )
    .map((r: { run_id: string }) => r.run_id);
}
