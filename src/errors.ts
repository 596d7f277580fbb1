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

/** An expansion would return more blocks than `limit`: nothing is silently truncated. */
export class ExpansionLimitError extends TimeblocksError {
  override name = 'ExpansionLimitError';
  readonly seriesId: string;
  readonly limit: number;
  constructor(seriesId: string, limit: number) {
    super(
      `Series "${seriesId}" has more than ${limit} blocks in the requested window; ` +
        'narrow the window or raise `limit`',
    );
    this.seriesId = seriesId;
    this.limit = limit;
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
