// The webhook receiver: what it records, that it stops (port closed, waits ended), and the --webhook-receiver flag.

import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { takeWebhookReceiver } from "../cli.ts";
import { resolveOptions } from "../suite-run.ts";
import { inProcess } from "../testing/in-process.ts";
import { receiverAddress, startWebhookReceiver } from "./receiver.ts";

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", body, headers });

/** Whether something can listen on the port again. */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });

describe("the webhook receiver", () => {
  it("gives each webhook a URL of its own and hands over what was POSTed to it, JSON parsed whatever its type", async () => {
    const receiver = await startWebhookReceiver();
    try {
      expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const [a, b] = [receiver.hook(), receiver.hook()];
      expect(a.url).not.toBe(b.url);
      expect(a.url.startsWith(`${receiver.url}/`)).toBe(true);
      const waiting = a.delivery(2_000);
      expect((await post(a.url, '{"run_id":"r1"}', { "content-type": "text/plain" })).status).toBe(204);
      expect(await waiting).toMatchObject({ method: "POST", body: '{"run_id":"r1"}', json: { run_id: "r1" } });
      expect(await b.delivery(50)).toBeUndefined();
      await post(b.url, "not json");
      expect(await b.delivery(1_000)).toMatchObject({ body: "not json" });
      expect((await b.delivery(1_000))?.json).toBeUndefined();
    } finally {
      await receiver.stop();
    }
  });

  it("answers 404 to a path that is no webhook of the run, and records nothing for it", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const hook = receiver.hook();
      expect((await post(`${receiver.url}/webhooks/someone-else`, "{}")).status).toBe(404);
      expect(await hook.delivery(50)).toBeUndefined();
    } finally {
      await receiver.stop();
    }
  });

  it("stops: the port is closed and a wait in progress ends at once with no delivery", async () => {
    const receiver = await startWebhookReceiver();
    const port = Number(new URL(receiver.url).port);
    const waiting = receiver.hook().delivery(30_000);
    const started = Date.now();
    await receiver.stop();
    expect(await waiting).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(post(`${receiver.url}/webhooks/x`, "{}")).rejects.toThrow();
    expect(await portFree(port)).toBe(true);
    await receiver.stop();
  });

  it("listens on the port of the address it is given, and gives the target that address", async () => {
    const probe = await startWebhookReceiver();
    const port = Number(new URL(probe.url).port);
    await probe.stop();
    const receiver = await startWebhookReceiver(receiverAddress(`http://127.0.0.1:${port}`));
    try {
      expect(receiver.url).toBe(`http://127.0.0.1:${port}`);
      const hook = receiver.hook();
      await post(hook.url, "{}");
      expect(await hook.delivery(1_000)).toBeDefined();
    } finally {
      await receiver.stop();
    }
  });
});

describe("--webhook-receiver", () => {
  it.each([
    [["--webhook-receiver"], true],
    [["--webhook-receiver", "--target", "http://t:1"], true],
    [["--webhook-receiver", "http://10.0.0.5:9000", "--runs", "0"], "http://10.0.0.5:9000"],
    [["--webhook-receiver=http://host.example:8080/"], "http://host.example:8080/"],
    [["--runs", "0"], undefined],
  ])("%j", (args, value) => {
    const { argv, webhookReceiver } = takeWebhookReceiver(args);
    expect(webhookReceiver).toBe(value);
    expect(argv.some((a) => a.startsWith("--webhook-receiver"))).toBe(false);
    expect(argv.includes("http://10.0.0.5:9000")).toBe(false);
  });

  it("takes an address as http://host:port", () => {
    expect(receiverAddress("http://host.example:8080/")).toEqual({ publicUrl: "http://host.example:8080", port: 8080 });
    expect(receiverAddress("http://[::1]:9000")).toEqual({ publicUrl: "http://[::1]:9000", port: 9000 });
  });

  it("is on by default only against the embedded server", () => {
    expect(resolveOptions({}).webhookReceiver).toBe(true);
    expect(resolveOptions({ target: "http://localhost:8123" }).webhookReceiver).toBe(false);
    expect(resolveOptions({ webhookReceiver: false }).webhookReceiver).toBe(false);
  });

  it.each([
    [
      ["--webhook-receiver", "localhost:9000"],
      /^conformance: `--webhook-receiver` must be http:\/\/host:port, .* but received localhost:9000$/,
    ],
    [["--webhook-receiver", "https://host:9000"], /but received https:\/\/host:9000$/],
    [["--webhook-receiver", "http://host"], /but received http:\/\/host$/],
    [["--webhook-receiver", "http://host:9000/hooks"], /but received http:\/\/host:9000\/hooks$/],
    [["--webhook-receiver", "http://host:70000"], /but received http:\/\/host:70000$/],
    [["--webhook-receiver="], /but received nothing$/],
    [
      ["--webhook-receiver", "--no-webhook-receiver"],
      /^conformance: `--webhook-receiver` and `--no-webhook-receiver` ask for opposite things: give one$/,
    ],
    [
      ["rules", "--no-webhook-receiver"],
      /^conformance: `--webhook-receiver` goes with a run, not with the `rules` command$/,
    ],
  ])("refuses %j in one line, exit 2", async (args, message) => {
    const { code, stderr } = await inProcess(args);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });

  it("is stopped when the run cannot go on (target unreachable), leaving its port free", async () => {
    const probe = await startWebhookReceiver();
    const port = Number(new URL(probe.url).port);
    await probe.stop();
    const { code, stderr } = await inProcess([
      "--target",
      "http://127.0.0.1:9",
      "--webhook-receiver",
      `http://127.0.0.1:${port}`,
      "--runs",
      "0",
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
    expect(await portFree(port)).toBe(true);
  });
});
