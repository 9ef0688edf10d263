// JSON pointers into a bundled document, following local `$ref`s on the way.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const escapeToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~");

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((acc, token) => `${acc}/${escapeToken(String(token))}`, base);
}

export function splitPointer(pointer: string): string[] {
  const body = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  return body === "" ? [] : body.slice(1).split("/").map(unescapeToken);
}

/** The node at `pointer`, or undefined where the document has none. */
export function lookup(doc: Json, pointer: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const token of splitPointer(pointer)) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token))
      return undefined;
    node = (node as Record<string, Json>)[token];
  }
  return node;
}

/**
 * Resolves `pointer` and, while the node there is a local `$ref`, follows it.
 * Returns the final pointer and node, so callers can hand Ajv a pointer that needs no further hops.
 */
export function locate(doc: Json, pointer: string): { pointer: string; node: Json | undefined } {
  let current = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const node = lookup(doc, current);
    const ref = node && typeof node === "object" && !Array.isArray(node) ? node.$ref : undefined;
    if (typeof ref !== "string" || !ref.startsWith("#") || Object.keys(node as object).length > 1) {
      return { pointer: current, node };
    }
    current = ref;
  }
  throw new Error(`$ref chain too long at ${pointer}`);
}

/** Walks `tokens` from `base`, following a `$ref` at every step (a Response or Parameter may be a $ref). */
export function walk(doc: Json, base: string, ...tokens: string[]): { pointer: string; node: Json | undefined } {
  let at = locate(doc, base);
  for (const token of tokens) at = locate(doc, joinPointer(at.pointer, token));
  return at;
}
