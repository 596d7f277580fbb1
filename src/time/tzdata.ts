/**
 * The version of the tz database behind this runtime's Intl.
 *
 * Node reports it as `process.versions.tz`; where the runtime does not say, the result
 * is `'unknown'`. Stored blocks record it, so a later tz rules change can be detected.
 *
 * @returns the tz database version, e.g. `'2025c'`, or `'unknown'`
 * @throws Never.
 *
 * @example
 * tzdataVersion(); //=> '2025c' (on Node 20.20)
 */
export function tzdataVersion(): string {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  return versions?.tz ?? 'unknown';
}
