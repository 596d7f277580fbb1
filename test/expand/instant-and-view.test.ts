import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError, toZonedIso, viewBlock } from '../../src/index.js';
import { toEpochMs } from '../../src/expand/instant.js';

describe('instants accepted by windows', () => {
  it('takes epoch ms, Dates and ISO strings with an offset', () => {
    const ms = Date.UTC(2025, 2, 30, 1, 30);
    expect(toEpochMs(ms, 'from')).toBe(ms);
    expect(toEpochMs(new Date(ms), 'from')).toBe(ms);
    expect(toEpochMs('2025-03-30T01:30:00Z', 'from')).toBe(ms);
    expect(toEpochMs('2025-03-30T03:30:00+02:00', 'from')).toBe(ms);
    expect(toEpochMs('2025-03-29T20:30-05:00', 'from')).toBe(ms);
    expect(toEpochMs('2025-03-30T01:30:00.250Z', 'from')).toBe(ms + 250);
    expect(toEpochMs('2025-03-30t01:30:00z', 'from')).toBe(ms);
  });

  it('agrees with Date.parse on every ISO instant Date can print', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(toEpochMs(date.toISOString(), 'to')).toBe(date.getTime());
      }),
    );
  });

  it('rejects what names no instant, naming the field', () => {
    const reject = (value: unknown, pattern: RegExp) => {
      try {
        toEpochMs(value as string, 'to');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).field).toBe('to');
        expect((error as Error).message).toMatch(pattern);
        return;
      }
      throw new Error(`accepted ${String(value)}`);
    };
    reject('2025-03-30T01:30:00', /no UTC offset/);
    reject('2025-03-30', /no UTC offset/);
    reject('tomorrow', /not an ISO 8601 instant/);
    reject('2025-02-30T00:00:00Z', /not a valid date-time/);
    reject(NaN, /not a finite number/);
    reject(Infinity, /not a finite number/);
    reject(new Date('nope'), /invalid Date/);
    reject(null, /got null/);
    reject({}, /got an object/);
    reject(Date.UTC(10000, 0, 1), /outside years 0001–9999/);
  });

  it('expand names the window field that was wrong', () => {
    const series = defineSeries({ id: 's', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', duration: 'PT1H', repeat: { freq: 'daily' } });
    expect(() => expand(series, { from: '2025-01-01T00:00:00Z' })).toThrow(/to: series "s" never ends/);
    expect(() => expand(series, { from: '2025-01-02T00:00:00Z', to: '2025-01-01T00:00:00Z' })).toThrow(/to: must be after from/);
    expect(() => expand(series, { to: '2025-01-05T00:00:00Z', limit: 0 })).toThrow(/limit: 0 is not a positive integer/);
    expect(() => expand(series, { to: '2025-01-05T00:00:00Z', limit: 2.5 })).toThrow(InvalidArgumentError);
  });
});

describe('display helpers', () => {
  it('toZonedIso prints local time with the offset in force', () => {
    expect(toZonedIso(Date.UTC(2025, 2, 30, 1, 30), 'Europe/Berlin')).toBe('2025-03-30T03:30:00+02:00');
    expect(toZonedIso(Date.UTC(2025, 0, 1, 0, 0), 'Asia/Kathmandu')).toBe('2025-01-01T05:45:00+05:45');
    expect(toZonedIso(Date.UTC(2025, 0, 1, 12, 0, 7), 'America/St_Johns')).toBe('2025-01-01T08:30:07-03:30');
    expect(toZonedIso(Date.UTC(2025, 5, 1), 'UTC')).toBe('2025-06-01T00:00:00+00:00');
  });

  it('viewBlock gives local and UTC ISO strings and keeps adjusted', () => {
    const series = defineSeries({ id: 'gap', timezone: 'Europe/Berlin', start: '2025-03-30', startTime: '02:30', endTime: '03:30' });
    const [block] = expand(series);
    expect(viewBlock(block!, series.timezone)).toEqual({
      seriesId: 'gap',
      key: '2025-03-30T02:30',
      localStart: '2025-03-30T03:30:00+02:00',
      localEnd: '2025-03-30T04:30:00+02:00',
      utcStart: '2025-03-30T01:30:00.000Z',
      utcEnd: '2025-03-30T02:30:00.000Z',
      adjusted: { start: 'shifted', end: 'rebuilt' },
    });
  });
});
