import { defineSeries, type Series } from '../../src/index.js';

/** A daily series of one-hour blocks at `startTime` in Berlin; `count` omitted: never ends. */
export function dailySeries(id: string, start: string, startTime: string, endTime: string, count?: number): Series {
  return defineSeries({
    id,
    timezone: 'Europe/Berlin',
    start,
    startTime,
    endTime,
    repeat: count === undefined ? { freq: 'daily' } : { freq: 'daily', count },
  });
}

/** Rows of the blocks table as plain values, for comparing with `expand`. */
export const blockRowsSql = (table: string): string =>
  `select series_id as "seriesId", key, round(extract(epoch from lower(period)) * 1000)::float8 as start,
          round(extract(epoch from upper(period)) * 1000)::float8 as "end", status, locked, tzdata_version
     from ${table} where series_id = $1 order by lower(period), key`;

export interface BlockRowView {
  seriesId: string;
  key: string;
  start: number;
  end: number;
  status: string;
  locked: boolean;
  tzdata_version: string;
}
