// Errors the generators throw: a schema they do not understand, or one they cannot satisfy.

const where = (pointer: string): string => (pointer === "" ? '"" (the root schema)' : pointer);

/** The schema uses a keyword (or a keyword value) the generator does not support. Never caught internally. */
export class UnsupportedSchemaError extends Error {
  constructor(
    readonly keyword: string,
    readonly pointer: string,
    detail?: string,
  ) {
    super(`unsupported JSON Schema keyword "${keyword}" at ${where(pointer)}${detail ? `: ${detail}` : ""}`);
    this.name = "UnsupportedSchemaError";
  }
}

/** No value can be generated for the schema at `pointer` (contradictory constraints, a oneOf with no exclusive branch, …). */
export class ImpossibleSchemaError extends Error {
  constructor(
    readonly pointer: string,
    readonly reason: string,
  ) {
    super(`cannot generate a value for the schema at ${where(pointer)}: ${reason}`);
    this.name = "ImpossibleSchemaError";
  }
}

/** Past the depth budget the schema still requires itself (a required property, minItems, no null or leaf alternative). */
export class RecursionLimitError extends ImpossibleSchemaError {
  constructor(pointer: string, maxDepth: number) {
    super(
      pointer,
      `it requires itself again past the depth budget (maxDepth ${maxDepth}) and has no non-recursive alternative ` +
        "(null, an optional property, an empty array)",
    );
    this.name = "RecursionLimitError";
  }
}
