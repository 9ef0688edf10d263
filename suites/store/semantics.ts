// Store semantics: what put, get, delete, search and list_namespaces mean, and whether ttl and refresh_ttl work.

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { bodyOf, isDateTime, listOf, sameMembers, sleep, strings, why, type Json } from "../support/index.ts";
import { judgeGone } from "../support/gone.ts";
import { DELETE, GET, NAMESPACES, PUT, SEARCH, STORE } from "./rules.ts";

/** Store calls that remember what they wrote, so each item is deleted once at cleanup. */
function storeOps(ctx: ScenarioContext) {
  const written = new Set<string>();
  return {
    put(
      namespace: string[],
      key: string,
      value: unknown,
      extra: Json = {},
      step = `put ${key} under ${namespace.join(".")}`,
    ) {
      const id = JSON.stringify([namespace, key]);
      if (!written.has(id))
        ctx.defer({ op: DELETE, step: `delete ${key} under ${namespace.join(".")}`, body: { namespace, key } });
      written.add(id);
      return ctx.call({ op: PUT, step, body: { namespace, key, value, ...extra }, sdk: "store.put_item" });
    },
    get(
      namespace: string[],
      key: string,
      step: string,
      query: Record<string, boolean> = {},
      expect: "success" | "any" = "success",
    ) {
      return ctx.call({
        op: GET,
        step,
        query: { namespace: namespace.join("."), key, ...query },
        expect,
        sdk: "store.get_item",
      });
    },
    search(body: Json, step: string) {
      return ctx.call({ op: SEARCH, step, body, sdk: "store.search_items" });
    },
    namespaces(body: Json, step: string) {
      return ctx.call({ op: NAMESPACES, step, body, sdk: "store.list_namespaces" });
    },
  };
}

type StoreOps = ReturnType<typeof storeOps>;

/** An answer with the item. */
const shows = (outcome: StepOutcome, key: string) => outcome.ok && bodyOf(outcome)?.key === key;
/** An answer that says there is no item: 404, or 200 with the body null (both official servers answer so, E15). */
const showsGone = (outcome: StepOutcome) => outcome.status === 404 || (outcome.ok && outcome.json === null);

/** Puts an item and judges it as read back; returns that read, which a second put is compared with. */
async function judgeGetAfterPut(ctx: ScenarioContext, store: StoreOps, ns: string[]): Promise<Json> {
  const first = { name: "Ada", version: 1 };
  const put = await store.put(ns, "profile", first);
  if (!put.ok) ctx.skip(`putStoreItem ${why(put)}, so there is no item to read`, put);
  const read1 = await store.get(ns, "profile", "get the item");
  const item1 = bodyOf(read1);
  await ctx.holds(STORE.store_get_returns_put_item, {
    evidence: read1,
    ok:
      !!item1 &&
      isDeepStrictEqual(item1.namespace, ns) &&
      item1.key === "profile" &&
      isDeepStrictEqual(item1.value, first) &&
      isDateTime(item1.created_at) &&
      isDateTime(item1.updated_at),
    expected: { namespace: ns, key: "profile", value: first, created_at: "date-time", updated_at: "date-time" },
    actual: read1.json ?? read1.status,
  });
  if (!item1) return ctx.skip(`getStoreItem ${why(read1)}, so a second put cannot be compared with the first`, read1);
  return item1;
}

async function judgeReplace(ctx: ScenarioContext, store: StoreOps, ns: string[], item1: Json): Promise<void> {
  await sleep(30); // timestamps have millisecond resolution
  const second = { role: "tester" };
  const replaced = await store.put(ns, "profile", second, {}, "put the same key again with another value");
  const read2 = await store.get(ns, "profile", "get the replaced item");
  const item2 = bodyOf(read2);
  await ctx.holds(STORE.store_put_replaces_value, {
    evidence: read2,
    ok: replaced.ok && isDeepStrictEqual(item2?.value, second),
    expected: second,
    actual: item2?.value ?? read2.status,
  });
  await ctx.holds(STORE.store_put_keeps_created_at, {
    evidence: read2,
    ok: !!item2 && Date.parse(String(item2.created_at)) === Date.parse(String(item1.created_at)),
    expected: item1.created_at,
    actual: item2?.created_at,
  });
  await ctx.holds(STORE.store_put_advances_updated_at, {
    evidence: read2,
    ok: !!item2 && Date.parse(String(item2.updated_at)) > Date.parse(String(item1.updated_at)),
    expected: `after ${String(item1.updated_at)}`,
    actual: item2?.updated_at,
  });
}

