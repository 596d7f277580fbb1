import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import {
  book,
  BookingConflictError,
  cancelBooking,
  findFreeSlots,
  getSeries,
  listBlocks,
  listBookings,
  migrate,
  moveBooking,
  saveSeries,
  withTransaction,
} from '../../src/postgres/index.js';
import { type DriverHandle, openDriverHandles } from './driver-handles.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

// Every bookings call, and withTransaction, through every driver the adapter accepts.

const window = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };
const day = { from: '2025-03-04T00:00:00Z', to: '2025-03-05T00:00:00Z' };
const hours = (id: string) => defineSeries({ id, timezone: 'UTC', start: '2025-03-03', startTime: '09:00', endTime: '11:00', repeat: { freq: 'daily', count: 5 } });

describe('bookings through every driver', () => {
  let t: TestDatabase;
  let handles: DriverHandle[];
  let appointments: string;
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
    appointments = `${quoteIdentifier(t.options.schema)}.appointments`;
    await t.sql(`create table ${appointments} (booking_id text primary key, patient text not null)`);
    handles = await openDriverHandles(t);
  });
  afterAll(async () => {
    for (const handle of handles ?? []) await handle.close();
    await t?.close();
  });

  it('book, read, move, cancel and find free slots; withTransaction commits with the app, survives a conflict and reruns', async () => {
    for (const [i, { name, db }] of handles.entries()) {
      const o = t.options;
      const resource = `dr-${i}`;
      await saveSeries(db, hours(`hours-${i}`), { ...o, resource, window, capacity: 2 });
      expect((await getSeries(db, `hours-${i}`, o))?.capacity, name).toBe(2);
      const first = await book(db, { ...o, resource, start: '2025-03-04T09:00:00Z', end: '2025-03-04T10:00:00Z', ref: `p-${i}`, metadata: { nested: { list: [1, 'two', null] }, text: 'ünïcødé 😀' } });
      expect(first.metadata, name).toEqual({ nested: { list: [1, 'two', null] }, text: 'ünïcødé 😀' });
      await book(db, { ...o, resource, start: '2025-03-04T09:00:00Z', end: '2025-03-04T10:00:00Z' });
      await expect(book(db, { ...o, resource, start: '2025-03-04T09:30:00Z', end: '2025-03-04T10:00:00Z' }), name).rejects.toBeInstanceOf(BookingConflictError);
      const moved = await moveBooking(db, first.id, { ...o, start: '2025-03-04T10:00:00Z', end: '2025-03-04T11:00:00Z' });
      expect(moved.seat, name).toBe(1);
      expect((await listBookings(db, { ...o, resource, window: day })).map((b) => b.seat), name).toEqual([2, 1]);
      expect(await listBlocks(db, { ...o, resource, window: day }), name).toHaveLength(1);
      expect((await findFreeSlots(db, { ...o, resources: [resource], window: day, duration: 'PT1H' })).map((s) => s.start), name).toEqual([Date.parse('2025-03-04T09:00:00Z'), Date.parse('2025-03-04T10:00:00Z')]);
      await cancelBooking(db, moved.id, o);

      let attempts = 0;
      const made = await withTransaction(db, async (tx) => {
        attempts += 1;
        await expect(book(tx, { ...o, resource, start: '2025-03-04T09:00:00Z', end: '2025-03-04T09:30:00Z', ref: 'x' })).resolves.toMatchObject({ seat: 1 });
        await expect(book(tx, { ...o, resource, start: '2025-03-04T09:00:00Z', end: '2025-03-04T09:30:00Z' })).rejects.toBeInstanceOf(BookingConflictError);
        const booking = await book(tx, { ...o, resource, start: '2025-03-05T09:00:00Z', end: '2025-03-05T09:30:00Z' });
        await tx.query(`insert into ${appointments} (booking_id, patient) values ($1::text, $2::text)`, [booking.id, name]);
        if (attempts === 1) await tx.query(`do $$ begin raise exception 'forced' using errcode = 'deadlock_detected'; end $$`);
        return booking;
      });
      expect(attempts, name).toBe(2);
      expect(await t.sql(`select patient from ${appointments} where booking_id = $1`, [made.id]), name).toEqual([{ patient: name }]);
      expect((await listBookings(db, { ...o, resource, window })).map((b) => b.ref), name).toEqual(['x', null, null]);
    }
  });
});
