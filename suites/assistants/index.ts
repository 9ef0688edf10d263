// The Assistants area: its rules, the scenarios that judge them, and the faults that prove them.

import { defineArea } from "../../src/rules/area.ts";
import { deleteThreadScenarios } from "./delete-threads.ts";
import { ASSISTANTS_PLANTED } from "./faults.ts";
import { assistantScenarios } from "./probe.ts";
import { ASSISTANTS } from "./rules.ts";
import { assistantSemanticScenarios } from "./semantics.ts";
import { systemScenarios } from "./system.ts";
import { versionScenarios } from "./versions.ts";

export const assistantsArea = defineArea({
  id: "assistants",
  title: "Assistants",
  rules: ASSISTANTS,
  scenarios: [
    ...assistantScenarios,
    ...assistantSemanticScenarios,
    ...versionScenarios,
    ...deleteThreadScenarios,
    ...systemScenarios,
  ],
  faults: ASSISTANTS_PLANTED,
});
