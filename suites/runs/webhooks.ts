// Webhooks: a thread run and a stateless run created with a webhook URL of the run's receiver have it called once they
// finished, with the run in the body.

import type { Scenario, ScenarioContext } from "../../src/engine/scenario.ts";
import type { StepOutcome } from "../../src/engine/session.ts";
import type { WebhookDelivery, WebhookHook } from "../../src/webhook/receiver.ts";
import {
  all,
  ACTIVE,
  bodyOf,
  createThread,
  getRun,
  graphAssistant,
  GRAPH_IDS,
  need,
  runBody,
  statusOf,
  why,
  type Json,
} from "../support/index.ts";
import { CREATE, RUNS, STATELESS_RUNS } from "./rules.ts";

/** How long after a run was created its webhook may take to arrive. */
const WEBHOOK_MS = 10_000;
const FINAL = ["success", "error", "timeout", "interrupted"];

export const NO_RECEIVER = "no webhook receiver: pass --webhook-receiver";

const isObject = (value: unknown): value is Json => !!value && typeof value === "object" && !Array.isArray(value);

/** What came to the webhook, as a finding shows it. */
const shown = (delivery: WebhookDelivery | undefined) => {
  if (!delivery) return `no call within ${WEBHOOK_MS / 1000} s`;
  const json = delivery.json;
  const body = isObject(json)
    ? Object.fromEntries(["run_id", "thread_id", "status"].map((k) => [k, json[k] ?? null]))
    : delivery.body.slice(0, 200);
  return { method: delivery.method, body };
};

interface Created {
  outcome: StepOutcome;
  /** Absent when the create was refused. */
  runId?: string;
  hook: WebhookHook;
}

/** Creates a background run with a webhook URL of its own. */
async function createWithWebhook(
  ctx: ScenarioContext,
  webhooks: NonNullable<ScenarioContext["webhooks"]>,
  op: typeof CREATE | typeof STATELESS_RUNS,
  body: Json,
  threadId?: string,
): Promise<Created> {
  const hook = webhooks.hook();
  const outcome = await ctx.call({
    op,
    step: `start a ${threadId ? "thread" : "stateless"} background run with a webhook`,
    ...(threadId ? { params: { thread_id: threadId } } : {}),
    body: { ...body, webhook: hook.url },
    sdk: "runs.create",
  });
  const runId = bodyOf(outcome)?.run_id;
  return { outcome, hook, ...(outcome.ok && typeof runId === "string" ? { runId } : {}) };
}

export const runWebhookScenarios: Scenario[] = [
  {
    id: "runs.webhooks",
    title: "A finished run calls its webhook with the run",
    tag: "Thread Runs",
    covers: [],
    rules: [RUNS.webhook_called_when_run_finishes, RUNS.webhook_body_names_run, RUNS.webhook_called_for_stateless_run],
    async run(ctx) {
      const webhooks = ctx.webhooks;
      if (!webhooks) return ctx.skip(NO_RECEIVER);
      const echo = await graphAssistant(ctx, GRAPH_IDS.echo);
      const threadId = await createThread(ctx);
      const [threadRun, statelessRun] = await all([
        createWithWebhook(ctx, webhooks, CREATE, runBody(echo, { metadata: ctx.metadata }), threadId),
        createWithWebhook(
          ctx,
          webhooks,
          STATELESS_RUNS,
          runBody(echo, { metadata: ctx.metadata, on_completion: "delete" }),
        ),
      ]);
      const runId = need(ctx, threadRun!.outcome, "run_id");
      const [delivered, statelessDelivered] = await all([
        threadRun!.hook.delivery(WEBHOOK_MS),
        statelessRun!.runId ? statelessRun!.hook.delivery(WEBHOOK_MS) : Promise.resolve(undefined),
      ]);
      await judgeThreadRun(ctx, threadId, runId, threadRun!.outcome, delivered);
      await judgeStatelessRun(ctx, statelessRun!, statelessDelivered);
    },
  },
];

async function judgeThreadRun(
  ctx: ScenarioContext,
  threadId: string,
  runId: string,
  outcome: StepOutcome,
  delivery: WebhookDelivery | undefined,
): Promise<void> {
  const called = await ctx.holds(RUNS.webhook_called_when_run_finishes, {
    ok: delivery?.method === "POST",
    expected: `a POST to the webhook within ${WEBHOOK_MS / 1000} s`,
    actual: delivery ? { method: delivery.method } : shown(delivery),
    evidence: outcome,
  });
  if (!called) {
    const reason = "the webhook was not called with a POST, so there is no body to judge";
    return ctx.skipRule(RUNS.webhook_body_names_run, reason);
  }
  // The run as the target shows it once the webhook came: the status the body must name.
  const read = await ctx.call({ ...getRun(threadId, runId, "read the run's final status"), report: false });
  const status = statusOf(read);
  const final = status !== undefined && !ACTIVE.includes(status) ? status : "success";
  const body = isObject(delivery!.json) ? delivery!.json : undefined;
  await ctx.holds(RUNS.webhook_body_names_run, {
    ok: body?.run_id === runId && body.thread_id === threadId && body.status === final,
    expected: { run_id: runId, thread_id: threadId, status: final },
    actual: shown(delivery),
    evidence: outcome,
  });
}

async function judgeStatelessRun(
  ctx: ScenarioContext,
  { outcome, runId }: Created,
  delivery: WebhookDelivery | undefined,
): Promise<void> {
  if (!runId) {
    const reason = `the stateless run was not created (${why(outcome)}), so there is no webhook to wait for`;
    return ctx.skipRule(RUNS.webhook_called_for_stateless_run, reason, { op: STATELESS_RUNS, evidence: outcome });
  }
  const body = isObject(delivery?.json) ? delivery.json : undefined;
  await ctx.holds(RUNS.webhook_called_for_stateless_run, {
    op: STATELESS_RUNS,
    ok: delivery?.method === "POST" && body?.run_id === runId && FINAL.includes(String(body.status)),
    expected: { method: "POST", body: { run_id: runId, status: FINAL.join(" | ") } },
    actual: shown(delivery),
    evidence: outcome,
  });
}
