// stream_framing: an event stream is made of complete frames, each carrying one JSON document as its data.

import { isStreaming } from "../spec/operations.ts";
import type { Check, FindingDraft } from "./check.ts";
import { failedWith, preview } from "./check.ts";
import { parseSse } from "../http/sse.ts";
import { dataOf, isVerdict, streamEvents } from "./stream-common.ts";

export const streamFraming: Check = {
  id: "stream_framing",
  title: "Event streams are well-framed SSE with JSON data",
  appliesTo: isStreaming,
  severity: "critical",
  level: "core",
  scope: "every streaming operation",
  ref: "spec#/components/x-sse-event-sets",
  run(ctx) {
    const events = streamEvents(ctx);
    if (isVerdict(events)) return events;
    const { response } = ctx;
    const findings: FindingDraft[] = [];
    if (
      events.length === 0 &&
      (response.sseComments ?? 0) === 0 &&
      response.text.trim() !== "" &&
      response.streamStop === "end"
    ) {
      findings.push({
        message: `Received: a text/event-stream body with no event and no comment (${preview(response.text.trim())}) / Documented: SSE frames`,
        actual: preview(response.text.trim()),
        key: "no-frames",
      });
    }
    // A frame only counts once a blank line ends it; a stream that closes inside one has lost that event.
    if (response.streamStop === "end" && parseSse(`${response.text}\n\n`).length > parseSse(response.text).length) {
      findings.push({
        message:
          "Received: a stream that ended inside an event (no blank line after its last field) / Documented: every event ends with a blank line",
        actual: preview(response.text.slice(-80)),
        instancePointer: `/events/${events.length}`,
        key: "unterminated",
      });
    }
    events.forEach((event, index) => {
      if (dataOf(event).ok) return;
      findings.push({
        message: `Received: "${event.event}" event data that is not one JSON document (${preview(event.data)}) / Documented: JSON data in every frame`,
        actual: preview(event.data),
        instancePointer: `/events/${index}/data`,
        key: `not-json:${event.event.split("|")[0]}`,
      });
    });
    return failedWith(findings.slice(0, 25));
  },
};
