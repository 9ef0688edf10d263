// Loads an OpenAPI 3.0/3.1 document (file or URL): parse, stand in for undefined schemas, validate, bundle, normalise,
// index, compile validators.

import SwaggerParser from "@apidevtools/swagger-parser";
import { normalizeSchemas } from "./normalize.ts";
import { indexOperations, type Operation } from "./operations.ts";
import { packagePath } from "../paths.ts";
import { lookup, type Json } from "./pointer.ts";
import { SchemaValidators } from "./validators.ts";

export const BUNDLED_SPEC = packagePath("spec", "agent-server.yaml");

export interface LoadedSpec {
  source: string;
  title: string;
  version: string;
  openapi: string;
  /** Bundled (internal `$ref`s only) and normalised to JSON Schema 2020-12: what pointers refer to. */
  document: Json;
  /** Fully dereferenced (cycles kept as object cycles): convenient for walking schemas. */
  dereferenced: Json;
  operations: Operation[];
  byId: Map<string, Operation>;
  validators: SchemaValidators;
  /** What was wrong with the document but did not stop the load, one sentence each (e.g. an undefined schema). */
  defects: string[];
}

export class SpecError extends Error {}

export async function loadSpec(source: string = BUNDLED_SPEC): Promise<LoadedSpec> {
  const fetched = await documentUrlResolver(source);
  const parsed = await failingAs(source, () => SwaggerParser.parse(source, fetched) as unknown as Promise<Json>);
  const root = parsed as { openapi?: string; swagger?: string; info?: { title?: string; version?: string } };
  if (typeof root.openapi !== "string" || !/^3\.[01]\./.test(root.openapi)) {
    throw new SpecError(
      `cannot load spec ${source}: only OpenAPI 3.0 and 3.1 are supported, but it declares ${root.openapi ?? `swagger ${root.swagger}`}`,
    );
  }
  const repaired = replaceUndefinedSchemas(parsed);
  const defects = [...repaired.defects];
  // Given the document, the parser reads `source` only as the base of relative external `$ref`s. It changes the
  // document it is given: each call gets its own copy.
  const api = () => structuredClone(repaired.document) as unknown as Parameters<typeof SwaggerParser.validate>[1];
  const dereferenced = await failingAs(source, async () => {
    try {
      return (await SwaggerParser.validate(source, api(), { dereference: { circular: true } })) as unknown as Json;
    } catch (err) {
      const violations = structureViolations(err);
      if (violations.length === 0) throw err;
      defects.push(...violations);
      return (await SwaggerParser.validate(source, api(), {
        dereference: { circular: true },
        validate: { schema: false, spec: false },
      })) as unknown as Json;
    }
  });
  const bundled = await failingAs(source, () => SwaggerParser.bundle(source, api(), {}) as unknown as Promise<Json>);
  const document = normalizeSchemas(bundled);
  const operations = indexOperations(document);
  if (operations.length === 0) throw new SpecError(`cannot load spec ${source}: it describes no operations`);
  const validators = new SchemaValidators(document);
  try {
    validators.compileAll(operations);
  } catch (err) {
    throw new SpecError(`cannot load spec ${source}: ${firstLine(err)}`);
  }
  return {
    source,
    title: typeof root.info?.title === "string" ? root.info.title : "untitled",
    version: typeof root.info?.version === "string" ? root.info.version : "unknown",
    openapi: root.openapi,
    document,
    dereferenced,
    operations,
    byId: new Map(operations.map((op) => [op.operationId, op])),
    validators,
    defects,
  };
}

const FETCH_TIMEOUT_MS = 30_000;

/**
 * The parser's resolver refuses URLs on this machine or a private network (such as a server's own `/openapi.json`)
 * and hides why a download failed: the document itself is fetched here and handed to the parser, which still reads
 * the documents it refers to through its own resolver.
 */
async function documentUrlResolver(source: string): Promise<SwaggerParser.Options> {
  if (!/^https?:\/\//i.test(source)) return {};
  let text: string;
  try {
    const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    text = await response.text();
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    throw new SpecError(`cannot load spec ${source}: ${firstLine(cause instanceof Error ? cause : err)}`);
  }
  const href = withoutHash(source);
  return {
    resolve: {
      document: { order: 0, canRead: (file: { url: string }) => withoutHash(file.url) === href, read: () => text },
    },
  };
}

function withoutHash(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.href;
  } catch {
    return url;
  }
}

const UNDEFINED_SCHEMA_REF = /^#\/components\/schemas\//;

/**
 * Replaces every `$ref` to a schema the document does not define (e.g. `#/components/schemas/Interrupt`) by `{}`,
 * which accepts any value: no verdict can then come from a schema the document never gave. Other dangling `$ref`s
 * (a response, a parameter) are left for the parser to reject.
 */
function replaceUndefinedSchemas(doc: Json): { document: Json; defects: string[] } {
  const missing = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: Json): Json => {
    if (node === null || typeof node !== "object") return node;
    if (!Array.isArray(node) && typeof node.$ref === "string" && isUndefinedSchema(doc, node.$ref)) {
      missing.add(node.$ref);
      return {};
    }
    // A YAML alias can make one node appear in several places: rewrite it once.
    if (seen.has(node)) return node;
    seen.add(node);
    if (Array.isArray(node)) node.forEach((item, i) => (node[i] = visit(item)));
    else for (const key of Object.keys(node)) node[key] = visit(node[key]);
    return node;
  };
  const document = visit(structuredClone(doc));
  return {
    document,
    defects: [...missing].sort().map((ref) => `${ref} is referred to but not defined (treated as any value)`),
  };
}

function isUndefinedSchema(doc: Json, ref: string): boolean {
  if (!UNDEFINED_SCHEMA_REF.test(ref)) return false;
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref);
  } catch {
    pointer = ref;
  }
  return lookup(doc, pointer) === undefined;
}

/**
 * Where the document does not follow the OpenAPI schema, one sentence per place, from the parser's schema validation
 * error; none for any other error. Such a document is still read as written (the schemas it holds are compiled and
 * checked later): a response without a description or a media type with a stray member tells the suite nothing less.
 */
function structureViolations(err: unknown): string[] {
  const details = (err as { details?: unknown }).details;
  if (!Array.isArray(details)) return [];
  const places = new Map<string, { problems: Set<string>; strangers: Set<string> }>();
  for (const d of details as AjvError[]) {
    // "must match \"else\" schema" only says that a conditional branch failed: its own errors are listed too.
    if (d.keyword === "if") continue;
    const place = `#${d.instancePath || "/"}`;
    const at = places.get(place) ?? { problems: new Set<string>(), strangers: new Set<string>() };
    places.set(place, at);
    const member = d.params?.unevaluatedProperty ?? d.params?.additionalProperty;
    if (member !== undefined) at.strangers.add(`"${member}"`);
    else at.problems.add(d.message ?? d.keyword);
  }
  return [...places].map(([place, { problems, strangers }]) => {
    const all = [...problems];
    if (strangers.size > 0)
      all.push(
        `${strangers.size === 1 ? "has a member" : "has members"} OpenAPI does not define there: ${[...strangers].join(", ")}`,
      );
    return `${place} does not follow the OpenAPI schema: ${all.join("; ")} (read as written)`;
  });
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: { unevaluatedProperty?: string; additionalProperty?: string };
}

async function failingAs<T>(source: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    throw new SpecError(`cannot load spec ${source}: ${firstLine(err)}`);
  }
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (
    message
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? "unknown error"
  );
}
