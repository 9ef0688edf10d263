// The operation index: every method+path of a bundled OpenAPI document, with pointers to its schemas.

import type { OperationView } from "../model.ts";
import { joinPointer, walk, type Json } from "./pointer.ts";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

export interface ParameterInfo {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schemaPointer?: string;
  schema?: Json;
  style?: string;
  explode?: boolean;
}

export interface MediaInfo {
  schemaPointer?: string;
  /** For event streams: event name ("*" for any) -> pointer of the schema of its JSON data. */
  sseEvents?: Record<string, string>;
}

export interface HeaderInfo {
  required: boolean;
  schemaPointer?: string;
}

export interface ResponseInfo {
  /** "200", "4XX" or "default". */
  status: string;
  pointer: string;
  content: Record<string, MediaInfo>;
  headers: Record<string, HeaderInfo>;
}

export interface Operation extends OperationView {
  pointer: string;
  tags: string[];
  parameters: ParameterInfo[];
  requestBody?: { required: boolean; content: Record<string, MediaInfo> };
  responses: ResponseInfo[];
}

type JsonObject = { [key: string]: Json };
const asObject = (value: Json | undefined): JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};

export function indexOperations(doc: Json): Operation[] {
  const operations: Operation[] = [];
  const seen = new Set<string>();
  for (const path of Object.keys(asObject(asObject(doc).paths))) {
    const item = walk(doc, "#/paths", path);
    const itemObject = asObject(item.node);
    for (const method of HTTP_METHODS) {
      if (!(method in itemObject)) continue;
      const at = walk(doc, item.pointer, method);
      const op = asObject(at.node);
      const tags = Array.isArray(op.tags) ? op.tags.map(String) : [];
      let operationId = typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${path}`;
      if (seen.has(operationId)) operationId = `${operationId} (${method.toUpperCase()} ${path})`;
      seen.add(operationId);
      operations.push({
        operationId,
        method: method.toUpperCase(),
        path,
        tag: tags[0] ?? "default",
        tags,
        ...(typeof op.summary === "string" ? { summary: op.summary } : {}),
        pointer: at.pointer,
        parameters: mergeParameters(
          readParameters(doc, item.pointer, itemObject.parameters),
          readParameters(doc, at.pointer, op.parameters),
        ),
        ...(op.requestBody ? { requestBody: readRequestBody(doc, at.pointer) } : {}),
        responses: readResponses(doc, at.pointer),
      });
    }
  }
  return operations;
}

function readParameters(doc: Json, owner: string, list: Json | undefined): ParameterInfo[] {
  if (!Array.isArray(list)) return [];
  return list.map((_, index) => {
    const at = walk(doc, joinPointer(owner, "parameters", index));
    const p = asObject(at.node);
    const schema = p.schema !== undefined ? walk(doc, joinPointer(at.pointer, "schema")) : undefined;
    const location = String(p.in) as ParameterInfo["in"];
    return {
      name: String(p.name),
      in: location,
      required: p.required === true || location === "path",
      ...(schema ? { schemaPointer: schema.pointer, schema: schema.node } : {}),
      ...(typeof p.style === "string" ? { style: p.style } : {}),
      ...(typeof p.explode === "boolean" ? { explode: p.explode } : {}),
    };
  });
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: ParameterInfo[], operationLevel: ParameterInfo[]): ParameterInfo[] {
  const key = (p: ParameterInfo) => `${p.in}:${p.name}`;
  const overridden = new Set(operationLevel.map(key));
  return [...pathLevel.filter((p) => !overridden.has(key(p))), ...operationLevel];
}

function readContent(doc: Json, owner: string): Record<string, MediaInfo> {
  const content: Record<string, MediaInfo> = {};
  const at = walk(doc, owner, "content");
  for (const media of Object.keys(asObject(at.node))) {
    const mediaAt = walk(doc, at.pointer, media);
    const mediaObject = asObject(mediaAt.node);
    const info: MediaInfo = {};
    if (mediaObject.schema !== undefined) info.schemaPointer = walk(doc, mediaAt.pointer, "schema").pointer;
    if (mediaObject["x-sse-events"] !== undefined) {
      const events = walk(doc, mediaAt.pointer, "x-sse-events");
      info.sseEvents = {};
      for (const name of Object.keys(asObject(events.node))) {
        info.sseEvents[name] = walk(doc, events.pointer, name).pointer;
      }
    }
    content[media] = info;
  }
  return content;
}

function readRequestBody(doc: Json, opPointer: string): Operation["requestBody"] {
  const at = walk(doc, opPointer, "requestBody");
  return { required: asObject(at.node).required === true, content: readContent(doc, at.pointer) };
}

function readResponses(doc: Json, opPointer: string): ResponseInfo[] {
  const responses = walk(doc, opPointer, "responses");
  return Object.keys(asObject(responses.node)).map((status) => {
    const at = walk(doc, responses.pointer, status);
    const headers: Record<string, HeaderInfo> = {};
    const headersAt = walk(doc, at.pointer, "headers");
    for (const name of Object.keys(asObject(headersAt.node))) {
      const h = walk(doc, headersAt.pointer, name);
      const header = asObject(h.node);
      headers[name.toLowerCase()] = {
        required: header.required === true,
        ...(header.schema !== undefined ? { schemaPointer: walk(doc, h.pointer, "schema").pointer } : {}),
      };
    }
    return { status, pointer: at.pointer, content: readContent(doc, at.pointer), headers };
  });
}

/** The documented response for a status: exact code first, then "4XX"-style ranges, then "default". */
export function documentedResponse(op: Operation, status: number): ResponseInfo | undefined {
  const code = String(status);
  const range = `${code[0]}XX`;
  return (
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status.toUpperCase() === range) ??
    op.responses.find((r) => r.status === "default")
  );
}

/** Whether a success of the operation is an event stream. */
export const isStreaming = (op: Operation): boolean =>
  op.responses.some((r) => r.status.startsWith("2") && "text/event-stream" in r.content);

/** Fills `{name}` placeholders of an operation path with URL-encoded values. */
export function expandPath(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${template}`);
    return encodeURIComponent(String(value));
  });
}
