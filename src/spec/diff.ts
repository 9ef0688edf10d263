// Where a served OpenAPI document differs from the published one, operation by operation: which operations, response
// statuses, request-body properties and parameters each has. Schemas are not compared deeper than a request body's
// top-level properties.

import type { LoadedSpec } from "./load.ts";
import type { Operation } from "./operations.ts";
import { joinPointer, locate, type Json } from "./pointer.ts";

export type SpecSide = "published" | "served";

export type SpecDifferenceKind =
  "operation" | "status" | "request-body" | "body-property" | "body-required" | "parameter" | "parameter-required";

export interface SpecDifference {
  kind: SpecDifferenceKind;
  /** `METHOD /path` as the published document writes it (as the served one does for an operation only it has). */
  operation: string;
  /** The status, the property, or the parameter as `in name` (`query limit`); none for an operation or a body. */
  name?: string;
  /** The document that has it, or for `body-required` and `parameter-required`, the one that requires it. */
  only: SpecSide;
}

export interface SpecDiff {
  published: { source: string; title: string; version: string };
  served: { source: string; title: string; version: string };
  /** What was wrong with the served document but did not stop its load. */
  defects: string[];
  /** The operations both describe, as the published document writes them. */
  shared: string[];
  differences: SpecDifference[];
}

/** What reporters get at run end, besides the usual extras, when the run's document is not the published one. */
export interface SpecDiffExtras {
  specDiff?: SpecDiff;
}

const KIND_ORDER: readonly SpecDifferenceKind[] = [
  "operation",
  "status",
  "request-body",
  "body-property",
  "body-required",
  "parameter",
  "parameter-required",
];

const label = (op: Operation) => `${op.method} ${op.path}`;
/** Paths match whatever their parameters are called: `/threads/{thread_id}` is `/threads/{id}`. */
const matchKey = (op: Operation) => `${op.method} ${op.path.replace(/\{[^}]*\}/g, "{}")}`;
const pathParameterNames = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);

export function diffSpecs(published: LoadedSpec, served: LoadedSpec): SpecDiff {
  const servedByKey = new Map(served.operations.map((op) => [matchKey(op), op]));
  const publishedKeys = new Set(published.operations.map(matchKey));
  const differences: SpecDifference[] = [];
  const shared: string[] = [];
  for (const op of published.operations) {
    if (!servedByKey.has(matchKey(op)))
      differences.push({ kind: "operation", operation: label(op), only: "published" });
  }
  for (const op of served.operations) {
    if (!publishedKeys.has(matchKey(op))) differences.push({ kind: "operation", operation: label(op), only: "served" });
  }
  for (const op of published.operations) {
    const theirs = servedByKey.get(matchKey(op));
    if (!theirs) continue;
    shared.push(label(op));
    differences.push(...diffOperation(label(op), { spec: published, op }, { spec: served, op: theirs }));
  }
  return {
    published: about(published),
    served: about(served),
    defects: [...served.defects],
    shared,
    differences,
  };
}

/** One line for a difference: `POST /runs: status 404 only in the published document`. */
export function describeSpecDifference(d: SpecDifference): string {
  const where = `only in the ${d.only} document`;
  const parameter = (name: string) => {
    const space = name.indexOf(" ");
    return `${name.slice(0, space)} parameter "${name.slice(space + 1)}"`;
  };
  switch (d.kind) {
    case "operation":
      return `${d.operation} ${where}`;
    case "status":
      return `${d.operation}: status ${d.name} ${where}`;
    case "request-body":
      return `${d.operation}: request body ${where}`;
    case "body-property":
      return `${d.operation}: request-body property "${d.name}" ${where}`;
    case "body-required":
      return `${d.operation}: request-body property "${d.name}" required ${where}`;
    case "parameter":
      return `${d.operation}: ${parameter(d.name ?? "")} ${where}`;
    case "parameter-required":
      return `${d.operation}: ${parameter(d.name ?? "")} required ${where}`;
  }
}

export function countSpecDiff(diff: SpecDiff): {
  onlyPublished: number;
  onlyServed: number;
  shared: number;
  differences: number;
  defects: number;
} {
  const operations = diff.differences.filter((d) => d.kind === "operation");
  return {
    onlyPublished: operations.filter((d) => d.only === "published").length,
    onlyServed: operations.filter((d) => d.only === "served").length,
    shared: diff.shared.length,
    differences: diff.differences.length - operations.length,
    defects: diff.defects.length,
  };
}

