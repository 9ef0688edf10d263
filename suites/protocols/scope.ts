// What the document promises on the protocol endpoints that no rule judges, and why.

import type { OutOfScope } from "../../src/rules/catalogue.ts";
import { A2A, COMMANDS, EVENTS, MCP } from "./rules.ts";

/** Protocol v2 as the official servers the suite is checked against serve it: not at all. */
const NO_PROTOCOL_V2 =
  "neither official server the suite runs against serves protocol v2 (JS @langchain/langgraph-api 2.0.0 and Python langgraph-api 0.5.26 answer 404), so a rule beyond the envelope and the unknown command could not be shown true on one";

export const PROTOCOLS_OUT_OF_SCOPE: readonly OutOfScope[] = [
  {
    operation: COMMANDS,
    behaviour:
      "what each command does (run.start starts a run, input.respond answers an interrupt, agent.getTree answers the tree), and the 400 for a command that cannot be read",
    reason: NO_PROTOCOL_V2,
  },
  {
    operation: EVENTS,
    behaviour:
      "the events of runs on the thread, filtered by channels, namespaces and depth, and the replay of buffered events after since",
    reason: NO_PROTOCOL_V2,
  },
  {
    operation: A2A,
    behaviour: "tasks/cancel",
    reason:
      "the document lists the method but not what it does; the upstream document says cancelling is not supported and answers an error (the official Python server answers -32004), so a rule would hold servers to not supporting it",
  },
  {
    operation: MCP,
    behaviour: "which tools tools/list lists, and what tools/call does",
    reason:
      "the document does not say what the tools are; the official Python server lists every assistant by its name and runs the one named as a stateless run, which no rule can ask of every server",
  },
];
