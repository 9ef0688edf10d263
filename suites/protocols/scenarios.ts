// The other protocols a server may expose: streaming protocol v2 commands and events, A2A (./a2a.ts), MCP (./mcp.ts).

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import { createThread, dataOf, eventsOf, why } from "../support/index.ts";
import { a2aScenario } from "./a2a.ts";
import { isObject, offers } from "./jsonrpc.ts";
import { mcpScenario } from "./mcp.ts";
import { COMMANDS, EVENTS, PROTOCOLS } from "./rules.ts";

async function judgeCommand(ctx: ScenarioContext, params: { thread_id: string }): Promise<void> {
  const command = await ctx.call({
    op: COMMANDS,
    step: "ask for the agent tree",
    params,
    body: { id: 1, method: "agent.getTree", params: {} },
    expect: "any",
  });
  const rules = [PROTOCOLS.protocol_command_answers_same_id, PROTOCOLS.protocol_unknown_command_answers_error];
  if (!(await offers(ctx, "protocol v2 commands", command, rules))) return;
  const answer = isObject(command.json) ? command.json : undefined;
  await ctx.holds(PROTOCOLS.protocol_command_answers_same_id, {
    ok:
      (command.status === 200 || command.status === 400) &&
      (answer?.type === "success" || answer?.type === "error") &&
      answer.id === 1,
    expected: { type: "success | error", id: 1 },
    actual: answer ? { type: answer.type, id: answer.id } : (command.json ?? command.status ?? why(command)),
    evidence: command,
  });
  const unknown = await ctx.call({
    op: COMMANDS,
    step: "send a command that does not exist",
    params,
    body: { id: 2, method: "conformance.noSuchCommand", params: {} },
    expect: { accept: [200, 400] },
  });
  const error = isObject(unknown.json) ? unknown.json : undefined;
  await ctx.holds(PROTOCOLS.protocol_unknown_command_answers_error, {
    ok:
      (unknown.status === 200 || unknown.status === 400) &&
      error?.type === "error" &&
      error.id === 2 &&
      error.error === "unknown_command",
    expected: { type: "error", id: 2, error: "unknown_command" },
    actual: error ? { type: error.type, id: error.id, error: error.error } : (unknown.status ?? why(unknown)),
    evidence: unknown,
  });
}

async function judgeEvents(ctx: ScenarioContext, params: { thread_id: string }): Promise<void> {
  const events = await ctx.call({
    op: EVENTS,
    step: "subscribe to the values channel (bounded read)",
    params,
    body: { channels: ["values", "lifecycle"] },
    stream: { maxEvents: 20, maxMs: 1_500 },
  });
  if (!(await offers(ctx, "protocol v2 events", events, [PROTOCOLS.protocol_event_frames_named_by_method]))) return;
  const frames = eventsOf(events);
  if (!events.ok || frames.length === 0) {
    const reason = events.ok
      ? "no protocol event arrived within 1.5 s on a thread with no run"
      : `the subscription ${why(events)}`;
    return ctx.skipRule(PROTOCOLS.protocol_event_frames_named_by_method, `${reason}, so there is no frame to judge`);
  }
  const misnamed = frames.findIndex((frame) => {
    const event = dataOf(frame);
    if (!isObject(event) || frame.event !== event.method) return true;
    return typeof event.seq === "number" && frame.id !== String(event.seq);
  });
  const frame = frames[misnamed];
  const event = dataOf(frame);
  await ctx.holds(PROTOCOLS.protocol_event_frames_named_by_method, {
    ok: misnamed < 0,
    expected: "event: <method>, id: <seq>",
    actual: frame
      ? {
          at: misnamed,
          event: frame.event,
          id: frame.id ?? null,
          method: isObject(event) ? event.method : event,
          seq: isObject(event) ? event.seq : undefined,
        }
      : `${frames.length} frames`,
    evidence: events,
  });
}

export const protocolScenarios: Scenario[] = [
  {
    id: "streaming.protocol",
    title: "Thread protocol commands and event stream",
    tag: "Streaming",
    covers: [COMMANDS, EVENTS],
    rules: [
      PROTOCOLS.protocol_command_answers_same_id,
      PROTOCOLS.protocol_unknown_command_answers_error,
      PROTOCOLS.protocol_event_frames_named_by_method,
    ],
    async run(ctx) {
      const params = { thread_id: await createThread(ctx) };
      await judgeCommand(ctx, params);
      await judgeEvents(ctx, params);
    },
  },
  a2aScenario,
  mcpScenario,
];
