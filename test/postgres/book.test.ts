import { describe, expect, it } from 'vitest';
import { defineSeries, InvalidArgumentError } from '../../src/index.js';
import {
  book,
  BookingConflictError,
  cancelBooking,
  getSeries,
  listBlocks,
  listBookings,
  moveBooking,
  OutsideAvailabilityError,
  saveSeries,
} from '../../src/postgres/index.js';
import { rejection } from '../support/thrown.js';
import { useMigratedDatabase } from './fixtures.js';

const window = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };

/** Mon–Fri `startTime`–`endTime` in Berlin from 3 March 2025, never ending. */
function hours(id: string, startTime: string, endTime: string) {
  return defineSeries({ id, timezone: 'Europe/Berlin', start: '2025-03-03', startTime, endTime, repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'] } });
}

describe('book, cancelBooking, moveBooking', () => {
  const t = useMigratedDatabase();
  const o = () => t.options;
  const ana = async (capacity?: number) => {
    await saveSeries(t.db, hours('ana-morning', '09:00', '12:00'), { ...o(), resource: 'ana', window, ...(capacity === undefined ? {} : { capacity }) });
    await saveSeries(t.db, hours('ana-afternoon', '12:00', '17:00'), { ...o(), resource: 'ana', window, ...(capacity === undefined ? {} : { capacity }) });
  };

  it('books an interval inside availability and reads it back', async () => {
    await ana();
    const booking = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-11T10:30:00+01:00', end: new Date('2025-03-11T10:00:00Z'), ref: 'patient-42', metadata: { note: 'first visit' } });
    expect(booking).toEqual({
      id: expect.stringMatching(/^\d+$/),
      resource: 'ana',
      start: Date.parse('2025-03-11T09:30:00Z'),
      end: Date.parse('2025-03-11T10:00:00Z'),
      seat: 1,
      ref: 'patient-42',
      metadata: { note: 'first visit' },
      status: 'live',
    });
    expect(await listBookings(t.db, { ...o(), window, resource: 'ana' })).toEqual([booking]);
    expect(await listBookings(t.db, { ...o(), window, ref: 'patient-42' })).toEqual([booking]);
    expect(await listBookings(t.db, { ...o(), window, ref: 'nobody' })).toEqual([]);
  });

  it('spans adjacent availability blocks, and refuses a gap naming the uncovered stretch', async () => {
    await ana();
    const across = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-12T11:30:00+01:00', end: '2025-03-12T12:30:00+01:00' });
    expect(across.seat).toBe(1);
    const error = await rejection(book(t.db, { ...o(), resource: 'ana', start: '2025-03-12T16:30:00+01:00', end: '2025-03-12T17:30:00+01:00' }));
    expect(error).toBeInstanceOf(OutsideAvailabilityError);
    expect((error as OutsideAvailabilityError).uncovered).toEqual({ start: Date.parse('2025-03-12T16:00:00Z'), end: Date.parse('2025-03-12T16:30:00Z') });
    const weekend = await rejection(book(t.db, { ...o(), resource: 'ana', start: '2025-03-15T10:00:00+01:00', end: '2025-03-15T10:30:00+01:00' }));
    expect((weekend as OutsideAvailabilityError).uncovered).toEqual({ start: Date.parse('2025-03-15T09:00:00Z'), end: Date.parse('2025-03-15T09:30:00Z') });
  });

  it('refuses an overlapping booking with the booking it hit; touching ones fit', async () => {
    await ana();
    const first = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-11T10:00:00+01:00', end: '2025-03-11T11:00:00+01:00' });
    const error = await rejection(book(t.db, { ...o(), resource: 'ana', start: '2025-03-11T10:30:00+01:00', end: '2025-03-11T11:30:00+01:00' }));
    expect(error).toBeInstanceOf(BookingConflictError);
    expect((error as BookingConflictError).existing).toEqual(first);
    expect((error as BookingConflictError).requested).toEqual({ start: Date.parse('2025-03-11T09:30:00Z'), end: Date.parse('2025-03-11T10:30:00Z') });
    await book(t.db, { ...o(), resource: 'ana', start: '2025-03-11T11:00:00+01:00', end: '2025-03-11T11:30:00+01:00' });
    expect(await listBookings(t.db, { ...o(), window })).toHaveLength(2);
  });

  it('with capacity n takes the lowest free seat, n at most at any instant', async () => {
    await ana(3);
    const at = { resource: 'ana', start: '2025-03-13T10:00:00+01:00', end: '2025-03-13T11:00:00+01:00' };
    const seats = [];
    for (let i = 0; i < 3; i++) seats.push((await book(t.db, { ...o(), ...at })).seat);
    expect(seats).toEqual([1, 2, 3]);
    expect(await rejection(book(t.db, { ...o(), ...at, start: '2025-03-13T10:59:00+01:00' }))).toBeInstanceOf(BookingConflictError);
    const [, second] = await listBookings(t.db, { ...o(), window });
    await cancelBooking(t.db, second!.id, o());
    expect((await book(t.db, { ...o(), ...at })).seat).toBe(2);
    expect((await getSeries(t.db, 'ana-morning', o()))?.capacity).toBe(3);
  });

  it('takes the least capacity among the covering blocks', async () => {
    await saveSeries(t.db, hours('class-a', '09:00', '10:00'), { ...o(), resource: 'gym', window, capacity: 2 });
    await saveSeries(t.db, hours('class-b', '10:00', '11:00'), { ...o(), resource: 'gym', window, capacity: 1 });
    const across = { resource: 'gym', start: '2025-03-14T09:30:00+01:00', end: '2025-03-14T10:30:00+01:00' };
    await book(t.db, { ...o(), ...across });
    expect(await rejection(book(t.db, { ...o(), ...across }))).toBeInstanceOf(BookingConflictError);
    expect((await book(t.db, { ...o(), resource: 'gym', start: '2025-03-14T09:00:00+01:00', end: '2025-03-14T09:30:00+01:00' })).seat).toBe(1);
    expect((await book(t.db, { ...o(), resource: 'gym', start: '2025-03-14T09:00:00+01:00', end: '2025-03-14T09:30:00+01:00' })).seat).toBe(2);
  });

  it('cancels (idempotently) and moves, keeping id, ref and metadata', async () => {
    await ana();
    const booking = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-17T09:00:00+01:00', end: '2025-03-17T09:30:00+01:00', ref: 'p1', metadata: { a: 1 } });
    const blocker = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-17T10:00:00+01:00', end: '2025-03-17T10:30:00+01:00' });
    const moved = await moveBooking(t.db, booking.id, { ...o(), start: '2025-03-17T09:15:00+01:00', end: '2025-03-17T10:00:00+01:00' });
    expect(moved).toEqual({ ...booking, start: Date.parse('2025-03-17T08:15:00Z'), end: Date.parse('2025-03-17T09:00:00Z') });
    const clash = await rejection(moveBooking(t.db, booking.id, { ...o(), start: '2025-03-17T09:45:00+01:00', end: '2025-03-17T10:15:00+01:00' }));
    expect((clash as BookingConflictError).existing.id).toBe(blocker.id);
    expect(await rejection(moveBooking(t.db, booking.id, { ...o(), start: '2025-03-17T08:45:00+01:00', end: '2025-03-17T09:15:00+01:00' }))).toBeInstanceOf(OutsideAvailabilityError);
    expect((await listBookings(t.db, { ...o(), window, ref: 'p1' }))[0]).toEqual(moved);
    const cancelled = await cancelBooking(t.db, booking.id, o());
    expect(cancelled.status).toBe('cancelled');
    expect(await cancelBooking(t.db, booking.id, o())).toEqual(cancelled);
    expect(await listBookings(t.db, { ...o(), window, status: ['cancelled'] })).toEqual([cancelled]);
    expect(await rejection(moveBooking(t.db, booking.id, { ...o(), start: '2025-03-17T11:00:00+01:00', end: '2025-03-17T11:30:00+01:00' }))).toBeInstanceOf(InvalidArgumentError);
  });

  it('refuses bad input by field, before any SQL', async () => {
    await ana();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ resource: 'ana', start: '2025-03-17T10:00:00+01:00', end: '2025-03-17T10:00:00+01:00' }, 'end'],
      [{ resource: 'ana', start: '2025-03-17T10:00:00', end: '2025-03-17T11:00:00+01:00' }, 'start'],
      [{ resource: '', start: 0, end: 1 }, 'resource'],
      [{ resource: 'nobody', start: '2025-03-17T10:00:00+01:00', end: '2025-03-17T11:00:00+01:00' }, 'resource'],
      [{ resource: 'ana', start: '2025-03-17T10:00:00+01:00', end: '2025-03-17T11:00:00+01:00', ref: 'x'.repeat(1001) }, 'ref'],
      [{ resource: 'ana', start: '2025-03-17T10:00:00+01:00', end: '2025-03-17T11:00:00+01:00', ref: 'a\ud800' }, 'ref'],
      [{ resource: 'ana', start: '2025-03-17T10:00:00+01:00', end: '2025-03-17T11:00:00+01:00', metadata: { big: 'x'.repeat(70_000) } }, 'metadata'],
      [{ resource: 'ana', start: '2025-03-17T10:00:00+01:00', end: '2025-03-17T11:00:00+01:00', metadata: [1] }, 'metadata'],
    ];
    for (const [input, field] of cases) {
      const error = await rejection(book(t.db, { ...o(), ...input } as never));
      expect(error, field).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe(field);
    }
    for (const id of ['x', '0', '-1', 1.5, '99999999999999999999']) {
      expect(((await rejection(cancelBooking(t.db, id as string, o()))) as InvalidArgumentError).field).toBe('id');
    }
    expect(((await rejection(cancelBooking(t.db, '123456', o()))) as InvalidArgumentError).message).toMatch(/no booking has id 123456/);
    expect(await listBookings(t.db, { ...o(), window })).toEqual([]);
  });
});

