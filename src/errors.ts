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

/** `defineSeries` (and RRULE parsing) found invalid input; `issues` lists every problem. */
export class SeriesValidationError extends TimeblocksError {
  override name = 'SeriesValidationError';
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[]) {
    super(
      `Invalid series (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `  ${formatIssue(issue)}`).join('\n'),
    );
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** A function argument other than a series was invalid (a window bound, a limit, …). */
export class InvalidArgumentError extends TimeblocksError {
  override name = 'InvalidArgumentError';
  /** The argument or option that was wrong, e.g. `to` or `limit`. */
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}

/** What an `ExpansionLimitError` is about, when it is not the blocks of one series. */
export interface ExpansionLimitContext {
  /** Who produced too much, e.g. `freeSlots`. Default: `Series "<seriesId>"`. */
  readonly subject?: string;
  /** What there were too many of, e.g. `slots`. Default `blocks`. */
  readonly unit?: string;
  /** The option that sets the limit, e.g. `limit`. Default `limit`. */
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
    const hint = context.hint === undefined ? '' : `, ${context.hint}`;
    super(
      context.subject === undefined
        ? `Series "${seriesId}" has more than ${limit} ${context.unit ?? 'blocks'} in the requested window; narrow the window${hint} or raise \`${field}\``
        : `${context.subject}: more than ${limit} ${context.unit ?? 'blocks'} in the window; narrow the window${hint} or raise \`${field}\``,
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
      `Series "${seriesId}": occurrence ${key} does not exist in ${timezone} ` +
        '(the clocks skip that wall time) and dst.nonexistent is "error"',
    );
    this.seriesId = seriesId;
    this.key = key;
    this.timezone = timezone;
  }
}
