// The Thread Runs area: its rules, the scenarios that judge them, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { RUNS_PLANTED } from "./faults.ts";
import { RUNS } from "./rules.ts";
import { runHazardScenarios } from "./hazard.ts";
import { threadRunScenarios } from "./scenarios.ts";
import { runWebhookScenarios } from "./webhooks.ts";

export const runsArea = defineArea({
  id: "runs",
  title: "Thread Runs",
  rules: RUNS,
  scenarios: [...threadRunScenarios, ...runWebhookScenarios, ...runHazardScenarios],
  faults: RUNS_PLANTED,
});
