// Rewrites OpenAPI 3.0 schema dialect (nullable, boolean exclusive bounds) into JSON Schema 2020-12 for Ajv.

import type { Json } from "./pointer.ts";

type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Returns a normalised deep copy; the input is left untouched. */
export function normalizeSchemas(doc: Json): Json {
  if (Array.isArray(doc)) return doc.map(normalizeSchemas);
  if (!isObject(doc)) return doc;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc)) out[key] = normalizeSchemas(value);
  rewriteExclusiveBound(out, "exclusiveMinimum", "minimum");
  rewriteExclusiveBound(out, "exclusiveMaximum", "maximum");
  return out.nullable === true ? makeNullable(out) : out;
}

function rewriteExclusiveBound(schema: JsonObject, exclusive: string, inclusive: string): void {
  if (typeof schema[exclusive] !== "boolean") return;
  if (schema[exclusive] === true && typeof schema[inclusive] === "number") {
    schema[exclusive] = schema[inclusive];
    delete schema[inclusive];
  } else {
    delete schema[exclusive];
  }
}

function makeNullable(schema: JsonObject): Json {
  const { nullable: _ignored, ...rest } = schema;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === "string") return { ...rest, type: [rest.type, "null"] };
  if (Array.isArray(rest.type)) return rest.type.includes("null") ? rest : { ...rest, type: [...rest.type, "null"] };
  return { anyOf: [rest, { type: "null" }] };
}
