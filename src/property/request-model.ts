// What a generated request for one operation is made of: pinned path values, a query schema, a body schema.

import type { Operation } from "../spec/operations.ts";

/** Marks a body or query member to leave out of generated requests (semantics a schema cannot express). */
export const DROP = Symbol("drop");

export interface Pins {
  /** Path parameter values: resources the suite created. */
  path: Record<string, string>;
  /** Query parameters fixed to a value, or dropped. */
  query?: Record<string, unknown>;
  /** Top-level body members fixed to a value, or dropped (applied inside array items and oneOf/anyOf branches too). */
  body?: Record<string, unknown>;
  /** For a body whose root is a oneOf/anyOf, the only branch to generate. */
  bodyBranch?: number;
  /**
   * Top-level body members valid requests take from this schema instead of the spec's (where they are not pinned):
   * a narrower one, where the API refuses values the spec's schema lets through. Invalid requests keep the spec's.
   */
  validBody?: Record<string, Schema>;
}

export type Schema = Record<string, unknown>;

/**
 * Valid requests always carry the pinned members (the run's marker, its namespace). Invalid ones are generated
 * from the spec's own `required`, so "missing required" only ever names what the API requires.
 */
export interface Schemas {
  valid: Schema;
  invalid: Schema;
}

export interface RequestModel {
  operation: Operation;
  path: Record<string, string>;
  /** Path parameters a malformed value can break (they declare a format or a non-string type). */
  breakablePath: string[];
  query: Schemas;
  body?: Schemas & { required: boolean };
}

interface DereferencedOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}

export function requestModel(operation: Operation, dereferenced: unknown, pins: Pins): RequestModel {
  const doc = dereferenced as {
    paths: Record<string, { parameters?: DereferencedOperation["parameters"] } & Record<string, DereferencedOperation>>;
  };
  const item = doc.paths[operation.path]!;
  const op = item[operation.method.toLowerCase()] as DereferencedOperation;
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const pinnedNames: string[] = [];
  for (const p of params.filter((p) => p.in === "query")) {
    const pin = pins.query?.[p.name];
    if (pin === DROP && !p.required) continue;
    properties[p.name] = pin === undefined || pin === DROP ? (p.schema ?? {}) : pinned(p.schema, pin);
    if (p.required) required.push(p.name);
    else if (pin !== undefined) pinnedNames.push(p.name);
  }
  const breakablePath = params
    .filter(
      (p) =>
        p.in === "path" &&
        p.schema &&
        (typeof p.schema.format === "string" || (p.schema.type !== undefined && p.schema.type !== "string")),
    )
    .map((p) => p.name);
  const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
  return {
    operation,
    path: pins.path,
    breakablePath,
    // Unknown query parameters are not invalid in OpenAPI, so no extra-property violations are generated here.
    query: {
      valid: { type: "object", properties, required: [...required, ...pinnedNames] },
      invalid: { type: "object", properties, required },
    },
    ...(bodySchema
      ? {
          body: {
            valid: pinBody(bodySchema, pins, true),
            invalid: pinBody(bodySchema, pins, false),
            required: op.requestBody?.required === true,
          },
        }
      : {}),
  };
}

const pinned = (schema: Schema | undefined, value: unknown): Schema => ({
  ...(schema ?? {}),
  const: value,
  "x-pinned": true,
});

/**
 * Applies body pins to the object schema(s) at the root: directly, in array items, in allOf members, or in
 * oneOf/anyOf branches.
 */
function pinBody(schema: Schema, pins: Pins, forcePresent: boolean): Schema {
  const rules = pins.body ?? {};
  if (schema.type === "array" && schema.items)
    return { ...schema, items: pinBody(schema.items as Schema, pins, forcePresent) };
  // Every allOf member that declares a member gets its pin (or drop), so no member brings it back.
  const members = schema.allOf as Schema[] | undefined;
  if (members) schema = { ...schema, allOf: members.map((m) => pinBody(m, pins, forcePresent)) };
  for (const combinator of ["oneOf", "anyOf"] as const) {
    const branches = schema[combinator] as Schema[] | undefined;
    if (!branches) continue;
    if (pins.bodyBranch !== undefined) {
      // The chosen branch with the sibling keywords it applies to; members only the other branches require are
      // left out, so that the body matches the chosen branch alone.
      const chosen = branches[pins.bodyBranch]!;
      const { [combinator]: _branches, ...siblings } = schema;
      const requiredBy = (b: Schema) => (b.required as string[] | undefined) ?? [];
      const theirs = branches.filter((b) => b !== chosen).flatMap(requiredBy);
      const drops = theirs.filter((name) => !requiredBy(chosen).includes(name)).map((name) => [name, DROP]);
      const rest = { ...pins, body: { ...pins.body, ...Object.fromEntries(drops) }, bodyBranch: undefined };
      return pinBody({ allOf: [siblings, chosen] }, rest, forcePresent);
    }
    return { ...schema, [combinator]: branches.map((b) => pinBody(b, pins, forcePresent)) };
  }
  if (!schema.properties) return schema;
  const properties = { ...(schema.properties as Record<string, Schema>) };
  let required = [...((schema.required as string[] | undefined) ?? [])];
  if (forcePresent) {
    for (const [name, narrower] of Object.entries(pins.validBody ?? {}))
      if (name in properties && !(name in rules)) properties[name] = narrower;
  }
  for (const [name, value] of Object.entries(rules)) {
    if (!(name in properties)) continue;
    if (value === DROP) {
      // A required member cannot be left out without making the request invalid; it keeps its schema.
      if (!required.includes(name)) delete properties[name];
    } else {
      properties[name] = pinned(properties[name], value);
      if (forcePresent && !required.includes(name)) required.push(name);
    }
  }
  return { ...schema, properties, required };
}
