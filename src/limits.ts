/**
 * The size caps on every input timeblocks parses, in one place. Each is checked before the
 * work it bounds (a list's length before its entries are read, a text's length before it
 * is split), and going past one is a typed error that states the cap — never a slow
 * rejection, a silent cut or a crash. docs/limits.md lists them with their reasons.
 */
export const limits = Object.freeze({
  /** Characters in a series `id`. */
  idChars: 200,
  /** Characters in any other string field of a series (zone, dates, times, durations, override keys). */
  fieldChars: 100,
  /** Fields of a series input object, and of its `repeat`, `dst` and each override (a series has 11). */
  objectKeys: 32,
  /** Entries in `exclude`. */
  exclude: 10_000,
  /** Entries in `include`. */
  include: 10_000,
  /** Keys in `overrides`. */
  overrides: 100_000,
  /** Entries in each by-part of a rule. */
  byWeekday: 400,
  byMonthDay: 62,
  byMonth: 12,
  bySetPos: 732,
  byYearDay: 732,
  byWeekNo: 106,
  /** Characters of an RRULE string (`repeat` given as text, or an RRULE line). */
  rruleChars: 16_384,
  /** `NAME=VALUE` parts of one RRULE. */
  rruleParts: 32,
  /** Characters of the whole text `fromRRule` reads. */
  recurrenceTextChars: 1_000_000,
  /** Content lines of the text `fromRRule` reads. */
  recurrenceTextLines: 50_000,
  /** EXDATE values in all, across lines (excluded dates plus cancelled occurrences). */
  exdateValues: 20_000,
  /** RDATE values in all, across lines. */
  rdateValues: 10_000,
  /** Characters of a TEXT value `toICalendar` writes (`summary`). */
  summaryChars: 10_000,
  /** Characters of `prodId` and `uidDomain`. */
  icalOptionChars: 1_000,
  /** Default most pairs `findOverlaps` and conflicts `findConflicts` return. */
  pairs: 100_000,
  /** Most blocks `findConflicts` expands across all its series. */
  conflictBlocks: 1_000_000,
  /** Problems a `SeriesValidationError` message lists (its `issues` keep up to `issuesKept`). */
  issuesShown: 10,
  /** Problems a `SeriesValidationError` keeps in `issues`; `issueCount` has the total. */
  issuesKept: 100,
  /** Characters of one bad value quoted in a message; longer ones are cut and their length given. */
  valueChars: 40,
  /** Characters of one problem (path and message) in an error message; longer ones are cut. */
  problemChars: 500,
});

/** The name of a cap, as in `limits`. */
export type LimitName = keyof typeof limits;
