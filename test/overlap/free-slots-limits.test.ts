import { describe, expect, it } from 'vitest';
import { ExpansionLimitError, freeSlots, InvalidArgumentError } from '../../src/index.js';

/** Runs `call` and returns what it threw (the test fails when nothing is thrown). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('freeSlots: output limit, ISO 8601 lengths only, known option keys', () => {
  const year = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
  const always = [{ start: Date.parse(year.from), end: Date.parse(year.to) }];

  it('throws ExpansionLimitError past the default limit of 100 000 instead of running out of memory', () => {
    const error = thrown(() => freeSlots({ availability: always, window: year, duration: 'PT1M', step: 'PT1S' }));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as ExpansionLimitError).limit).toBe(100_000);
    expect((error as ExpansionLimitError).field).toBe('limit');
    expect((error as Error).message).toMatch(/freeSlots: more than 100000 slots in the window; narrow the window, lengthen `step` or raise `limit`/);
  });

  it('the limit is exact: limit slots pass, one more throws; on a grid too', () => {
    const day = { from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z' };
    const hours = [{ start: Date.parse(day.from), end: Date.parse(day.to) }];
    expect(freeSlots({ availability: hours, window: day, duration: 'PT1H', limit: 24 })).toHaveLength(24);
    expect(thrown(() => freeSlots({ availability: hours, window: day, duration: 'PT1H', limit: 23 }))).toBeInstanceOf(ExpansionLimitError);
    const grid = { timezone: 'Europe/Berlin' };
    expect(freeSlots({ availability: hours, window: day, duration: 'PT1H', grid, limit: 24 })).toHaveLength(24);
    expect(thrown(() => freeSlots({ availability: hours, window: day, duration: 'PT1H', grid, limit: 23 }))).toBeInstanceOf(ExpansionLimitError);
    // A 1 s grid over a year stops at the limit rather than building every start first.
    expect(thrown(() => freeSlots({ availability: always, window: year, duration: 'PT1M', step: 'PT1S', grid }))).toBeInstanceOf(ExpansionLimitError);
  });

  it('counts only slots at or after notBefore, and seeks there without walking every step', () => {
    const late = '2025-12-31T23:00:00Z';
    // One-second steps from 23:00:00 to 23:59:00, the last start with a minute left.
    const slots = freeSlots({ availability: always, window: year, duration: 'PT1M', step: 'PT1S', notBefore: late, limit: 3541 });
    expect(slots).toHaveLength(3541);
    expect(slots[0]!.start).toBe(Date.parse(late));
    const grid = freeSlots({ availability: always, window: year, duration: 'PT1M', step: 'PT1S', notBefore: late, limit: 3541, grid: { timezone: 'UTC' } });
    expect(grid).toEqual(slots);
  });

  it('rejects a bad limit, naming it', () => {
    const base = { availability: always, window: year, duration: 'PT1H' };
    for (const limit of [0, -1, 1.5, Number.NaN, '10']) {
      const error = thrown(() => freeSlots({ ...base, limit: limit as number }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('limit');
    }
  });

  it('refuses a bare number for duration, step and buffers, saying what to write instead of guessing a unit', () => {
    const base = { availability: always, window: year, duration: 'PT1H' };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ duration: 30 }, 'duration', /30 is a bare number, whose unit would be a guess; write an ISO 8601 duration such as 'PT30M' for 30 minutes/],
      [{ step: 1.5 }, 'step', /'PT30M'/],
      [{ buffer: 0 }, 'buffer', /bare number/],
      [{ buffer: { before: 5 } }, 'buffer.before', /'PT5M' for 5 minutes/],
      [{ buffer: { after: Number.NaN } }, 'buffer.after', /bare number/],
    ];
    for (const [options, field, message] of cases) {
      const error = thrown(() => freeSlots({ ...base, ...options } as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe(field);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('the 30-minute slot written as a number is refused, not read as 30 ms and reported as too many slots', () => {
    const error = thrown(() => freeSlots({ availability: always, window: year, duration: 30 as never }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).not.toBeInstanceOf(ExpansionLimitError);
  });

  it('takes zero-length buffers in ISO 8601', () => {
    const day = { from: '2025-03-03T00:00:00Z', to: '2025-03-03T02:00:00Z' };
    const hours = [{ start: day.from, end: day.to }];
    expect(freeSlots({ availability: hours, window: day, duration: 'PT1H', buffer: 'PT0S' })).toHaveLength(2);
    expect(freeSlots({ availability: hours, window: day, duration: 'PT1H', buffer: { before: 'P0D', after: 'PT0M' } })).toHaveLength(2);
  });

  it('rejects unknown option keys, naming the key', () => {
    const base = { availability: always, window: year, duration: 'PT1H' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ durration: 'PT1H' }, 'durration'],
      [{ buffer: { befor: 'PT5M' } }, 'buffer.befor'],
      [{ grid: { timezone: 'UTC', zone: 'UTC' } }, 'grid.zone'],
    ];
    for (const [options, field] of cases) {
      const error = thrown(() => freeSlots({ ...base, ...options } as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe(field);
      expect((error as Error).message).toMatch(/unknown option/);
    }
  });
});
