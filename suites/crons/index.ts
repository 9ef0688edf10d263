// The Crons area: its rules (all optional: they hold where the target has crons), the scenario, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { CRONS_PLANTED } from "./faults.ts";
import { CRONS } from "./rules.ts";
import { cronScenarios } from "./scenarios.ts";

export const cronsArea = defineArea({
  id: "crons",
  title: "Crons",
  rules: CRONS,
  scenarios: cronScenarios,
  faults: CRONS_PLANTED,
});
