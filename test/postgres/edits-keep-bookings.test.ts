import { describe, expect, it } from 'vitest';
import { defineSeries, InvalidArgumentError } from '../../src/index.js';
import {
  book,
  BookingConflictError,
  cancelBooking,
  cancelSeries,
  findFreeSlots,
  listBlocks,
  regenerate,
  saveSeries,
  setBlockStatus,
} from '../../src/postgres/index.js';
import { rejection } from '../support/thrown.js';
import { useMigratedDatabase } from './fixtures.js';

const window = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };
const input = { id: 'ana-hours', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '09:00', endTime: '17:00', repeat: { freq: 'weekly' as const, byWeekday: ['MO' as const, 'TU' as const, 'WE' as const, 'TH' as const, 'FR' as const] } };

describe('edits never strand a booking', () => {
  const t = useMigratedDatabase();
  const o = () => t.options;
  const save = (capacity = 1) => saveSeries(t.db, defineSeries(input), { ...o(), resource: 'ana', window, capacity });

  it('regenerate keeps the block a booking lies in and reports it', async () => {
    await save();
    const early = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-18T09:00:00+01:00', end: '2025-03-18T09:30:00+01:00', ref: 'p1' });
    const summary = await regenerate(t.db, defineSeries({ ...input, startTime: '10:00', endTime: '18:00' }), { ...o(), from: '2025-03-17T00:00:00Z' });
    expect(summary.heldByBookings).toEqual([{ key: '2025-03-18T09:00', bookingIds: [early.id], reason: expect.stringContaining(`live booking ${early.id} lie`), displaced: ['2025-03-18T10:00'] }]);
    expect(summary.preserved).toEqual(['2025-03-18T09:00']);
    expect(summary.removed).not.toContain('2025-03-18T09:00');
    const days = await listBlocks(t.db, { ...o(), resource: 'ana', window: { from: '2025-03-17T00:00:00Z', to: '2025-03-20T00:00:00Z' } });
    expect(days.map((b) => `${b.key} ${new Date(b.start).toISOString().slice(11, 16)}`)).toEqual(['2025-03-17T10:00 09:00', '2025-03-18T09:00 08:00', '2025-03-19T10:00 09:00']);
    // Once the booking is gone, the edit applies to that day too.
    await cancelBooking(t.db, early.id, o());
    const again = await regenerate(t.db, defineSeries({ ...input, startTime: '10:00', endTime: '18:00' }), { ...o(), from: '2025-03-17T00:00:00Z' });
    expect(again).toMatchObject({ added: ['2025-03-18T10:00'], removed: ['2025-03-18T09:00'], heldByBookings: [] });
  });

  it('cancelSeries keeps blocks with bookings open, and cancels them once the bookings are gone', async () => {
    await save();
    const held = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-25T11:00:00+01:00', end: '2025-03-25T12:00:00+01:00' });
    const summary = await cancelSeries(t.db, 'ana-hours', { ...o(), from: '2025-03-24T00:00:00Z' });
    expect(summary.cancelled).toEqual(['2025-03-24T09:00', '2025-03-26T09:00', '2025-03-27T09:00', '2025-03-28T09:00', '2025-03-31T09:00']);
    expect(summary.preserved).toEqual(['2025-03-25T09:00']);
    expect(summary.heldByBookings.map((b) => [b.key, b.bookingIds])).toEqual([['2025-03-25T09:00', [held.id]]]);
    await cancelBooking(t.db, held.id, o());
    expect(await cancelSeries(t.db, 'ana-hours', { ...o(), from: '2025-03-24T00:00:00Z' })).toMatchObject({ cancelled: ['2025-03-25T09:00'], preserved: [], heldByBookings: [] });
  });

  it('setBlockStatus refuses to take a block with bookings out of availability', async () => {
    await save(3);
    const inside = await book(t.db, { ...o(), resource: 'ana', start: '2025-03-20T09:00:00+01:00', end: '2025-03-20T10:00:00+01:00' });
    const ref = { seriesId: 'ana-hours', key: '2025-03-20T09:00' };
    for (const status of ['booked', 'blocked', 'cancelled'] as const) {
      const error = await rejection(setBlockStatus(t.db, ref, status, o()));
      expect(error).toBeInstanceOf(BookingConflictError);
      expect((error as BookingConflictError).existing.id).toBe(inside.id);
    }
    expect((await listBlocks(t.db, { ...o(), seriesId: 'ana-hours', window: { from: '2025-03-20T00:00:00Z', to: '2025-03-21T00:00:00Z' } }))[0]?.status).toBe('open');
    await cancelBooking(t.db, inside.id, o());
    expect((await setBlockStatus(t.db, ref, 'booked', { ...o(), expected: 'open' })).status).toBe('booked');
    // A booked block is not availability: no seat of it can be booked now.
    expect((await rejection(book(t.db, { ...o(), resource: 'ana', start: '2025-03-20T09:00:00+01:00', end: '2025-03-20T10:00:00+01:00' })) as Error).name).toBe('OutsideAvailabilityError');
  });
});

