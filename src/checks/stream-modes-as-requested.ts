// stream_modes_as_requested: a run stream carries only the events of the modes it asked for (plus metadata, error, end).

import { isStreaming } from "../spec/operations.ts";
import type { Check, FindingDraft } from "./check.ts";
import { failedWith, skipped } from "./check.ts";
import {
  ALWAYS_ALLOWED,
  baseName,
  isRunStream,
  isVerdict,
  MODE_EVENTS,
  requestBody,
  requestedModes,
  streamEvents,
} from "./stream-common.ts";

export const streamModesAsRequested: Check = {
  id: "stream_modes_as_requested",
  title: "Only the requested stream modes appear",
  appliesTo: isStreaming,
  severity: "major",
  level: "standard",
  scope: "every streaming operation",
  ref: "spec#/components/x-sse-event-sets",
  run(ctx) {
    const events = streamEvents(ctx);
    if (isVerdict(events)) return events;
    if (!isRunStream(ctx.operation.path)) return skipped("not a run's own stream");
    const modes = requestedModes(ctx);
    if (!modes) return skipped("the join names no stream_mode: the run's modes were chosen when it was created");
    // An empty list may read as no list, that is the default mode (E28).
    const asked = modes.length === 0 ? ["values"] : modes;
    const allowed = new Set<string>([...ALWAYS_ALLOWED, ...asked.flatMap((m) => MODE_EVENTS[m] ?? [])]);
    if (requestBody(ctx).feedback_keys !== undefined) allowed.add("feedback");
    const findings: FindingDraft[] = [];
    events.forEach((event, index) => {
      const name = baseName(event);
      if (allowed.has(name)) return;
      findings.push({
        message: `Received: a "${event.event}" event / Documented: only ${[...allowed].join(", ")} for stream_mode ${JSON.stringify(modes)}`,
        expected: [...allowed],
        actual: event.event,
        instancePointer: `/events/${index}`,
        key: `unrequested:${name}`,
      });
    });
    return failedWith(findings.slice(0, 25));
  },
};
