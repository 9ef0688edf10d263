// Version numbers and what an update keeps: version 1 at create, numbers never reused after set_latest, set_latest to a
// version there is not refused, the fields an update does not name kept, and no versions left after delete.

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import {
  bodyOf,
  createAssistant,
  GRAPH_IDS,
  judgeGone,
  listOf,
  marker,
  pick,
  why,
  type Json,
} from "../support/index.ts";
import { ASSISTANTS as A, CREATE, DELETE, GET, LATEST, PATCH, VERSIONS } from "./rules.ts";

type AssistantParams = { assistant_id: string };

const KEPT = ["config", "context", "description"] as const;
const keptOf = (assistant: Json | undefined) => Object.fromEntries(KEPT.map((k) => [k, assistant?.[k]]));

const read = (ctx: ScenarioContext, params: AssistantParams, step: string) =>
  ctx.call({ op: GET, step, params, sdk: "assistants.get" });

const update = (ctx: ScenarioContext, params: AssistantParams, revision: string) =>
  ctx.call({
    op: PATCH,
    step: `update the metadata alone (revision ${revision})`,
    params,
    body: { metadata: { revision } },
    sdk: "assistants.update",
  });

/** What the assistant was created with, as the given values must show in it: the tag, the context, the description. */
function given(ctx: ScenarioContext) {
  return {
    config: { tags: [`${ctx.prefix}-tag`] },
    context: { conformance_context: ctx.prefix },
    description: `${ctx.prefix} versions`,
  };
}

/** The fields the update must keep: as before it, and still holding what the create gave. */
async function judgeKept(ctx: ScenarioContext, before: Json | undefined, after: StepOutcome, made: Json) {
  const kept = bodyOf(after);
  const holdsGiven = (a: Json | undefined) =>
    a?.description === made.description &&
    pick(a, "context.conformance_context") === pick(made, "context.conformance_context") &&
    isDeepStrictEqual(pick(a, "config.tags"), pick(made, "config.tags"));
  await ctx.holds(A.assistant_update_keeps_other_fields, {
    evidence: after,
    ok: holdsGiven(before) && holdsGiven(kept) && isDeepStrictEqual(keptOf(before), keptOf(kept)),
    expected: keptOf(before),
    actual: after.ok ? keptOf(kept) : why(after),
  });
}

async function judgeNumbers(ctx: ScenarioContext, params: AssistantParams, v1: unknown, numbers: unknown[]) {
  const latest = await ctx.call({
    op: LATEST,
    step: `make version ${String(v1)} the latest`,
    params,
    body: { version: v1 },
    sdk: "assistants.set_latest",
  });
  if (!latest.ok)
    return ctx.skipRule(
      A.assistant_version_numbers,
      `set_latest ${why(latest)}, so no update follows an older version (assistant_set_latest_switches_version judges that)`,
      { evidence: latest },
    );
  const updated = await update(ctx, params, "after-set-latest");
  const next = bodyOf(updated)?.version;
  const highest = Math.max(...numbers.map(Number));
  await ctx.holds(A.assistant_version_numbers, {
    evidence: updated,
    ok: v1 === 1 && numbers.every((n) => typeof n === "number") && typeof next === "number" && next > highest,
    expected: { created: 1, after_set_latest: `above ${highest}` },
    actual: { created: v1, updates: numbers.slice(1), after_set_latest: next },
  });
  return next;
}

async function judgeUnknownVersion(ctx: ScenarioContext, params: AssistantParams, highest: number) {
  const current = bodyOf(await read(ctx, params, "get the assistant's current version"))?.version;
  const missing = highest + 1000;
  const latest = await ctx.call({
    op: LATEST,
    step: `make version ${missing}, which does not exist, the latest`,
    params,
    body: { version: missing },
    expect: "any",
    sdk: "assistants.set_latest",
  });
  const after = await read(ctx, params, "get the assistant after set_latest to a version that does not exist");
  const status = latest.status ?? 0;
  await ctx.holds(A.assistant_set_latest_unknown_version_refused, {
    evidence: latest,
    ok: status >= 400 && status < 500 && bodyOf(after)?.version === current,
    expected: { status: "4xx", version: current },
    actual: { status: latest.status ?? why(latest), version: bodyOf(after)?.version },
  });
}

async function judgeVersionsGone(ctx: ScenarioContext, params: AssistantParams) {
  const deleted = await ctx.call({ op: DELETE, step: "delete the assistant", params, sdk: "assistants.delete" });
  if (!deleted.ok)
    return ctx.skipRule(
      A.assistant_delete_removes_versions,
      `the delete ${why(deleted)} (assistant_delete_removes_assistant judges that)`,
      { evidence: deleted },
    );
  const versions = { op: VERSIONS, body: { limit: 10 }, sdk: "assistants.get_versions" } as const;
  const listed = await ctx.call({
    ...versions,
    step: "list the versions of the deleted assistant",
    params,
    expect: "any",
  });
  // 404 is what E17 documents; the published document has only 200, whose list must then be empty.
  const none = listed.status === 404 || (listed.ok && listOf(listed)?.length === 0);
  await judgeGone(ctx, A.assistant_delete_removes_versions, {
    read: listed,
    never: {
      ...versions,
      step: "list the versions of an assistant that never existed",
      params: { assistant_id: randomUUID() },
    },
    what: "assistant's versions",
    unknownIdRule: A.assistant_unknown_id_not_found.id,
    op: VERSIONS,
    sdk: "assistants.get_versions",
    ok: none,
    expected: "404, or an empty list",
    actual: listed.json ?? why(listed),
  });
}

const versionNumbers: Scenario = {
  id: "assistants.semantics.versions",
  title: "Assistants: version numbers, set_latest to a missing version, what an update keeps, versions after delete",
  tag: "Assistants",
  covers: [CREATE, GET, PATCH, LATEST, VERSIONS, DELETE],
  rules: [
    A.assistant_update_keeps_other_fields,
    A.assistant_version_numbers,
    A.assistant_set_latest_unknown_version_refused,
    A.assistant_delete_removes_versions,
  ],
  async run(ctx) {
    const made = given(ctx);
    const id = await createAssistant(ctx, GRAPH_IDS.echo, {
      name: `${ctx.prefix}-versions`,
      metadata: marker(ctx, "assistants-versions"),
      ...made,
    });
    const params = { assistant_id: id };
    const before = bodyOf(await read(ctx, params, "get the new assistant"));
    const v2 = await update(ctx, params, "2");
    if (!v2.ok) ctx.skip(`updateAssistant ${why(v2)}, so nothing is kept or numbered`, v2);
    await judgeKept(ctx, before, await read(ctx, params, "get the assistant after the metadata update"), made);
    const v3 = bodyOf(await update(ctx, params, "3"))?.version;
    const numbers = [before?.version, bodyOf(v2)?.version, v3];
    const v4 = await judgeNumbers(ctx, params, before?.version, numbers);
    const known = [...numbers, v4].filter((n): n is number => typeof n === "number");
    await judgeUnknownVersion(ctx, params, Math.max(1, ...known));
    await judgeVersionsGone(ctx, params);
  },
};

export const versionScenarios: Scenario[] = [versionNumbers];
