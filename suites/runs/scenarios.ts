// Thread runs: every scenario of the runs area, in the order they run.

import type { Scenario } from "../../src/engine/scenario.ts";
import { runCancelScenarios } from "./cancel.ts";
import { runInterruptScenarios } from "./interrupts.ts";
import { runLifecycleScenarios } from "./lifecycle.ts";
import { runMultitaskScenarios } from "./multitask.ts";

/** The scenarios of the runs area: the rules they judge are in ./rules.ts. */
export const threadRunScenarios: Scenario[] = [
  ...runLifecycleScenarios,
  ...runInterruptScenarios,
  ...runMultitaskScenarios,
  ...runCancelScenarios,
];
