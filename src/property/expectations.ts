// Which statuses a generated request may get: from what the operation documents, unless the user's config says otherwise.

import type { Operation } from "../spec/operations.ts";
import type { Mode } from "./explore.ts";

/** Keyed by operation id or "METHOD /path". */
export type StatusOverrides = Record<string, { valid?: number[]; invalid?: number[] }>;

/** 404 and 409 answer the state of the server (no such thread, already exists), not the shape of the request. */
const STATE_STATUSES = new Set([404, 409]);

export function expectedStatuses(op: Operation, mode: Mode, overrides: StatusOverrides = {}): number[] {
  const override = overrides[op.operationId] ?? overrides[`${op.method} ${op.path}`];
  if (override?.[mode]) return override[mode]!;
  const documented4xx = op.responses.map((r) => Number(r.status)).filter((s) => s >= 400 && s < 500);
  if (mode === "valid") return documented4xx.filter((s) => STATE_STATUSES.has(s));
  // Only 404/409 documented: any 4xx will do (status_code_conformance says that the status is undocumented).
  return documented4xx.filter((s) => !STATE_STATUSES.has(s));
}

/**
 * Whether an invalid request to the operation must be rejected at all: not where it documents no 4xx answer (GET
 * /ok answers whatever it is sent), unless the user's config gives the statuses it must get.
 */
export function documentsRejection(op: Operation, overrides: StatusOverrides = {}): boolean {
  const override = overrides[op.operationId] ?? overrides[`${op.method} ${op.path}`];
  if (override?.invalid) return true;
  return op.responses.some((r) => r.status.startsWith("4"));
}
