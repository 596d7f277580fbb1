import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { defineSeries, type SeriesInput } from '../../src/index.js';
import { lockBlock, regenerate, saveSeries, setBlockStatus } from '../../src/postgres/index.js';
import { useServerDatabase, waitUntil } from './fixtures.js';

// Real server only: a booking that races a regenerate which deletes and re-inserts the
// same key (the edit changed the block's interval, not its key). The booking's UPDATE
// waits on the old row, which the regenerate deletes; when it commits, the UPDATE matches
// nothing and the new row under the same key is open. That is not "someone else got
// there first": the booking must go through on the new row.
//
// To make it deterministic, another session holds an uncommitted block that overlaps the
// regenerate's last new block, so the regenerate waits in its insert after its delete.

const input: SeriesInput = { id: 'race', timezone: 'UTC', start: '2025-06-02', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily', count: 3 } };
const resource = 'room-race';

describe('setBlockStatus and lockBlock racing a regenerate that re-creates the key', () => {
  const { t, admin } = useServerDatabase();
  let blocker: pg.Client;

  afterEach(async () => {
    await blocker?.end().catch(() => undefined);
  });

  /** Polls `sql` (one boolean column `ok`) until it is true. */
  const waitFor = (sql: string, params: unknown[]) => waitUntil(admin(), sql, params, sql);

  /** Backends blocked by `pid`, directly. */
  const blockedBy = (count: number) =>
    `select count(*) >= ${count} as ok from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))`;
  /** Backends blocked by one that `pid` blocks: the second link of the chain. */
  const blockedBehind = (count: number) =>
    `select count(*) >= ${count} as ok from pg_stat_activity w, pg_stat_activity r
      where $1::int = any(pg_blocking_pids(r.pid)) and r.pid = any(pg_blocking_pids(w.pid))`;

  async function raceWithRegenerate<T>(calls: () => Array<Promise<T>>): Promise<{ regenerated: unknown; results: T[] }> {
    await saveSeries(t.db, defineSeries(input), { ...t.options, resource });
    // Same keys, longer blocks: regenerate deletes every row and inserts it anew.
    const edited = defineSeries({ ...input, endTime: '11:00' });
    blocker = new pg.Client({ connectionString: t.url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    const blockerPid = (await blocker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await blocker.query('begin');
    await blocker.query(`insert into ${t.table('series')} (id, resource, spec, open_ended) values ('holder', $1, '{}', false)`, [resource]);
    await blocker.query(
      `insert into ${t.table('blocks')} (series_id, key, resource, period, tzdata_version) values ('holder', 'k', $1, tstzrange('2025-06-04T10:30Z', '2025-06-04T10:45Z'), 'x')`,
      [resource],
    );
    const regenerated = regenerate(t.db, edited, { ...t.options, from: '2025-06-01T00:00:00Z' });
    await waitFor(blockedBy(1), [blockerPid]);
    const pending = calls();
    await waitFor(blockedBehind(pending.length), [blockerPid]);
    await blocker.query('rollback');
    return { regenerated: await regenerated, results: await Promise.all(pending) };
  }

  it('setBlockStatus with expected "open" books the re-created open row', async () => {
    const { regenerated, results } = await raceWithRegenerate(() => [
      setBlockStatus(t.db, { seriesId: 'race', key: '2025-06-02T09:00' }, 'booked', { ...t.options, expected: 'open', metadata: { who: 'ana' } }),
    ]);
    expect(regenerated).toMatchObject({ added: ['2025-06-02T09:00', '2025-06-03T09:00', '2025-06-04T09:00'], kept: [] });
    expect(results[0]).toMatchObject({ key: '2025-06-02T09:00', status: 'booked', end: Date.parse('2025-06-02T11:00:00Z'), metadata: { who: 'ana' } });
    const rows = await t.sql<{ key: string; status: string }>(`select key, status from ${t.table('blocks')} where series_id = 'race' order by key`);
    expect(rows.map((row) => row.status)).toEqual(['booked', 'open', 'open']);
  });

  it('lockBlock locks the re-created row', async () => {
    const { results } = await raceWithRegenerate(() => [lockBlock(t.db, { seriesId: 'race', key: '2025-06-03T09:00' }, t.options)]);
    expect(results[0]).toMatchObject({ key: '2025-06-03T09:00', locked: true, end: Date.parse('2025-06-03T11:00:00Z') });
  });
});
