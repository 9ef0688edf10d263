// Thread runs and their streams: every scenario of the Thread Runs area, in the order they run.

import type { Scenario } from "../src/engine/scenario.ts";
import { runCancelScenarios } from "./run-cancel.ts";
import { runInterruptScenarios } from "./run-interrupts.ts";
import { runLifecycleScenarios } from "./run-lifecycle.ts";
import { runMultitaskScenarios } from "./run-multitask.ts";
import { streamModeScenarios } from "./stream-modes.ts";
import { streamResumeScenarios } from "./stream-resume.ts";

export const runScenarios: Scenario[] = [
  ...runLifecycleScenarios,
  ...streamModeScenarios,
  ...streamResumeScenarios,
  ...runInterruptScenarios,
  ...runMultitaskScenarios,
  ...runCancelScenarios,
];
