// negative_data_rejection: a request that breaks a documented rule is refused with a documented 4xx and error body.

import type { Check } from "./check.ts";
import { failedWith, mediaTypeOf, passed, skipped } from "./check.ts";
import { documentedResponse } from "../spec/operations.ts";

export const negativeDataRejection: Check = {
  id: "negative_data_rejection",
  title: "Invalid requests are rejected",
  severity: "major",
  level: "standard",
  scope: "every operation, in the property phase",
  ref: "spec#/components/responses",
  run({ response, expect, operation, validators }) {
    if (typeof expect !== "object" || !("reject" in expect))
      return skipped("the request is not one that must be rejected");
    const { reject: violation, statuses } = expect;
    if (statuses.length === 0) return skipped("the operation documents no 4xx answer for an invalid request");
    if (!statuses.includes(response.status)) {
      const accepted = response.status >= 200 && response.status < 300;
      return failedWith([
        {
          message: `Received: ${response.status} for a request with ${violation} / Documented: ${statuses.join(", ")}`,
          expected: statuses,
          actual: response.status,
          key: accepted ? `accepted:${expect.violation ?? "invalid"}` : `status:${response.status}`,
          cause: `status:${accepted ? "2xx" : response.status}`,
        },
      ]);
    }
    const body = documentedResponse(operation, response.status)?.content[
      mediaTypeOf(response.headers["content-type"]) ?? ""
    ];
    const anyJson = documentedResponse(operation, response.status)?.content["application/json"];
    const schemaPointer = (body ?? anyJson)?.schemaPointer;
    if (!schemaPointer) return passed;
    const violations = response.isJson
      ? validators.validate(schemaPointer, response.json)
      : [{ message: "is not JSON", schemaPointer, instancePointer: "" }];
    if (violations.length === 0) return passed;
    return failedWith([
      {
        message: `Received: an error body that ${violations[0]!.message} / Documented: the error body of ${response.status}`,
        actual: response.text.slice(0, 200),
        schemaPointer,
        key: `error-body:${response.status}`,
        cause: `error-body:${response.status >= 400 && response.status < 500 ? "4xx" : response.status}`,
      },
    ]);
  },
};
