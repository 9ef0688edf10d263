// Incremental Server-Sent Events parser following the WHATWG event-stream framing rules.

export interface SseEvent {
  /** Event type; "message" when the frame named none. */
  event: string;
  data: string;
  /** Last event id in effect when the event was dispatched (undefined if none was ever set). */
  id?: string;
  /** True when this frame itself carried an `id:` field. */
  hasId: boolean;
  retry?: number;
}

/**
 * Feed decoded text chunks in any split; complete events come out in order.
 * Lines end with CRLF, LF or CR; a CR at the end of one chunk followed by LF in the next is one line end.
 */
export class SseParser {
  private buffer = "";
  private pendingCR = false;
  private started = false;
  private eventType = "";
  private dataLines: string[] = [];
  private lastEventId: string | undefined;
  private frameHasId = false;
  private retry: number | undefined;
  /** Comment lines seen (":" heartbeats). */
  comments = 0;

  push(chunk: string): SseEvent[] {
    if (chunk === "") return [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCR && text.startsWith("\n")) text = text.slice(1);
    this.pendingCR = false;
    this.buffer += text;

    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== "\n" && ch !== "\r") continue;
      const line = this.buffer.slice(start, i);
      if (ch === "\r") {
        if (i + 1 === this.buffer.length) this.pendingCR = true;
        else if (this.buffer[i + 1] === "\n") i++;
      }
      start = i + 1;
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private processLine(line: string): SseEvent | undefined {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) {
      this.comments++;
      return undefined;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        this.eventType = value;
        break;
      case "data":
        this.dataLines.push(value);
        break;
      case "id":
        if (!value.includes("\0")) {
          this.lastEventId = value;
          this.frameHasId = true;
        }
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const hasData = this.dataLines.length > 0;
    const event: SseEvent = {
      event: this.eventType || "message",
      data: this.dataLines.join("\n"),
      id: this.lastEventId,
      hasId: this.frameHasId,
      ...(this.retry !== undefined ? { retry: this.retry } : {}),
    };
    this.eventType = "";
    this.dataLines = [];
    this.frameHasId = false;
    this.retry = undefined;
    return hasData ? event : undefined;
  }
}

/** Parses a complete stream; an unterminated last event is discarded, as the standard requires. */
export function parseSse(text: string): SseEvent[] {
  return new SseParser().push(text);
}
