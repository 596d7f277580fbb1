import { InvalidArgumentError } from '../errors.js';
import { expand } from '../expand/expand.js';
import { toEpochMs } from '../expand/instant.js';
import type { Block, InstantInput } from '../expand/types.js';
import type { Series } from '../series/types.js';
import { type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { epochMsSql } from './stored-block.js';

/** A series that repeats without `count` or `until` never ends: it is materialized up to a horizon. */
export function isOpenEnded(series: Series): boolean {
  return series.repeat !== undefined && series.repeat.count === undefined && series.repeat.until === undefined;
}

/** The series row as the adapter reads it, locked for the rest of the transaction. */
export interface SeriesRow {
  readonly id: string;
  readonly resource: string;
  readonly spec: unknown;
  readonly openEnded: boolean;
  /** Blocks are materialized up to here (exclusive); `Infinity`: the whole series. */
  readonly materializedUntil: number;
  /** `cancelSeries` point: nothing is materialized from here on; `Infinity`: not cancelled. */
  readonly cancelledFrom: number;
  /**
   * The stored spec applies to blocks starting here or later (set by `regenerate`);
   * earlier rows follow an older spec and are left as they are. `-Infinity`: never edited.
   */
  readonly specFrom: number;
}

/** The row as the select list `seriesRowColumns` gives it. */
export interface RawSeriesRow {
  id: string;
  resource: string;
  spec: unknown;
  open_ended: boolean;
  until_ms: number | string | null;
  cancelled_ms: number | string | null;
  spec_from_ms: number | string | null;
}

/** The select list `seriesRowFrom` reads, for the series table (unaliased). */
export const seriesRowColumns = `id, resource, spec, open_ended, ${epochMsSql('materialized_until')} as until_ms, ${epochMsSql('cancelled_from')} as cancelled_ms,
       ${epochMsSql('spec_from')} as spec_from_ms`;

/** A series row as the adapter works with it: instants as epoch ms, "no bound" as ±Infinity. */
export function seriesRowFrom(row: RawSeriesRow): SeriesRow {
  return {
    id: row.id,
    resource: row.resource,
    spec: row.spec,
    openEnded: row.open_ended,
    materializedUntil: row.until_ms === null ? Infinity : Number(row.until_ms),
    cancelledFrom: row.cancelled_ms === null ? Infinity : Number(row.cancelled_ms),
    specFrom: row.spec_from_ms === null ? -Infinity : Number(row.spec_from_ms),
  };
}

/** Reads and locks (`FOR UPDATE`) one series row; `undefined` when there is none. */
export async function lockSeriesRow(tx: Queryable, names: SqlNames, id: string): Promise<SeriesRow | undefined> {
  const result = await tx.query(`select ${seriesRowColumns}
from ${names.series} where id = $1::text for update`, [id]);
  const row = rowsOf<RawSeriesRow>(result)[0];
  return row === undefined ? undefined : seriesRowFrom(row);
}

/** Like `lockSeriesRow`, but an unknown id is an error naming `field`. */
export async function requireSeriesRow(tx: Queryable, names: SqlNames, id: string, field: string): Promise<SeriesRow> {
  const row = await lockSeriesRow(tx, names, id);
  if (row === undefined) throw new InvalidArgumentError(field, `no stored series has id "${id}"`);
  return row;
}

/**
 * A boolean as the text a `$n::text::boolean` parameter takes. The adapter sends every
 * parameter as text (or a text array) and casts it in the SQL: a driver that guesses a
 * parameter's type from the JS value (postgres.js types `[true]` as `boolean`, not
 * `boolean[]`) then has nothing to guess.
 */
export function booleanParam(value: boolean): 'true' | 'false' {
  return value ? 'true' : 'false';
}

/** An instant as ISO text for a timestamptz parameter; `null` for "no bound". */
export function instantParam(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A required instant option. */
export function readInstant(value: InstantInput | undefined, field: string): number {
  if (value === undefined) throw new InvalidArgumentError(field, 'is required');
  return toEpochMs(value, field);
}

/**
 * Most UTF-16 code units in a `resource` (and in any name the adapter looks up: a series
 * id, a block key). A resource sits in the exclusion constraint's GiST index and in the
 * blocks' unique key, whose entries must fit in an index page: 500 units are at most
 * 1 500 bytes of UTF-8, well inside; 3 000 would fail inside PostgreSQL, untyped.
 */
export const maxNameLength = 500;

/** A non-empty series id or resource string that PostgreSQL can store and index as it is. */
export function readName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidArgumentError(field, `expected a non-empty string, got ${value === '' ? 'an empty string' : value === null ? 'null' : typeof value}`);
  }
  if (value.length > maxNameLength) throw new InvalidArgumentError(field, `is ${value.length} characters long; at most ${maxNameLength} are allowed`);
  return checkStorableText(value, field);
}

/**
 * Text PostgreSQL stores exactly: no NUL (text cannot hold one) and no lone UTF-16
 * surrogate (the driver would write U+FFFD, so 'room\ud800' and 'room\udfff' would
 * become one resource; in JSON it is a raw 22P02).
 */
export function checkStorableText(value: string, field: string): string {
  if (value.includes('\u0000')) throw new InvalidArgumentError(field, 'must not contain a NUL character (PostgreSQL text cannot hold one)');
  if (hasLoneSurrogate(value)) throw new InvalidArgumentError(field, 'contains a lone UTF-16 surrogate, which is not text PostgreSQL can store');
  return value;
}

/**
 * The series as the JSON the adapter stores, refused when jsonb cannot hold it:
 * `JSON.stringify` writes a lone surrogate or NUL as a `\udXXX` or `\u0000` escape, which jsonb rejects.
 */
export function storableSpec(series: object, field: string): string {
  const json = JSON.stringify(series);
  if (/\\u(?:[dD][89abcdefABCDEF][0-9a-fA-F]{2}|0000)/.test(json.replaceAll('\\\\', ''))) {
    throw new InvalidArgumentError(field, 'contains a lone UTF-16 surrogate or a NUL character, which jsonb cannot hold');
  }
  return json;
}

/** True when a surrogate code unit stands without its pair (with the `u` flag, pairs are one code point). */
export function hasLoneSurrogate(value: string): boolean {
  return /\p{Cs}/u.test(value);
}

/** The options object of an adapter call, which must be an object. */
export function readOptions<T extends object>(options: T | undefined, example: string): T {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError('options', `expected an object such as ${example}`);
  }
  return options;
}

/** `expand` over `[from, to)`, where an infinite bound means "no bound". */
export function expandWindow(series: Series, from: number, to: number, limit?: number): Block[] {
  return expand(series, {
    ...(Number.isFinite(from) ? { from } : {}),
    ...(Number.isFinite(to) ? { to } : {}),
    ...(limit === undefined ? {} : { limit }),
  });
}
