import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { saveManySeries, saveSeries, TransactionRetryError } from '../../src/postgres/index.js';
import { dailySeries, useServerDatabase, waitUntil } from './fixtures.js';

// Real server only: real deadlocks, on every attempt, until the adapter gives up.
//
// saveManySeries locks the stored series rows it extends in id order ('a', then 'b'). A
// second session holds 'b' for the whole test. Each attempt of the adapter's transaction
// locks 'a' and waits for 'b'; the second session, once it sees that wait, asks for 'a'
// inside a savepoint: a cycle. The victim is the session whose deadlock check runs first
// once the cycle exists; the adapter's session began waiting first, so its check fires
// `deadlock_timeout` (1 s by default) after that, while the second session, which asked
// milliseconds later, would check only a second after its own request. (A shorter timeout
// on the adapter's side would have to outlast the second session's reaction under load:
// the default keeps the test certain at about a second per attempt.) The adapter's
// attempt fails with 40P01 and rolls back, the second session gets 'a' and gives it back
// (ROLLBACK TO SAVEPOINT), still holding 'b' — and the next attempt meets the same trap.

describe('deadlocks on every attempt, forced by a lock another connection holds', () => {
  const { t, admin } = useServerDatabase();
  let other: pg.Client | undefined;

  afterEach(async () => {
    await other?.end().catch(() => undefined);
    other = undefined;
  });

  it('end in TransactionRetryError whose cause is the last deadlock, with nothing written', async () => {
    const a = dailySeries('a', '2025-03-03', '09:00', '10:00');
    const b = dailySeries('b', '2025-03-03', '11:00', '12:00');
    const week = { from: '2025-03-03T00:00:00Z', to: '2025-03-10T00:00:00Z' };
    await saveManySeries(t.db, [{ series: a, resource: 'room-a', window: week }, { series: b, resource: 'room-b', window: week }], t.options);
    const snapshot = () =>
      Promise.all([
        t.sql(`select id, resource, materialized_until, updated_at, xmin::text from ${t.table('series')} order by id`),
        t.sql(`select series_id, key, period::text, status, xmin::text from ${t.table('blocks')} order by series_id, key`),
      ]);
    const before = await snapshot();

    other = new pg.Client({ connectionString: t.url });
    await other.connect();
    const otherPid = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await other.query('begin');
    await other.query(`select id from ${t.table('series')} where id = 'b' for update`);

    // One call: a new series 'c' (written first in each attempt) and both stored ones grown by a week.
    const twoWeeks = { from: week.from, to: '2025-03-17T00:00:00Z' };
    const call = saveManySeries(
      t.db,
      [
        { series: dailySeries('c', '2025-03-03', '13:00', '14:00'), resource: 'room-c', window: twoWeeks },
        { series: a, resource: 'room-a', window: twoWeeks },
        { series: b, resource: 'room-b', window: twoWeeks },
      ],
      t.options,
    ).catch((error: unknown) => error);

    // An attempt is trapped when it waits for the second session's own transaction (the lock
    // on 'b'; by then it holds 'a'), not for the savepoint's (the lock on 'a' a moment ago).
    const waitingForB = `select l.pid, a.backend_xid::text as xid from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where not l.granted and l.locktype = 'transactionid' and l.transactionid = (select backend_xid from pg_stat_activity where pid = $1::int)`;
    const trapped: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await waitUntil(admin(), `select exists (${waitingForB}) as ok`, [otherPid], `attempt ${attempt} never waited for the row the second session holds`);
      trapped.push((await admin().query<{ xid: string }>(waitingForB, [otherPid])).rows[0]!.xid);
      await other.query('savepoint close_cycle');
      // Waits for 'a' until the adapter's attempt is chosen as the deadlock victim and rolls back.
      await other.query(`select id from ${t.table('series')} where id = 'a' for update`);
      await other.query('rollback to savepoint close_cycle');
    }
    const error = await call;

    expect(error).toBeInstanceOf(TransactionRetryError);
    expect((error as TransactionRetryError).attempts).toBe(5);
    expect(trapped).toHaveLength(5);
    const cause = (error as TransactionRetryError).cause as { code?: string; detail?: string };
    expect(cause.code).toBe('40P01');
    // The cause is the LAST attempt's deadlock: the second session waited on that attempt's transaction.
    expect(cause.detail).toContain(`waits for ShareLock on transaction ${trapped.at(-1)};`);
    expect(new Set(trapped).size).toBe(5);

    // Nothing half-written: no series 'c', the stored series and blocks untouched.
    await other.query('rollback');
    expect(await snapshot()).toEqual(before);

    // With the lock gone the same call goes through.
    expect((await saveSeries(t.db, a, { ...t.options, resource: 'room-a', window: twoWeeks })).added).toBe(7);
  });
});
