// What must differ between two servers answering the same run is replaced by placeholders before anything is compared:
// ids, each run's prefix, timestamps, and the origin (scheme, host, port) of URLs.

export type Normalizer = (text: string) => string;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A run prefix the runs did not name (the engine's `cf-` and eight hex digits). */
const RUN_PREFIX = /\bcf-[0-9a-f]{8}\b/g;
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const ORIGIN = /\bhttps?:\/\/[^/\s"'?#]+/gi;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A normalizer for text from runs with these prefixes (each run names its resources with its own). */
export function makeNormalizer(prefixes: readonly string[]): Normalizer {
  const named = prefixes.filter((p) => p !== "");
  const own =
    named.length > 0
      ? new RegExp(
          [...named]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join("|"),
          "g",
        )
      : undefined;
  return (text) => {
    let out = own ? text.replace(own, "<prefix>") : text;
    out = out.replace(ORIGIN, "<origin>");
    out = out.replace(UUID, "<uuid>");
    out = out.replace(RUN_PREFIX, "<prefix>");
    return out.replace(TIMESTAMP, "<time>");
  };
}