describe('listBlocks, getSeries and limits', () => {
  const t = useMigratedDatabase();
  const o = () => t.options;

  it('lists stored blocks by resource, series and status, sorted, within a limit', async () => {
    await saveSeries(t.db, hours('ana-morning', '09:00', '12:00'), { ...t.options, resource: 'ana', window });
    await saveSeries(t.db, hours('ben-morning', '09:00', '12:00'), { ...t.options, resource: 'ben', window });
    const week = { from: '2025-03-10T00:00:00Z', to: '2025-03-15T00:00:00Z' };
    const all = await listBlocks(t.db, { ...o(), window: week });
    expect(all).toHaveLength(10);
    expect(all.map((b) => `${b.key} ${b.seriesId}`).slice(0, 2)).toEqual(['2025-03-10T09:00 ana-morning', '2025-03-10T09:00 ben-morning']);
    expect(await listBlocks(t.db, { ...o(), window: week, resource: 'ben' })).toEqual(all.filter((b) => b.resource === 'ben'));
    expect(await listBlocks(t.db, { ...o(), window: week, seriesId: 'ana-morning', status: 'booked' })).toEqual([]);
    const error = await rejection(listBlocks(t.db, { ...o(), window: week, limit: 9 }));
    expect((error as Error).name).toBe('ExpansionLimitError');
    expect(((await rejection(listBlocks(t.db, { ...o(), window: { from: week.to, to: week.from } }))) as InvalidArgumentError).field).toBe('window.to');
    expect(((await rejection(listBlocks(t.db, { ...o(), window: week, status: 'gone' as never }))) as InvalidArgumentError).field).toBe('status');
    expect(((await rejection(listBookings(t.db, { ...o(), window: week, limit: 0 }))) as InvalidArgumentError).field).toBe('limit');
  });

  it('reads a stored series back', async () => {
    const series = hours('ana-morning', '09:00', '12:00');
    await saveSeries(t.db, series, { ...t.options, resource: 'ana', window, capacity: 4 });
    expect(await getSeries(t.db, 'ana-morning', o())).toEqual({ series, resource: 'ana', capacity: 4, horizon: Date.parse(window.to), cancelledFrom: null });
    expect(await getSeries(t.db, 'nobody', o())).toBeUndefined();
    const error = await rejection(saveSeries(t.db, series, { ...t.options, resource: 'ana', window, capacity: 2 }));
    expect((error as InvalidArgumentError).field).toBe('capacity');
    expect(((await rejection(saveSeries(t.db, hours('x', '09:00', '10:00'), { ...t.options, resource: 'x', window, capacity: 0 }))) as InvalidArgumentError).field).toBe('capacity');
  });
});
