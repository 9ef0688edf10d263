// Rewrites OpenAPI 3.0 schema dialect (nullable, boolean exclusive bounds) into JSON Schema 2020-12 for Ajv.

import type { Json } from "./pointer.ts";

type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Keywords whose values are data, not schemas: nothing inside them is rewritten. */
const DATA_KEYWORDS = new Set(["example", "examples", "default", "enum", "const"]);

/**
 * Only an object that is certainly a schema is rewritten: a `properties` map may have members named
 * `nullable` or `type`, but there they hold schemas (objects or booleans), never a type name or a number.
 */
const looksLikeSchema = (node: JsonObject): boolean =>
  typeof node.type === "string" ||
  (Array.isArray(node.type) && node.type.every((t) => typeof t === "string")) ||
  typeof node.$ref === "string" ||
  typeof node.format === "string" ||
  ["allOf", "anyOf", "oneOf", "enum"].some((k) => Array.isArray(node[k]));

/** Returns a normalised deep copy; the input is left untouched. */
export function normalizeSchemas(doc: Json): Json {
  if (Array.isArray(doc)) return doc.map(normalizeSchemas);
  if (!isObject(doc)) return doc;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc)) out[key] = DATA_KEYWORDS.has(key) ? value : normalizeSchemas(value);
  rewriteExclusiveBound(out, "exclusiveMinimum", "minimum");
  rewriteExclusiveBound(out, "exclusiveMaximum", "maximum");
  return out.nullable === true && looksLikeSchema(out) ? makeNullable(out) : out;
}

/** 3.0 writes `minimum: 5, exclusiveMinimum: true`; 2020-12 writes `exclusiveMinimum: 5`. */
function rewriteExclusiveBound(schema: JsonObject, exclusive: string, inclusive: string): void {
  const bound = schema[inclusive];
  if (typeof schema[exclusive] !== "boolean") return;
  if (typeof bound !== "number") {
    // Without a bound the flag means nothing; in a `properties` map it is a member's boolean schema: keep it.
    if (looksLikeSchema(schema)) delete schema[exclusive];
    return;
  }
  if (schema[exclusive] === true) {
    schema[exclusive] = bound;
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
