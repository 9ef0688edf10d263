// Requests without valid credentials: none, a malformed one, a token never issued. Each is refused with 401 or 403 and
// carries no data, on reads of the run's own resources and on a create that leaves nothing behind if accepted.

import { randomBytes, randomUUID } from "node:crypto";
import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { Identity, Step, StepOutcome } from "../../src/engine/session.ts";
import type { Rule } from "../../src/rules/rule.ts";
import { marker, need, own, why } from "../support/index.ts";
import { asSelf, carriesData, needCredentials } from "./attempts.ts";
import {
  ASSISTANT_SEARCH,
  AUTH,
  STATE,
  STORE_SEARCH,
  THREAD,
  THREAD_COUNT,
  THREAD_CREATE,
  THREAD_DELETE,
  THREAD_SEARCH,
} from "./rules.ts";

/** A credential the target cannot know: fresh for each run. */
const randomToken = () => randomBytes(24).toString("base64url");

interface Variant {
  rule: Rule;
  /** What the request carries, in words. */
  carries: string;
  as: Identity;
  detail?: string;
}

const variants = (): Variant[] => [
  { rule: AUTH.auth_required, carries: "no credentials", as: "none" },
  {
    rule: AUTH.auth_malformed_refused,
    carries: "a bearer credential without a token",
    as: { headers: { authorization: "Bearer" } },
    detail: "bearer without a token",
  },
  {
    rule: AUTH.auth_malformed_refused,
    carries: "a credential without a scheme",
    as: { headers: { authorization: randomToken() } },
    detail: "no scheme",
  },
  {
    rule: AUTH.auth_unknown_token_refused,
    carries: "a token the target never issued",
    as: { headers: { authorization: `Bearer ${randomToken()}` } },
  },
];

/** The reads: of the run's own thread, and searches narrowed to what the run created. */
function reads(ctx: ScenarioContext, threadId: string, metadata: Record<string, string>): Step[] {
  const params = { thread_id: threadId };
  return [
    { op: THREAD_SEARCH, step: "search the run's threads", body: { metadata, limit: 10 } },
    { op: THREAD_COUNT, step: "count the run's threads", body: { metadata } },
    { op: ASSISTANT_SEARCH, step: "search the run's assistants", body: { metadata: ctx.metadata, limit: 10 } },
    { op: THREAD, step: "read the run's thread", params },
    { op: STATE, step: "read the run's thread state", params },
    { op: STORE_SEARCH, step: "search the run's store namespace", body: { namespace_prefix: [ctx.prefix], limit: 10 } },
  ];
}

async function judgeRefusal(ctx: ScenarioContext, variant: Variant, step: Step): Promise<StepOutcome> {
  const outcome = await ctx.call({
    ...step,
    step: `${step.step}, with ${variant.carries}`,
    as: variant.as,
    report: false,
    expect: "any",
  });
  const status = outcome.status;
  const data = carriesData(outcome);
  await ctx.holds(variant.rule, {
    op: step.op,
    ...(variant.detail ? { detail: variant.detail } : {}),
    ok: (status === 401 || status === 403) && !data,
    expected: `401 or 403 without data, to a request with ${variant.carries}`,
    actual: data ? `${why(outcome)} with data` : why(outcome),
    evidence: outcome,
  });
  return outcome;
}

export const refusalScenario: Scenario = {
  id: "auth.refusal",
  title: "Requests without valid credentials are refused",
  covers: [],
  rules: [AUTH.auth_required, AUTH.auth_malformed_refused, AUTH.auth_unknown_token_refused],
  async run(ctx) {
    needCredentials(ctx);
    const metadata = marker(ctx, "auth.refusal");
    const created = await ctx.call(asSelf({ op: THREAD_CREATE, step: "create a thread", body: { metadata } }));
    const threadId = need(ctx, created, "thread_id");
    await own(ctx, "thread", threadId, created.json);
    ctx.defer({ op: THREAD_DELETE, step: `delete thread ${threadId}`, params: { thread_id: threadId } });
    for (const variant of variants()) {
      const answers: StepOutcome[] = [];
      for (const step of reads(ctx, threadId, metadata)) answers.push(await judgeRefusal(ctx, variant, step));
      if (variant.as === "none") {
        const refused = answers.filter((o) => o.status === 401 || o.status === 403).length;
        ctx.capability(
          "auth",
          refused > 0,
          `${refused} of ${answers.length} reads without credentials refused with 401 or 403`,
        );
      }
      // A create under an id the run reserved: if the target wrongly accepts it, it is deleted, as the run's own
      // identity and with the credentials that created it.
      const id = randomUUID();
      ctx.reserve("thread", id);
      const create = { op: THREAD_CREATE, step: "create a thread", body: { thread_id: id, metadata } };
      const outcome = await judgeRefusal(ctx, variant, create);
      if (outcome.ok) {
        const remove = { op: THREAD_DELETE, step: `delete thread ${id}`, params: { thread_id: id } };
        ctx.defer({ ...remove, as: variant.as });
        ctx.defer(remove);
      }
    }
  },
};
