// stream_error_is_last: an `error` event ends a run's stream: nothing but an `end` marker follows it, and the stream closes.

import { isStreaming } from "../spec/operations.ts";
import type { Check } from "./check.ts";
import { failedWith, passed, skipped } from "./check.ts";
import { baseName, isRunStream, isVerdict, streamEvents } from "./stream-common.ts";

export const streamErrorIsLast: Check = {
  id: "stream_error_is_last",
  title: "An error event ends the run's stream",
  appliesTo: isStreaming,
  severity: "major",
  level: "standard",
  scope: "every streaming operation",
  ref: "spec#/components/x-sse-event-sets",
  run(ctx) {
    const events = streamEvents(ctx);
    if (isVerdict(events)) return events;
    if (!isRunStream(ctx.operation.path)) return skipped("not a run's own stream");
    const at = events.findIndex((e) => baseName(e) === "error");
    if (at === -1) return skipped("no error event");
    const after = events.slice(at + 1).filter((e) => e.event !== "end");
    if (after.length > 0) {
      return failedWith([
        {
          message: `Received: ${after.length} event(s) after the error (first "${after[0]!.event}") / Documented: the stream ends after an error event`,
          expected: "nothing after error",
          actual: after.map((e) => e.event).slice(0, 10),
          instancePointer: `/events/${at + 1}`,
          key: "events-after-error",
        },
      ]);
    }
    if (ctx.response.streamStop === "max-time") {
      return failedWith([
        {
          message: `Received: a stream still open ${ctx.response.durationMs} ms in, after its error event / Documented: the stream ends after an error event`,
          expected: "the stream closes",
          actual: "still open",
          instancePointer: `/events/${at}`,
          key: "open-after-error",
        },
      ]);
    }
    return passed;
  },
};
