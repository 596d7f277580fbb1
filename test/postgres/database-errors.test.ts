import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { DatabaseError, extendHorizon, lockBlock, saveSeries, setBlockStatus, TransactionRetryError } from '../../src/postgres/index.js';
import { maxNameLength } from '../../src/postgres/series-row.js';
import { dailySeries, useMigratedDatabase } from './fixtures.js';

/**
 * Errors as documented: input the database cannot index or store is refused before any
 * SQL, naming the field; whatever the server or driver fails with becomes one
 * `DatabaseError` (SQLSTATE, retryable, cause); retries that run out are a
 * `TransactionRetryError` whose cause is the last driver error; and the nightly job
 * records a failing series whatever its SQLSTATE and goes on with the others.
 */
describe('caps, surrogates and typed database errors', () => {
  const t = useMigratedDatabase();
  const stored = async () => (await t.sql<{ id: string }>(`select id from ${t.table('series')} order by id`)).map((row) => row.id);
  const refusal = async (call: Promise<unknown>, field: string): Promise<InvalidArgumentError> => {
    const error = await call.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect((error as Error).message.length).toBeLessThan(400);
    return error as InvalidArgumentError;
  };

  it(`a resource over ${maxNameLength} characters is refused before any SQL (3 000 and 9 000 used to fail inside PostgreSQL)`, async () => {
    for (const length of [maxNameLength + 1, 3000, 9000]) {
      const error = await refusal(saveSeries(t.db, dailySeries(`long${length}`, '2025-01-01', '09:00', '10:00', 2), { ...t.options, resource: 'r'.repeat(length) }), 'resource');
      expect(error.message).toContain(`at most ${maxNameLength}`);
    }
    // The cap itself fits the indexes, in four-byte characters too.
    await saveSeries(t.db, dailySeries('at-cap', '2025-01-01', '09:00', '10:00', 2), { ...t.options, resource: '🎉'.repeat(maxNameLength / 2) });
    await refusal(setBlockStatus(t.db, { seriesId: 'x'.repeat(maxNameLength + 1), key: '2025-01-01T09:00' }, 'booked', t.options), 'block.seriesId');
    expect(await stored()).toEqual(['at-cap']);
  });

  it('lone surrogates in a resource, an id, a key or metadata are refused, naming the field', async () => {
    // The driver would store both as U+FFFD: two resources silently one.
    await refusal(saveSeries(t.db, dailySeries('s1', '2025-01-01', '09:00', '10:00', 1), { ...t.options, resource: 'room\ud800' }), 'resource');
    await refusal(saveSeries(t.db, dailySeries('s2', '2025-01-01', '09:00', '10:00', 1), { ...t.options, resource: 'room\udfff' }), 'resource');
    await refusal(saveSeries(t.db, dailySeries('id\udc00', '2025-01-01', '09:00', '10:00', 1), { ...t.options, resource: 'room' }), 'series.id');
    await saveSeries(t.db, dailySeries('ok', '2025-01-01', '09:00', '10:00', 1), { ...t.options, resource: 'room 🎉' });
    const ref = { seriesId: 'ok', key: '2025-01-01T09:00' };
    const error = await refusal(setBlockStatus(t.db, ref, 'booked', { ...t.options, metadata: { notes: ['fine', { bad: 'x\ud83d' }] } }), 'metadata');
    expect(error.message).toContain('metadata.notes[1].bad');
    await refusal(setBlockStatus(t.db, { ...ref, key: '2025\udbff' }, 'booked', t.options), 'block.key');
    expect(await stored()).toEqual(['ok']);
    // A surrogate pair is a character like any other.
    expect((await setBlockStatus(t.db, ref, 'booked', { ...t.options, metadata: { emoji: '🎉' } })).metadata).toEqual({ emoji: '🎉' });
  });

  it('a server error is one DatabaseError with its SQLSTATE, retryable flag and the driver error as cause', async () => {
    await saveSeries(t.db, dailySeries('trig', '2025-01-01', '09:00', '10:00', 2), { ...t.options, resource: 'room' });
    const fn = `${quoteIdentifier(t.options.schema)}.refuse_update`;
    await t.sql(`create function ${fn}() returns trigger language plpgsql as $$ begin raise sqlstate 'TB001' using message = 'refused by the test'; end $$`);
    await t.sql(`create trigger refuse_update before update on ${t.table('blocks')} for each row execute function ${fn}()`);
    try {
      const error = await lockBlock(t.db, { seriesId: 'trig', key: '2025-01-01T09:00' }, t.options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error).toMatchObject({ sqlState: 'TB001', retryable: false });
      expect(((error as DatabaseError).cause as { code?: string }).code).toBe('TB001');
      expect((error as Error).message).toContain('refused by the test');
      expect((error as Error).stack).toContain('database-errors.test.ts');
    } finally {
      await t.sql(`drop trigger refuse_update on ${t.table('blocks')}`);
    }
  });

  it('deadlocks on every attempt end in a TransactionRetryError whose cause is the last driver error', async () => {
    const fn = `${quoteIdentifier(t.options.schema)}.always_deadlock`;
    await t.sql(`create function ${fn}() returns trigger language plpgsql as $$ begin raise sqlstate '40P01' using message = 'deadlock detected (forced)'; end $$`);
    await t.sql(`create trigger always_deadlock before insert on ${t.table('series')} for each row execute function ${fn}()`);
    try {
      const error = await saveSeries(t.db, dailySeries('dl', '2025-01-01', '09:00', '10:00', 2), { ...t.options, resource: 'room' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransactionRetryError);
      expect((error as TransactionRetryError).attempts).toBe(5);
      expect(((error as TransactionRetryError).cause as { code?: string }).code).toBe('40P01');
    } finally {
      await t.sql(`drop trigger always_deadlock on ${t.table('series')}`);
    }
  });

  it('the nightly job records a poison series in failed, whatever its SQLSTATE, and extends the others', async () => {
    for (const id of ['a-good', 'b-poison', 'c-good']) await saveSeries(t.db, dailySeries(id, '2025-01-01', '09:00', '10:00'), { ...t.options, resource: id, window: { to: '2025-01-03T00:00:00Z' } });
    const fn = `${quoteIdentifier(t.options.schema)}.poison`;
    await t.sql(`create function ${fn}() returns trigger language plpgsql as $$ begin if new.series_id = 'b-poison' then raise sqlstate '22P02' using message = 'poisoned'; end if; return new; end $$`);
    await t.sql(`create trigger poison before insert on ${t.table('blocks')} for each row execute function ${fn}()`);
    try {
      const summary = await extendHorizon(t.db, { ...t.options, until: '2025-01-06T00:00:00Z' });
      expect(summary.extended).toEqual([{ seriesId: 'a-good', added: 3 }, { seriesId: 'c-good', added: 3 }]);
      expect(summary.failed.map((f) => [f.seriesId, f.error.name, (f.error as DatabaseError).sqlState])).toEqual([['b-poison', 'DatabaseError', '22P02']]);
      expect(await t.sql(`select ${'count(*)::int'} as n from ${t.table('blocks')} where series_id = 'b-poison'`)).toEqual([{ n: 2 }]);
    } finally {
      await t.sql(`drop trigger poison on ${t.table('blocks')}`);
    }
  });
});
