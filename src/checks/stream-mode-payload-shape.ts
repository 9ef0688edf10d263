// stream_mode_payload_shape: each mode's events carry that mode's payload (full state, node updates, message pairs).

import { isStreaming } from "../spec/operations.ts";
import type { Check, FindingDraft } from "./check.ts";
import { failedWith, preview, skipped } from "./check.ts";
import { baseName, carriesRunEvents, dataOf, isObject, isVerdict, streamEvents } from "./stream-common.ts";

/** What a payload must be, per event name; undefined when it conforms, else the documented shape. */
const SHAPES: Record<string, (data: unknown) => string | undefined> = {
  values: (d) => (isObject(d) ? undefined : "the full state, an object of channel values"),
  updates: (d) =>
    isObject(d) &&
    Object.keys(d).length > 0 &&
    Object.entries(d).every(
      ([node, write]) => node.startsWith("__") || write === null || isObject(write) || Array.isArray(write),
    )
      ? undefined
      : "an object keyed by the node that ran, each value that node's update",
  messages: (d) =>
    Array.isArray(d) && d.length === 2 && isMessage(d[0]) && isObject(d[1]) ? undefined : "a [message, metadata] pair",
  "messages/partial": (d) => (Array.isArray(d) && d.every(isMessage) ? undefined : "a list of messages"),
  "messages/complete": (d) => (Array.isArray(d) && d.every(isMessage) ? undefined : "a list of messages"),
  "messages/metadata": (d) =>
    isObject(d) && Object.values(d).every((m) => isObject(m) && "metadata" in m)
      ? undefined
      : "an object of {metadata} keyed by message id",
};

function isMessage(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.type === "string" &&
    (typeof value.content === "string" || Array.isArray(value.content))
  );
}

export const streamModePayloadShape: Check = {
  id: "stream_mode_payload_shape",
  title: "Each stream mode's events carry that mode's payload",
  appliesTo: isStreaming,
  severity: "major",
  level: "standard",
  scope: "every streaming operation",
  ref: "spec#/components/x-sse-event-sets",
  run(ctx) {
    const events = streamEvents(ctx);
    if (isVerdict(events)) return events;
    if (!carriesRunEvents(ctx.operation.path)) return skipped("not a stream of run events");
    const judged = events.filter((e) => SHAPES[baseName(e)]);
    if (judged.length === 0) return skipped("no values, updates or messages events");
    const findings: FindingDraft[] = [];
    events.forEach((event, index) => {
      const shape = SHAPES[baseName(event)];
      const data = dataOf(event);
      if (!shape || !data.ok) return;
      const expected = shape(data.value);
      if (expected === undefined) return;
      findings.push({
        message: `Received: "${event.event}" data ${preview(event.data.replace(/\s+/g, " "))} / Documented: ${expected}`,
        expected,
        actual: preview(event.data),
        instancePointer: `/events/${index}/data`,
        key: `shape:${baseName(event)}`,
      });
    });
    return failedWith(findings.slice(0, 25));
  },
};
