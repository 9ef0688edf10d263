// The store between two users: identity A puts an item under the run's namespace; identity B can neither read,
// find, list, overwrite nor delete it. It holds whatever way the target keeps users apart (refusing B under A's
// namespaces, or giving each user namespaces of their own); where A itself cannot use the run's namespace, the
// target's scheme is one the suite cannot address, and the rule is skipped.

import type { Scenario } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import { bodyOf, listOf, pick, why, type Json } from "../support/index.ts";
import { asOther, asSelf, judgeListing, needOther, same } from "./attempts.ts";
import { AUTH, STORE_DELETE, STORE_GET, STORE_NAMESPACES, STORE_PUT, STORE_SEARCH } from "./rules.ts";

const RULE = AUTH.auth_isolation_store;
const KEY = "owned-by-self";

export const storeIsolationScenario: Scenario = {
  id: "auth.store",
  title: "One user's store items are out of another user's reach",
  covers: [],
  rules: [RULE],
  async run(ctx) {
    needOther(ctx);
    const namespace = [ctx.prefix, "auth"];
    const value = { written_by: "self", run: ctx.prefix };
    const item = { namespace, key: KEY };
    const where = `${namespace.join(".")}/${KEY}`;
    const put = await ctx.call({
      op: STORE_PUT,
      step: "put an item under the run's namespace",
      body: { ...item, value },
      sdk: "store.put_item",
    });
    if (!put.ok) {
      return ctx.skipRule(
        RULE,
        `the run's own put under its namespace ${why(put)}: the target's store admits the run to no ` +
          "namespace the suite can address (it may want namespaces led by the user's identity)",
        { op: STORE_PUT, evidence: put },
      );
    }
    ctx.defer({ op: STORE_DELETE, step: `delete store item ${where}`, body: item });
    const query = { namespace: namespace.join("."), key: KEY };
    const readBack = () => ctx.call(asSelf({ op: STORE_GET, step: "read the item back", query }));
    const mine = (o: StepOutcome) => o.ok && same(bodyOf(o)?.value, value);
    const first = await readBack();
    if (!mine(first)) {
      return ctx.skipRule(
        RULE,
        `the run cannot read back its own item (${first.ok ? `value ${JSON.stringify(bodyOf(first)?.value)}` : why(first)}), ` +
          "so the target's store shows no scheme the suite can address",
        { op: STORE_GET, evidence: first },
      );
    }
    const shows = (items: unknown) =>
      Array.isArray(items) && items.some((i) => pick(i, "key") === KEY && same(pick(i, "value"), value));

    await judgeListing(ctx, RULE, {
      step: { op: STORE_GET, step: "as the other identity, read the item", query },
      detail: "read",
      expected: `no item ${where} of A's`,
      leak: (o) => (shows([o.json]) ? `answered A's item ${where}` : undefined),
    });
    await judgeListing(ctx, RULE, {
      step: {
        op: STORE_SEARCH,
        step: "as the other identity, search the namespace",
        body: { namespace_prefix: namespace, limit: 100 },
      },
      detail: "search",
      expected: `no item ${where} of A's in the results`,
      leak: (o) => (shows(listOf(o, "items")) ? `listed A's item ${where}` : undefined),
    });
    await judgeListing(ctx, RULE, {
      step: {
        op: STORE_NAMESPACES,
        step: "as the other identity, list the namespaces under the run's",
        body: { prefix: [ctx.prefix], limit: 100 },
      },
      detail: "namespace listing",
      expected: `no namespace ${namespace.join(".")} of A's`,
      leak: (o) => {
        const listed = pick(o.json, "namespaces");
        return Array.isArray(listed) && listed.some((ns) => same(ns, namespace))
          ? `listed A's namespace ${namespace.join(".")}`
          : undefined;
      },
    });

    // B's writes: refused, or landing apart from A's item, which reads back as A put it.
    const judgeWrite = async (detail: string, op: string, outcome: StepOutcome) => {
      const back = await readBack();
      const kept = mine(back);
      await ctx.holds(RULE, {
        op,
        detail,
        ok: kept,
        expected: { other: `a refusal, or a write apart from A's item ${where}`, owner: `${where} as A put it` },
        actual: {
          other: why(outcome),
          owner: back.ok ? `${where} reads ${JSON.stringify((bodyOf(back) as Json | undefined)?.value)}` : why(back),
        },
        evidence: outcome,
      });
    };
    const overwrite = await ctx.call(
      asOther({
        op: STORE_PUT,
        step: "as the other identity, put an item under the same namespace and key",
        body: { ...item, value: { written_by: "other" } },
      }),
    );
    // What B's put made (apart from A's, where the store keeps users apart), B deletes.
    if (overwrite.ok)
      ctx.defer({ op: STORE_DELETE, step: `delete the other identity's ${where}`, body: item, as: "other" });
    await judgeWrite("overwrite", STORE_PUT, overwrite);
    const removed = await ctx.call(
      asOther({ op: STORE_DELETE, step: "as the other identity, delete the item", body: item }),
    );
    await judgeWrite("delete", STORE_DELETE, removed);
  },
};
