// The shape every check has: a pure function from one exchange (and the spec) to a verdict.

import type { Exchange, HttpResponse } from "../http/client.ts";
import type { Severity } from "../model.ts";
import type { Operation } from "../spec/operations.ts";
import type { SchemaValidators } from "../spec/validators.ts";

/** What the step that made the request expects of it. */
export type Expectation = "success" | "any";

export interface CheckContext {
  operation: Operation;
  exchange: Exchange;
  response: HttpResponse;
  validators: SchemaValidators;
  expect: Expectation;
}

/** A finding before the engine stamps it with check id, severity and operation. */
export interface FindingDraft {
  message: string;
  expected?: unknown;
  actual?: unknown;
  instancePointer?: string;
  schemaPointer?: string;
  /** Identifies the problem within this check and operation, for de-duplication. */
  key: string;
}

export type CheckVerdict =
  | { status: "passed" }
  | { status: "failed"; findings: FindingDraft[] }
  | { status: "skipped"; reason: string };

export interface Check {
  id: string;
  title: string;
  severity: Severity;
  run(ctx: CheckContext): CheckVerdict;
}

export const passed: CheckVerdict = { status: "passed" };
export const skipped = (reason: string): CheckVerdict => ({ status: "skipped", reason });
export const failedWith = (findings: FindingDraft[]): CheckVerdict =>
  findings.length === 0 ? passed : { status: "failed", findings };

/** The media type of a content-type header, without parameters, lower-cased. */
export const mediaTypeOf = (contentType: string | undefined): string | undefined =>
  contentType?.split(";")[0]?.trim().toLowerCase() || undefined;

export const documentedStatuses = (op: Operation): string => op.responses.map((r) => r.status).join(", ");
