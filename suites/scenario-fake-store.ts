// The store of the scenario fake: items with ttl, label-wise prefixes, newest-first search, namespace listing, and its faults.

import { contains, error, noContent, now, ok, page, routes, type Faults, type FakeRequest } from "./scenario-fake-http.ts";

interface Item {
  namespace: string[];
  key: string;
  value: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  /** Order of the last write, so items written in the same millisecond still sort. */
  seq: number;
  ttlMs?: number;
  expiresAt?: number;
}

/**
 * Faults: store_ttl_ignored, store_ttl_refused, store_refresh_ignored, store_put_merges, store_put_resets_created_at, store_put_keeps_updated_at,
 * store_delete_ignored, store_accepts_dotted_label, store_accepts_non_object, store_string_prefix, store_search_oldest_first,
 * store_filter_ignored, store_offset_ignored, store_query_fails, store_suffix_ignored, store_max_depth_ignored, store_namespaces_offset_ignored.
 */
export function storeRoutes(faults: Faults) {
  const items = new Map<string, Item>();
  let seq = 0;
  const id = (namespace: string[], key: string) => JSON.stringify([namespace, key]);
  const live = () => [...items.values()].filter((i) => i.expiresAt === undefined || i.expiresAt > Date.now());
  const refresh = (item: Item) => {
    if (item.ttlMs !== undefined && !faults.has("store_refresh_ignored")) item.expiresAt = Date.now() + item.ttlMs;
  };
  const under = (namespace: string[], prefix: string[]) =>
    faults.has("store_string_prefix") ? namespace.join(".").startsWith(prefix.join(".")) : prefix.every((label, i) => namespace[i] === label);
  const show = ({ namespace, key, value, created_at, updated_at }: Item) => ({ namespace, key, value, created_at, updated_at });
  const badNamespace = (ns: unknown) =>
    !Array.isArray(ns) || ns.length === 0 || ns.some((l) => typeof l !== "string" || l === "" || (l.includes(".") && !faults.has("store_accepts_dotted_label")));

  const put = ({ json }: FakeRequest) => {
    const value = json?.value;
    const objectValue = value && typeof value === "object" && !Array.isArray(value);
    if (badNamespace(json?.namespace) || typeof json?.key !== "string" || (!objectValue && !faults.has("store_accepts_non_object"))) return error(422, "invalid item");
    if (typeof json.ttl === "number" && faults.has("store_ttl_refused")) return error(422, "ttl is not supported");
    const existing = items.get(id(json.namespace, json.key));
    const time = now();
    const item: Item = {
      namespace: json.namespace,
      key: json.key,
      value: existing && faults.has("store_put_merges") ? { ...existing.value, ...value } : value,
      created_at: existing && !faults.has("store_put_resets_created_at") ? existing.created_at : time,
      updated_at: existing && faults.has("store_put_keeps_updated_at") ? existing.updated_at : time,
      seq: ++seq,
    };
    if (typeof json.ttl === "number" && !faults.has("store_ttl_ignored")) {
      item.ttlMs = json.ttl * 60_000;
      item.expiresAt = Date.now() + item.ttlMs;
    }
    items.set(id(item.namespace, item.key), item);
    return noContent;
  };

  const search = ({ json }: FakeRequest) => {
    if (typeof json?.query === "string" && faults.has("store_query_fails")) return error(500, "no index");
    const prefix: string[] = json?.namespace_prefix ?? [];
    const found = live()
      .filter((i) => under(i.namespace, prefix) && (faults.has("store_filter_ignored") || contains(i.value, json?.filter ?? {})))
      .sort((a, b) => (faults.has("store_search_oldest_first") ? a.seq - b.seq : b.seq - a.seq));
    const shown = page(found, faults.has("store_offset_ignored") ? { limit: json?.limit } : json);
    if (json?.refresh_ttl === true) shown.forEach(refresh);
    return ok({ items: shown.map(show) });
  };

  const namespaces = ({ json }: FakeRequest) => {
    const depth = faults.has("store_max_depth_ignored") ? undefined : json?.max_depth;
    const suffix: string[] = faults.has("store_suffix_ignored") ? [] : (json?.suffix ?? []);
    const all = live()
      .map((i) => i.namespace)
      .filter((ns) => under(ns, json?.prefix ?? []) && suffix.every((label, i) => ns[ns.length - suffix.length + i] === label))
      .map((ns) => JSON.stringify(depth === undefined ? ns : ns.slice(0, depth)));
    const unique = [...new Set(all)].sort().map((ns) => JSON.parse(ns) as string[]);
    return ok({ namespaces: page(unique, faults.has("store_namespaces_offset_ignored") ? { limit: json?.limit } : json, 100) });
  };

  return routes(
    {
      "PUT /store/items": put,
      "GET /store/items": ({ query }) => {
        const item = live().find((i) => i.namespace.join(".") === query.get("namespace") && i.key === query.get("key"));
        if (!item) return error(404, "item not found");
        if (query.get("refresh_ttl") === "true") refresh(item);
        return ok(show(item));
      },
      "DELETE /store/items": ({ json }) => {
        if (!faults.has("store_delete_ignored")) items.delete(id(json?.namespace ?? [], json?.key));
        return noContent;
      },
      "POST /store/items/search": search,
      "POST /store/namespaces": namespaces,
    },
    faults,
  );
}