async function judgeIndexOptions(ctx: ScenarioContext, store: StoreOps, ns: string[]): Promise<void> {
  for (const [rule, key, index] of [
    [STORE.store_put_accepts_index_false, "unindexed", false],
    [STORE.store_put_accepts_index_fields, "indexed", ["text", "tags"]],
  ] as const) {
    const value = { text: `${key} text`, tags: ["a"] };
    const written = await store.put(ns, key, value, { index }, `put with index ${JSON.stringify(index)}`);
    const read = await store.get(ns, key, `get the item put with index ${JSON.stringify(index)}`);
    await ctx.holds(rule, {
      evidence: written.ok ? read : written,
      ok: written.ok && isDeepStrictEqual(bodyOf(read)?.value, value),
      expected: value,
      actual: bodyOf(read)?.value ?? written.status,
    });
  }
}

async function judgeDelete(ctx: ScenarioContext, store: StoreOps, ns: string[]): Promise<void> {
  const deleted = await ctx.call({
    op: DELETE,
    step: "delete the item",
    body: { namespace: ns, key: "profile" },
    sdk: "store.delete_item",
  });
  const gone = await store.get(ns, "profile", "get the deleted item", {}, "any");
  const never = { namespace: ns.join("."), key: `never-put-${randomUUID()}` };
  await judgeGone(ctx, STORE.store_delete_removes_item, {
    read: gone,
    never: { op: GET, step: "get an item that was never put", query: never, sdk: "store.get_item" },
    what: "store item",
    ok: deleted.ok && showsGone(gone),
    expected: "404, or 200 null",
    actual: gone.json ?? gone.status,
  });
}

async function judgeInvalidPuts(ctx: ScenarioContext, ns: string[]): Promise<void> {
  const invalid: [Rule, string, Json][] = [
    [STORE.store_put_rejects_empty_namespace, "an empty namespace", { namespace: [], key: `${ctx.prefix}-bad` }],
    [STORE.store_put_rejects_empty_label, "an empty namespace label", { namespace: [ctx.prefix, ""], key: "bad" }],
    [
      STORE.store_put_rejects_dotted_label,
      "a namespace label with '.'",
      { namespace: [ctx.prefix, "a.b"], key: "bad" },
    ],
    [
      STORE.store_put_rejects_non_object_value,
      "a value that is not an object",
      { namespace: ns, key: "bad", value: "not an object" },
    ],
  ];
  for (const [rule, what, body] of invalid) {
    const refused = await ctx.call({
      op: PUT,
      step: `put with ${what}`,
      body: { value: { n: 1 }, ...body },
      expect: "any",
    });
    if (refused.ok)
      ctx.defer({
        op: DELETE,
        step: `delete what the put with ${what} created`,
        body: { namespace: body.namespace, key: body.key },
      });
    await ctx.holds(rule, {
      evidence: refused,
      ok: refused.status !== undefined && refused.status >= 400 && refused.status < 500,
      expected: "4xx",
      actual: refused.status ?? refused.exchange.error?.message,
    });
  }
}

const lifecycle: Scenario = {
  id: "store.semantics.item",
  title: "Store items: put, get, replace, index options, delete and invalid input",
  tag: "Store",
  covers: [PUT, GET, DELETE],
  rules: [
    STORE.store_get_returns_put_item,
    STORE.store_put_replaces_value,
    STORE.store_put_keeps_created_at,
    STORE.store_put_advances_updated_at,
    STORE.store_put_accepts_index_false,
    STORE.store_put_accepts_index_fields,
    STORE.store_delete_removes_item,
    STORE.store_put_rejects_empty_namespace,
    STORE.store_put_rejects_empty_label,
    STORE.store_put_rejects_dotted_label,
    STORE.store_put_rejects_non_object_value,
  ],
  async run(ctx) {
    const store = storeOps(ctx);
    const ns = [ctx.prefix, "item"];
    const item1 = await judgeGetAfterPut(ctx, store, ns);
    await judgeReplace(ctx, store, ns, item1);
    await judgeIndexOptions(ctx, store, ns);
    await judgeDelete(ctx, store, ns);
    await judgeInvalidPuts(ctx, ns);
  },
};

