// status_code_conformance: the status code is one the operation documents.

import type { Check } from "./check.ts";
import { documentedStatuses, failedWith, passed } from "./check.ts";
import { documentedResponse } from "../spec/operations.ts";

export const statusCodeConformance: Check = {
  id: "status_code_conformance",
  title: "Status code is documented",
  severity: "major",
  level: "standard",
  scope: "every operation",
  ref: "spec#/paths",
  run({ operation, response }) {
    if (documentedResponse(operation, response.status)) return passed;
    return failedWith([
      {
        message: `Received: ${response.status} / Documented: ${documentedStatuses(operation)}`,
        expected: operation.responses.map((r) => r.status),
        actual: response.status,
        schemaPointer: `${operation.pointer}/responses`,
        key: `received ${response.status}, documented ${documentedStatuses(operation)}`,
        cause: `received ${response.status}`,
      },
    ]);
  },
};
