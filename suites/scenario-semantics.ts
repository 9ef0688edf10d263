// The semantic scenarios (store, threads, assistants) and the SDK suite, as one list for the suite's index.

import type { Scenario } from "../src/engine/scenario.ts";
import { assistantSemanticScenarios } from "./assistant-scenarios.ts";
import { sdkScenarios } from "./sdk-suite.ts";
import { storeSemanticScenarios } from "./store-scenarios.ts";
import { threadSemanticScenarios } from "./thread-scenarios.ts";

export const semanticScenarios: Scenario[] = [...storeSemanticScenarios, ...threadSemanticScenarios, ...assistantSemanticScenarios, ...sdkScenarios];