/** The items the search scenario wrote, under these namespaces, and the keys under docs from the most recently updated. */
interface Searched {
  store: StoreOps;
  base: string[];
  docs: string[];
  deep: string[];
  lookalike: string[];
  other: string[];
  recency: string[];
}

/** What a search of everything under docs found, which the filter and page searches are held to. */
interface Found {
  items: Json[];
  keys: string[];
}

async function writeSearched(ctx: ScenarioContext, store: StoreOps): Promise<Searched> {
  const base = [ctx.prefix, "search"];
  const docs = [...base, "docs"];
  const deep = [...docs, "deep"];
  const lookalike = [...base, "docsx"];
  const other = [...base, "other"];
  // A decoy outside the base namespace, which no search or listing under the base may return.
  const outside = [ctx.prefix, "outside"];
  // In write order; "a" is written again last, so under docs the most recently updated order is a, d, c, b, which
  // neither the order of first writes nor the order of keys gives.
  const writes: [string[], string, Json][] = [
    [outside, "z", { kind: "note", n: 0 }],
    [docs, "a", { kind: "note", n: 1 }],
    [docs, "b", { kind: "task", n: 2 }],
    [docs, "c", { kind: "note", n: 3 }],
    [deep, "d", { kind: "note", n: 4 }],
    [lookalike, "e", { kind: "note", n: 5 }],
    [other, "f", { kind: "note", n: 6 }],
    [docs, "a", { kind: "note", n: 7 }],
  ];
  for (const [ns, key, value] of writes) {
    const put = await store.put(ns, key, value);
    if (!put.ok) ctx.skip(`putStoreItem ${why(put)}, so there is nothing to search`, put);
    await sleep(15);
  }
  const recency = ["a", "d", "c", "b"];
  return { store, base, docs, deep, lookalike, other, recency };
}

async function judgeSearchUnderDocs(ctx: ScenarioContext, { store, docs, recency }: Searched): Promise<Found> {
  const all = await store.search({ namespace_prefix: docs, limit: 100 }, "search under docs");
  const items = listOf(all, "items");
  const keys = strings(items, "key");
  if (!items) return ctx.skip(`searchStoreItems ${why(all)}, so its results cannot be judged`, all);
  await ctx.holds(STORE.store_search_finds_deeper_namespaces, {
    evidence: all,
    ok: ["a", "b", "c", "d"].every((k) => keys.includes(k)),
    expected: ["a", "b", "c", "d"],
    actual: keys,
  });
  await ctx.holds(STORE.store_search_prefix_matches_whole_labels, {
    evidence: all,
    ok: !keys.includes("e"),
    expected: "no item e",
    actual: keys,
  });
  // Only the items under docs are compared, so that a lookalike namespace found by mistake is judged above, not here.
  const ordered = keys.filter((k) => recency.includes(k));
  const newestFirst = [...ordered].sort((x, y) => recency.indexOf(x) - recency.indexOf(y));
  const oldestFirst = [...newestFirst].reverse();
  await ctx.holds(STORE.store_search_ordered_by_updated_at, {
    evidence: all,
    ok: ordered.length >= 2 && [newestFirst.join(), oldestFirst.join()].includes(ordered.join()),
    expected: { "newest first": newestFirst, "or oldest first": oldestFirst },
    actual: ordered,
  });
  return { items, keys };
}

async function judgeSearchPrefixAndFilter(
  ctx: ScenarioContext,
  { store, docs, other }: Searched,
  { items }: Found,
): Promise<void> {
  const confined = await store.search({ namespace_prefix: other, limit: 100 }, "search under another namespace");
  await ctx.holds(STORE.store_search_prefix_confines, {
    evidence: confined,
    ok: confined.ok && sameMembers(strings(listOf(confined, "items"), "key"), ["f"]),
    expected: ["f"],
    actual: strings(listOf(confined, "items"), "key"),
  });

  const filtered = await store.search(
    { namespace_prefix: docs, filter: { kind: "note" }, limit: 100 },
    "search with a filter on the value",
  );
  const notes = strings(
    items.filter((i) => (i.value as Json | undefined)?.kind === "note"),
    "key",
  );
  await ctx.holds(STORE.store_search_filter_matches_values, {
    evidence: filtered,
    ok: filtered.ok && sameMembers(strings(listOf(filtered, "items"), "key"), notes),
    expected: notes,
    actual: strings(listOf(filtered, "items"), "key"),
  });
}

