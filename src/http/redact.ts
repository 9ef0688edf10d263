// Keeps secrets (auth header values) out of every recorded request, response and curl command.

const ALWAYS_SECRET = /^(authorization|proxy-authorization|cookie|x-api-key|x-auth-token|api-key)$/i;
export const REDACTED = "<redacted>";

export interface Redactor {
  /** Replaces every known secret value inside free text. */
  text(value: string): string;
  /** Copies headers, hiding secret header values. */
  headers(headers: Record<string, string>): Record<string, string>;
  /** Deep copy of a JSON-like value with secrets replaced in every string. */
  value<T>(value: T): T;
}

/** `secretHeaders` are the headers the user supplied (e.g. with --header); all their values are secrets. */
export function createRedactor(...secretHeaders: Record<string, string>[]): Redactor {
  const secretNames = new Set(secretHeaders.flatMap((h) => Object.keys(h)).map((name) => name.toLowerCase()));
  // Longest first, so a secret that contains another is replaced whole.
  const secrets = secretHeaders
    .flatMap((h) => Object.values(h))
    .flatMap((value) => [value, value.replace(/^(bearer|basic|token)\s+/i, "")])
    .filter((value) => value.length >= 4)
    .sort((a, b) => b.length - a.length);

  // A copy of its own, never a slice: a slice of a response body would keep the whole body in memory for the run.
  const text = (value: string): string =>
    secrets.reduce((acc, secret) => acc.split(secret).join(REDACTED), JSON.parse(JSON.stringify(value)) as string);

  const value = <T>(v: T): T => {
    if (typeof v === "string") return text(v) as T;
    if (Array.isArray(v)) return v.map(value) as T;
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), value(x)])) as T;
    return v;
  };

  return {
    text,
    value,
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        out[name] = secretNames.has(name.toLowerCase()) || ALWAYS_SECRET.test(name) ? REDACTED : text(value);
      }
      return out;
    },
  };
}
