// The run streams area: its rules, the scenarios that judge them, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { STREAMS_PLANTED } from "./faults.ts";
import { streamHistoryScenarios } from "./history.ts";
import { streamLiveScenarios } from "./live.ts";
import { streamModeScenarios } from "./modes.ts";
import { streamResumeScenarios } from "./resume.ts";
import { STREAMS } from "./rules.ts";

export const streamsArea = defineArea({
  id: "streams",
  title: "Run streams",
  rules: STREAMS,
  scenarios: [...streamModeScenarios, ...streamResumeScenarios, ...streamHistoryScenarios, ...streamLiveScenarios],
  faults: STREAMS_PLANTED,
});