async function judgeSearchPages(ctx: ScenarioContext, { store, docs }: Searched, { keys }: Found): Promise<void> {
  const size = Math.max(1, Math.ceil(keys.length / 2));
  const page1 = strings(
    listOf(await store.search({ namespace_prefix: docs, limit: size, offset: 0 }, `first page of ${size}`), "items"),
    "key",
  );
  const page2Outcome = await store.search(
    { namespace_prefix: docs, limit: size, offset: size },
    `second page of ${size}`,
  );
  const page2 = strings(listOf(page2Outcome, "items"), "key");
  await ctx.holds(STORE.store_search_pages_disjoint_and_complete, {
    evidence: page2Outcome,
    ok: !page1.some((k) => page2.includes(k)) && sameMembers([...page1, ...page2], keys),
    expected: keys,
    actual: { page1, page2 },
  });
}

async function judgeSearchQuery(ctx: ScenarioContext, { store, docs }: Searched): Promise<void> {
  const query = await store.search(
    { namespace_prefix: docs, query: "note", limit: 10 },
    "search with a natural-language query",
  );
  await ctx.holds(STORE.store_search_query_answers, {
    evidence: query,
    ok: query.ok && listOf(query, "items") !== undefined,
    expected: "2xx with items",
    actual: query.json ?? query.status,
  });
}

const label = (ns: unknown) => JSON.stringify(ns);
const namesOf = (outcome: StepOutcome) => ((bodyOf(outcome)?.namespaces as unknown[] | undefined) ?? []).map(label);

/** Judges the listing by prefix, suffix and max_depth; returns the namespaces listed by the prefix alone. */
async function judgeNamespaceFilters(
  ctx: ScenarioContext,
  { store, base, docs, deep, lookalike, other }: Searched,
): Promise<string[]> {
  const listed = await store.namespaces({ prefix: base, limit: 100 }, "list namespaces under the prefix");
  const mine = [docs, deep, lookalike, other].map(label);
  await ctx.holds(STORE.store_namespaces_prefix, {
    evidence: listed,
    ok: listed.ok && sameMembers(namesOf(listed), mine),
    expected: mine,
    actual: namesOf(listed),
  });
  const suffixed = await store.namespaces(
    { prefix: base, suffix: ["deep"], limit: 100 },
    "list namespaces with a suffix",
  );
  await ctx.holds(STORE.store_namespaces_suffix, {
    evidence: suffixed,
    ok: suffixed.ok && sameMembers(namesOf(suffixed), [label(deep)]),
    expected: [label(deep)],
    actual: namesOf(suffixed),
  });
  const truncated = await store.namespaces(
    { prefix: base, max_depth: docs.length, limit: 100 },
    `list namespaces with max_depth ${docs.length}`,
  );
  const shallow = [docs, lookalike, other].map(label);
  await ctx.holds(STORE.store_namespaces_max_depth, {
    evidence: truncated,
    ok: truncated.ok && sameMembers(namesOf(truncated), shallow),
    expected: shallow,
    actual: namesOf(truncated),
  });
  return namesOf(listed);
}

async function judgeNamespacePages(ctx: ScenarioContext, { store, base }: Searched, listed: string[]): Promise<void> {
  const first = namesOf(await store.namespaces({ prefix: base, limit: 2, offset: 0 }, "first page of 2 namespaces"));
  const restOutcome = await store.namespaces({ prefix: base, limit: 100, offset: 2 }, "namespaces after the first 2");
  const rest = namesOf(restOutcome);
  await ctx.holds(STORE.store_namespaces_pages, {
    evidence: restOutcome,
    ok: first.length === 2 && !first.some((n) => rest.includes(n)) && sameMembers([...first, ...rest], listed),
    expected: listed,
    actual: { first, rest },
  });
}

