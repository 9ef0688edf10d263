// The Threads area: its rules, the scenarios that judge them, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { THREADS_PLANTED } from "./faults.ts";
import { threadScenarios } from "./probe.ts";
import { THREADS } from "./rules.ts";
import { threadSemanticScenarios } from "./semantics.ts";

export const threadsArea = defineArea({
  id: "threads",
  title: "Threads",
  rules: THREADS,
  scenarios: [...threadScenarios, ...threadSemanticScenarios],
  faults: THREADS_PLANTED,
});
