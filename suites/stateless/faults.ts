// The planted fault that makes each stateless-run rule fail in suites/stateless/stateless.test.ts.

import type { RunFault } from "../../fixtures/fakes/runs.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { STATELESS } from "./rules.ts";

export const STATELESS_PLANTED = {
  stateless_wait_returns_values: { fault: "stateless_wait_returns_run" },
  stateless_delete_removes_thread: { fault: "stateless_delete_keeps_thread" },
  stateless_keep_keeps_thread: { fault: "stateless_keep_deletes_thread" },
  batch_creates_one_run_per_payload: { fault: "batch_creates_one_run" },
} as const satisfies PlantedFaults<keyof typeof STATELESS, RunFault>;
