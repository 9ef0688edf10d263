// Search and count calls narrowed to one scenario's metadata, for the scenarios that judge filters.

import type { ScenarioContext } from "../../src/engine/scenario.ts";
import { listOf, strings, type Json } from "./answers.ts";

export interface Searchable {
  /** "POST /threads/search" */
  search: string;
  /** "POST /threads/count" */
  count: string;
  /** The SDK client: "threads" or "assistants". */
  client: string;
  /** The id member of a result: "thread_id". */
  id: string;
}

export function searcher(ctx: ScenarioContext, kind: Searchable, metadata: Json) {
  return {
    async find(body: Json, step: string) {
      const sdk = `${kind.client}.search`;
      const outcome = await ctx.call({ op: kind.search, step, body: { metadata, limit: 10, ...body }, sdk });
      return { outcome, ids: strings(listOf(outcome), kind.id) };
    },
    count: (body: Json, step: string) =>
      ctx.call({ op: kind.count, step, body: { metadata, ...body }, sdk: `${kind.client}.count` }),
  };
}
