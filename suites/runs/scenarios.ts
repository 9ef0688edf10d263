// Thread runs and their streams: every scenario of the Thread Runs tag, in the order they run.

import type { Scenario } from "../../src/engine/scenario.ts";
import { runCancelScenarios } from "./cancel.ts";
import { runInterruptScenarios } from "./interrupts.ts";
import { runLifecycleScenarios } from "./lifecycle.ts";
import { runMultitaskScenarios } from "./multitask.ts";
import { streamModeScenarios } from "../streams/modes.ts";
import { streamResumeScenarios } from "../streams/resume.ts";

/** The scenarios of the runs area: the rules they judge are in ./rules.ts. */
export const threadRunScenarios: Scenario[] = [...runLifecycleScenarios, ...runInterruptScenarios, ...runMultitaskScenarios, ...runCancelScenarios];

/** With the stream scenarios, which belong to the streams area but run between the lifecycle and the interrupts. */
export const runScenarios: Scenario[] = [
  ...runLifecycleScenarios,
  ...streamModeScenarios,
  ...streamResumeScenarios,
  ...runInterruptScenarios,
  ...runMultitaskScenarios,
  ...runCancelScenarios,
];
