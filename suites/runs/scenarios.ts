// Thread runs and their streams: every scenario of the Thread Runs area, in the order they run.

import type { Scenario } from "../../src/engine/scenario.ts";
import { runCancelScenarios } from "./cancel.ts";
import { runInterruptScenarios } from "./interrupts.ts";
import { runLifecycleScenarios } from "./lifecycle.ts";
import { runMultitaskScenarios } from "./multitask.ts";
import { streamModeScenarios } from "../streams/modes.ts";
import { streamResumeScenarios } from "../streams/resume.ts";

export const runScenarios: Scenario[] = [
  ...runLifecycleScenarios,
  ...streamModeScenarios,
  ...streamResumeScenarios,
  ...runInterruptScenarios,
  ...runMultitaskScenarios,
  ...runCancelScenarios,
];
