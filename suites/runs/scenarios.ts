// Thread runs: every scenario of the runs area, in the order they run.

import type { Scenario } from "../../src/engine/scenario.ts";
import { runCancelScenarios } from "./cancel.ts";
import { runCheckpointScenarios } from "./checkpoints.ts";
import { runConditionalScenarios } from "./conditional.ts";
import { runDelayedScenarios } from "./delayed.ts";
import { runGraphStoreScenarios } from "./graph-store.ts";
import { humanInTheLoopScenarios } from "./human-in-the-loop.ts";
import { runInputScenarios } from "./inputs.ts";
import { runInterruptScenarios } from "./interrupts.ts";
import { runLifecycleScenarios } from "./lifecycle.ts";
import { runMultitaskScenarios } from "./multitask.ts";
import { runTokenScenarios } from "./tokens.ts";
import { runWaitingScenarios } from "./waiting.ts";

/** The scenarios of the runs area: the rules they judge are in ./rules.ts. */
export const threadRunScenarios: Scenario[] = [
  ...runLifecycleScenarios,
  ...runInterruptScenarios,
  ...humanInTheLoopScenarios,
  ...runMultitaskScenarios,
  ...runCancelScenarios,
  ...runWaitingScenarios,
  ...runDelayedScenarios,
  ...runInputScenarios,
  ...runCheckpointScenarios,
  ...runGraphStoreScenarios,
  ...runTokenScenarios,
  ...runConditionalScenarios,
];
