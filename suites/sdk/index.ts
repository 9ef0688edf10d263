// The SDK area: the store, thread, assistant and run flows driven through the official clients (JS, Python), a verdict
// per method and client.

import type { Scenario } from "../../src/engine/scenario.ts";
import { defineArea } from "../../src/rules/area.ts";
import { SDK_PLANTED } from "./faults.ts";
import { sdkScenarios } from "./flows.ts";
import { hasPythonSdk } from "./python/process.ts";
import { pythonSdkScenarios } from "./python-flows.ts";
import { SDK } from "./rules.ts";

export const SDK_CLIENTS = ["js", "python", "python-latest"] as const;
export type SdkClientName = (typeof SDK_CLIENTS)[number];

export const sdkArea = defineArea({
  id: "sdk",
  title: "SDK",
  rules: SDK,
  scenarios: [...sdkScenarios, ...pythonSdkScenarios(), ...pythonSdkScenarios({ variant: "latest" })],
  faults: SDK_PLANTED,
});

/**
 * The clients a run drives when it is not told: JS; Python when the project's virtual environment is there; the latest
 * Python SDK when it is installed beside it.
 */
export function defaultSdkClients(): SdkClientName[] {
  return [
    "js",
    ...(hasPythonSdk("pinned") ? ["python" as const] : []),
    ...(hasPythonSdk("latest") ? ["python-latest" as const] : []),
  ];
}

/** The client an SDK scenario drives, by its id ("sdk.python.store" the Python one, "sdk.store" the JS one). */
export function sdkClientOf(scenario: Scenario): SdkClientName | undefined {
  if (scenario.id.startsWith("sdk.python.")) return "python";
  if (scenario.id.startsWith("sdk.python-latest.")) return "python-latest";
  return scenario.id.startsWith("sdk.") ? "js" : undefined;
}

/** The scenarios of the clients chosen; scenarios of no SDK client stay. */
export function withSdkClients(scenarios: readonly Scenario[], clients: readonly string[]): Scenario[] {
  return scenarios.filter((s) => {
    const client = sdkClientOf(s);
    return client === undefined || clients.includes(client);
  });
}
