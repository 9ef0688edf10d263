// The SDK area: the store, thread and assistant flows driven through the official JS client, a verdict per method.

import { defineArea } from "../../src/rules/area.ts";
import { SDK_PLANTED } from "./faults.ts";
import { sdkScenarios } from "./flows.ts";
import { SDK } from "./rules.ts";

export const sdkArea = defineArea({
  id: "sdk",
  title: "SDK",
  rules: SDK,
  scenarios: sdkScenarios,
  faults: SDK_PLANTED,
});
