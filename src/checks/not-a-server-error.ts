// not_a_server_error: the server never answers with a 5xx.

import type { Check } from "./check.ts";
import { failedWith, passed } from "./check.ts";

export const notAServerError: Check = {
  id: "not_a_server_error",
  title: "No 5xx responses",
  severity: "critical",
  level: "core",
  scope: "every operation",
  ref: "spec#/components/responses",
  run({ response }) {
    if (response.status < 500) return passed;
    return failedWith([
      {
        message: `Received: ${response.status} ${response.text.slice(0, 120).trim()} / Documented: no server error`,
        expected: "a status below 500",
        actual: response.status,
        key: String(response.status),
      },
    ]);
  },
};
