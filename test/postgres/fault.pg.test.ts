import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, type Series } from '../../src/index.js';
import { BlockConflictError, migrate, regenerate, saveSeries } from '../../src/postgres/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

// Real server only: a backend killed with pg_terminate_backend mid-transaction must leave
// no trace. To catch the adapter in the middle deterministically, another session holds an
// uncommitted block that overlaps the LAST block the adapter will write: the adapter's
// insert then waits on the exclusion constraint, after it has already written the series
// and its other blocks in its transaction. We wait until the server reports that backend as
// blocked by ours (with a transaction id, i.e. it has written), then terminate it.

const resource = 'room-fault';
const window = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
const from = '2025-01-01T00:00:00Z';

function daily(id: string, startTime: string, endTime: string): Series {
  return defineSeries({ id, timezone: 'Europe/Berlin', start: '2025-06-02', startTime, endTime, repeat: { freq: 'daily', count: 10 } });
}

interface RowSnapshot {
  key: string;
  lower: Date;
  upper: Date;
  status: string;
  locked: boolean;
  /** The row version: unchanged only if no committed write touched the row. */
  xmin: string;
  ctid: string;
}

describe('a session terminated mid-transaction leaves no partial state', () => {
  let t: TestDatabase;
  let admin: pg.Client;
  const opened: pg.Client[] = [];

  beforeAll(async () => {
    t = await openTestDatabase();
    expect(t.kind).toBe('postgres');
    await migrate(t.db, t.options);
    admin = await connect();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((client) => client.end().catch(() => undefined)));
    await t.sql(`delete from ${t.table('blocks')}`);
    await t.sql(`delete from ${t.table('series')}`);
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: t.url });
    // A terminated backend also surfaces as an 'error' event; the failed query reports it.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  async function backendPid(client: pg.Client): Promise<number> {
    return (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  }

  /** Opens a transaction that holds an uncommitted block on `resource` over [start, end) (of an uncommitted series there). */
  async function holdBlock(start: number, end: number): Promise<pg.Client> {
    const blocker = await connect();
    opened.push(blocker);
    await blocker.query('begin');
    await blocker.query(`insert into ${t.table('series')} (id, resource, spec, open_ended) values ('held', $1, '{}', false)`, [resource]);
    const held = await blocker.query(
      `insert into ${t.table('blocks')} (series_id, key, resource, period, tzdata_version) values ('held', 'k', $1, tstzrange($2, $3, '[)'), 'x')`,
      [resource, new Date(start), new Date(end)],
    );
    expect(held.rowCount).toBe(1);
    return blocker;
  }

  /** Waits until backend `pid` is blocked by backend `blockerPid` and has written in its transaction. */
  async function waitUntilBlocked(pid: number, blockerPid: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await admin.query<{ blocked: boolean; wrote: boolean }>(
        `select $2::int = any(pg_blocking_pids(pid)) as blocked, backend_xid is not null as wrote
           from pg_stat_activity where pid = $1`,
        [pid, blockerPid],
      );
      if (rows[0]?.blocked) {
        expect(rows[0].wrote, 'the adapter had written rows before it blocked').toBe(true);
        return;
      }
      if (Date.now() > deadline) throw new Error(`backend ${pid} never blocked on ${blockerPid}: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Runs `call` on a fresh connection, catches it blocked behind the blocker, and kills its backend. */
  async function terminateMidway(blocker: pg.Client, call: (victim: pg.Client) => Promise<unknown>): Promise<unknown> {
    const victim = await connect();
    opened.push(victim);
    const pid = await backendPid(victim);
    const outcome = call(victim).then(
      () => undefined,
      (error: unknown) => error,
    );
    await waitUntilBlocked(pid, await backendPid(blocker));
    const { rows } = await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]);
    expect(rows[0]!.ok).toBe(true);
    const error = await outcome;
    await blocker.query('rollback');
    return error;
  }

  function expectTerminated(error: unknown): void {
    expect(error, 'the call must fail').toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(BlockConflictError);
    const codes = [error, (error as { cause?: unknown }).cause].map((e) => (e as { code?: string } | undefined)?.code);
    // 57P01: admin_shutdown, what pg_terminate_backend makes the victim's server report.
    expect(codes.includes('57P01') || /terminat/i.test(String((error as Error).message)), String(error)).toBe(true);
  }

  async function snapshot(seriesId: string): Promise<{ spec: unknown; blocks: RowSnapshot[] }> {
    const spec = await t.sql<{ spec: unknown }>(`select spec from ${t.table('series')} where id = $1`, [seriesId]);
    const blocks = await t.sql<RowSnapshot>(
      `select key, lower(period) as lower, upper(period) as upper, status, locked, xmin::text as xmin, ctid::text as ctid
         from ${t.table('blocks')} where series_id = $1 order by key`,
      [seriesId],
    );
    return { spec: spec[0]?.spec, blocks };
  }

  it('saveSeries: nothing of the series is stored, and a retry stores all of it', async () => {
    const series = daily('victim', '09:00', '10:00');
    const blocks = expand(series, window);
    const last = blocks.at(-1)!;
    const blocker = await holdBlock(last.start, last.end);

    const error = await terminateMidway(blocker, (victim) => saveSeries(victim, series, { ...t.options, resource, window }));

    expectTerminated(error);
    expect(await snapshot('victim')).toEqual({ spec: undefined, blocks: [] });
    await saveSeries(t.db, series, { ...t.options, resource, window });
    expect((await snapshot('victim')).blocks.map((block) => block.key)).toEqual(blocks.map((block) => block.key));
  });

  it('saveSeries on a Pool: the process survives the dead pooled connection, the call rejects with the driver error', async () => {
    // pg-pool drops its own 'error' listener while a client is checked out, so a backend
    // that dies mid-transaction must be caught by the adapter or Node crashes.
    const pool = new pg.Pool({ connectionString: t.url, max: 1 });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const pid = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const series = daily('victim', '09:00', '10:00');
      const last = expand(series, window).at(-1)!;
      const blocker = await holdBlock(last.start, last.end);
      const outcome = saveSeries(pool, series, { ...t.options, resource, window }).then(
        () => undefined,
        (error: unknown) => error,
      );
      await waitUntilBlocked(pid, await backendPid(blocker));
      expect((await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid])).rows[0]!.ok).toBe(true);
      const error = await outcome;
      await blocker.query('rollback');
      // Let the socket's close and any late 'error' events arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expectTerminated(error);
      expect(uncaught).toEqual([]);
      expect(await snapshot('victim')).toEqual({ spec: undefined, blocks: [] });
      // The broken client was destroyed, not returned: the pool works on a new connection.
      const again = await saveSeries(pool, series, { ...t.options, resource, window });
      expect(again.added).toBe(10);
      expect((await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid).not.toBe(pid);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });

  it('regenerate: every stored block and the stored series are exactly as before', async () => {
    const before = daily('victim', '09:00', '10:00');
    await saveSeries(t.db, before, { ...t.options, resource, window });
    const stored = await snapshot('victim');
    expect(stored.blocks).toHaveLength(10);

    // The edit moves every block to 11:00: the old ones go, new ones come in, so regenerate
    // has already cancelled or removed the old rows when its insert of the last new one waits.
    const after = daily('victim', '11:00', '12:00');
    const last = expand(after, window).at(-1)!;
    const blocker = await holdBlock(last.start, last.end);

    const error = await terminateMidway(blocker, (victim) => regenerate(victim, after, { ...t.options, from }));

    expectTerminated(error);
    expect(await snapshot('victim')).toEqual(stored);
    // Nothing is left locked or half-done: the same edit now goes through.
    await regenerate(t.db, after, { ...t.options, from });
    const live = await t.sql<{ key: string }>(
      `select key from ${t.table('blocks')} where series_id = 'victim' and status <> 'cancelled' order by key`,
    );
    expect(live.map((row) => row.key)).toEqual(expand(after, window).map((block) => block.key));
  });
});