const search: Scenario = {
  id: "store.semantics.search",
  title: "Store search (prefix, filter, order, pages, query) and namespace listing (prefix, suffix, max_depth, pages)",
  tag: "Store",
  covers: [PUT, SEARCH, NAMESPACES],
  rules: [
    STORE.store_search_finds_deeper_namespaces,
    STORE.store_search_prefix_matches_whole_labels,
    STORE.store_search_ordered_by_updated_at,
    STORE.store_search_prefix_confines,
    STORE.store_search_filter_matches_values,
    STORE.store_search_pages_disjoint_and_complete,
    STORE.store_search_query_answers,
    STORE.store_namespaces_prefix,
    STORE.store_namespaces_suffix,
    STORE.store_namespaces_max_depth,
    STORE.store_namespaces_pages,
  ],
  async run(ctx) {
    const searched = await writeSearched(ctx, storeOps(ctx));
    const found = await judgeSearchUnderDocs(ctx, searched);
    await judgeSearchPrefixAndFilter(ctx, searched, found);
    await judgeSearchPages(ctx, searched, found);
    await judgeSearchQuery(ctx, searched);
    const listed = await judgeNamespaceFilters(ctx, searched);
    await judgeNamespacePages(ctx, searched, listed);
  },
};

/** The ttl scenario's items, each with a ttl of `minutes`: one left to expire, one refreshed by get, one by search. */
interface Expiring {
  store: StoreOps;
  plain: string[];
  byGet: string[];
  bySearch: string[];
  minutes: number;
  ttlMs: number;
  /** When the refreshed items were put, which every wait is measured from. */
  started: number;
}

const TTL_RULES = [
  STORE.store_ttl_expires_item,
  STORE.store_get_refresh_ttl_extends,
  STORE.store_search_refresh_ttl_extends,
];

/**
 * The run saw no ttl at work. A target that declares store_ttl in /info fails the expiry rule (the refresh rules are
 * skipped: without expiry a refresh cannot be told apart). Any other is not implemented, with what was seen: a store
 * that deletes expired items on a sweep interval longer than the run waits looks the same as one without ttl (E19).
 */
async function ttlNotSeen(
  ctx: ScenarioContext,
  seen: string,
  evidence: StepOutcome,
  expected: string,
  actual: unknown,
): Promise<void> {
  if (ctx.declared("store_ttl") !== true) {
    for (const rule of TTL_RULES) await ctx.skipRule(rule, seen, { notImplemented: seen });
    return;
  }
  await ctx.holds(STORE.store_ttl_expires_item, {
    evidence,
    ok: false,
    expected: `${expected}, as the target declares store_ttl in /info`,
    actual,
  });
  const reason = `${seen}, so a refresh cannot be told apart`;
  await ctx.skipRule(STORE.store_get_refresh_ttl_extends, reason);
  await ctx.skipRule(STORE.store_search_refresh_ttl_extends, reason);
}

/**
 * Puts the item left to expire; returns its ttl in minutes, or undefined when the target refuses a ttl (its rules are
 * then reported, see ttlNotSeen).
 */
async function putExpiring(ctx: ScenarioContext, store: StoreOps, plain: string[]): Promise<number | undefined> {
  // The smallest ttl the API's number type allows that still expires quickly; 1 minute when fractions are refused.
  let minutes = 0.1;
  let put = await store.put(plain, "item", { n: 1 }, { ttl: minutes }, "put an item with ttl 0.1 min (6 s)");
  if (!put.ok) {
    minutes = 1;
    put = await store.put(plain, "item", { n: 1 }, { ttl: minutes }, "put an item with ttl 1 min");
  }
  if (!put.ok) {
    ctx.capability("store ttl", false, `ttl 0.1 and 1 refused: ${why(put)}`);
    const seen = `the target refuses ttl 0.1 and 1 (minutes): ${why(put)}`;
    await ttlNotSeen(ctx, seen, put, "a put with a ttl is accepted", put.status ?? why(put));
    return undefined;
  }
  return minutes;
}

async function putRefreshable({ store, byGet, bySearch, minutes }: Expiring): Promise<void> {
  await store.put(byGet, "item", { n: 2 }, { ttl: minutes }, `put an item with ttl ${minutes} min, to refresh by get`);
  await store.put(
    bySearch,
    "item",
    { n: 3 },
    { ttl: minutes },
    `put an item with ttl ${minutes} min, to refresh by search`,
  );
}

