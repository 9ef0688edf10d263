// stream_subgraph_namespaces: subgraph events are named `mode|namespace…` when stream_subgraphs is on, and only then.

import { isStreaming } from "../spec/operations.ts";
import type { Check, FindingDraft } from "./check.ts";
import { failedWith, skipped } from "./check.ts";
import { isCreatingStream, isVerdict, requestBody, streamEvents } from "./stream-common.ts";

export const streamSubgraphNamespaces: Check = {
  id: "stream_subgraph_namespaces",
  title: "Subgraph events are namespaced exactly when stream_subgraphs is on",
  appliesTo: isStreaming,
  severity: "major",
  level: "standard",
  scope: "every streaming operation",
  ref: "spec#/components/x-sse-event-sets",
  run(ctx) {
    const events = streamEvents(ctx);
    if (isVerdict(events)) return events;
    if (!isCreatingStream(ctx))
      return skipped("not a run-creating stream: stream_subgraphs was chosen when the run was created");
    const subgraphs = requestBody(ctx).stream_subgraphs === true;
    const findings: FindingDraft[] = [];
    events.forEach((event, index) => {
      const [, ...namespace] = event.event.split("|");
      if (namespace.length === 0) return;
      if (!subgraphs) {
        findings.push({
          message: `Received: a namespaced "${event.event}" event / Documented: subgraph events only with stream_subgraphs: true`,
          expected: "no namespaced events",
          actual: event.event,
          instancePointer: `/events/${index}`,
          key: "namespaced-without-subgraphs",
        });
      } else if (namespace.some((part) => part.trim() === "")) {
        findings.push({
          message: `Received: "${event.event}" / Documented: <mode>|<namespace>|… with non-empty namespace parts`,
          expected: "<mode>|<namespace>",
          actual: event.event,
          instancePointer: `/events/${index}`,
          key: "empty-namespace",
        });
      }
    });
    return failedWith(findings.slice(0, 25));
  },
};
