// System endpoints: health, server info, metrics, docs.

import type { Scenario } from "../../src/engine/scenario.ts";

export const systemScenarios: Scenario[] = [
  {
    id: "system.endpoints",
    title: "System endpoints answer",
    tag: "System",
    covers: ["GET /ok", "GET /info", "GET /metrics", "GET /docs"],
    async run(ctx) {
      await ctx.call({ op: "GET /ok", step: "health check" });
      await ctx.call({ op: "GET /info", step: "server information" });
      await ctx.call({ op: "GET /metrics", step: "metrics as JSON", query: { format: "json" } });
      await ctx.call({ op: "GET /metrics", step: "metrics in Prometheus text format" });
      await ctx.call({ op: "GET /docs", step: "API documentation page" });
    },
  },
];
