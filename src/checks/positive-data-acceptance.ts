// positive_data_acceptance: a valid request about resources that exist is answered with a 2xx.

import type { Check } from "./check.ts";
import { failedWith, passed, skipped } from "./check.ts";

export const positiveDataAcceptance: Check = {
  id: "positive_data_acceptance",
  title: "Valid requests are accepted",
  severity: "critical",
  run({ response, expect }) {
    if (expect !== "success") return skipped("the step does not expect success");
    if (response.status >= 200 && response.status < 300) return passed;
    return failedWith([
      {
        message: `Received: ${response.status} ${response.text.slice(0, 160).trim()} / Documented: a 2xx for a valid request`,
        expected: "2xx",
        actual: response.status,
        key: String(response.status),
      },
    ]);
  },
};
