// The crons' rules, on targets that have crons: search and count by assistant, update, delete.

import { defineRules, specRef } from "../../src/rules/rule.ts";

export const CREATE = "POST /runs/crons";
export const CREATE_FOR_THREAD = "POST /threads/{thread_id}/runs/crons";
export const CRON = "GET /runs/crons/{cron_id}";
export const UPDATE = "PATCH /runs/crons/{cron_id}";
export const SEARCH = "POST /runs/crons/search";
export const COUNT = "POST /runs/crons/count";
export const DELETE = "DELETE /runs/crons/{cron_id}";

const crons = { severity: "major", level: "optional", capability: "crons" } as const;

export const CRONS = defineRules({
  cron_search_finds_created: {
    title: "search by assistant finds the crons created for it, and only them",
    ...crons,
    operations: [SEARCH],
    sdk: ["crons.search"],
    ref: specRef(SEARCH, "/responses/200"),
  },
  cron_count_matches_created: {
    title: "count by assistant counts the crons created for it",
    ...crons,
    operations: [COUNT],
    sdk: ["crons.count"],
    ref: specRef(COUNT, "/responses/200"),
  },
  cron_update_changes_schedule: {
    title: "update changes the cron's schedule",
    ...crons,
    operations: [UPDATE],
    sdk: ["crons.update"],
    ref: specRef(UPDATE, "/responses/200"),
  },
  cron_get_after_delete_404: {
    title: "a deleted cron is not found",
    ...crons,
    operations: [DELETE],
    sdk: ["crons.delete"],
    ref: specRef(DELETE),
  },
});
