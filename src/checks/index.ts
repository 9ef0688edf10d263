// The check catalogue: an explicit list, in report order; ids must be unique.

import type { Check } from "./check.ts";
import { contentTypeConformance } from "./content-type-conformance.ts";
import { negativeDataRejection } from "./negative-data-rejection.ts";
import { notAServerError } from "./not-a-server-error.ts";
import { positiveDataAcceptance } from "./positive-data-acceptance.ts";
import { responseHeadersConformance } from "./response-headers-conformance.ts";
import { responseSchemaConformance } from "./response-schema-conformance.ts";
import { statusCodeConformance } from "./status-code-conformance.ts";
import { streamErrorIsLast } from "./stream-error-is-last.ts";
import { streamEventIds } from "./stream-event-ids.ts";
import { streamFraming } from "./stream-framing.ts";
import { streamModePayloadShape } from "./stream-mode-payload-shape.ts";
import { streamModesAsRequested } from "./stream-modes-as-requested.ts";
import { streamStartsWithMetadata } from "./stream-starts-with-metadata.ts";
import { streamSubgraphNamespaces } from "./stream-subgraph-namespaces.ts";

export const CHECKS: readonly Check[] = registry([
  notAServerError,
  positiveDataAcceptance,
  negativeDataRejection,
  statusCodeConformance,
  contentTypeConformance,
  responseSchemaConformance,
  responseHeadersConformance,
  streamFraming,
  streamStartsWithMetadata,
  streamModesAsRequested,
  streamModePayloadShape,
  streamSubgraphNamespaces,
  streamErrorIsLast,
  streamEventIds,
]);

function registry(checks: Check[]): readonly Check[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) throw new Error(`duplicate check id ${check.id}`);
    seen.add(check.id);
  }
  return Object.freeze(checks);
}

export type { Check, CheckContext, CheckVerdict, Expectation, FindingDraft } from "./check.ts";
