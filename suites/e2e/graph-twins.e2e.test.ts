// The graph pack's Python twins behave like the TypeScript graphs: each graph's script, run on the official JS server
// (TypeScript graphs) and on the official Python server (Python graphs), streams the same transcript. Without Python
// 3.11+ it is skipped, except in CI.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphTranscript, TWIN_SCRIPTS } from "../../fixtures/graph-twins.ts";
import { startPythonReferenceServer, type PythonServer } from "../../fixtures/python-server.ts";
import { startReferenceServer } from "../../fixtures/reference-server.ts";

const PYTHON_MISSING = /or newer is needed for the Python server/;
const IN_CI = Boolean(process.env.CI) && process.env.CI !== "false";

let js: { url: string; stop(): Promise<void> } | undefined;
let python: PythonServer | undefined;
let unavailable: string | undefined;

beforeAll(async () => {
  const [jsStarted, pythonStarted] = await Promise.allSettled([
    startReferenceServer({}),
    startPythonReferenceServer({}),
  ]);
  if (jsStarted.status === "fulfilled") js = jsStarted.value;
  if (pythonStarted.status === "fulfilled") python = pythonStarted.value;
  if (jsStarted.status === "rejected") throw jsStarted.reason;
  if (pythonStarted.status === "rejected") {
    const message = (pythonStarted.reason as Error).message;
    if (IN_CI || !PYTHON_MISSING.test(message)) throw pythonStarted.reason;
    unavailable = `${message}; the graph twins are not compared`;
  }
}, 5 * 60_000);

afterAll(async () => {
  await Promise.all([js?.stop(), python?.stop()]);
});

describe.concurrent("the Python graph pack", () => {
  it.for(Object.keys(TWIN_SCRIPTS))("%s streams what the TypeScript graph streams", async (graphId, ctx) => {
    ctx.skip(unavailable !== undefined, unavailable);
    const [fromJs, fromPython] = await Promise.all([
      graphTranscript(js!.url, graphId),
      graphTranscript(python!.url, graphId),
    ]);
    expect(fromJs.flat().length).toBeGreaterThan(0);
    expect(fromPython).toEqual(fromJs);
  });
});
