// response_headers_conformance: required documented headers are present and match their schema.

import type { Check, FindingDraft } from "./check.ts";
import { failedWith, skipped } from "./check.ts";
import { documentedResponse } from "../spec/operations.ts";

export const responseHeadersConformance: Check = {
  id: "response_headers_conformance",
  title: "Documented response headers",
  severity: "major",
  level: "standard",
  scope: "every operation",
  ref: "spec#/components/headers",
  run({ operation, response, validators }) {
    const documented = documentedResponse(operation, response.status);
    if (!documented) return skipped(`status ${response.status} is not documented`);
    const headers = Object.entries(documented.headers);
    if (headers.length === 0) return skipped(`no headers documented for ${documented.status}`);
    const findings: FindingDraft[] = [];
    for (const [name, info] of headers) {
      const value = response.headers[name];
      if (value === undefined) {
        if (info.required) {
          findings.push({
            message: `Received: no ${name} header / Documented: ${name} is required on ${documented.status}`,
            expected: name,
            actual: null,
            schemaPointer: `${documented.pointer}/headers`,
            key: `missing:${name}`,
          });
        }
        continue;
      }
      if (!info.schemaPointer) continue;
      for (const v of validators.validate(info.schemaPointer, value)) {
        findings.push({
          message: `Received: ${name}: ${value} / Documented: ${v.message}`,
          actual: value,
          schemaPointer: v.schemaPointer,
          key: `invalid:${name}:${v.schemaPointer}`,
        });
      }
    }
    return failedWith(findings);
  },
};
