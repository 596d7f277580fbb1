/** What the time zone did to one end of a block. */
export type StartAdjustment = 'shifted' | 'earlier' | 'later';
/** What the time zone did to a block's end: as for the start, or `rebuilt` (an empty block given its nominal length). */
export type EndAdjustment = StartAdjustment | 'rebuilt';

/** Present only on blocks the zone changed: `shifted` out of a gap, `earlier`/`later` side of a repeated hour, `rebuilt` end. */
export interface Adjusted {
  readonly start?: StartAdjustment;
  readonly end?: EndAdjustment;
}

/**
 * One concrete occurrence: the half-open interval `[start, end)` of UTC instants in epoch
 * milliseconds. Plain, JSON-serializable data; `(seriesId, key)` is unique.
 */
export interface Block {
  readonly seriesId: string;
  /** The nominal local start, `YYYY-MM-DDTHH:mm` (`:ss` when non-zero); stable across regeneration. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly adjusted?: Adjusted;
}

/** An instant: epoch milliseconds, a `Date`, or an ISO 8601 string with an offset (`Z`, `+02:00`). */
export type InstantInput = number | Date | string;

/** The window and limit of `expand`. */
export interface ExpandOptions {
  /** Window start (inclusive). Default: the beginning of the series. */
  from?: InstantInput;
  /** Window end (exclusive). Required for a series that never ends. */
  to?: InstantInput;
  /** Most blocks to return before throwing `ExpansionLimitError`. Default 100 000. */
  limit?: number;
}

/** Where `occurrences` begins. */
export interface OccurrencesOptions {
  /** Yield blocks that end after this instant. Default: the beginning of the series. */
  from?: InstantInput;
}