async function refreshBeforeExpiry({ store, byGet, bySearch, ttlMs, started }: Expiring): Promise<void> {
  await sleep(started + (ttlMs * 2) / 3 - Date.now());
  await store.get(byGet, "item", "get with refresh_ttl before the ttl passes", { refresh_ttl: true });
  await store.search(
    { namespace_prefix: bySearch, refresh_ttl: true },
    "search with refresh_ttl before the ttl passes",
  );
}

/**
 * Judges whether the item left alone expired, and records it; returns whether it did, so that the refresh rules are
 * judged (otherwise they have been reported here).
 */
async function judgeExpiry(
  ctx: ScenarioContext,
  { store, plain, minutes, ttlMs, started }: Expiring,
): Promise<boolean> {
  // Refreshed at 2/3 of the ttl, the two others live until 5/3 of it: look in between.
  await sleep(started + ttlMs + Math.min(ttlMs / 4, 5_000) - Date.now());
  const expired = await store.get(
    plain,
    "item",
    "get the item without refresh after its ttl",
    { refresh_ttl: false },
    "any",
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  if (showsGone(expired)) {
    ctx.capability("store ttl", true, `expires (ttl ${minutes} min)`);
    await ctx.holds(STORE.store_ttl_expires_item, { evidence: expired, ok: true });
    return true;
  }
  if (shows(expired, "item")) {
    ctx.capability("store ttl", false, `accepted, not expired ${seconds} s after the put (ttl ${minutes} min)`);
    const seen =
      `ttl ${minutes} min was accepted, but the item was still there ${seconds} s after the put: the target ignores ` +
      "ttl, or deletes expired items on a sweep interval longer than the run waits";
    await ttlNotSeen(ctx, seen, expired, `404, or 200 null, ${seconds} s after the put`, expired.json);
    return false;
  }
  const reason = `reading the item after its ttl answered ${why(expired)}, neither the item nor no item`;
  for (const rule of TTL_RULES) await ctx.skipRule(rule, reason, { evidence: expired });
  return false;
}

async function judgeRefreshes(ctx: ScenarioContext, { store, byGet, bySearch }: Expiring): Promise<void> {
  const refreshed = await store.get(byGet, "item", "get the item refreshed by get", { refresh_ttl: false }, "any");
  const found = await store.search(
    { namespace_prefix: bySearch, refresh_ttl: false },
    "search for the item refreshed by search",
  );
  await ctx.holds(STORE.store_get_refresh_ttl_extends, {
    evidence: refreshed,
    ok: shows(refreshed, "item"),
    expected: "the item",
    actual: refreshed.json ?? refreshed.status,
  });
  // Only the item under bySearch counts: the others have the same key, and one of them (refreshed by get) is still
  // there for a search that ignores namespace_prefix to find.
  const shown = (listOf(found, "items") ?? []).map((i) => [i.namespace, i.key]);
  await ctx.holds(STORE.store_search_refresh_ttl_extends, {
    evidence: found,
    ok: shown.some(([namespace, key]) => key === "item" && isDeepStrictEqual(namespace, bySearch)),
    expected: [[bySearch, "item"]],
    actual: shown,
  });
}

const TTL_ID = "store.semantics.ttl";
const ttl: Scenario = {
  id: TTL_ID,
  title: "Store ttl: an item expires, and refresh_ttl on get and on search extends it",
  tag: "Store",
  covers: [PUT, GET, SEARCH],
  rules: TTL_RULES,
  timeoutMs: 100_000,
  async run(ctx) {
    const store = storeOps(ctx);
    const [plain, byGet, bySearch] = ["plain", "get", "search"].map((n) => [ctx.prefix, "ttl", n]);
    const minutes = await putExpiring(ctx, store, plain);
    if (minutes === undefined) return;
    const ttlMs = minutes * 60_000;
    const expiring = { store, plain, byGet, bySearch, minutes, ttlMs, started: Date.now() };
    await putRefreshable(expiring);
    await refreshBeforeExpiry(expiring);
    if (await judgeExpiry(ctx, expiring)) await judgeRefreshes(ctx, expiring);
  },
};

export const storeSemanticScenarios: Scenario[] = [lifecycle, search, ttl];
