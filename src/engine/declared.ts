// What the target says it can do: the capability flags of GET /info, read once at start.

import type { HttpClient } from "../http/client.ts";
import type { CheckResult, Verdict } from "../model.ts";
import { CAPABILITIES, capabilityOfPath, type CapabilityName, type Rule } from "../rules/rule.ts";
import type { Operation } from "../spec/operations.ts";

/** What the target declares, by capability; a capability it says nothing of is absent. */
export type Declared = Partial<Record<CapabilityName, boolean>>;

/** `/info` flags that name a capability of the catalogue: the flag is the capability's id. */
const FLAGS: readonly CapabilityName[] = CAPABILITIES;

/** The capabilities `GET /info` declares in its `flags`; nothing when it answers otherwise. */
export async function readDeclared(client: HttpClient): Promise<Declared> {
  const exchange = await client.send({ method: "GET", path: "/info", timeoutMs: 10_000 });
  return declaredIn(exchange.response?.isJson ? exchange.response.json : undefined);
}

export function declaredIn(info: unknown): Declared {
  const flags = (info as { flags?: unknown } | undefined)?.flags;
  if (!flags || typeof flags !== "object") return {};
  const declared: Declared = {};
  for (const capability of FLAGS) {
    const value = (flags as Record<string, unknown>)[capability];
    if (typeof value === "boolean") declared[capability] = value;
  }
  return declared;
}

/**
 * A result about a capability the target declares it does not have (an operation of it, or a rule that needs it) is
 * not implemented rather than failed or skipped: the target said so. Passed and errored results stay as they are.
 */
export function applyDeclared(
  result: CheckResult,
  declared: Declared,
  operation: Pick<Operation, "path"> | undefined,
  rule: Pick<Rule, "capability"> | undefined,
): CheckResult {
  const { status } = result.verdict;
  if (status !== "failed" && status !== "skipped") return result;
  const capability = [rule?.capability, operation && capabilityOfPath(operation.path)].find(
    (c): c is CapabilityName => c !== undefined && declared[c] === false,
  );
  if (!capability) return result;
  const verdict: Verdict = {
    status: "not_implemented",
    reason: `the target declares ${capability}: false in GET /info`,
  };
  return { ...result, verdict };
}
