// stream_starts_with_metadata: a run's stream opens with a `metadata` event naming that run.

import { isStreaming } from "../spec/operations.ts";
import type { Check } from "./check.ts";
import { failedWith, passed, preview, skipped } from "./check.ts";
import {
  dataOf,
  isJoinStream,
  isObject,
  isRunStream,
  isVerdict,
  requestHeader,
  runlessError,
  streamEvents,
} from "./stream-common.ts";

export const streamStartsWithMetadata: Check = {
  id: "stream_starts_with_metadata",
  title: "A run stream starts with metadata naming the run",
  appliesTo: isStreaming,
  severity: "major",
  level: "standard",
  scope: "every streaming operation",
  ref: "spec#/components/x-sse-event-sets",
  run(ctx) {
    const { operation, response } = ctx;
    const events = streamEvents(ctx);
    if (isVerdict(events)) return events;
    if (!isRunStream(operation.path)) return skipped("not a run's own stream");
    const join = isJoinStream(operation.path);
    const lastEventId = requestHeader(ctx, "last-event-id");
    if (join && lastEventId !== undefined && lastEventId !== "-1")
      return skipped(`resumes after event ${lastEventId}, so it starts mid-stream`);
    if (join && events.length === 0) return skipped("the join carried no events (the run had ended)");
    const runless = runlessError(ctx, events);
    if (runless) return skipped(runless);
    const first = events[0];
    if (!first) {
      return failedWith([
        {
          message: "Received: a stream with no events / Documented: a metadata event first",
          expected: "metadata",
          actual: null,
          instancePointer: "/events/0",
          key: "no-events",
        },
      ]);
    }
    if (first.event !== "metadata") {
      return failedWith([
        {
          message: `Received: "${first.event}" as the first event / Documented: metadata first`,
          expected: "metadata",
          actual: first.event,
          instancePointer: "/events/0",
          key: "first-not-metadata",
        },
      ]);
    }
    const data = dataOf(first);
    const runId = data.ok && isObject(data.value) ? data.value.run_id : undefined;
    if (typeof runId !== "string" || runId === "") {
      return failedWith([
        {
          message: `Received: metadata ${preview(first.data)} / Documented: metadata with the run_id`,
          expected: "run_id",
          actual: preview(first.data),
          instancePointer: "/events/0/data",
          key: "no-run-id",
        },
      ]);
    }
    const named = join
      ? ctx.exchange.request.path.match(/\/runs\/([^/]+)\/stream$/)?.[1]
      : lastSegment(response.headers["content-location"]);
    if (named !== undefined && named !== runId) {
      const where = join ? "the joined run" : "the run Content-Location names";
      return failedWith([
        {
          message: `Received: metadata for run ${runId} / Documented: metadata for ${where}, ${named}`,
          expected: named,
          actual: runId,
          instancePointer: "/events/0/data/run_id",
          key: "other-run",
        },
      ]);
    }
    return passed;
  },
};

/** The last path segment of a run URL such as `/threads/t/runs/r`, when it is one. */
function lastSegment(location: string | undefined): string | undefined {
  return location?.match(/\/runs\/([^/?#]+)\/?$/)?.[1];
}
