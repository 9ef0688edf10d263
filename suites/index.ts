// The suite: every scenario, in the order they run.

import type { Scenario } from "../src/engine/scenario.ts";
import { assistantScenarios } from "./assistants.ts";
import { cronScenarios } from "./crons.ts";
import { protocolScenarios } from "./protocol.ts";
import { runScenarios } from "./runs.ts";
import { semanticScenarios } from "./scenario-semantics.ts";
import { statelessScenarios } from "./stateless.ts";
import { storeScenarios } from "./store.ts";
import { systemScenarios } from "./system.ts";
import { threadScenarios } from "./threads.ts";

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
