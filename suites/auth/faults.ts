// The planted fault that makes each auth rule fail in suites/auth/auth.test.ts.

import type { AuthFault } from "../../fixtures/fakes/auth.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { AUTH } from "./rules.ts";

export const AUTH_PLANTED = {
  auth_required: { fault: "no_auth_required" },
  auth_malformed_refused: { fault: "malformed_accepted" },
  auth_unknown_token_refused: { fault: "unknown_token_accepted" },
  auth_isolation_get: { fault: "get_ignores_owner" },
  auth_isolation_change: { fault: "update_ignores_owner" },
  auth_isolation_delete: { fault: "delete_ignores_owner" },
  auth_isolation_search: { fault: "search_ignores_owner" },
  auth_isolation_count: { fault: "count_ignores_owner" },
  auth_isolation_runs: { fault: "runs_ignore_owner" },
  auth_isolation_store: { fault: "store_search_ignores_owner" },
  auth_isolation_hides_existence: { fault: "forbidden_not_404" },
  auth_owner_keeps_access: { fault: "owner_update_refused" },
  auth_owner_metadata_consistent: { fault: "owner_metadata_dropped_on_search" },
} as const satisfies PlantedFaults<keyof typeof AUTH, AuthFault>;
