// The system endpoints' rules: health, server information, metrics in both formats, and the documentation page.

import { defineRules, specRef } from "../../src/rules/rule.ts";

export const OK = "GET /ok";
export const INFO = "GET /info";
export const METRICS = "GET /metrics";
export const DOCS = "GET /docs";

export const SYSTEM = defineRules({
  health_answers_ok_true: {
    title: 'a healthy server answers /ok with {"ok": true}',
    severity: "major",
    level: "standard",
    operations: [OK],
    ref: specRef(OK, "/responses/200"),
  },
  info_names_version_and_flags: {
    title: "/info names the server's version (a string) and its feature flags (an object)",
    severity: "major",
    level: "standard",
    operations: [INFO],
    ref: "spec#/components/schemas/ServerInfo",
  },
  metrics_json_is_object: {
    title: "/metrics with format=json answers the metrics as a JSON object",
    severity: "major",
    level: "standard",
    operations: [METRICS],
    ref: specRef(METRICS, "/responses/200"),
  },
  metrics_default_is_prometheus_text: {
    title: "/metrics without format answers the Prometheus text exposition format, as text/plain",
    severity: "major",
    level: "standard",
    operations: [METRICS],
    ref: specRef(METRICS, "/parameters/0"),
  },
  docs_answers_html_page: {
    title: "/docs answers an HTML page",
    severity: "major",
    level: "standard",
    operations: [DOCS],
    ref: specRef(DOCS, "/responses/200"),
  },
});
