import { describe, expect, it } from 'vitest';
import { defineSeries, findConflicts, findOverlaps, freeSlots, InvalidArgumentError, mergeBlocks, subtractBlocks, toZonedIso } from '../../src/index.js';

const local = (ms: number, zone: string) => toZonedIso(ms, zone).slice(11, 16);

describe('freeSlots on a local wall-clock grid across DST', () => {
  const nightAvailability = (zone: string, date: string) =>
    defineSeries({ id: 'night', timezone: zone, start: date, startTime: '00:00', endTime: '06:00' });

  it('Berlin spring forward: 02:00 and 02:30 do not exist, so they give no slots', () => {
    const slots = freeSlots({
      availability: [nightAvailability('Europe/Berlin', '2025-03-30')],
      window: { from: '2025-03-29T12:00:00Z', to: '2025-03-30T12:00:00Z' },
      duration: 'PT30M',
      grid: { timezone: 'Europe/Berlin' },
    });
    expect(slots.map((slot) => local(slot.start, 'Europe/Berlin'))).toEqual(['00:00', '00:30', '01:00', '01:30', '03:00', '03:30', '04:00', '04:30', '05:00', '05:30']);
    expect(slots.every((slot) => slot.end - slot.start === 30 * 60_000)).toBe(true);
  });

  it('Berlin fall back: 02:00 and 02:30 happen twice, and both are slots', () => {
    const slots = freeSlots({
      availability: [nightAvailability('Europe/Berlin', '2025-10-26')],
      window: { from: '2025-10-25T12:00:00Z', to: '2025-10-26T12:00:00Z' },
      duration: 'PT30M',
      grid: { timezone: 'Europe/Berlin' },
    });
    expect(slots.map((slot) => toZonedIso(slot.start, 'Europe/Berlin').slice(11))).toEqual([
      '00:00:00+02:00', '00:30:00+02:00', '01:00:00+02:00', '01:30:00+02:00', '02:00:00+02:00', '02:30:00+02:00',
      '02:00:00+01:00', '02:30:00+01:00', '03:00:00+01:00', '03:30:00+01:00', '04:00:00+01:00', '04:30:00+01:00', '05:00:00+01:00', '05:30:00+01:00',
    ]);
  });

  it('New York: hourly grid in a 09:17–12:00 gap starts at 10:00 and 11:00 local', () => {
    const slots = freeSlots({
      availability: [{ start: Date.parse('2025-11-03T14:17:00Z'), end: Date.parse('2025-11-03T17:00:00Z') }],
      window: { from: '2025-11-03T00:00:00Z', to: '2025-11-04T00:00:00Z' },
      duration: 'PT1H',
      grid: { timezone: 'America/New_York' },
    });
    expect(slots.map((slot) => local(slot.start, 'America/New_York'))).toEqual(['10:00', '11:00']);
  });

  it('Kathmandu (+05:45): a 15-minute grid lands on local quarter hours', () => {
    const slots = freeSlots({
      availability: [{ start: Date.parse('2025-01-01T03:20:00Z'), end: Date.parse('2025-01-01T04:00:00Z') }],
      window: { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' },
      duration: 'PT15M',
      grid: { timezone: 'Asia/Kathmandu' },
    });
    expect(slots.map((slot) => local(slot.start, 'Asia/Kathmandu'))).toEqual(['09:15', '09:30']);
  });
});

describe('freeSlots basics', () => {
  const day = { from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z' };
  const hours = [{ start: Date.parse('2025-03-03T09:00:00Z'), end: Date.parse('2025-03-03T12:00:00Z') }];
  const utc = (ms: number) => new Date(ms).toISOString().slice(11, 16);

  it('cuts free time into slots, minus busy blocks with buffers, not before notBefore', () => {
    const slots = freeSlots({
      availability: hours,
      busy: [{ start: Date.parse('2025-03-03T10:00:00Z'), end: Date.parse('2025-03-03T10:30:00Z') }],
      buffer: { after: 'PT15M' },
      window: day,
      duration: 'PT30M',
      step: 'PT15M',
      notBefore: '2025-03-03T09:10:00Z',
    });
    expect(slots.map((slot) => utc(slot.start))).toEqual(['09:15', '09:30', '10:45', '11:00', '11:15', '11:30']);
  });

  it('takes busy and availability ends in every instant form: epoch ms, Date, ISO 8601 with an offset', () => {
    const forms = [
      { start: Date.parse('2025-03-03T10:00:00Z'), end: Date.parse('2025-03-03T10:30:00Z') },
      { start: new Date('2025-03-03T10:00:00Z'), end: new Date('2025-03-03T10:30:00Z') },
      { start: '2025-03-03T11:00:00+01:00', end: '2025-03-03T11:30:00+01:00' },
    ];
    const expected = freeSlots({ availability: hours, busy: [forms[0]!], window: day, duration: 'PT30M' });
    for (const busy of forms) {
      expect(freeSlots({ availability: hours, busy: [busy], window: day, duration: 'PT30M' })).toEqual(expected);
      expect(freeSlots({ availability: [{ start: '2025-03-03T09:00:00Z', end: new Date('2025-03-03T12:00:00Z') }], busy: [busy], window: day, duration: 'PT30M' })).toEqual(expected);
    }
    expect(() => freeSlots({ availability: hours, busy: [{ start: '2025-03-03T10:00', end: '2025-03-03T10:30' }], window: day, duration: 'PT30M' })).toThrow(
      /busy\[0\].start: "2025-03-03T10:00" has no UTC offset/,
    );
  });

  it('rejects bad input with the field named', () => {
    const base = { availability: hours, window: day, duration: 'PT30M' };
    expect(() => freeSlots({ ...base, duration: 'PT0M' })).toThrow(/duration: "PT0M" is zero/);
    expect(() => freeSlots({ ...base, step: -5 as never })).toThrow(/step: -5 is a bare number/);
    expect(() => freeSlots({ ...base, duration: 'P1M' })).toThrow(/duration: .*fixed length/);
    expect(() => freeSlots({ ...base, window: { from: day.to, to: day.from } })).toThrow(/window.to: must be after window.from/);
    expect(() => freeSlots({ ...base, busy: [{ start: 10, end: 10 }] })).toThrow(/busy\[0\].end: must be after start/);
    expect(() => freeSlots({ ...base, busy: [{ start: NaN, end: 10 }] })).toThrow(/busy\[0\].start: NaN is not a finite number/);
    expect(() => freeSlots({ ...base, buffer: -1 as never })).toThrow(/buffer: -1 is a bare number/);
    expect(() => freeSlots({ ...base, buffer: '-PT1M' })).toThrow(/buffer: .*not an ISO 8601 duration/);
    expect(() => freeSlots({ ...base, grid: { timezone: 'Mars/Base' } })).toThrow(/grid.timezone/);
    expect(() => freeSlots({ ...base, availability: [{ start: 5, end: 1 }] })).toThrow(/availability\[0\].end/);
    try {
      freeSlots({ ...base, duration: -1 as never });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('duration');
    }
  });
});

describe('findConflicts', () => {
  const window = { from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z' };

  it('reports clashes within one series: a 2-hour block every hour', () => {
    const hourly = defineSeries({ id: 'hourly', timezone: 'UTC', start: '2025-03-03', startTime: '09:00', duration: 'PT2H', include: ['2025-03-03T10:00', '2025-03-03T11:00'] });
    const conflicts = findConflicts([hourly], window);
    expect(conflicts.map(({ a, b, start, end }) => [a.key, b.key, new Date(start).toISOString(), new Date(end).toISOString()])).toEqual([
      ['2025-03-03T09:00', '2025-03-03T10:00', '2025-03-03T10:00:00.000Z', '2025-03-03T11:00:00.000Z'],
      ['2025-03-03T10:00', '2025-03-03T11:00', '2025-03-03T11:00:00.000Z', '2025-03-03T12:00:00.000Z'],
    ]);
  });

  it('reports clashes across series, naming both series and keys, only within a resource', () => {
    const standup = defineSeries({ id: 'standup', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '09:30', endTime: '10:00', repeat: { freq: 'daily', count: 2 } });
    const review = defineSeries({ id: 'review', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '09:45', endTime: '10:30' });
    const other = defineSeries({ id: 'other-room', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '09:00', endTime: '11:00' });
    const rooms: Record<string, string> = { standup: 'r1', review: 'r1', 'other-room': 'r2' };
    const conflicts = findConflicts([standup, review, other], window, { by: (series) => rooms[series.id]! });
    expect(conflicts.map(({ a, b }) => `${a.seriesId} ${a.key} × ${b.seriesId} ${b.key}`)).toEqual(['standup 2025-03-03T09:30 × review 2025-03-03T09:45']);
    expect(findConflicts([standup, review, other], window)).toHaveLength(3);
  });

  it('rejects duplicate series ids', () => {
    const one = defineSeries({ id: 'x', timezone: 'UTC', start: '2025-03-03', startTime: '09:00', duration: 'PT1H' });
    expect(() => findConflicts([one, one], window)).toThrow(/"x" appears twice/);
  });
});

describe('findOverlaps, mergeBlocks, subtractBlocks: bad input', () => {
  it('names the block that is wrong', () => {
    const ok = { seriesId: 's', key: 'k', start: 0, end: 10 };
    expect(() => findOverlaps([ok, { ...ok, key: 'j', end: -1 }])).toThrow(/blocks\[1\].end: must be after start/);
    expect(() => findOverlaps([{ ...ok, start: Infinity }])).toThrow(/blocks\[0\].start: Infinity is not a finite instant/);
    expect(() => mergeBlocks([{ start: 3, end: 3 }])).toThrow(/blocks\[0\].end/);
    expect(() => subtractBlocks([{ start: 0, end: 5 }], [{ start: 9, end: 2 }])).toThrow(/minus\[0\].end/);
    expect(() => findOverlaps([ok], { by: 42 as never })).toThrow(/by: expected a property name or a function/);
  });

  it('touching blocks do not overlap; merged they are one', () => {
    const a = { seriesId: 's', key: 'a', start: 0, end: 10 };
    const b = { seriesId: 's', key: 'b', start: 10, end: 20 };
    expect(findOverlaps([a, b])).toEqual([]);
    expect(mergeBlocks([b, a])).toEqual([{ start: 0, end: 20 }]);
  });
});
