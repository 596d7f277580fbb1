import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
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
    await current().sql(`delete from ${current().table('bookings')}`);
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

/**
 * `useMigratedDatabase` on a real server (`DATABASE_URL`), plus an admin connection of its
 * own for watching and steering other sessions (`pg_stat_activity`, locks).
 */
export function useServerDatabase(): { t: TestDatabase; admin: () => pg.Client } {
  const t = useMigratedDatabase();
  let admin: pg.Client | undefined;
  beforeAll(async () => {
    expect(t.kind).toBe('postgres');
    admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
  });
  return {
    t,
    admin: () => {
      if (admin === undefined) throw new Error('the admin connection is opened in beforeAll');
      return admin;
    },
  };
}

/** Polls `sql` (one boolean column `ok`) on `client` until it is true; fails after 20 s naming `what`. */
export async function waitUntil(client: pg.Client, sql: string, params: unknown[], what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await client.query<{ ok: boolean }>(sql, params)).rows[0]?.ok) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