describe('findFreeSlots', () => {
  const t = useMigratedDatabase();
  const o = () => t.options;
  const day = { from: '2025-03-18T00:00:00+01:00', to: '2025-03-19T00:00:00+01:00' };
  const at = (hhmm: string) => Date.parse(`2025-03-18T${hhmm}:00+01:00`);

  it('is availability minus bookings, labelled by resource, ready to book', async () => {
    await saveSeries(t.db, defineSeries({ ...input, startTime: '09:00', endTime: '11:00' }), { ...o(), resource: 'ana', window });
    await saveSeries(t.db, defineSeries({ ...input, id: 'ben-hours', startTime: '10:00', endTime: '11:00' }), { ...o(), resource: 'ben', window });
    await book(t.db, { ...o(), resource: 'ana', start: at('09:30'), end: at('10:00') });
    const slots = await findFreeSlots(t.db, { ...o(), resources: ['ana', 'ben'], window: day, duration: 'PT30M' });
    expect(slots).toEqual([
      { resource: 'ana', start: at('09:00'), end: at('09:30') },
      { resource: 'ana', start: at('10:00'), end: at('10:30') },
      { resource: 'ben', start: at('10:00'), end: at('10:30') },
      { resource: 'ana', start: at('10:30'), end: at('11:00') },
      { resource: 'ben', start: at('10:30'), end: at('11:00') },
    ]);
    const booked = await book(t.db, { ...o(), ...slots[0]! });
    expect(booked.start).toBe(at('09:00'));
    const buffered = await findFreeSlots(t.db, { ...o(), resources: ['ana'], window: day, duration: 'PT30M', buffer: 'PT15M', step: 'PT15M', grid: { timezone: 'Europe/Berlin' } });
    expect(buffered.map((s) => s.start)).toEqual([at('10:15'), at('10:30')]);
  });

  it('with capacity, offers a slot while a seat is free over all of it', async () => {
    await saveSeries(t.db, defineSeries({ ...input, startTime: '09:00', endTime: '11:00' }), { ...o(), resource: 'ana', window, capacity: 2 });
    await book(t.db, { ...o(), resource: 'ana', start: at('09:00'), end: at('10:00') });
    await book(t.db, { ...o(), resource: 'ana', start: at('10:00'), end: at('11:00') });
    await book(t.db, { ...o(), resource: 'ana', start: at('09:00'), end: at('09:30') });
    // Seat 1 is taken 09–11, seat 2 09:00–09:30: one place left from 09:30.
    const slots = await findFreeSlots(t.db, { ...o(), resources: ['ana'], window: day, duration: 'PT30M' });
    expect(slots.map((s) => s.start)).toEqual([at('09:30'), at('10:00'), at('10:30')]);
    for (const slot of slots) await book(t.db, { ...o(), ...slot });
    expect(await findFreeSlots(t.db, { ...o(), resources: ['ana'], window: day, duration: 'PT30M' })).toEqual([]);
  });

  it('refuses a window past a never-ending series horizon, naming it, unless asked to extend', async () => {
    await saveSeries(t.db, defineSeries(input), { ...o(), resource: 'ana', window });
    const later = { from: '2025-04-07T00:00:00Z', to: '2025-04-12T00:00:00Z' };
    const error = await rejection(findFreeSlots(t.db, { ...o(), resources: ['ana'], window: later, duration: 'PT1H' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe('window.to');
    expect((error as Error).message).toMatch(/series "ana-hours" \(resource "ana"\), stored up to 2025-04-01T00:00:00.000Z/);
    const slots = await findFreeSlots(t.db, { ...o(), resources: ['ana'], window: later, duration: 'PT1H', extendHorizon: true });
    expect(slots).toHaveLength(5 * 8);
  });

  it('validates its options before any SQL', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ resources: [], window: day, duration: 'PT30M' }, 'resources'],
      [{ resources: 'ana', window: day, duration: 'PT30M' }, 'resources'],
      [{ resources: ['ana', ''], window: day, duration: 'PT30M' }, 'resources[1]'],
      [{ resources: ['ana'], window: day, duration: 'PT0M' }, 'duration'],
      [{ resources: ['ana'], window: day, duration: 'PT30M', durration: 1 }, 'durration'],
      [{ resources: ['ana'], window: { from: day.to, to: day.from }, duration: 'PT30M' }, 'window.to'],
      [{ resources: ['ana'], window: day, duration: 'PT30M', grid: { timezone: 'Mars/Base' } }, 'grid.timezone'],
      [{ resources: Array.from({ length: 1001 }, (_, i) => `r${i}`), window: day, duration: 'PT30M' }, 'resources'],
    ];
    for (const [options, field] of cases) {
      const error = await rejection(findFreeSlots(t.db, { ...o(), ...options } as never));
      expect((error as InvalidArgumentError).field, field).toBe(field);
    }
  });
});
