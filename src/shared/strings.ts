/**
 * Client strings: which ones the API refuses, and how error messages quote them.
 *
 * NUL cannot be stored in a Postgres `text` (the driver error was a 500), and a lone UTF-16
 * surrogate has no UTF-8 encoding (Node would silently write U+FFFD instead of the value the
 * client sent). Both are refused as BAD_USER_INPUT before execution (src/graphql/input-strings.ts).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const NUL = /\u0000/;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a client string is refused, or null when it is acceptable. Linear in the length. */
export function stringProblem(value: string): string | null {
  if (NUL.test(value)) return "must not contain a NUL character (U+0000)";
  if (LONE_SURROGATE.test(value)) return "must be valid UTF-16 (it contains a lone surrogate)";
  return null;
}

/** Longest stretch of client input an error message quotes (characters). */
export const ECHO_MAX_CHARS = 64;

/** Control characters other than tab and newlines, and lone surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const UNPRINTABLE = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, "g");

/**
 * Client input as an error message may quote it: at most `max` characters (then "…" and how
 * many were left out), control characters (but tab and newlines) and lone surrogates replaced by U+FFFD.
 * echo("AAPL") → "AAPL"; echo("x".repeat(100), 4) → "xxxx…(96 more)".
 */
export function echo(value: unknown, max = ECHO_MAX_CHARS): string {
  const text = typeof value === "string" ? value : safeStringify(value);
  let cut = text;
  if (text.length > max) {
    const head = text.slice(0, max).replace(/[\uD800-\uDBFF]$/, ""); // never split a surrogate pair
    cut = `${head}…(${text.length - head.length} more)`;
  }
  return cut.replace(UNPRINTABLE, "\uFFFD");
}

/** Quotes a list of client values: at most `maxItems` of them, each bounded by echo. */
export function echoList(values: readonly unknown[], maxItems = 5): string {
  const shown = values
    .slice(0, maxItems)
    .map((v) => echo(v))
    .join(", ");
  return values.length > maxItems ? `${shown} and ${values.length - maxItems} more` : shown;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
