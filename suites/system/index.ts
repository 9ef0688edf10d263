// The system area: its rules, the scenario that judges them, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { SYSTEM_PLANTED } from "./faults.ts";
import { SYSTEM } from "./rules.ts";
import { systemScenarios } from "./scenarios.ts";

export const systemArea = defineArea({
  id: "system",
  title: "System",
  rules: SYSTEM,
  scenarios: systemScenarios,
  faults: SYSTEM_PLANTED,
});
