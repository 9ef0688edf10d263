// Finding keys: the same server behaviour gives the same key whatever the run, its ids, times, seed or prefix.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?/g;
const PREFIX = /cf-[0-9a-f]{8}/g;
/** Long hex runs with a digit (message or checkpoint ids of other shapes) and runs of 6 or more digits (times). */
const LONG_NUMBER = /\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b|\b\d{6,}\b/gi;

/** A key with every id, time and run prefix in it replaced by a placeholder. */
export function stableKey(key: string): string {
  return key.replace(UUID, "<id>").replace(TIMESTAMP, "<time>").replace(PREFIX, "<prefix>").replace(LONG_NUMBER, "<n>");
}

/**
 * A rule finding's key and cause: the rule, the instance judged (`detail`) and, when it is a status or a short word,
 * what was received, so that a rule that fails differently (a 500 where it answered 422) is a new finding.
 */
export function findingKeys(
  ruleId: string,
  operationId: string,
  detail: string | undefined,
  actual: unknown,
): { key: string; cause: string } {
  const received = signature(actual);
  const rest = `${detail ? `:${detail}` : ""}${received !== undefined ? `:received ${received}` : ""}`;
  return { key: stableKey(`${ruleId}:${operationId}${rest}`), cause: stableKey(`${ruleId}${rest}`) };
}

function signature(actual: unknown): string | undefined {
  if (typeof actual === "number" || typeof actual === "boolean" || actual === null) return String(actual);
  if (typeof actual !== "string") return undefined;
  const word = stableKey(actual);
  return word.length <= 40 && !word.includes(":") ? JSON.stringify(word) : undefined;
}
