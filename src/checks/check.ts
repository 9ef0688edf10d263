// The shape every check has: a pure function from one exchange (and the spec) to a verdict.

import type { Exchange, HttpResponse } from "../http/client.ts";
import type { Severity } from "../model.ts";
import type { Level } from "../rules/rule.ts";
import type { Operation } from "../spec/operations.ts";
import type { SchemaValidators } from "../spec/validators.ts";

/**
 * What the step that made the request expects of it:
 * - "success": a valid request about resources that exist, so a 2xx is due;
 * - "any": the step only observes (every answer is judged by the other checks alone);
 * - accept: a valid generated request, due a 2xx or one of `statuses` (a 4xx for a reason of state, like 404);
 * - reject: a request that breaks one named rule, due one of `statuses` (the 4xx the operation documents for it; none
 *   documented, nothing says how it refuses one); `violation` names the rule broken without generated values
 *   ("query /limit: wrong_type"), so that accepting two different violations are two findings.
 */
export type Expectation =
  | "success"
  | "any"
  | { accept: readonly number[] }
  | { reject: string; statuses: readonly number[]; violation?: string };

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
  /** The kind of difference within this check, whatever the operation; default: the key. */
  cause?: string;
}

export type CheckVerdict =
  { status: "passed" } | { status: "failed"; findings: FindingDraft[] } | { status: "skipped"; reason: string };

export interface Check {
  id: string;
  title: string;
  severity: Severity;
  level: Level;
  /** The operations it judges, in words, for the catalogue ("every streaming operation"). */
  scope: string;
  /** Where the API says so: `spec#<JSON pointer>` or `errata#E<n>`. */
  ref: string;
  /** Operations the check is about; where it says no, the check is not run (nor reported as skipped). */
  appliesTo?(operation: Operation): boolean;
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

/** Text cut to `max` characters, for messages. */
export const preview = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A value as a message shows it: compact JSON, cut to `max` characters; "nothing" for undefined. */
export const describeValue = (value: unknown, max = 80): string =>
  value === undefined ? "nothing" : preview(JSON.stringify(value) ?? String(value), max);

/**
 * A value as a message shows it next to what was expected: where the two share a start longer than the room left,
 * the shown part begins just before the first difference ("…" marks what is cut), so the difference is never cut off.
 */
export function describeAgainst(value: unknown, expected: unknown, max = 160): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  const other = expected === undefined ? "" : (JSON.stringify(expected) ?? String(expected));
  if (text.length <= max) return text;
  let same = 0;
  while (same < text.length && same < other.length && text[same] === other[same]) same += 1;
  if (same < max - 20) return preview(text, max);
  const start = Math.max(0, same - 20);
  return `…${preview(text.slice(start), max)}`;
}
