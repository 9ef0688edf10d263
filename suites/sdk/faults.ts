// The planted fault that makes each SDK rule fail in suites/sdk/sdk.test.ts.

import type { AssistantFault } from "../../fixtures/fakes/assistants.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { SDK } from "./rules.ts";

export const SDK_PLANTED = {
  sdk_call: { fault: "500:GET /store/items" },
  sdk_result: { fault: "assistant_update_drops_metadata", scenario: "sdk.assistants" },
} as const satisfies PlantedFaults<keyof typeof SDK, AssistantFault>;
