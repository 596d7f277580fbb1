import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/index.js';
import { saveManySeries, saveSeries } from '../../src/postgres/index.js';
import { dailySeries, useServerDatabase, waitUntil } from './fixtures.js';

// Real server only. The series key is (id, resource) — it includes resource so the table
// distributes by it — so no constraint stops two resources from storing one id; the saves
// of one id queue on an advisory lock instead. To make the race certain, a third session
// holds a lock on the series table that every insert into it waits for, until both saves
// are waiting; then it lets go. Without the advisory lock both inserts would then run on
// snapshots that cannot see each other, and both would commit.

describe('one series id saved on two resources at once', () => {
  const { t, admin } = useServerDatabase();
  let gate: pg.Client | undefined;

  afterEach(async () => {
    await gate?.end().catch(() => undefined);
    gate = undefined;
  });

  async function raceThroughGate(calls: Array<() => Promise<unknown>>): Promise<PromiseSettledResult<unknown>[]> {
    gate = new pg.Client({ connectionString: t.url });
    await gate.connect();
    const pid = (await gate.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await gate.query('begin');
    await gate.query(`lock table ${t.table('series')} in share row exclusive mode`);
    const pending = Promise.allSettled(calls.map((call) => call()));
    // One save waits on the table lock, the other behind it (on the advisory lock, or on the table lock too without it).
    await waitUntil(
      admin(),
      `with behind_gate as (select pid from pg_stat_activity where $1::int = any(pg_blocking_pids(pid)))
       select (select count(*) from behind_gate) + (select count(*) from pg_stat_activity a where exists (select 1 from behind_gate g where g.pid = any(pg_blocking_pids(a.pid)))) >= 2 as ok`,
      [pid],
      'the two saves never both waited',
    );
    await gate.query('commit');
    return pending;
  }

  it('exactly one saveSeries stores it; the other is refused naming resource', async () => {
    const series = dailySeries('shared', '2025-03-03', '09:00', '10:00', 3);
    const settled = await raceThroughGate([
      () => saveSeries(t.db, series, { ...t.options, resource: 'room-a' }),
      () => saveSeries(t.db, series, { ...t.options, resource: 'room-b' }),
    ]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const refused = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')!.reason as InvalidArgumentError;
    expect(refused).toBeInstanceOf(InvalidArgumentError);
    expect(refused.field).toBe('resource');
    const stored = await t.sql<{ resource: string }>(`select resource from ${t.table('series')} where id = 'shared'`);
    expect(stored).toHaveLength(1);
    expect(await t.sql(`select distinct resource from ${t.table('blocks')} where series_id = 'shared'`)).toEqual(stored);
  });

  it('saveManySeries too, with the ids in opposite orders (the locks are taken in one order: no deadlock)', async () => {
    const a = dailySeries('a', '2025-03-03', '09:00', '10:00', 2);
    const b = dailySeries('b', '2025-03-03', '11:00', '12:00', 2);
    const settled = await raceThroughGate([
      () => saveManySeries(t.db, [{ series: a, resource: 'room-a' }, { series: b, resource: 'room-a' }], t.options),
      () => saveManySeries(t.db, [{ series: b, resource: 'room-b' }, { series: a, resource: 'room-b' }], t.options),
    ]);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')!.reason as InvalidArgumentError;
    expect(refused).toBeInstanceOf(InvalidArgumentError);
    expect(refused.field).toMatch(/^entries\[[01]\]\.resource$/);
    const stored = await t.sql<{ id: string; resource: string }>(`select id, resource from ${t.table('series')} order by id`);
    expect(stored.map((row) => row.id)).toEqual(['a', 'b']);
    expect(new Set(stored.map((row) => row.resource)).size).toBe(1);
  });

});
