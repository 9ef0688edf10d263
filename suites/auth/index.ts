// The Auth area: its rules (all optional: they hold where the target authenticates users), the scenarios, and the
// faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { AUTH_PLANTED } from "./faults.ts";
import { isolationScenario } from "./isolation.ts";
import { refusalScenario } from "./refusal.ts";
import { AUTH } from "./rules.ts";
import { storeIsolationScenario } from "./store.ts";

export const authScenarios = [refusalScenario, isolationScenario, storeIsolationScenario];

export const authArea = defineArea({
  id: "auth",
  title: "Auth",
  rules: AUTH,
  scenarios: authScenarios,
  faults: AUTH_PLANTED,
});
