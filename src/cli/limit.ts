import { CliError } from './cli-error.js';

/** The largest `--limit`: nine digits, far beyond what a terminal or a pipe can use. */
export const maxLimit = 999_999_999;

/** `--limit <n>`: a positive integer up to `maxLimit`; anything else names the allowed range. */
export function parseLimit(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) === 0) throw new CliError(`--limit: "${text}" is not a positive integer`);
  if (Number(text) > maxLimit) throw new CliError(`--limit: ${text} is too large (allowed: 1 to ${maxLimit})`);
  return Number(text);
}
