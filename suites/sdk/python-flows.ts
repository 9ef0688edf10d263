// The SDK flows driven through the official Python client (suites/sdk/python/driver.py, run on the project's virtual
// environment): the same methods and claims as the JS flows, and the runs the JS flows leave out.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { GRAPH_IDS, graphAssistant } from "../support/index.ts";
import { DriverReport } from "./python/report.ts";
import {
  pythonSdkAvailability,
  runDriver,
  type PythonSdkAvailability,
  type PythonSdkVariant,
} from "./python/process.ts";
import { operationOfMethod, SDK, SDK_FLOW_METHODS, SDK_FLOW_OPERATIONS } from "./rules.ts";
import { SdkVerdicts } from "./verdicts.ts";

type Flow = keyof typeof SDK_FLOW_METHODS;

export const PYTHON_SCENARIO_TIMEOUT_MS = 60_000;
/** Left to the driver to clean up after it is stopped, and to the scenario to report, within the scenario's bound. */
const CLEANUP_MARGIN_MS = 12_000;

export interface PythonFlowOptions {
  /** The pinned SDK of the virtual environment (default), or the latest one installed beside it. */
  variant?: PythonSdkVariant;
  /** Where the Python SDK is (default: the project's virtual environment). */
  availability?: () => Promise<PythonSdkAvailability>;
  /** The driver's bound (default: the scenario's, less the time its cleanup needs). */
  driverTimeoutMs?: number;
}

const FLOWS: readonly { flow: Flow; title: string; tag: string; alone?: boolean }[] = [
  { flow: "store", title: "Store through the official Python SDK", tag: "Store" },
  { flow: "threads", title: "Threads and their state through the official Python SDK", tag: "Threads" },
  // Like the JS flow: reading a graph's schemas may compile the graph, seconds of the server's CPU.
  { flow: "assistants", title: "Assistants through the official Python SDK", tag: "Assistants", alone: true },
  { flow: "runs", title: "Runs and their streams through the official Python SDK", tag: "Thread Runs" },
];

/** One scenario per flow, each running the driver on that flow ("sdk.python.store", "sdk.python-latest.store"). */
export function pythonSdkScenarios(options: PythonFlowOptions = {}): Scenario[] {
  const latest = options.variant === "latest";
  return FLOWS.map(({ flow, title, tag, alone }) => {
    const scenario: Scenario = {
      id: `sdk.${latest ? "python-latest" : "python"}.${flow}`,
      sdk: SDK_FLOW_METHODS[flow],
      title: latest ? title.replace("the official Python SDK", "the latest official Python SDK") : title,
      tag,
      rules: [SDK.sdk_call, SDK.sdk_result],
      covers: SDK_FLOW_OPERATIONS[flow],
      timeoutMs: PYTHON_SCENARIO_TIMEOUT_MS,
      ...(alone ? { alone } : {}),
      run: (ctx) => runPythonFlow(ctx, scenario, flow, options),
    };
    return scenario;
  });
}

async function runPythonFlow(
  ctx: ScenarioContext,
  scenario: Scenario,
  flow: Flow,
  options: PythonFlowOptions,
): Promise<void> {
  const methods = scenario.sdk ?? [];
  const available = await (options.availability ?? (() => pythonSdkAvailability(options.variant)))();
  if (!available.ok) {
    const verdicts = new SdkVerdicts(ctx, scenario.id, "python");
    await verdicts.rest(SDK.sdk_call, methods, operationOfMethod, { reason: available.reason });
    return ctx.skip(available.reason);
  }
  const needsGraph = flow !== "store";
  const assistantId = needsGraph ? await graphAssistant(ctx, GRAPH_IDS.echo) : GRAPH_IDS.echo;
  const slowAssistantId = flow === "runs" ? await graphAssistant(ctx, GRAPH_IDS.slow) : GRAPH_IDS.slow;
  const verdicts = new SdkVerdicts(ctx, scenario.id, `python ${available.sdk.version}`);
  const report = new DriverReport(ctx, verdicts);
  const input = {
    url: ctx.target.url,
    headers: { ...ctx.target.headers },
    prefix: ctx.prefix,
    metadata: { ...ctx.metadata },
    flows: [flow],
    graph_id: GRAPH_IDS.echo,
    assistant_id: assistantId,
    slow_assistant_id: slowAssistantId,
    timeout_s: 15,
  };
  const bound = options.driverTimeoutMs ?? (scenario.timeoutMs ?? PYTHON_SCENARIO_TIMEOUT_MS) - CLEANUP_MARGIN_MS;
  const end = await runDriver(available.sdk, input, bound, (line) => report.line(line));
  await report.end(methods, end);
  if (end.status === "finished" && report.stopReason) ctx.skip(report.stopReason);
}
