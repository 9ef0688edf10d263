// Loads an OpenAPI 3.0/3.1 document (file or URL): validate, bundle, normalise, index, compile validators.

import SwaggerParser from "@apidevtools/swagger-parser";
import { normalizeSchemas } from "./normalize.ts";
import { indexOperations, type Operation } from "./operations.ts";
import { packagePath } from "../paths.ts";
import type { Json } from "./pointer.ts";
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
}

export class SpecError extends Error {}

export async function loadSpec(source: string = BUNDLED_SPEC): Promise<LoadedSpec> {
  let dereferenced: Json;
  let bundled: Json;
  try {
    dereferenced = (await SwaggerParser.validate(source, { dereference: { circular: true } })) as unknown as Json;
    bundled = (await SwaggerParser.bundle(source)) as unknown as Json;
  } catch (err) {
    throw new SpecError(`cannot load spec ${source}: ${firstLine(err)}`);
  }
  const root = bundled as { openapi?: string; swagger?: string; info?: { title?: string; version?: string } };
  if (typeof root.openapi !== "string" || !/^3\.[01]\./.test(root.openapi)) {
    throw new SpecError(
      `cannot load spec ${source}: only OpenAPI 3.0 and 3.1 are supported, but it declares ${root.openapi ?? `swagger ${root.swagger}`}`,
    );
  }
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
    title: root.info?.title ?? "untitled",
    version: root.info?.version ?? "unknown",
    openapi: root.openapi,
    document,
    dereferenced,
    operations,
    byId: new Map(operations.map((op) => [op.operationId, op])),
    validators,
  };
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
