// The suite: every area in the order it runs, and the catalogue of every check and rule.

import { CHECKS } from "../src/checks/index.ts";
import type { Scenario } from "../src/engine/scenario.ts";
import type { Area } from "../src/rules/area.ts";
import { buildCatalogue, type Catalogue } from "../src/rules/catalogue.ts";
import type { Operation } from "../src/spec/operations.ts";
import { assistantsArea } from "./assistants/index.ts";
import { authArea } from "./auth/index.ts";
import { cronsArea } from "./crons/index.ts";
import { protocolsArea } from "./protocols/index.ts";
import { runsArea } from "./runs/index.ts";
import { sdkArea } from "./sdk/index.ts";
import { statelessArea } from "./stateless/index.ts";
import { storeArea } from "./store/index.ts";
import { streamsArea } from "./streams/index.ts";
import { systemArea } from "./system/index.ts";
import { threadsArea } from "./threads/index.ts";

export const AREAS: readonly Area[] = [
  systemArea,
  assistantsArea,
  threadsArea,
  runsArea,
  streamsArea,
  statelessArea,
  cronsArea,
  storeArea,
  protocolsArea,
  sdkArea,
  authArea,
];

export const SCENARIOS: readonly Scenario[] = AREAS.flatMap((area) => area.scenarios);

/** The catalogue; `operations` (of the loaded spec) resolves which operations each generic check applies to. */
export const catalogue = (operations: readonly Operation[] = []): Catalogue =>
  buildCatalogue(CHECKS, AREAS, operations);
