// The Store area: its rules, the scenarios that judge them, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { STORE_PLANTED } from "./faults.ts";
import { storeScenarios } from "./probe.ts";
import { STORE } from "./rules.ts";
import { storeSemanticScenarios } from "./semantics.ts";

export const storeArea = defineArea({
  id: "store",
  title: "Store",
  rules: STORE,
  scenarios: [...storeScenarios, ...storeSemanticScenarios],
  faults: STORE_PLANTED,
});
