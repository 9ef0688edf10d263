// The planted fault that makes each cron rule fail in suites/crons/crons.test.ts.

import type { RunFault } from "../../fixtures/fakes/runs.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { CRONS } from "./rules.ts";

export const CRONS_PLANTED = {
  cron_search_finds_created: { fault: "cron_search_filter_ignored" },
  cron_count_matches_created: { fault: "cron_count_filter_ignored" },
  cron_update_changes_schedule: { fault: "cron_update_ignored" },
  cron_get_after_delete_404: { fault: "cron_delete_ignored" },
} as const satisfies PlantedFaults<keyof typeof CRONS, RunFault>;
