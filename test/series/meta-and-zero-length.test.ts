import { describe, expect, it } from 'vitest';
import { defineSeries, expand, occurrences, SeriesValidationError, toICalendar, type SeriesInput } from '../../src/index.js';
import { thrown } from '../support/thrown.js';

const base: SeriesInput = { id: 'x', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '09:00', duration: 'PT1H', repeat: { freq: 'daily', count: 3 } };

describe('duration PT0S: an event that occupies no time', () => {
  it('is a valid series whose occurrences yield no blocks, in expand and occurrences', () => {
    const series = defineSeries({ ...base, duration: 'PT0S' });
    expect(expand(series)).toEqual([]);
    expect([...occurrences(series)]).toEqual([]);
    expect(toICalendar([series])).toContain('DURATION:PT0S');
  });

  it('a zero-length move yields no block for that occurrence only', () => {
    const series = defineSeries({ ...base, overrides: { '2025-03-04T09:00': { duration: 'PT0S' } } });
    expect(expand(series).map((block) => block.key)).toEqual(['2025-03-03T09:00', '2025-03-05T09:00']);
  });
});

describe('meta: plain JSON data carried on a series', () => {
  it('is copied, deeply frozen, and kept by defineSeries(series)', () => {
    const meta = { summary: 'Standup', attendees: ['a@example.com'], nested: { n: 1, ok: true, none: null } };
    const series = defineSeries({ ...base, meta });
    expect(series.meta).toEqual(meta);
    expect(series.meta).not.toBe(meta);
    expect(Object.isFrozen((series.meta as { attendees: string[] }).attendees)).toBe(true);
    expect(defineSeries(series)).toEqual(series);
  });

  it('refuses what is not plain, bounded JSON data, naming meta', () => {
    const cases: unknown[] = [[], 'text', { when: new Date(0) }, { n: Number.NaN }, { big: 'x'.repeat(70_000) }, { f: () => 1 }];
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = (deep.d = {}) as Record<string, unknown>;
    cases.push(root);
    for (const meta of cases) {
      const error = thrown(() => defineSeries({ ...base, meta } as SeriesInput));
      expect(error).toBeInstanceOf(SeriesValidationError);
      expect((error as SeriesValidationError).issues[0]!.path).toBe('meta');
    }
  });
});
