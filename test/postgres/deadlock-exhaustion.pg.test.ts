import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { saveManySeries, saveSeries, TransactionRetryError } from '../../src/postgres/index.js';
import type { Database } from '../../src/postgres/queryable.js';
import { dailySeries, useServerDatabase, waitUntil } from './fixtures.js';

// Real server only: a real deadlock on every attempt, until the adapter gives up.
//
// saveManySeries locks the stored series rows it extends in id order: 'a', 'b', 'c'. Two
// other sessions: `holder` holds 'c' all along, `gate` holds 'b' (in a savepoint). Each
// attempt of the adapter's transaction locks 'a' and waits at the gate. Then:
//   1. `holder` asks for 'a' (in a savepoint) and waits for the adapter — no cycle yet: the
//      adapter waits for the gate, which waits for nobody. We let `holder`'s deadlock check
//      run and find nothing (its deadlock_timeout, plus a second).
//   2. The gate opens (ROLLBACK TO SAVEPOINT). The adapter takes 'b' and asks for 'c': the
//      cycle closes, and the only check still to come is the adapter's own, so its attempt
//      is always the victim (40P01).
//   3. Its rollback hands 'a' to `holder`, which keeps it until the gate has 'b' again: the
//      next attempt needs 'a' first, so it finds everything as the first did.
// Who is the victim never depends on who reacts faster, so the test holds under any load.

/** `deadlock_timeout` of a session, in milliseconds. */
async function deadlockTimeoutMs(client: pg.Client): Promise<number> {
  return Number((await client.query<{ ms: string }>(`select setting::int * case unit when 's' then 1000 else 1 end as ms from pg_settings where name = 'deadlock_timeout'`)).rows[0]!.ms);
}

describe('deadlocks on every attempt, forced by locks other connections hold', () => {
  const { t, admin } = useServerDatabase();
  const opened: Array<{ end(): Promise<void> }> = [];

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((client) => client.end().catch(() => undefined)));
  });

  async function session(): Promise<{ client: pg.Client; pid: number }> {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    opened.push(client);
    return { client, pid: (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid };
  }

  it('end in TransactionRetryError whose cause is the last attempt’s deadlock, with nothing written', async () => {
    const week = { from: '2025-03-03T00:00:00Z', to: '2025-03-10T00:00:00Z' };
    const twoWeeks = { from: week.from, to: '2025-03-17T00:00:00Z' };
    const stored = ['a', 'b', 'c'].map((id, i) => ({ series: dailySeries(id, '2025-03-03', `${9 + i}:00`.padStart(5, '0'), `${10 + i}:00`), resource: `room-${id}` }));
    await saveManySeries(t.db, stored.map((entry) => ({ ...entry, window: week })), t.options);
    const snapshot = () =>
      Promise.all([
        t.sql(`select id, resource, materialized_until, updated_at, xmin::text from ${t.table('series')} order by id`),
        t.sql(`select series_id, key, period::text, status, xmin::text from ${t.table('blocks')} order by series_id, key`),
      ]);
    const before = await snapshot();

    const holder = await session();
    const gate = await session();
    // Shorter checks where the role may set them (a superuser; else the server's settings).
    const superuser = (await admin().query<{ ok: boolean }>('select rolsuper as ok from pg_roles where rolname = current_user')).rows[0]!.ok;
    if (superuser) await holder.client.query("set deadlock_timeout = '10ms'");
    const holderCheckMs = (await deadlockTimeoutMs(holder.client)) + 1000;
    let db: Database = t.db;
    if (superuser) {
      const pool = new pg.Pool({ connectionString: t.url, max: 1, options: '-c deadlock_timeout=100ms' });
      opened.push(pool);
      db = pool;
    }

    await holder.client.query('begin');
    await holder.client.query(`select id from ${t.table('series')} where id = 'c' for update`);
    await gate.client.query('begin');
    await gate.client.query('savepoint gate');
    await gate.client.query(`select id from ${t.table('series')} where id = 'b' for update`);

    // One call: a new series 'd' (written first in each attempt) and the stored ones grown by a week.
    const call = saveManySeries(db, [{ series: dailySeries('d', '2025-03-03', '13:00', '14:00'), resource: 'room-d', window: twoWeeks }, ...stored.map((entry) => ({ ...entry, window: twoWeeks }))], t.options).catch(
      (error: unknown) => error,
    );

    const blockedBy = `select pid, backend_xid::text as xid from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))`;
    const trapped: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await waitUntil(admin(), `select exists (${blockedBy}) as ok`, [gate.pid], `attempt ${attempt} never waited at the gate`);
      const adapter = (await admin().query<{ pid: number; xid: string }>(blockedBy, [gate.pid])).rows[0]!;
      trapped.push(adapter.xid);
      // 1. holder waits for 'a' (the adapter holds it); its deadlock check runs and finds no cycle.
      await holder.client.query('savepoint holder');
      const holderGetsA = holder.client.query(`select id from ${t.table('series')} where id = 'a' for update`);
      await waitUntil(admin(), 'select $1::int = any(pg_blocking_pids($2::int)) as ok', [adapter.pid, holder.pid], 'the holder never waited for the adapter');
      await new Promise((resolve) => setTimeout(resolve, holderCheckMs));
      // 2. The gate opens: the adapter takes 'b', asks for 'c', closes the cycle and is its victim.
      await gate.client.query('rollback to savepoint gate');
      // 3. Its rollback hands 'a' to holder. Holder keeps it until the gate holds 'b' again, so
      //    the next attempt (which needs 'a' first) cannot pass the gate before it is shut.
      await holderGetsA;
      await gate.client.query(`select id from ${t.table('series')} where id = 'b' for update`);
      await holder.client.query('rollback to savepoint holder');
    }
    const error = await call;

    expect(error).toBeInstanceOf(TransactionRetryError);
    expect((error as TransactionRetryError).attempts).toBe(5);
    expect(new Set(trapped).size).toBe(5);
    const cause = (error as TransactionRetryError).cause as { code?: string; detail?: string };
    expect(cause.code).toBe('40P01');
    // The cause is the LAST attempt's deadlock: the holder waited for that attempt's transaction.
    expect(cause.detail).toContain(`waits for ShareLock on transaction ${trapped.at(-1)};`);

    // Nothing half-written: no series 'd', the stored series and blocks untouched.
    await gate.client.query('rollback');
    await holder.client.query('rollback');
    expect(await snapshot()).toEqual(before);
    // With the locks gone the same save goes through.
    expect((await saveSeries(t.db, stored[0]!.series, { ...t.options, resource: 'room-a', window: twoWeeks })).added).toBe(7);
  });
});
