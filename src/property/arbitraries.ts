// fast-check arbitraries of whole requests: valid ones, and invalid ones that break exactly one named rule.

import fc from "fast-check";
import { invalidArbitrary, validArbitrary, type Violation } from "../generate/index.ts";
import type { QueryValue } from "../http/client.ts";
import type { RequestModel, Schema } from "./request-model.ts";

export interface GeneratedRequest {
  params: Record<string, string>;
  query: Record<string, QueryValue>;
  body?: unknown;
  raw?: { text: string; contentType: string };
  /** For invalid requests: the one rule the request breaks, in words. */
  violation?: string;
  /** The same without generated values or array indices ("query limit: wrong_type"), for finding keys. */
  violationKey?: string;
}

/**
 * Query types a text value can have the wrong type for. Not boolean: both official servers read a boolean query
 * parameter as a flag (a word that does not spell true reads as false, or is not read at all), so no string is a
 * wrong type there.
 */
const TYPED_QUERY_TYPES = new Set(["integer", "number"]);

export function validRequests(model: RequestModel): fc.Arbitrary<GeneratedRequest> {
  return fc
    .record({
      query: validArbitrary(model.query.valid),
      body: model.body ? validArbitrary(model.body.valid) : fc.constant(undefined),
    })
    .map(({ query, body }) => ({
      params: model.path,
      query: serializeQuery(query as Record<string, unknown>),
      ...(model.body ? { body } : {}),
    }));
}

/** Undefined when the operation takes nothing that can be broken. */
export function invalidRequests(model: RequestModel): fc.Arbitrary<GeneratedRequest> | undefined {
  // The parts a violation leaves alone are valid under the spec, with pins where the run needs them.
  const validQuery = validArbitrary(model.query.valid);
  const validBody = model.body ? validArbitrary(model.body.valid) : fc.constant(undefined);
  const sources: fc.Arbitrary<GeneratedRequest>[] = [];

  const bodyViolation = model.body ? invalidArbitrary(model.body.invalid) : undefined;
  if (bodyViolation) {
    sources.push(
      fc.record({ query: validQuery, broken: bodyViolation }).map(({ query, broken }) => ({
        params: model.path,
        query: serializeQuery(query as Record<string, unknown>),
        body: broken.value,
        violation: describe("body", broken.violation),
        violationKey: `body ${generalize(broken.violation.instancePointer)}: ${broken.violation.kind}`,
      })),
    );
  }

  // Query parameters break one at a time. A query arrives as text, so only a number can have a wrong type (a
  // string can say anything; a lone value reads as a one-item array; a boolean is a flag, see TYPED_QUERY_TYPES).
  const queryParams = Object.entries((model.query.invalid.properties ?? {}) as Record<string, Schema>);
  for (const [name, schema] of queryParams) {
    const typed = typesOf(schema).length > 0 && typesOf(schema).every((t) => TYPED_QUERY_TYPES.has(t));
    // Whether an empty value (`?status=`) is a value or none, the API does not say (E21): no refusal is demanded.
    const broken = invalidArbitrary(schema, { wrongTypes: typed ? ["string"] : [] })?.filter(
      ({ value }) => value !== "" && !(Array.isArray(value) && value.includes("")),
    );
    if (!broken) continue;
    sources.push(
      fc.record({ query: validQuery, broken, body: validBody }).map(({ query, broken, body }) => ({
        params: model.path,
        query: serializeQuery({ ...(query as Record<string, unknown>), [name]: broken.value }),
        ...(model.body ? { body } : {}),
        violation: describe(`query parameter ${name}`, broken.violation),
        violationKey: `query ${name}${generalize(broken.violation.instancePointer).replace(/^\/$/, "")}: ${broken.violation.kind}`,
      })),
    );
  }
  for (const name of (model.query.invalid.required ?? []) as string[]) {
    sources.push(
      fc.record({ query: validQuery, body: validBody }).map(({ query, body }) => {
        const { [name]: _omitted, ...rest } = query as Record<string, unknown>;
        return {
          params: model.path,
          query: serializeQuery(rest),
          ...(model.body ? { body } : {}),
          violation: `query: missing required parameter ${name} (missing_required)`,
          violationKey: `query ${name}: missing_required`,
        };
      }),
    );
  }

  for (const name of model.breakablePath) {
    sources.push(
      fc
        .record({ bad: fc.constantFrom("not-a-uuid", "12345", "x"), query: validQuery, body: validBody })
        .map(({ bad, query, body }) => ({
          params: { ...model.path, [name]: bad },
          query: serializeQuery(query as Record<string, unknown>),
          ...(model.body ? { body } : {}),
          violation: `path parameter ${name}: "${bad}" is not what its schema allows`,
          violationKey: `path ${name}: malformed`,
        })),
    );
  }

  // A JSON body under another media type is no violation to generate: both official servers read it as JSON on
  // purpose, and a media type a server does not take is a 415, not a validation error.
  if (model.body) {
    sources.push(
      validQuery.map((query) => ({
        params: model.path,
        query: serializeQuery(query as Record<string, unknown>),
        raw: { text: '{"unterminated": ', contentType: "application/json" },
        violation: "a body that is not valid JSON",
        violationKey: "body: not JSON",
      })),
    );
  }
  return sources.length > 0 ? fc.oneof(...sources) : undefined;
}

function describe(where: string, violation: Violation): string {
  return `${where} ${violation.instancePointer || "/"}: ${violation.description} (${violation.kind})`;
}

/** Array indices do not make a violation different: /items/3 and /items/0 are one place. */
const generalize = (pointer: string): string => pointer.replace(/\/\d+(?=\/|$)/g, "/*") || "/";

const typesOf = (schema: Schema): string[] =>
  Array.isArray(schema.type) ? schema.type.map(String) : schema.type === undefined ? [] : [String(schema.type)];

/** Form style, exploded: arrays repeat the name; objects go as JSON text. */
export function serializeQuery(values: Record<string, unknown>): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    out[name] = Array.isArray(value) ? value.map(scalar) : scalar(value);
  }
  return out;
}

const scalar = (value: unknown): string | number | boolean =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : JSON.stringify(value);
