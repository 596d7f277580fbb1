import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { withTransaction } from '../../src/postgres/index.js';
import { useServerDatabase, waitUntil } from './fixtures.js';

// Real server only: a genuine deadlock between the callback's transaction and another session.

describe('withTransaction and a real deadlock', () => {
  const { t, admin } = useServerDatabase();

  it('the deadlock victim is rerun and commits on its second attempt', async () => {
    const locks = `${quoteIdentifier(t.options.schema)}.locks`;
    await t.sql(`create table ${locks} (id int primary key, touched int not null default 0)`);
    await t.sql(`insert into ${locks} (id) values (1), (2)`);
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      const otherPid = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      await other.query('begin');
      await other.query(`update ${locks} set touched = touched + 1 where id = 2`);
      let attempts = 0;
      const run = withTransaction(t.db, async (tx) => {
        attempts += 1;
        await tx.query(`update ${locks} set touched = touched + 10 where id = 1`);
        // First attempt: wait for row 2, which the other session holds; it then asks for row 1.
        if (attempts === 1) await tx.query(`update ${locks} set touched = touched + 10 where id = 2`);
        return attempts;
      });
      await waitUntil(admin(), 'select count(*) >= 1 as ok from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))', [otherPid], 'the callback waits for row 2');
      // This closes the cycle; the callback has waited longer, so its deadlock check fires first and it is the victim.
      await other.query(`update ${locks} set touched = touched + 1 where id = 1`);
      await other.query('rollback');
      expect(await run).toBe(2);
      expect(await t.sql(`select id, touched from ${locks} order by id`)).toEqual([
        { id: 1, touched: 10 },
        { id: 2, touched: 0 },
      ]);
    } finally {
      await other.end();
    }
  });
});
