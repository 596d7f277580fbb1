import { limits } from './limits.js';
import { cutText, escapeInvisible, showId } from './show-value.js';

/**
 * Every error timeblocks throws. Each carries the fields a caller needs to act on it
 * (the path of a bad field, the occurrence key, the limit) besides a readable message.
 */

/** Base class: `instanceof TimeblocksError` catches everything this library throws on purpose. */
export class TimeblocksError extends Error {
  override name = 'TimeblocksError';
}

/** One problem found in a series input: where (`repeat.byWeekday[2]`) and what. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * `defineSeries` (and RRULE parsing) found invalid input; `issues` lists the problems, each
 * with its path. Bounded whatever the input: `issues` keeps the first `limits.issuesKept`
 * (`issueCount` has the total), the message lists the first `limits.issuesShown` and then
 * "… and K more", and each problem is cut to `limits.problemChars` characters with its
 * invisible characters escaped.
 */
export class SeriesValidationError extends TimeblocksError {
  override name = 'SeriesValidationError';
  readonly issues: readonly ValidationIssue[];
  /** How many problems were found; more than `issues.length` when some were left out. */
  readonly issueCount: number;
  /**
   * @param issues - the problems found (only the first `limits.issuesKept` are kept)
   * @param issueCount - the total, when `issues` is already a shortened list (as when an error is re-thrown with other paths)
   */
  constructor(issues: readonly ValidationIssue[], issueCount: number = issues.length) {
    const kept = issues.slice(0, limits.issuesKept).map((issue) =>
      Object.freeze({ path: boundedText(issue.path), message: boundedText(issue.message) }),
    );
    const total = Math.max(issueCount, issues.length);
    const shown = kept.slice(0, limits.issuesShown).map((issue) => `  ${formatIssue(issue)}`);
    if (total > shown.length) shown.push(`  … and ${total - shown.length} more`);
    super(`Invalid series (${total} problem${total === 1 ? '' : 's'}):\n${shown.join('\n')}`);
    this.issues = Object.freeze(kept);
    this.issueCount = total;
  }
}

function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Invisible characters escaped, then cut: a message stays one readable, short line whatever it quotes. */
function boundedText(text: string): string {
  return cutText(escapeInvisible(String(text)), limits.problemChars);
}

/** A function argument other than a series was invalid (a window bound, a limit, …). */
export class InvalidArgumentError extends TimeblocksError {
  override name = 'InvalidArgumentError';
  /** The argument or option that was wrong, e.g. `to` or `limit`. */
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${boundedText(field)}: ${boundedText(problem)}`);
    this.field = field;
  }
}

/** What an `ExpansionLimitError` is about, when it is not the blocks of one series. */
export interface ExpansionLimitContext {
  /** Who produced too much, e.g. `freeSlots`. Default: `Series "<seriesId>"`. */
  readonly subject?: string;
  /** What there were too many of, e.g. `slots`. Default `blocks`. */
  readonly unit?: string;
  /** The option that sets the limit, e.g. `limit`. Default `limit`; `''` for a fixed cap no option raises. */
  readonly field?: string;
  /** What else would shrink the output, e.g. "lengthen `step`". */
  readonly hint?: string;
}

/** An expansion would return more blocks than `limit`: nothing is silently truncated. */
export class ExpansionLimitError extends TimeblocksError {
  override name = 'ExpansionLimitError';
  /** The series that expanded too far; `''` when the output is not one series' blocks (`freeSlots`). */
  readonly seriesId: string;
  readonly limit: number;
  /** The option that sets the limit (`limit`), so callers such as the CLI can name their own flag. */
  readonly field: string;
  constructor(seriesId: string, limit: number, context: ExpansionLimitContext = {}) {
    const field = context.field ?? 'limit';
    const remedies = ['narrow the window', ...(context.hint === undefined ? [] : [context.hint]), ...(field === '' ? [] : [`raise \`${field}\``])];
    const remedy = remedies.length === 1 ? remedies[0] : `${remedies.slice(0, -1).join(', ')} or ${remedies.at(-1)}`;
    super(
      context.subject === undefined
        ? `Series ${showId(seriesId)} has more than ${limit} ${context.unit ?? 'blocks'} in the requested window; ${remedy}`
        : `${context.subject}: more than ${limit} ${context.unit ?? 'blocks'} in the window; ${remedy}`,
    );
    this.seriesId = seriesId;
    this.limit = limit;
    this.field = field;
  }
}

/** With `dst.nonexistent: 'error'`, an occurrence starts at a wall time the zone skips. */
export class NonexistentTimeError extends TimeblocksError {
  override name = 'NonexistentTimeError';
  readonly seriesId: string;
  /** The occurrence key: its nominal local start. */
  readonly key: string;
  readonly timezone: string;
  constructor(seriesId: string, key: string, timezone: string) {
    super(
      `Series ${showId(seriesId)}: occurrence ${key} does not exist in ${timezone} ` +
        '(the clocks skip that wall time) and dst.nonexistent is "error"',
    );
    this.seriesId = seriesId;
    this.key = key;
    this.timezone = timezone;
  }
}
