// For check tests: one call through a real session against a scripted server, every check's verdict by id.

import { createFilter } from "../engine/filter.ts";
import { buildCatalogue } from "../rules/catalogue.ts";
import { Session, type Step } from "../engine/session.ts";
import { HttpClient } from "../http/client.ts";
import { createRedactor } from "../http/redact.ts";
import type { CheckResult } from "../model.ts";
import type { LoadedSpec } from "../spec/load.ts";
import { CHECKS } from "./index.ts";

export async function verdictsOfOneCall(
  spec: LoadedSpec,
  baseUrl: string,
  step: Step,
): Promise<Record<string, CheckResult>> {
  const client = new HttpClient({ baseUrl, headers: {}, timeoutMs: 3_000, redactor: createRedactor({}) });
  const results: CheckResult[] = [];
  const session = new Session({
    spec,
    client,
    checks: CHECKS,
    filter: createFilter({ only: [], skip: [] }, buildCatalogue(CHECKS, []), spec.operations),
    fingerprint: { status: 404, body: "404 Not Found" },
    redactor: createRedactor({}),
    emit: async (r) => void results.push(r),
  });
  try {
    await session.call(step, "test");
  } finally {
    await client.close();
  }
  return Object.fromEntries(results.map((r) => [r.checkId, r]));
}
