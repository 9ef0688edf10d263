// Store: put, get, search, list namespaces, delete, all under this run's namespace.

import type { Scenario } from "../../src/engine/scenario.ts";

export const storeScenarios: Scenario[] = [
  {
    id: "store.every-operation",
    title: "Every store operation on an item under this run's namespace",
    tag: "Store",
    covers: [
      "PUT /store/items",
      "GET /store/items",
      "POST /store/items/search",
      "POST /store/namespaces",
      "DELETE /store/items",
    ],
    rules: [],
    async run(ctx) {
      const namespace = [ctx.prefix, "profiles"];
      const key = "item-1";
      ctx.defer({ op: "DELETE /store/items", step: "delete the item", body: { namespace, key } });
      await ctx.call({
        op: "PUT /store/items",
        step: "put an item",
        body: { namespace, key, value: { name: "Ada", role: "tester" } },
        sdk: "store.put_item",
      });
      await ctx.call({
        op: "GET /store/items",
        step: "get the item",
        query: { key, namespace: namespace.join(".") },
        sdk: "store.get_item",
      });
      await ctx.call({
        op: "POST /store/items/search",
        step: "search under the run's prefix",
        body: { namespace_prefix: [ctx.prefix], limit: 10, offset: 0 },
        sdk: "store.search_items",
      });
      await ctx.call({
        op: "POST /store/namespaces",
        step: "list namespaces under the run's prefix",
        body: { prefix: [ctx.prefix], limit: 10, offset: 0 },
        sdk: "store.list_namespaces",
      });
      await ctx.call({
        op: "DELETE /store/items",
        step: "delete the item",
        body: { namespace, key },
        sdk: "store.delete_item",
      });
      await ctx.call({
        op: "GET /store/items",
        step: "get the deleted item (no item: 404, or 200 null)",
        query: { key, namespace: namespace.join(".") },
        expect: "any",
        sdk: "store.get_item",
      });
    },
  },
];
