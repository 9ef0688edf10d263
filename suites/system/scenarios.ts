// System endpoints: health, server info, metrics, docs.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { why, type Json } from "../support/index.ts";
import { DOCS, INFO, METRICS, OK, SYSTEM } from "./rules.ts";

const isObject = (value: unknown): value is Json => !!value && typeof value === "object" && !Array.isArray(value);
const contentType = (outcome: StepOutcome) => outcome.exchange.response?.headers["content-type"] ?? "";
const text = (outcome: StepOutcome) => outcome.exchange.response?.text ?? "";

/** A Prometheus text line: blank, a comment (# HELP, # TYPE), or a sample `name{labels} value [timestamp]`. */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?[ \t]+(\S+)([ \t]+-?\d+)?$/;
const isValue = (value: string) => ["NaN", "+Inf", "-Inf"].includes(value) || !Number.isNaN(Number(value));

/** The first line that is not of the Prometheus text format, or undefined when every line is. */
function notPrometheus(body: string): string | undefined {
  return body.split("\n").find((line) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return false;
    const sample = SAMPLE.exec(trimmed);
    return !sample || !isValue(sample[2]!);
  });
}

/** Judges the rule on the answer, or skips it with the reason when the target has no such route. */
async function judge(
  ctx: ScenarioContext,
  rule: Rule,
  outcome: StepOutcome,
  judgement: () => { ok: boolean; expected: unknown; actual: unknown },
) {
  if (outcome.notImplemented)
    return ctx.skipRule(rule, `the target has no ${rule.operations[0]} route`, { evidence: outcome });
  await ctx.holds(rule, { ...judgement(), evidence: outcome });
}

export const systemScenarios: Scenario[] = [
  {
    id: "system.endpoints",
    title: "System endpoints answer",
    tag: "System",
    covers: [OK, INFO, METRICS, DOCS],
    rules: Object.values(SYSTEM),
    async run(ctx) {
      const health = await ctx.call({ op: OK, step: "health check" });
      await judge(ctx, SYSTEM.health_answers_ok_true, health, () => ({
        ok: health.ok && isObject(health.json) && health.json.ok === true,
        expected: { ok: true },
        actual: health.json ?? health.status ?? why(health),
      }));

      const info = await ctx.call({ op: INFO, step: "server information" });
      await judge(ctx, SYSTEM.info_names_version_and_flags, info, () => {
        const body = isObject(info.json) ? info.json : undefined;
        return {
          ok: info.ok && typeof body?.version === "string" && body.version !== "" && isObject(body.flags),
          expected: { version: "a non-empty string", flags: "an object" },
          actual: body ? { version: body.version, flags: body.flags } : (info.status ?? why(info)),
        };
      });

      const json = await ctx.call({ op: METRICS, step: "metrics as JSON", query: { format: "json" } });
      await judge(ctx, SYSTEM.metrics_json_is_object, json, () => ({
        ok: json.ok && isObject(json.json),
        expected: "a JSON object",
        actual: json.ok
          ? (json.json ?? `${contentType(json)}: ${text(json).slice(0, 80)}`)
          : (json.status ?? why(json)),
      }));

      const prometheus = await ctx.call({ op: METRICS, step: "metrics in Prometheus text format" });
      await judge(ctx, SYSTEM.metrics_default_is_prometheus_text, prometheus, () => {
        const wrongLine = notPrometheus(text(prometheus));
        const plain = contentType(prometheus).startsWith("text/plain");
        return {
          ok: prometheus.ok && plain && wrongLine === undefined,
          expected: "text/plain, every line a comment or a sample `name{labels} value`",
          actual: !prometheus.ok
            ? (prometheus.status ?? why(prometheus))
            : !plain
              ? contentType(prometheus) || "no content-type"
              : wrongLine,
        };
      });

      const docs = await ctx.call({ op: DOCS, step: "API documentation page" });
      await judge(ctx, SYSTEM.docs_answers_html_page, docs, () => ({
        ok:
          docs.ok &&
          contentType(docs).startsWith("text/html") &&
          /<(!doctype html|html|head|body)[\s>]/i.test(text(docs)),
        expected: "text/html with an HTML document",
        actual: docs.ok
          ? `${contentType(docs) || "no content-type"}: ${text(docs).slice(0, 80)}`
          : (docs.status ?? why(docs)),
      }));
    },
  },
];