const about = (spec: LoadedSpec) => ({ source: spec.source, title: spec.title, version: spec.version });

interface Side {
  spec: LoadedSpec;
  op: Operation;
}

function diffOperation(operation: string, published: Side, served: Side): SpecDifference[] {
  const out: SpecDifference[] = [];
  const add = (kind: SpecDifferenceKind, only: SpecSide, name?: string) =>
    out.push({ kind, operation, ...(name !== undefined ? { name } : {}), only });
  const eachOnly = (kind: SpecDifferenceKind, mine: Iterable<string>, theirs: Iterable<string>) => {
    const [a, b] = [new Set(mine), new Set(theirs)];
    for (const name of a) if (!b.has(name)) add(kind, "published", name);
    for (const name of b) if (!a.has(name)) add(kind, "served", name);
  };

  eachOnly(
    "status",
    published.op.responses.map((r) => r.status),
    served.op.responses.map((r) => r.status),
  );

  if (!!published.op.requestBody !== !!served.op.requestBody) {
    add("request-body", published.op.requestBody ? "published" : "served");
  } else if (published.op.requestBody) {
    const [mine, theirs] = [bodyShape(published), bodyShape(served)];
    eachOnly("body-property", mine.properties, theirs.properties);
    const both = [...mine.properties].filter((name) => theirs.properties.has(name));
    eachOnly(
      "body-required",
      both.filter((name) => mine.required.has(name)),
      both.filter((name) => theirs.required.has(name)),
    );
  }

  // A path parameter is matched by its place in the path, whatever each document calls it.
  const names = pathParameterNames(published.op.path);
  const renamed = new Map(pathParameterNames(served.op.path).map((name, i) => [name, names[i] ?? name]));
  const parameters = (side: Side, rename: (name: string) => string) =>
    new Map(
      side.op.parameters
        .filter((p) => p.in !== "cookie")
        .map((p) => [`${p.in} ${p.in === "path" ? rename(p.name) : p.name}`, p.required]),
    );
  const [mine, theirs] = [parameters(published, (n) => n), parameters(served, (n) => renamed.get(n) ?? n)];
  eachOnly("parameter", mine.keys(), theirs.keys());
  const both = [...mine.keys()].filter((name) => theirs.has(name));
  eachOnly(
    "parameter-required",
    both.filter((name) => mine.get(name)),
    both.filter((name) => theirs.get(name)),
  );

  return out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compare(a.name, b.name));
}

const compare = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);

type JsonObject = { [key: string]: Json };
const asObject = (value: Json | undefined): JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};

/**
 * The request body's top-level properties and which are required: those of its JSON schema and of its `allOf`
 * members; a property of an `anyOf`/`oneOf` branch counts as a property, never as required.
 */
function bodyShape({ spec, op }: Side): { properties: Set<string>; required: Set<string> } {
  const properties = new Set<string>();
  const required = new Set<string>();
  const content = op.requestBody?.content ?? {};
  const media =
    content["application/json"] ?? Object.entries(content).find(([type]) => /json/i.test(type))?.[1] ?? undefined;
  const visit = (pointer: string, depth: number, requiring: boolean) => {
    if (depth > 8) return;
    const at = locate(spec.document, pointer);
    const schema = asObject(at.node);
    for (const name of Object.keys(asObject(schema.properties))) properties.add(name);
    if (requiring && Array.isArray(schema.required))
      for (const name of schema.required) if (typeof name === "string") required.add(name);
    const members = (keyword: string) => (Array.isArray(schema[keyword]) ? schema[keyword].length : 0);
    for (let i = 0; i < members("allOf"); i++) visit(joinPointer(at.pointer, "allOf", i), depth + 1, requiring);
    for (const keyword of ["anyOf", "oneOf"])
      for (let i = 0; i < members(keyword); i++) visit(joinPointer(at.pointer, keyword, i), depth + 1, false);
  };
  if (media?.schemaPointer) visit(media.schemaPointer, 0, true);
  for (const name of required) properties.add(name);
  return { properties, required };
}
