// The suite: every scenario, in the order they run.

import type { Scenario } from "../src/engine/scenario.ts";
import { assistantScenarios } from "./assistants/probe.ts";
import { cronScenarios } from "./crons/scenarios.ts";
import { protocolScenarios } from "./protocols/scenarios.ts";
import { runScenarios } from "./runs/scenarios.ts";
import { semanticScenarios } from "./scenario-semantics.ts";
import { statelessScenarios } from "./stateless/scenarios.ts";
import { storeScenarios } from "./store/probe.ts";
import { systemScenarios } from "./system/scenarios.ts";
import { threadScenarios } from "./threads/probe.ts";

export const SCENARIOS: readonly Scenario[] = [
  ...systemScenarios,
  ...assistantScenarios,
  ...threadScenarios,
  ...runScenarios,
  ...statelessScenarios,
  ...cronScenarios,
  ...storeScenarios,
  ...protocolScenarios,
  ...semanticScenarios,
];
