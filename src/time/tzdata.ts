/**
 * The version of the tz database behind this runtime's Intl (Node reports it as
 * `process.versions.tz`, e.g. `2025b`); `unknown` where the runtime does not say.
 * Stored blocks record it, so a later tz rules change can be detected.
 */
export function tzdataVersion(): string {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  return versions?.tz ?? 'unknown';
}
