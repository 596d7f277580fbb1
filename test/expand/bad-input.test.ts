import { describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError, occurrences, SeriesValidationError, toZonedIso, viewBlock, type Block, type Series } from '../../src/index.js';

const daily = defineSeries({ id: 'a', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00', repeat: { freq: 'daily', count: 2 } });

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).field;
  }
  throw new Error('expected an InvalidArgumentError');
}

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
