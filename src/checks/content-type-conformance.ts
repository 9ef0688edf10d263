// content_type_conformance: a response body comes with a content type the operation documents for its status.

import type { Check } from "./check.ts";
import { failedWith, mediaTypeOf, passed, skipped } from "./check.ts";
import { documentedResponse } from "../spec/operations.ts";

export const contentTypeConformance: Check = {
  id: "content_type_conformance",
  title: "Content type is documented",
  severity: "minor",
  level: "standard",
  scope: "every operation",
  ref: "spec#/paths",
  run({ operation, response }) {
    const documented = documentedResponse(operation, response.status);
    if (!documented) return skipped(`status ${response.status} is not documented`);
    const mediaTypes = Object.keys(documented.content);
    const received = mediaTypeOf(response.headers["content-type"]);
    const hasBody = response.text.length > 0;
    if (mediaTypes.length === 0) {
      // An error documented without a body may still explain itself (ERRATA, "Kept as published").
      if (!hasBody || response.status >= 400) return passed;
      return failedWith([
        {
          message: `Received: a ${received ?? "untyped"} body / Documented: no body for ${documented.status}`,
          expected: "no body",
          actual: received ?? "body without content-type",
          schemaPointer: documented.pointer,
          key: `unexpected-body:${documented.status}`,
          cause: `unexpected-body:${statusClass(response.status)}`,
        },
      ]);
    }
    if (!hasBody && response.status === 204) return passed;
    if (received && mediaTypes.some((m) => matches(m, received))) return passed;
    return failedWith([
      {
        message: `Received: ${received ?? "no content-type"} / Documented: ${mediaTypes.join(", ")}`,
        expected: mediaTypes,
        actual: received ?? null,
        schemaPointer: `${documented.pointer}/content`,
        key: `${documented.status}:${received}`,
        cause: `${statusClass(response.status)}:${received}`,
      },
    ]);
  },
};

/** "2xx" for 200: success bodies and error bodies of the wrong type are different departures. */
const statusClass = (status: number): string => `${String(status)[0]}xx`;

/** Documented media types may use wildcards such as `application/*`. */
function matches(documented: string, received: string): boolean {
  const [type, subtype] = documented.toLowerCase().split("/");
  const [rType, rSubtype] = received.split("/");
  return (type === "*" || type === rType) && (subtype === "*" || subtype === rSubtype);
}
