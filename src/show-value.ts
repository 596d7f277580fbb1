import { limits } from './limits.js';

/**
 * A short rendering of any bad input for an error message. Never `String(value)`: a `Date`
 * would print in the host's time zone and locale, making the message depend on the machine.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return quoteText(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `a Date (${value.toISOString()})`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Characters a reader cannot see or that change what follows: controls (C0, DEL, C1),
 * format characters (bidi overrides such as U+202E, zero-width ones), line and paragraph
 * separators (U+2028, U+2029) and lone surrogates.
 */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const hasInvisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

const escapeCodePoint = (char: string) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/** Whether `text` holds a character `escapeInvisible` would rewrite. */
export function hasInvisibleCharacters(text: string): boolean {
  return hasInvisible.test(text);
}

/** `text` with every invisible character written as `\uXXXX`, so terminals and logs show it. */
export function escapeInvisible(text: string): string {
  return text.replace(invisible, escapeCodePoint);
}

/**
 * At most `max` characters of `text`; a longer text is cut and says how long it was:
 * `abcdef… (12000 characters)`. Never splits a surrogate pair.
 */
export function cutText(text: string, max: number = limits.valueChars): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/**
 * A string value quoted for a message: JSON-quoted, invisible characters escaped, and cut
 * to `limits.valueChars` with its length when longer: `"BYDAY=XX,XX,…" (36000 characters)`.
 */
export function quoteText(text: string, max: number = limits.valueChars): string {
  if (text.length <= max) return escapeInvisible(JSON.stringify(text));
  const cut = cutText(text, max);
  const head = cut.slice(0, cut.lastIndexOf('… ('));
  return `${escapeInvisible(JSON.stringify(`${head}…`))} (${text.length} characters)`;
}

/**
 * An id as shown to people (CLI tables, `describe` lists): as is when every character is
 * visible, else JSON-quoted with the invisible ones escaped (`"room\u202e42"`), so a bidi
 * override or a line separator in an id can never rewrite the line it is printed on.
 */
export function visibleText(text: string): string {
  return hasInvisibleCharacters(text) ? escapeInvisible(JSON.stringify(text)) : text;
}

/** An id in a message: JSON-quoted, invisible characters escaped, cut when long. */
export function showId(id: string): string {
  return quoteText(id, limits.idChars);
}

/** A name or code as written when short and plain (`FREQ=HOURLY`), else quoted and cut. */
export function showToken(text: string): string {
  return text.length <= limits.valueChars && !hasInvisibleCharacters(text) ? text : quoteText(text);
}
