// stream_event_ids: every event of a thread's stream (a thread run's, a join's) carries an id, and no id repeats.

import { isStreaming } from "../spec/operations.ts";
import type { Check, FindingDraft } from "./check.ts";
import { failedWith, skipped } from "./check.ts";
import { isVerdict, runlessError, streamEvents } from "./stream-common.ts";

export const streamEventIds: Check = {
  id: "stream_event_ids",
  title: "Thread streams carry a unique id on every event",
  appliesTo: isStreaming,
  severity: "major",
  level: "standard",
  scope: "every streaming operation",
  ref: "spec#/components/x-sse-event-sets",
  run(ctx) {
    const events = streamEvents(ctx);
    if (isVerdict(events)) return events;
    if (!ctx.operation.path.includes("/threads/"))
      return skipped("not a thread's stream: stateless streams need no ids");
    if (events.length === 0) return skipped("no events");
    const runless = runlessError(ctx, events);
    if (runless) return skipped(runless);
    const findings: FindingDraft[] = [];
    const seen = new Map<string, number>();
    events.forEach((event, index) => {
      if (!event.hasId || event.id === undefined || event.id === "") {
        findings.push({
          message: `Received: a "${event.event}" event without an id / Documented: an id on every event, to resume from`,
          expected: "id",
          actual: null,
          instancePointer: `/events/${index}`,
          key: "missing-id",
        });
        return;
      }
      const earlier = seen.get(event.id);
      if (earlier !== undefined) {
        findings.push({
          message: `Received: id ${event.id} on events ${earlier} and ${index} / Documented: a distinct id per event`,
          actual: event.id,
          instancePointer: `/events/${index}`,
          key: "repeated-id",
        });
      }
      seen.set(event.id, index);
    });
    return failedWith(findings.slice(0, 25));
  },
};
