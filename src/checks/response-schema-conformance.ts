// response_schema_conformance: a JSON body, or each event of an event stream, matches its documented schema.

import type { HttpRequest } from "../http/client.ts";
import type { Check, CheckContext, FindingDraft } from "./check.ts";
import { describeValue, failedWith, mediaTypeOf, preview, skipped } from "./check.ts";
import type { MediaInfo, ResponseInfo } from "../spec/operations.ts";
import { documentedResponse } from "../spec/operations.ts";
import type { SchemaViolation } from "../spec/validators.ts";

const MAX_FINDINGS = 25;

export const responseSchemaConformance: Check = {
  id: "response_schema_conformance",
  title: "Response body matches its schema",
  severity: "major",
  level: "standard",
  scope: "every operation",
  ref: "spec#/components/schemas",
  run(ctx) {
    const { operation, response } = ctx;
    const documented = documentedResponse(operation, response.status);
    if (!documented) return skipped(`status ${response.status} is not documented`);
    if (response.events) return checkEvents(ctx, documented);
    const media = jsonMedia(documented, mediaTypeOf(response.headers["content-type"]));
    if (!media?.schemaPointer)
      return skipped(
        `no JSON schema documented for ${documented.status} ${mediaTypeOf(response.headers["content-type"]) ?? ""}`.trim(),
      );
    if (response.tooLarge) {
      const { limit, declared } = response.tooLarge;
      const size = declared !== undefined ? `${declared} bytes` : `more than ${limit} bytes`;
      return failedWith([
        {
          message: `Received: a body of ${size} / Documented: a ${documented.status} body the suite can read whole (--max-body ${limit})`,
          expected: `at most ${limit} bytes`,
          actual: size,
          schemaPointer: media.schemaPointer,
          key: "body-too-large",
        },
      ]);
    }
    if (response.text.trim() === "") {
      if (response.status === 204) return skipped("no body");
      return failedWith([
        {
          message: `Received: an empty body / Documented: a JSON body for ${documented.status}`,
          expected: "JSON body",
          actual: "",
          schemaPointer: media.schemaPointer,
          key: `empty-body:${response.status}`,
          cause: `empty-body:${statusClass(response.status)}`,
        },
      ]);
    }
    if (!response.isJson) {
      return failedWith([
        {
          message: `Received: a body that is not JSON (${preview(response.text)}) / Documented: JSON for ${documented.status}`,
          expected: "JSON",
          actual: preview(response.text),
          schemaPointer: media.schemaPointer,
          key: `not-json:${response.status}`,
          cause: `not-json:${statusClass(response.status)}`,
        },
      ]);
    }
    const selected = selectedFields(ctx.exchange.request);
    const violations = ctx.validators
      .validate(media.schemaPointer, response.json)
      .filter((v) => !selected || !unselected(v, selected));
    return failedWith(violations.slice(0, MAX_FINDINGS).map((v) => toFinding(v, "", response.json)));
  },
};

/**
 * The documented JSON media type: the one received if documented; none when a documented non-JSON type was received
 * (a text/plain answer where the operation documents text/plain is not judged as JSON); else the first JSON one.
 */
function jsonMedia(documented: ResponseInfo, received: string | undefined): MediaInfo | undefined {
  if (received && documented.content[received]) return isJsonType(received) ? documented.content[received] : undefined;
  const entry = Object.entries(documented.content).find(([type]) => isJsonType(type));
  return entry?.[1];
}

const isJsonType = (type: string): boolean => type === "application/json" || type.endsWith("+json");

function checkEvents(ctx: CheckContext, documented: ResponseInfo) {
  const media = Object.values(documented.content).find((m) => m.sseEvents);
  const events = ctx.response.events ?? [];
  if (!media?.sseEvents) return skipped(`no event schemas documented for ${documented.status}`);
  const schemas = media.sseEvents;
  const findings: FindingDraft[] = [];
  events.forEach((event, index) => {
    const base = event.event.split("|")[0] ?? event.event;
    const pointer = schemas[base] ?? schemas["*"];
    const at = `/events/${index}`;
    if (!pointer) {
      findings.push({
        message: `Received: event "${event.event}" / Documented: ${Object.keys(schemas).join(", ")}`,
        expected: Object.keys(schemas),
        actual: event.event,
        instancePointer: at,
        key: `undocumented-event:${base}`,
      });
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      findings.push({
        message: `Received: "${event.event}" event data that is not JSON (${preview(event.data)}) / Documented: JSON data`,
        actual: preview(event.data),
        instancePointer: `${at}/data`,
        schemaPointer: pointer,
        key: `event-not-json:${base}`,
      });
      return;
    }
    for (const v of ctx.validators.validate(pointer, data)) {
      findings.push({
        ...toFinding(v, `${at}/data`, data),
        key: `event:${base}:${violationKey(v)}`,
        cause: `event:${base}:${v.schemaPointer}:${generalize(v.instancePointer)}`,
      });
    }
  });
  return failedWith(findings.slice(0, MAX_FINDINGS));
}

function toFinding(v: SchemaViolation, prefix: string, root: unknown): FindingDraft {
  return {
    message: `Received: ${describeValue(valueAt(root, v.instancePointer))} at ${prefix}${v.instancePointer || "/"} / Documented: ${v.message}`,
    expected: v.params,
    actual: valueAt(root, v.instancePointer),
    instancePointer: `${prefix}${v.instancePointer}`,
    schemaPointer: v.schemaPointer,
    key: violationKey(v),
    // Missing one required property or another is one departure; the key still tells them apart.
    cause: `${v.schemaPointer}:${generalize(v.instancePointer)}`,
  };
}

/**
 * The schema keyword broken (in the schema pointer) and where: the instance location with array indices
 * generalised, and the property a `required` or `additionalProperties` keyword names.
 */
function violationKey(v: SchemaViolation): string {
  const property = v.params.missingProperty ?? v.params.additionalProperty;
  const at = generalize(v.instancePointer);
  return `${v.schemaPointer}:${typeof property === "string" ? `${at}/${property}` : at}`;
}

/** "2xx" for 200: a success body and an error body that are not JSON are different departures. */
const statusClass = (status: number): string => `${String(status)[0]}xx`;

/** The fields a search or list was narrowed to with `select` (in its body or its query), if any. */
function selectedFields(request: HttpRequest): Set<string> | undefined {
  const fromBody = (request.json as { select?: unknown } | undefined)?.select;
  const select = Array.isArray(fromBody) ? fromBody : request.query?.select;
  const fields = (Array.isArray(select) ? select : typeof select === "string" ? select.split(",") : []).filter(
    (f): f is string => typeof f === "string" && f !== "",
  );
  return fields.length > 0 ? new Set(fields) : undefined;
}

/** A `required` property missing from a result item (or the result) that the request did not select. */
function unselected(v: SchemaViolation, selected: Set<string>): boolean {
  const property = v.params.missingProperty;
  return (
    v.keyword === "required" &&
    typeof property === "string" &&
    !selected.has(property) &&
    /^(\/\d+)?$/.test(v.instancePointer)
  );
}

/** Array indices do not make a problem different: /items/3/id and /items/7/id are one problem. */
const generalize = (pointer: string): string => pointer.replace(/\/\d+(?=\/|$)/g, "/*");

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}
