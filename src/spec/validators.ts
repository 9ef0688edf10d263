// Ajv (JSON Schema 2020-12 + formats) validators for the schemas of one document, each compiled once.

import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import { joinPointer, type Json } from "./pointer.ts";
import type { Operation } from "./operations.ts";

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

export interface SchemaViolation {
  /** Where in the validated value, as a JSON pointer ("" is the whole value). */
  instancePointer: string;
  /** Where in the spec document, as a JSON pointer. */
  schemaPointer: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

const DOC_ID = "spec";

export class SchemaValidators {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  /** Pointer of every schema object in the document, to turn Ajv's relative schema paths into absolute ones. */
  private readonly pointers = new WeakMap<object, string>();

  constructor(document: Json) {
    indexObjects(document, "#", this.pointers);
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      verbose: true,
      validateSchema: false,
      logger: false,
      // The ThreadState schema refers to itself; Ajv handles that through $ref, not inlining.
      inlineRefs: false,
    });
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, DOC_ID);
  }

  /** Compiles (once) the schema at `pointer`, a JSON pointer into the document. */
  compile(pointer: string): ValidateFunction {
    let fn = this.cache.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${DOC_ID}#${pointer.replace(/^#/, "")}` });
      this.cache.set(pointer, fn);
    }
    return fn;
  }

  validate(pointer: string, value: unknown): SchemaViolation[] {
    const fn = this.compile(pointer);
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => this.toViolation(e));
  }

  /** Compiles every schema an operation list refers to, so a broken document fails at start, not mid-run. */
  compileAll(operations: readonly Operation[]): number {
    const pointers = new Set<string>();
    for (const op of operations) {
      for (const p of op.parameters) if (p.schemaPointer) pointers.add(p.schemaPointer);
      for (const media of Object.values(op.requestBody?.content ?? {}))
        if (media.schemaPointer) pointers.add(media.schemaPointer);
      for (const response of op.responses) {
        for (const header of Object.values(response.headers))
          if (header.schemaPointer) pointers.add(header.schemaPointer);
        for (const media of Object.values(response.content)) {
          if (media.schemaPointer) pointers.add(media.schemaPointer);
          for (const pointer of Object.values(media.sseEvents ?? {})) pointers.add(pointer);
        }
      }
    }
    for (const pointer of pointers) {
      try {
        this.compile(pointer);
      } catch (err) {
        throw new Error(`schema at ${pointer} does not compile: ${(err as Error).message}`);
      }
    }
    return pointers.size;
  }

  private toViolation(e: ErrorObject): SchemaViolation {
    const parent = e.parentSchema && typeof e.parentSchema === "object" ? this.pointers.get(e.parentSchema) : undefined;
    return {
      instancePointer: e.instancePath,
      schemaPointer: parent ? joinPointer(parent, e.keyword) : e.schemaPath,
      keyword: e.keyword,
      message: e.message ?? e.keyword,
      params: e.params as Record<string, unknown>,
    };
  }
}

function indexObjects(node: Json, pointer: string, into: WeakMap<object, string>): void {
  if (node === null || typeof node !== "object") return;
  into.set(node, pointer);
  const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
  for (const [key, value] of entries) indexObjects(value, joinPointer(pointer, key), into);
}
