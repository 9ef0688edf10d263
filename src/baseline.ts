// A baseline: the finding keys a team has accepted, each with a note; read with --baseline, written with --write-baseline.

import { readFile } from "node:fs/promises";

export interface BaselineEntry {
  key: string;
  note?: string;
}

export interface Baseline {
  /** Where it was read from, for reports. */
  source: string;
  entries: readonly BaselineEntry[];
}

/** What every finding key looks like: `<rule or check id>:<operation id>[:<what differs>]`. */
const KEY = /^[a-z][a-z0-9_-]*:[A-Za-z][A-Za-z0-9_-]*(:.*)?$/s;

export class BaselineError extends Error {}

/** Reads and validates a baseline file; any problem is a BaselineError with one line saying what and where. */
export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new BaselineError(`cannot read the baseline ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  return parseBaseline(text, path);
}

export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`the baseline ${source} is not JSON: ${(err as Error).message}`);
  }
  const accepted = (data as { accepted?: unknown } | null)?.accepted;
  if (!Array.isArray(accepted))
    throw new BaselineError(`the baseline ${source} has no "accepted" array (write one with --write-baseline)`);
  const entries = accepted.map((item, index): BaselineEntry => {
    const entry = typeof item === "string" ? { key: item } : (item as Partial<BaselineEntry> | null);
    const key = entry?.key;
    if (typeof key !== "string" || !KEY.test(key))
      throw new BaselineError(
        `the baseline ${source}: accepted[${index}] is not a finding key (<rule id>:<operation id>[:…]): ${JSON.stringify(key ?? item)}`,
      );
    if (entry?.note !== undefined && typeof entry.note !== "string")
      throw new BaselineError(`the baseline ${source}: accepted[${index}].note must be a string`);
    return entry?.note !== undefined ? { key, note: entry.note } : { key };
  });
  return { source, entries };
}

/** The baseline file for these findings: sorted by key, each with its message as the note, so it reviews well in a diff. */
export function formatBaseline(findings: Iterable<{ key: string; message: string }>, catalogueVersion: string): string {
  const byKey = new Map<string, string>();
  for (const f of findings) if (!byKey.has(f.key)) byKey.set(f.key, f.message);
  const accepted = [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, note]) => ({ key, note }));
  return `${JSON.stringify({ catalogueVersion, accepted }, null, 2)}\n`;
}
