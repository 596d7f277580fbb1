import { describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError, occurrences, SeriesValidationError, toZonedIso, viewBlock, type Block, type Series } from '../../src/index.js';
import { invalidArgument } from '../support/thrown.js';

const fieldOf = (run: () => unknown): string => invalidArgument(run).field;

const daily = defineSeries({ id: 'a', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00', repeat: { freq: 'daily', count: 2 } });


describe('expand and occurrences take only series', () => {
  it.each([null, undefined, 'x', 42, []])('%j is an InvalidArgumentError on `series`', (value) => {
    expect(fieldOf(() => expand(value as unknown as Series))).toBe('series');
    expect(fieldOf(() => occurrences(value as unknown as Series).next())).toBe('series');
  });

  it('an object that is no valid series is a SeriesValidationError listing its problems', () => {
    const run = () => expand({ id: 1, timezone: 'Mars/Base' } as unknown as Series);
    expect(run).toThrow(SeriesValidationError);
    try {
      run();
    } catch (error) {
      expect((error as SeriesValidationError).issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['id', 'timezone', 'start']));
    }
  });

  it('a series read back from JSON is validated and expands like the original', () => {
    const stored = JSON.parse(JSON.stringify(daily)) as Series;
    expect(expand(stored)).toEqual(expand(daily));
    expect([...occurrences(stored)]).toEqual(expand(daily));
  });
});

describe('display helpers', () => {
  it.each([NaN, Infinity, '0', undefined])('toZonedIso(%j) names epochMs', (value) => {
    expect(fieldOf(() => toZonedIso(value as unknown as number, 'UTC'))).toBe('epochMs');
  });

  it('an unknown zone names timezone', () => {
    expect(fieldOf(() => toZonedIso(0, 'Mars/Base'))).toBe('timezone');
    expect(fieldOf(() => viewBlock(expand(daily)[0]!, 'Mars/Base'))).toBe('timezone');
  });

  it('a block with a bad instant names the field', () => {
    const block = { ...expand(daily)[0]!, end: Number.NaN } as Block;
    expect(fieldOf(() => viewBlock(block, 'UTC'))).toBe('block.end');
    expect(fieldOf(() => viewBlock(null as unknown as Block, 'UTC'))).toBe('block');
  });
});

describe('toZonedIso: the range it can write, and the offsets', () => {
  /** 0001-01-01T00:00:00Z (Date.UTC maps years 0–99 to 1900–1999). */
  const year1Utc = -62_135_596_800_000;

  it.each([
    [8.64e15, 'UTC'],
    [-8.64e15, 'UTC'],
    [year1Utc - 1, 'UTC'],
    [Date.UTC(10000, 0, 1), 'UTC'],
    // 0001-01-01T00:00Z is still year 0000 in New York.
    [year1Utc, 'America/New_York'],
  ])('%d in %s is outside years 0001–9999: an InvalidArgumentError on epochMs', (epochMs, timezone) => {
    expect(fieldOf(() => toZonedIso(epochMs, timezone))).toBe('epochMs');
  });

  it('writes both ends of the range with four-digit years', () => {
    expect(toZonedIso(year1Utc, 'UTC')).toBe('0001-01-01T00:00:00+00:00');
    expect(toZonedIso(Date.UTC(9999, 11, 31, 23, 59, 59, 999), 'UTC')).toBe('9999-12-31T23:59:59+00:00');
    // An instant in year 10000 UTC that is still 9999 locally: a real block end.
    expect(toZonedIso(Date.UTC(9999, 11, 31, 23, 0) + 8 * 3_600_000, 'America/Los_Angeles')).toBe('9999-12-31T23:00:00-08:00');
  });

  it('drops milliseconds toward the past, before 1970 too', () => {
    expect(toZonedIso(-1, 'UTC')).toBe('1969-12-31T23:59:59+00:00');
    expect(toZonedIso(-1001, 'UTC')).toBe('1969-12-31T23:59:58+00:00');
  });

  it('keeps the seconds of a local mean time offset, so the string names the same instant', () => {
    const epochMs = Date.UTC(1850, 0, 1);
    const text = toZonedIso(epochMs, 'Europe/Berlin');
    expect(text).toBe('1850-01-01T00:53:28+00:53:28');
    const [, local, sign, h, m, s] = /^(.*)([+-])(\d\d):(\d\d):(\d\d)$/.exec(text)!;
    const offset = (sign === '-' ? -1 : 1) * (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
    expect(Date.parse(`${local}Z`) - offset).toBe(epochMs);
  });
});
