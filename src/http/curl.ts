// Renders a recorded request as a curl command a user can paste to reproduce it.

import type { RecordedRequest } from "../model.ts";

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export function toCurl(request: RecordedRequest, options: { stream?: boolean } = {}): string {
  const parts = ["curl", "-sS"];
  if (options.stream) parts.push("-N");
  if (request.method !== "GET") parts.push("-X", request.method);
  parts.push(shellQuote(request.url));
  for (const [name, value] of Object.entries(request.headers)) parts.push("-H", shellQuote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push("--data-raw", shellQuote(request.body));
  return parts.join(" ");
}
