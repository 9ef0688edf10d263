// positive_data_acceptance: a valid request about resources that exist is answered with a 2xx.

import type { Check } from "./check.ts";
import { failedWith, passed, skipped } from "./check.ts";

export const positiveDataAcceptance: Check = {
  id: "positive_data_acceptance",
  title: "Valid requests are accepted",
  severity: "critical",
  level: "core",
  scope: "every operation, in the property phase",
  ref: "spec#/paths",
  run({ response, expect }) {
    const allowed =
      expect === "success" ? [] : typeof expect === "object" && "accept" in expect ? expect.accept : undefined;
    if (!allowed) return skipped("the request is not one that must be accepted");
    if ((response.status >= 200 && response.status < 300) || allowed.includes(response.status)) return passed;
    const documented = ["2xx", ...allowed.map(String)].join(", ");
    return failedWith([
      {
        message: `Received: ${response.status} ${response.text.slice(0, 160).trim()} / Documented: ${documented} for a valid request`,
        expected: documented,
        actual: response.status,
        key: String(response.status),
      },
    ]);
  },
};
