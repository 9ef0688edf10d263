// Tells a route the target does not have (not implemented) apart from a resource that does not exist.

import type { HttpResponse } from "../http/client.ts";
import type { Operation } from "../spec/operations.ts";

/** How the target answers a path it certainly has no route for: learned once at start. */
export interface MissingRouteFingerprint {
  status: number;
  body: string;
}

const NOT_IMPLEMENTED = /not[\s_-]?implemented/i;

/**
 * Returns the reason the route counts as not implemented, or undefined when the answer is about the request.
 * A status the operation documents (say 405 on GET /mcp/) is an answer, not a missing route; 404 is told apart
 * by comparing it with the target's answer for a path that cannot exist.
 */
export function routeMissing(
  operation: Operation,
  response: Pick<HttpResponse, "status" | "text">,
  fingerprint: MissingRouteFingerprint | undefined,
): string | undefined {
  const documented = operation.responses.some((r) => r.status === String(response.status));
  if (documented && response.status !== 404) return undefined;
  if (response.status === 405) return "the target answers 405 Method Not Allowed on this route";
  if (response.status === 501) return "the target answers 501 Not Implemented on this route";
  if (response.status >= 400 && NOT_IMPLEMENTED.test(response.text.slice(0, 500))) {
    return `the target answers ${response.status} "${response.text.trim().slice(0, 80)}"`;
  }
  if (
    response.status === 404 &&
    fingerprint?.status === 404 &&
    normalize(response.text) === normalize(fingerprint.body)
  ) {
    return "the target answers 404 exactly as it does for a path it has no route for";
  }
  return undefined;
}

const normalize = (text: string): string => text.trim().replace(/\s+/g, " ");
