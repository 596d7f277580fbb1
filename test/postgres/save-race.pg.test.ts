import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { saveManySeries, saveSeries } from '../../src/postgres/index.js';
import { dailySeries, useServerDatabase, waitUntil } from './fixtures.js';

// Real server only: the stored series row that saveSeries' insert ran into is deleted by
// another session before saveSeries can lock it. To make it deterministic, that session
// holds the row locked (FOR UPDATE) while saveSeries' lock waits on it, then deletes it
// and commits. saveSeries must start over and store the series anew, not crash.

describe('saveSeries while its stored series row is deleted concurrently', () => {
  const { t, admin } = useServerDatabase();
  let other: pg.Client;

  afterEach(async () => {
    await other?.end().catch(() => undefined);
  });

  async function deleteWhileWaiting<T>(id: string, call: () => Promise<T>): Promise<T> {
    other = new pg.Client({ connectionString: t.url });
    await other.connect();
    const pid = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await other.query('begin');
    await other.query(`select id from ${t.table('series')} where id = $1 for update`, [id]);
    const pending = call();
    await waitUntil(admin(), 'select count(*) > 0 as ok from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))', [pid], 'saveSeries never waited for the locked series row');
    await other.query(`delete from ${t.table('series')} where id = $1`, [id]);
    await other.query('commit');
    return pending;
  }

  it('saveSeries starts over and stores the series anew', async () => {
    const series = dailySeries('gone', '2025-03-01', '09:00', '10:00', 3);
    await saveSeries(t.db, series, { ...t.options, resource: 'room' });
    const result = await deleteWhileWaiting('gone', () => saveSeries(t.db, series, { ...t.options, resource: 'room' }));
    expect(result).toEqual({ seriesId: 'gone', created: true, blocks: 3, added: 3 });
    expect(await t.sql(`select count(*)::int as n from ${t.table('blocks')} where series_id = 'gone'`)).toEqual([{ n: 3 }]);
  });

  it('saveManySeries too', async () => {
    const series = dailySeries('gone', '2025-03-01', '09:00', '10:00', 3);
    await saveSeries(t.db, series, { ...t.options, resource: 'room' });
    const entries = [{ series: dailySeries('kept', '2025-03-01', '11:00', '12:00', 2), resource: 'room' }, { series, resource: 'room' }];
    const result = await deleteWhileWaiting('gone', () => saveManySeries(t.db, entries, t.options));
    expect(result.map((r) => [r.seriesId, r.created, r.added])).toEqual([
      ['kept', true, 2],
      ['gone', true, 3],
    ]);
  });
});
