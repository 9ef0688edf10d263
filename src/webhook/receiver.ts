// The local HTTP receiver a run's webhooks call back: each webhook gets a URL of its own, and a scenario waits, bounded,
// for what the target POSTs to it. Started for a run with --webhook-receiver and stopped when the run ends.

import { randomUUID } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request the target sent to a webhook URL. */
export interface WebhookDelivery {
  method: string;
  /** The path it was sent to. */
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as text (cut at MAX_BODY_BYTES). */
  body: string;
  /** The body parsed as JSON, whatever its content-type; undefined when it is not JSON. */
  json?: unknown;
  /** When it arrived (Date.now()). */
  at: number;
}

/** A webhook URL of its own, and what was sent to it. */
export interface WebhookHook {
  readonly url: string;
  /** The first delivery, as soon as it arrives; undefined when none came within `timeoutMs` or the receiver stopped. */
  delivery(timeoutMs: number): Promise<WebhookDelivery | undefined>;
}

/** What a scenario sees of the receiver. */
export interface WebhookHooks {
  /** A new webhook URL, for one run. */
  hook(): WebhookHook;
}

export interface WebhookReceiver extends WebhookHooks {
  /** The base URL the target is given (its webhooks are under it). */
  readonly url: string;
  /** Closes the port; pending waits end with no delivery. */
  stop(): Promise<void>;
}

/** Where the receiver listens and what address the target is told to call. */
export interface ReceiverAddress {
  /** The URL the target calls, without a trailing slash. */
  publicUrl?: string;
  /** The port to listen on (with publicUrl: its port; else a free one). */
  port?: number;
}

/** Larger bodies are kept cut: the rules read only the fields that name the run. */
const MAX_BODY_BYTES = 1024 * 1024;
const PREFIX = "/webhooks/";

export class WebhookAddressError extends Error {}

/**
 * The address given as `http://host:port`: the target calls the receiver there and the receiver listens on that port
 * on every interface. Anything else (another scheme, no explicit port, a path) is refused.
 */
export function receiverAddress(value: string): Required<ReceiverAddress> {
  const refuse = (): never => {
    throw new WebhookAddressError(
      `\`--webhook-receiver\` must be http://host:port, the address the target can call this machine at, but received ${value || "nothing"}`,
    );
  };
  const match = /^http:\/\/(\[[0-9a-fA-F:.]+\]|[^/:?#@\s]+):(\d{1,5})\/?$/.exec(value);
  if (!match) return refuse();
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return refuse();
  return { publicUrl: `http://${match[1]}:${port}`, port };
}

/** Starts the receiver: on a free loopback port by default, or on the port of `publicUrl` on every interface. */
export async function startWebhookReceiver(address: ReceiverAddress = {}): Promise<WebhookReceiver> {
  const waiting = new Map<string, { deliveries: WebhookDelivery[]; wake: Set<() => void> }>();
  const sockets = new Set<Socket>();
  let stopped = false;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size < MAX_BODY_BYTES) chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
      size += chunk.length;
    });
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://receiver").pathname;
      const entry = path.startsWith(PREFIX) ? waiting.get(path.slice(PREFIX.length)) : undefined;
      if (!entry) return answer(res, 404);
      const body = Buffer.concat(chunks).toString("utf8");
      entry.deliveries.push({
        method: req.method ?? "",
        path,
        headers: req.headers,
        body,
        ...parsed(body),
        at: Date.now(),
      });
      for (const wake of entry.wake) wake();
      answer(res, 204);
    });
    req.on("error", () => answer(res, 400));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = address.publicUrl ? undefined : "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(address.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = address.publicUrl ?? `http://127.0.0.1:${port}`;

  return {
    url,
    hook() {
      const id = randomUUID();
      const entry = { deliveries: [] as WebhookDelivery[], wake: new Set<() => void>() };
      waiting.set(id, entry);
      return {
        url: `${url}${PREFIX}${id}`,
        delivery: (timeoutMs) =>
          new Promise((resolve) => {
            if (entry.deliveries[0] || stopped) return resolve(entry.deliveries[0]);
            const done = () => {
              clearTimeout(timer);
              entry.wake.delete(done);
              resolve(entry.deliveries[0]);
            };
            const timer = setTimeout(done, timeoutMs);
            timer.unref();
            entry.wake.add(done);
          }),
      };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const entry of waiting.values()) for (const wake of [...entry.wake]) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-length": "0", connection: "close" });
  res.end();
}

function parsed(body: string): { json?: unknown } {
  try {
    return { json: JSON.parse(body) as unknown };
  } catch {
    return {};
  }
}
