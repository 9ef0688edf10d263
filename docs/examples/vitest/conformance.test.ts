// The conformance suite against CONFORMANCE_TARGET (default: the embedded official server), one describe per area.
// Narrow it with CONFORMANCE_ONLY / CONFORMANCE_SKIP (comma-separated rule ids, levels, capabilities, tags or
// operation ids, as --only/--skip) and CONFORMANCE_RUNS (generated requests per operation; 0 leaves out the property
// phase); CONFORMANCE_JSON_REPORT also writes the suite's JSON report there.
import { describeConformance } from "langgraph-agent-server-conformance/vitest";

const names = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);

describeConformance({
  target: process.env.CONFORMANCE_TARGET || undefined,
  only: names(process.env.CONFORMANCE_ONLY),
  skip: names(process.env.CONFORMANCE_SKIP),
  ...(process.env.CONFORMANCE_RUNS ? { runs: Number(process.env.CONFORMANCE_RUNS) } : {}),
  ...(process.env.CONFORMANCE_JSON_REPORT
    ? { reports: ["json"], reportFiles: { json: process.env.CONFORMANCE_JSON_REPORT } }
    : {}),
});
