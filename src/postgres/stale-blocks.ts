import { ExpansionLimitError, TimeblocksError } from '../errors.js';
import { occurrences } from '../expand/occurrences.js';
import type { Adjusted, Block } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { Series, SeriesInput } from '../series/types.js';
import { milliInDay } from '../time/units.js';
import { type BlockStatus, liveBlockColumns, type LiveBlockRow } from './stored-block.js';

/** An interval of instants, epoch milliseconds, half-open `[start, end)`. */
export interface InstantSpan {
  readonly start: number;
  readonly end: number;
}

/** A stored block whose instants differ from what its series gives under the running tz data. */
export interface StaleBlock {
  readonly seriesId: string;
  readonly key: string;
  readonly resource: string;
  readonly status: BlockStatus;
  readonly locked: boolean;
  /** The period as stored. */
  readonly stored: InstantSpan;
  /**
   * The period the stored spec gives this key under the running tz data; `null` when it
   * gives no occurrence for the key any more (`dst.nonexistent: 'skip'` and the wall time
   * now falls in a gap).
   */
  readonly current: InstantSpan | null;
  /** The tz database version the stored block was computed with. */
  readonly tzdataVersion: string;
}

/** A series whose stored blocks could not be checked, and why (its stored spec no longer validates, say). */
export interface StaleCheckFailure {
  readonly seriesId: string;
  readonly error: TimeblocksError;
}

/** A candidate row as the stale checks read it (select list `candidateColumns`, blocks aliased `b`). */
export interface CandidateRow extends LiveBlockRow {
  id: string;
  locked: boolean;
  tzdata_version: string;
}

export const candidateColumns = `b.id::text as id, ${liveBlockColumns}, b.locked, b.tzdata_version`;

/** A candidate row checked against its series: `current` is the running tz data's block for its key, or `null`. */
export interface CheckedRow {
  readonly row: CandidateRow;
  readonly current: Block | null;
  /** True when the stored period differs from `current` (or there is no current block). */
  readonly stale: boolean;
}

// A block starts within 14 hours before and about 12 hours after its wall time read as UTC
// (the extreme UTC offsets), later still when a gap shifts it (Samoa skipped a whole day
// in 2011). So every stored period and every current one lies within three days of the
// key's wall time or of the other period: windows this wide around both always hold it.
const margin = 3 * milliInDay;

const keyPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An occurrence key's nominal wall time read as if it were UTC, or NaN when it is not a key. */
function keyWallMs(key: string): number {
  const m = keyPattern.exec(key);
  if (m === null) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

/**
 * The stored spec of a series as a `Series`. Drivers hand jsonb back as an object, or as
 * text when they were told not to parse it.
 */
export function seriesFromSpec(spec: unknown): Series {
  return defineSeries((typeof spec === 'string' ? JSON.parse(spec) : spec) as SeriesInput);
}

/**
 * Checks stored rows of one series against what its spec gives now, key by key.
 *
 * The series is expanded lazily over merged windows around each row (its key's wall time
 * and its stored period, widened by `margin`), never over the whole series: the cost
 * grows with the rows, not with the series' age or the span between them.
 *
 * @throws {TimeblocksError} when the spec cannot be expanded there (`NonexistentTimeError` under `dst.nonexistent: 'error'`)
 */
export function checkRows(series: Series, rows: readonly CandidateRow[]): CheckedRow[] {
  const wanted = new Set(rows.map((row) => row.key));
  const found = new Map<string, Block>();
  for (const window of mergedWindows(rows)) {
    for (const block of occurrences(series, { from: window.start })) {
      if (block.start >= window.end) break;
      if (wanted.has(block.key)) found.set(block.key, block);
    }
  }
  return rows.map((row) => {
    const current = found.get(row.key) ?? null;
    const stale = current === null || current.start !== Number(row.start_ms) || current.end !== Number(row.end_ms);
    return { row, current, stale };
  });
}

function mergedWindows(rows: readonly CandidateRow[]): InstantSpan[] {
  const windows = rows
    .map((row) => {
      const start = Number(row.start_ms);
      const end = Number(row.end_ms);
      const wall = keyWallMs(row.key);
      const low = Number.isNaN(wall) ? start : Math.min(wall, start);
      const high = Number.isNaN(wall) ? end : Math.max(wall, end);
      return { start: low - margin, end: high + margin };
    })
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last !== undefined && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}

/** A checked, stale row as the public `StaleBlock`. */
export function staleBlockOf(checked: CheckedRow): StaleBlock {
  const { row, current } = checked;
  return Object.freeze({
    seriesId: row.series_id,
    key: row.key,
    resource: row.resource,
    status: row.status,
    locked: row.locked,
    stored: Object.freeze({ start: Number(row.start_ms), end: Number(row.end_ms) }),
    current: current === null ? null : Object.freeze({ start: current.start, end: current.end }),
    tzdataVersion: row.tzdata_version,
  });
}

/** The `adjusted` column's value for a block: JSON text, or `''` for none. */
export function adjustedParam(adjusted: Adjusted | undefined): string {
  return adjusted === undefined ? '' : JSON.stringify(adjusted);
}

/** Series ids, then keys, in code-unit order: the order every stale report is in. */
export function compareStale(a: { seriesId: string; key: string }, b: { seriesId: string; key: string }): number {
  return a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Rows grouped by series id, in the order the series first appear. */
export function groupBySeries<Row extends { series_id: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.series_id);
    if (group === undefined) groups.set(row.series_id, [row]);
    else group.push(row);
  }
  return groups;
}

/** More stale blocks than a call's `limit`: an error, never a silent cut. */
export function staleLimitError(subject: string, limit: number): ExpansionLimitError {
  return new ExpansionLimitError('', limit, { subject, unit: 'stale blocks', hint: 'narrow with `seriesIds` or `resource`' });
}
