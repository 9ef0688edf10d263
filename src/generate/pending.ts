// Pending: an invalid value on its way up from the violation site to the root (pointer grows, description waits).

import { escapeToken } from "../spec/pointer.ts";
import type { ViolationKind } from "./violation.ts";

export class Pending {
  constructor(
    readonly value: unknown,
    readonly kind: ViolationKind,
    /** Pointer of the violation relative to `value`. */
    readonly pointer: string,
    readonly keyword: string,
    /** Renders the description once the full pointer is known. */
    readonly detail: (pointer: string) => string,
  ) {}

  /** The same violation, seen from a parent `value` that holds this one's value at `token`. */
  within(token: string | number, value: unknown): Pending {
    return new Pending(value, this.kind, `/${escapeToken(String(token))}${this.pointer}`, this.keyword, this.detail);
  }
}
