// The planted fault that makes each system rule fail in suites/system/system.test.ts.

import type { SystemFault } from "../../fixtures/fakes/system.ts";
import type { PlantedFaults } from "../../src/rules/area.ts";
import type { SYSTEM } from "./rules.ts";

export const SYSTEM_PLANTED = {
  health_answers_ok_true: { fault: "health_not_ok" },
  info_names_version_and_flags: { fault: "info_without_flags" },
  metrics_json_is_object: { fault: "metrics_json_as_text" },
  metrics_default_is_prometheus_text: { fault: "metrics_default_json" },
  docs_answers_html_page: { fault: "docs_as_json" },
} as const satisfies PlantedFaults<keyof typeof SYSTEM, SystemFault>;
