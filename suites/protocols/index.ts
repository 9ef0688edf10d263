// The protocols area (streaming protocol v2, A2A, MCP): its rules, scenarios and planted faults.

import { defineArea } from "../../src/rules/area.ts";
import { PROTOCOLS_PLANTED } from "./faults.ts";
import { PROTOCOLS } from "./rules.ts";
import { protocolScenarios } from "./scenarios.ts";
import { PROTOCOLS_OUT_OF_SCOPE } from "./scope.ts";

export const protocolsArea = defineArea({
  id: "protocols",
  title: "Protocols",
  rules: PROTOCOLS,
  scenarios: protocolScenarios,
  faults: PROTOCOLS_PLANTED,
  outOfScope: PROTOCOLS_OUT_OF_SCOPE,
});
