import { InvalidArgumentError } from '../errors.js';

const utf8 = new TextEncoder();

/** PostgreSQL silently truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
export const maxIdentifierBytes = 63;

/**
 * Checks a schema or table name: a non-empty string without NUL of at most 63 bytes.
 * Any other character is allowed, because every name is quoted; a longer name is an
 * error rather than PostgreSQL's silent truncation.
 */
export function validateIdentifier(name: unknown, field: string, maxBytes = maxIdentifierBytes): string {
  if (typeof name !== 'string') throw new InvalidArgumentError(field, `expected a string, got ${name === null ? 'null' : typeof name}`);
  if (name.length === 0) throw new InvalidArgumentError(field, 'must not be empty');
  if (name.includes('\u0000')) throw new InvalidArgumentError(field, 'must not contain a NUL character');
  const bytes = utf8.encode(name).length;
  if (bytes > maxBytes) {
    throw new InvalidArgumentError(field, `is ${bytes} bytes long; at most ${maxBytes} fit (PostgreSQL would truncate it)`);
  }
  return name;
}

/** Quotes a validated name as a PostgreSQL identifier: `a"b` → `"a""b"`. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
