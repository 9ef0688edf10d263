// The store's rules: what put, get, delete, search and namespace listing promise, and ttl where the target has it.

import { defineRules, errataRef, specRef } from "../../src/rules/rule.ts";

export const PUT = "PUT /store/items";
export const GET = "GET /store/items";
export const DELETE = "DELETE /store/items";
export const SEARCH = "POST /store/items/search";
export const NAMESPACES = "POST /store/namespaces";

const put = { operations: [PUT], sdk: ["store.put_item"], ref: specRef(PUT) } as const;
const search = { operations: [SEARCH], sdk: ["store.search_items"], ref: specRef(SEARCH) } as const;
const namespaces = { operations: [NAMESPACES], sdk: ["store.list_namespaces"], ref: specRef(NAMESPACES) } as const;

export const STORE = defineRules({
  store_get_returns_put_item: {
    title: "get returns the item that was put: namespace as a list, key, value, created_at and updated_at",
    severity: "major",
    level: "core",
    operations: [GET],
    sdk: ["store.get_item"],
    ref: specRef(GET, "/responses/200"),
  },
  store_put_replaces_value: {
    title: "a second put of the same key replaces the value (no merge)",
    severity: "major",
    level: "core",
    ...put,
  },
  store_put_keeps_created_at: { title: "a second put keeps created_at", severity: "major", level: "standard", ...put },
  store_put_advances_updated_at: {
    title: "a second put advances updated_at",
    severity: "major",
    level: "standard",
    ...put,
  },
  store_put_accepts_index_false: {
    title: "a put with index false is accepted and stores the value",
    severity: "major",
    level: "standard",
    ...put,
  },
  store_put_accepts_index_fields: {
    title: "a put with a list of index fields is accepted and stores the value",
    severity: "major",
    level: "standard",
    ...put,
  },
  store_delete_removes_item: {
    title: "after delete, get answers that there is no item (404, or 200 null)",
    severity: "major",
    level: "core",
    operations: [DELETE],
    sdk: ["store.delete_item"],
    ref: specRef(DELETE),
  },
  store_put_rejects_empty_namespace: {
    title: "a put with an empty namespace is rejected with a 4xx",
    severity: "major",
    level: "standard",
    ...put,
    sdk: [],
  },
  store_put_rejects_empty_label: {
    title: "a put with an empty namespace label is rejected with a 4xx",
    severity: "major",
    level: "standard",
    ...put,
    sdk: [],
  },
  store_put_rejects_dotted_label: {
    title: "a put with a namespace label containing '.' is rejected with a 4xx",
    severity: "major",
    level: "standard",
    ...put,
    sdk: [],
  },
  store_put_rejects_non_object_value: {
    title: "a put whose value is not an object is rejected with a 4xx",
    severity: "major",
    level: "standard",
    ...put,
    sdk: [],
  },
  store_search_finds_deeper_namespaces: {
    title: "namespace_prefix finds the items of the prefix and of deeper namespaces under it",
    severity: "major",
    level: "core",
    ...search,
  },
  store_search_prefix_matches_whole_labels: {
    title: "namespace_prefix matches whole labels, not the start of a label",
    severity: "major",
    level: "standard",
    ...search,
  },
  store_search_ordered_by_updated_at: {
    title: "without query, search lists the items in the order they were last updated (either way round)",
    severity: "major",
    level: "standard",
    ...search,
    ref: errataRef("E18"),
  },
  store_search_prefix_confines: {
    title: "namespace_prefix confines the results to that namespace",
    severity: "major",
    level: "core",
    ...search,
  },
  store_search_filter_matches_values: {
    title: "filter returns exactly the items whose value has those pairs",
    severity: "major",
    level: "core",
    ...search,
  },
  store_search_pages_disjoint_and_complete: {
    title: "limit/offset pages of a search do not overlap and together give every result",
    severity: "major",
    level: "standard",
    ...search,
  },
  store_search_query_answers: {
    title: "a search with a natural-language query answers with a list of items",
    severity: "major",
    level: "standard",
    ...search,
  },
  store_namespaces_prefix: {
    title: "prefix lists exactly the namespaces under it",
    severity: "major",
    level: "core",
    ...namespaces,
  },
  store_namespaces_suffix: {
    title: "suffix keeps only the namespaces that end with it",
    severity: "major",
    level: "standard",
    ...namespaces,
  },
  store_namespaces_max_depth: {
    title: "max_depth truncates deeper namespaces and lists each once",
    severity: "major",
    level: "standard",
    ...namespaces,
  },
  store_namespaces_pages: {
    title: "limit/offset pages of namespaces do not overlap and together give every namespace",
    severity: "major",
    level: "standard",
    ...namespaces,
  },
  store_ttl_expires_item: {
    title: "an item put with a ttl is gone once its ttl has passed",
    severity: "major",
    level: "optional",
    capability: "store_ttl",
    ...put,
    ref: errataRef("E19"),
  },
  store_get_refresh_ttl_extends: {
    title: "get with refresh_ttl extends the item's ttl",
    severity: "major",
    level: "optional",
    capability: "store_ttl",
    operations: [GET],
    sdk: ["store.get_item"],
    ref: errataRef("E19"),
  },
  store_search_refresh_ttl_extends: {
    title: "search with refresh_ttl extends the ttl of the items it returns",
    severity: "major",
    level: "optional",
    capability: "store_ttl",
    ...search,
    ref: errataRef("E19"),
  },
});
