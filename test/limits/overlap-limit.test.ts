import { describe, expect, it } from 'vitest';
import { type Block, defineSeries, ExpansionLimitError, findConflicts, findOverlaps, InvalidArgumentError, limits } from '../../src/index.js';
import { thrown } from '../support/thrown.js';

/** `n` identical blocks: every pair overlaps, n(n-1)/2 pairs. */
function identical(n: number): Block[] {
  return Array.from({ length: n }, (_, i) => ({ seriesId: `s${i}`, key: '2025-01-01T10:00', start: 0, end: 3_600_000 }));
}

describe('findOverlaps: at most `limit` pairs (default 100 000), refused before they are built', () => {
  it('the limit is exact: limit pairs pass, one more throws', () => {
    expect(findOverlaps(identical(5), { limit: 10 })).toHaveLength(10);
    const error = thrown(() => findOverlaps(identical(5), { limit: 9 }));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as ExpansionLimitError).limit).toBe(9);
    expect((error as ExpansionLimitError).seriesId).toBe('');
    expect((error as Error).message).toBe(
      'findOverlaps: more than 9 overlapping pairs in the window; narrow the window, compare per resource with `by` or raise `limit`',
    );
  });

  it('10 000 identical blocks (50 M pairs) throw ExpansionLimitError at the default limit instead of running out of heap', () => {
    const error = thrown(() => findOverlaps(identical(10_000)));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as ExpansionLimitError).limit).toBe(limits.pairs);
  });

  it('counts pairs per resource: the same blocks on separate resources pass', () => {
    const blocks = identical(1000).map((block, i) => ({ ...block, room: i }));
    expect(findOverlaps(blocks, { by: 'room' })).toEqual([]);
  });

  it('rejects a bad limit, naming it', () => {
    for (const limit of [0, -1, 1.5, Number.NaN, '10', Infinity]) {
      const error = thrown(() => findOverlaps(identical(2), { limit: limit as number }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('limit');
    }
  });
});

describe('findConflicts: `limit` bounds each series\' blocks and the conflicts; all blocks together are capped', () => {
  const daily = (id: string) => defineSeries({ id, timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '09:00', duration: 'PT1H', repeat: { freq: 'daily' } });
  const year = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };

  it('300 identical daily series over a year (16 M pairs) throw ExpansionLimitError, not 1.9 GB', () => {
    const series = Array.from({ length: 300 }, (_, i) => daily(`s${i}`));
    const error = thrown(() => findConflicts(series, year));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as Error).message).toMatch(/^findConflicts: more than 100000 overlapping pairs/);
  });

  it('the conflict limit is exact', () => {
    const series = [daily('a'), daily('b')];
    const week = { from: '2025-01-01T00:00:00Z', to: '2025-01-08T00:00:00Z' };
    expect(findConflicts(series, week, { limit: 7 })).toHaveLength(7);
    expect(thrown(() => findConflicts(series, week, { limit: 6 }))).toBeInstanceOf(ExpansionLimitError);
  });

  it('past `limits.conflictBlocks` blocks from all series together, a fixed cap no option raises', () => {
    // 1000 daily series over 1003 days: 1 003 000 blocks in all, each series well under its own limit.
    const series = Array.from({ length: 1000 }, (_, i) =>
      defineSeries({ id: `m${i}`, timezone: 'UTC', start: '2025-01-01', startTime: '00:00', duration: 'PT1M', repeat: { freq: 'daily' } }),
    );
    const window = { from: '2025-01-01T00:00:00Z', to: '2027-10-01T00:00:00Z' };
    const error = thrown(() => findConflicts(series, window));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as ExpansionLimitError).field).toBe('');
    expect((error as Error).message).toBe(
      'findConflicts: more than 1000000 blocks from all series together in the window; narrow the window or check fewer series at once',
    );
  });
});
