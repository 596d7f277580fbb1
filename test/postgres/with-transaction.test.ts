import { describe, expect, it } from 'vitest';
import { defineSeries, InvalidArgumentError } from '../../src/index.js';
import { book, BookingConflictError, listBookings, saveSeries, TransactionRetryError, withTransaction } from '../../src/postgres/index.js';
import { rejection } from '../support/thrown.js';
import { useMigratedDatabase } from './fixtures.js';

const window = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };
const hours = defineSeries({ id: 'ana-hours', timezone: 'UTC', start: '2025-03-03', startTime: '09:00', endTime: '17:00', repeat: { freq: 'daily', count: 5 } });
const slot = (hh: string) => ({ resource: 'ana', start: `2025-03-04T${hh}:00Z`, end: `2025-03-04T${hh}:30Z` });

describe('withTransaction', () => {
  const t = useMigratedDatabase();
  const o = () => t.options;
  const appointments = () => `${t.table('series').replace(/"timeblocks_series"$/, '"appointments"')}`;
  const prepare = async () => {
    await saveSeries(t.db, hours, { ...o(), resource: 'ana', window });
    await t.sql(`create table if not exists ${appointments()} (booking_id text primary key, patient text not null)`);
    await t.sql(`delete from ${appointments()}`);
  };
  const appointmentRows = () => t.sql<{ booking_id: string; patient: string }>(`select booking_id, patient from ${appointments()} order by booking_id`);

  it('commits the adapter calls and the application queries together', async () => {
    await prepare();
    const booking = await withTransaction(t.db, async (tx) => {
      const made = await book(tx, { ...o(), ...slot('10'), ref: 'p1' });
      await tx.query(`insert into ${appointments()} (booking_id, patient) values ($1::text, $2::text)`, [made.id, 'p1']);
      return made;
    });
    expect(await appointmentRows()).toEqual([{ booking_id: booking.id, patient: 'p1' }]);
    expect(await listBookings(t.db, { ...o(), window })).toEqual([booking]);
  });

  it('rolls both back when the callback throws, and rethrows its error unchanged', async () => {
    await prepare();
    const failure = new Error('payment declined');
    const error = await rejection(
      withTransaction(t.db, async (tx) => {
        const made = await book(tx, { ...o(), ...slot('11') });
        await tx.query(`insert into ${appointments()} (booking_id, patient) values ($1::text, $2::text)`, [made.id, 'p2']);
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await appointmentRows()).toEqual([]);
    expect(await listBookings(t.db, { ...o(), window })).toEqual([]);
  });

  it('a BookingConflictError inside leaves the transaction usable', async () => {
    await prepare();
    const taken = await book(t.db, { ...o(), ...slot('12') });
    const booking = await withTransaction(t.db, async (tx) => {
      await tx.query(`insert into ${appointments()} (booking_id, patient) values ('draft', 'p3')`);
      const conflict = await rejection(book(tx, { ...o(), ...slot('12') }));
      expect(conflict).toBeInstanceOf(BookingConflictError);
      expect((conflict as BookingConflictError).existing.id).toBe(taken.id);
      // The failed call was undone alone (a savepoint): the draft row and the transaction survive.
      const made = await book(tx, { ...o(), ...slot('13') });
      await tx.query(`update ${appointments()} set booking_id = $1::text where booking_id = 'draft'`, [made.id]);
      return made;
    });
    expect(await appointmentRows()).toEqual([{ booking_id: booking.id, patient: 'p3' }]);
    expect((await listBookings(t.db, { ...o(), window })).map((b) => b.id)).toEqual([taken.id, booking.id]);
  });

  it('reruns the callback after a deadlock or serialization failure, from a clean transaction', async () => {
    await prepare();
    let attempts = 0;
    const booking = await withTransaction(t.db, async (tx) => {
      attempts += 1;
      const made = await book(tx, { ...o(), ...slot('14') });
      await tx.query(`insert into ${appointments()} (booking_id, patient) values ($1::text, 'p4')`, [made.id]);
      // The server reports a deadlock on the first attempt (as a real one would: SQLSTATE 40P01).
      if (attempts === 1) await tx.query(`do $$ begin raise exception 'forced' using errcode = 'deadlock_detected'; end $$`);
      return made;
    });
    expect(attempts).toBe(2);
    expect(await appointmentRows()).toEqual([{ booking_id: booking.id, patient: 'p4' }]);
    expect(await listBookings(t.db, { ...o(), window })).toEqual([booking]);
  });

  it('gives up with TransactionRetryError after its last attempt, the last failure as cause', async () => {
    await prepare();
    let attempts = 0;
    const error = await rejection(
      withTransaction(t.db, async (tx) => {
        attempts += 1;
        await book(tx, { ...o(), ...slot('15') });
        await tx.query(`do $$ begin raise exception 'forced' using errcode = 'serialization_failure'; end $$`);
      }),
    );
    expect(error).toBeInstanceOf(TransactionRetryError);
    expect((error as TransactionRetryError).attempts).toBe(attempts);
    expect(attempts).toBe(5);
    expect(((error as Error).cause as { code?: string }).code).toBe('40001');
    expect(await listBookings(t.db, { ...o(), window })).toEqual([]);
  });

  it('refuses a bad callback, a handle passed again, and a handle used after its transaction', async () => {
    await prepare();
    expect(((await rejection(withTransaction(t.db, 'nope' as never))) as InvalidArgumentError).field).toBe('fn');
    let escaped: unknown;
    await withTransaction(t.db, async (tx) => {
      escaped = tx;
      expect(((await rejection(withTransaction(tx, async () => undefined))) as InvalidArgumentError).field).toBe('db');
    });
    expect(((await rejection(book(escaped as never, { ...o(), ...slot('16') }))) as InvalidArgumentError).field).toBe('db');
  });
});
