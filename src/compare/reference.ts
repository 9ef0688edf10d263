// The reference a target is compared with (`--compare`): the official JS server, the official Python server (both
// started here, without the auth handler, on the suite's graphs) or a server already running at a URL. It gets the
// same plan, seed and headers as the target.

import { startReferenceServer } from "../../fixtures/reference-server.ts";
import { TargetUnreachable, type RunOutcome } from "../engine/run.ts";
import { InputError, planSuite, runSuite, type SuiteOptions } from "../suite-run.ts";

export type ReferenceChoice = "reference" | "reference-python" | { url: string };

/** `--compare reference|reference-python|URL`. */
export function parseReference(value: string): ReferenceChoice {
  if (value === "reference" || value === "reference-python") return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    throw new InputError(`\`--compare\` must be reference, reference-python or an http(s) URL, but received ${value}`);
  return { url: value.replace(/\/+$/, "") };
}

export const referenceLabel = (choice: ReferenceChoice): string => (typeof choice === "string" ? choice : choice.url);

const DESCRIPTION = {
  reference: "the official JS server",
  "reference-python": "the official Python server",
} as const;

interface StartedReference {
  url: string;
  stop(): Promise<void>;
}

async function start(choice: ReferenceChoice, say: (message: string) => void): Promise<StartedReference> {
  if (typeof choice !== "string") return { url: choice.url, stop: async () => undefined };
  say(`Starting ${DESCRIPTION[choice]} to compare with…`);
  try {
    if (choice === "reference") return await startReferenceServer({});
    // Loaded only here: the Python server is an optional reference.
    const { startPythonReferenceServer } = await import("../../fixtures/python-server.ts");
    return await startPythonReferenceServer({ onProgress: (message) => say(`${message}…`) });
  } catch (err) {
    throw new TargetUnreachable(
      `the reference (${DESCRIPTION[choice]}) did not start: ${(err as Error).message.split("\n")[0]}`,
    );
  }
}

export interface ReferenceRun {
  label: string;
  outcome: RunOutcome;
}

/** Runs the plan the target gets (same options and seed) against the reference, silently; stops what it started. */
export async function runReference(
  choice: ReferenceChoice,
  options: SuiteOptions & { seed: number },
  hooks: { signal?: AbortSignal; say: (message: string) => void },
): Promise<ReferenceRun> {
  const label = referenceLabel(choice);
  const server = await start(choice, hooks.say);
  try {
    const plan = await planSuite({ ...options, target: server.url });
    hooks.say(
      `Running the same plan (seed ${options.seed}) against ${label === server.url ? label : `${label} at ${server.url}`} first…`,
    );
    try {
      const outcome = await runSuite(plan, { listeners: [], ...(hooks.signal ? { signal: hooks.signal } : {}) });
      return { label, outcome };
    } catch (err) {
      if (err instanceof TargetUnreachable) throw new TargetUnreachable(`the reference ${label}: ${err.message}`);
      throw err;
    }
  } finally {
    await server.stop();
  }
}
