import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/index.js';
import { holdTransaction } from '../../src/postgres/driver/held.js';
import { toDriver } from '../../src/postgres/driver/to-driver.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { BlockConflictError, migrate, saveSeries, setBlockStatus } from '../../src/postgres/index.js';
import { dailySeries } from './fixtures.js';
import { type DriverHandle, openDriverHandles } from './driver-handles.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

/**
 * The driver layer under `withTransaction`: a transaction the caller holds, handed to the
 * adapter as `db`. Each adapter call runs in a savepoint of it (a failed one is undone
 * alone), the application's own statements run in it too, and it all commits or rolls
 * back as one — through every driver.
 */
describe('a held transaction: adapter calls in savepoints, one commit for all', () => {
  let t: TestDatabase;
  let handles: DriverHandle[];
  let audit: string;
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
    audit = `${quoteIdentifier(t.options.schema)}.audit`;
    await t.sql(`create table ${audit} (note text)`);
    handles = await openDriverHandles(t);
  });
  afterAll(async () => {
    for (const handle of handles ?? []) await handle.close();
    await t?.close();
  });

  it('commits the application write and the adapter calls together; a clash is undone alone', async () => {
    for (const [i, { name, db }] of handles.entries()) {
      const driver = toDriver(db);
      const resource = `held-${i}`;
      const outcome = await driver.transaction(async (tx) => {
        const { handle, end } = holdTransaction(tx, driver.kind);
        try {
          await handle.query(`insert into ${audit} values ($1::text)`, [`${name} write`]);
          await saveSeries(handle, dailySeries(`h${i}-a`, '2025-03-01', '09:00', '10:00', 3), { ...t.options, resource });
          const clash = await saveSeries(handle, dailySeries(`h${i}-b`, '2025-03-02', '09:30', '10:30', 1), { ...t.options, resource }).catch((error: unknown) => error);
          expect(clash, name).toBeInstanceOf(BlockConflictError);
          // The transaction goes on after the failed call: its savepoint was rolled back.
          await setBlockStatus(handle, { seriesId: `h${i}-a`, key: '2025-03-02T09:00' }, 'booked', t.options);
          // Several calls at once on one handle run one after another (savepoints never interleave).
          await Promise.all([
            saveSeries(handle, dailySeries(`h${i}-c`, '2025-04-01', '09:00', '10:00', 2), { ...t.options, resource }),
            handle.query(`insert into ${audit} values ($1::text)`, [`${name} second`]),
            saveSeries(handle, dailySeries(`h${i}-d`, '2025-04-01', '09:30', '10:00', 1), { ...t.options, resource }).catch((error: unknown) => error),
          ]);
          return (await handle.query(`select count(*)::int as n from ${t.table('blocks')} where resource = $1::text`, [resource])).rows;
        } finally {
          end();
        }
      });
      expect(outcome, name).toEqual([{ n: 5 }]);
      expect(await t.sql(`select note from ${audit} where note like $1 order by note`, [`${name} %`]), name).toEqual([{ note: `${name} second` }, { note: `${name} write` }]);
      expect(await t.sql(`select id from ${t.table('series')} where resource = $1 order by id`, [resource]), name).toEqual([{ id: `h${i}-a` }, { id: `h${i}-c` }]);
    }
  });

  it('rolls back the adapter calls with the application write when the transaction fails; an ended handle is refused', async () => {
    for (const [i, { name, db }] of handles.entries()) {
      const driver = toDriver(db);
      let kept: Parameters<typeof saveSeries>[0] | undefined;
      const outcome = await driver
        .transaction(async (tx) => {
          const { handle, end } = holdTransaction(tx, driver.kind);
          kept = handle;
          try {
            await handle.query(`insert into ${audit} values ($1::text)`, [`${name} doomed`]);
            await saveSeries(handle, dailySeries(`r${i}`, '2025-03-01', '09:00', '10:00', 3), { ...t.options, resource: `rolled-${i}` });
            throw new Error('the application gives up');
          } finally {
            end();
          }
        })
        .catch((error: Error) => error.message);
      expect(outcome, name).toBe('the application gives up');
      expect(await t.sql(`select note from ${audit} where note = $1`, [`${name} doomed`]), name).toEqual([]);
      expect(await t.sql(`select id from ${t.table('series')} where id = $1`, [`r${i}`]), name).toEqual([]);
      const late = await saveSeries(kept!, dailySeries(`late${i}`, '2025-03-01', '09:00', '10:00', 1), { ...t.options, resource: `rolled-${i}` }).catch((error: unknown) => error);
      expect(late, name).toBeInstanceOf(InvalidArgumentError);
      expect((late as Error).message, name).toMatch(/^db: .*transaction has ended/);
    }
  });
});
