// What a recorded response body is, for comparison: JSON (with its value), an event stream (its event names), text,
// or nothing. Reports keep only the start of long bodies; what was cut off is never compared.

import { SseParser } from "../http/sse.ts";
import type { RecordedResponse } from "../model.ts";
import type { Normalizer } from "./normalize.ts";

export type Body =
  | { kind: "empty" }
  | { kind: "json"; value: unknown }
  | { kind: "stream"; events: string[]; truncated: boolean }
  | { kind: "text"; truncated: boolean };

/** The mark the HTTP client leaves where it cut a recorded body short. */
const CUT = /… \(\d+ more characters\)$/;

export function readBody(response: Pick<RecordedResponse, "headers" | "body">, normalize: Normalizer): Body {
  const truncated = CUT.test(response.body);
  const text = truncated ? response.body.replace(CUT, "") : response.body;
  const contentType = Object.entries(response.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  if ((contentType ?? "").toLowerCase().startsWith("text/event-stream")) {
    const parser = new SseParser();
    // A cut body ends inside an event, which the parser keeps back: only whole events count.
    const events = parser.push(truncated ? text : `${text}\n\n`).map((e) => normalize(e.event));
    return { kind: "stream", events, truncated };
  }
  if (text.trim() === "") return { kind: "empty" };
  if (!truncated) {
    try {
      return { kind: "json", value: JSON.parse(text) };
    } catch {
      // not JSON: compared as text
    }
  }
  return { kind: "text", truncated };
}

/** Runs of one event name count as one: how many `values` or `messages` events a run yields is not the API's to fix. */
export function eventSequence(events: readonly string[]): string[] {
  return events.filter((name, i) => i === 0 || events[i - 1] !== name);
}

/** Whether two event sequences part; a cut-off side is only known as far as it goes, so it need only be a prefix. */
export function eventsDiffer(
  target: { events: readonly string[]; truncated: boolean },
  reference: { events: readonly string[]; truncated: boolean },
): boolean {
  const t = eventSequence(target.events);
  const r = eventSequence(reference.events);
  const n = Math.min(t.length, r.length);
  for (let i = 0; i < n; i++) if (t[i] !== r[i]) return true;
  if (t.length === r.length) return false;
  // The shorter side must be the one cut off: a complete stream that ends early differs.
  return t.length < r.length ? !target.truncated : !reference.truncated;
}
