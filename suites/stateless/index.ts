// The Stateless Runs area: its rules, the scenario that judges them, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { STATELESS_PLANTED } from "./faults.ts";
import { STATELESS } from "./rules.ts";
import { statelessScenarios } from "./scenarios.ts";

export const statelessArea = defineArea({
  id: "stateless",
  title: "Stateless Runs",
  rules: STATELESS,
  scenarios: statelessScenarios,
  faults: STATELESS_PLANTED,
});
