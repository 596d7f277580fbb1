import { afterAll, afterEach, beforeAll } from 'vitest';
import { migrate } from '../../src/postgres/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
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

/**
 * A migrated test database for the enclosing `describe`: opened before its tests, emptied
 * after each one (deleting the series cascades to their blocks), closed after all of them.
 */
export function useMigratedDatabase(): TestDatabase {
  let handle: TestDatabase | undefined;
  const current = (): TestDatabase => {
    if (handle === undefined) throw new Error('the test database is opened in beforeAll');
    return handle;
  };
  beforeAll(async () => {
    handle = await openTestDatabase();
    await migrate(handle.db, handle.options);
  });
  afterEach(async () => {
    await current().sql(`delete from ${current().table('series')}`);
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get db() {
      return current().db;
    },
    get kind() {
      return current().kind;
    },
    get url() {
      return current().url;
    },
    get options() {
      return current().options;
    },
    sql: (text, params) => current().sql(text, params),
    table: (name) => current().table(name),
    close: () => current().close(),
  };
}
