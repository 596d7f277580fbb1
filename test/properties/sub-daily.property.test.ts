import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBlocks, defineSeries, expand, NonexistentTimeError, occurrences, type Block, type Series, type SeriesInput } from '../../src/index.js';
import { seriesArbitrary, seriesInputArbitrary } from '../../src/testing/index.js';
import { oracleExpand } from '../support/oracle.js';

const DAY = 86_400_000;

function attempt(run: () => Block[]): Block[] | { error: string; key?: string } {
  try {
    return run();
  } catch (error) {
    if (error instanceof NonexistentTimeError) return { error: error.name, key: error.key };
    throw error;
  }
}

/** Zones and the local dates of their 2025 transitions: every window below holds one. */
const transitions: Record<string, readonly string[]> = {
  'Europe/Berlin': ['2025-03-30', '2025-10-26'],
  'Europe/London': ['2025-03-30', '2025-10-26'],
  'America/New_York': ['2025-03-09', '2025-11-02'],
  'America/St_Johns': ['2025-03-09', '2025-11-02'],
  'America/Havana': ['2025-03-09', '2025-11-02'],
  'America/Santiago': ['2025-04-05', '2025-09-06'],
  'Australia/Sydney': ['2025-04-06', '2025-10-05'],
  'Australia/Lord_Howe': ['2025-04-06', '2025-10-05'],
  'Pacific/Chatham': ['2025-04-06', '2025-09-28'],
};

function definable(input: SeriesInput): Series | undefined {
  try {
    return defineSeries(input);
  } catch {
    return undefined;
  }
}

/** Sub-daily series (and day-level ones at several times a day) starting 0–2 days before a DST transition of their zone. */
const nearTransition = fc
  .record({
    input: seriesInputArbitrary({ freqs: ['hourly', 'minutely', 'secondly', 'daily', 'weekly'], withSingle: false, withTimesOfDay: true, withNeverEnding: true, dateutilCompatible: true, maxCount: 60 }),
    zone: fc.constantFrom(...Object.keys(transitions)),
    which: fc.integer({ min: 0, max: 1 }),
    before: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ input, zone, which, before }) => {
    const transition = Date.parse(`${transitions[zone]![which]}T00:00:00Z`) / DAY;
    const start = new Date((transition - before) * DAY).toISOString().slice(0, 10);
    const { repeat } = input;
    // Keep an until after the new start.
    const moved = typeof repeat === 'object' && repeat.until !== undefined ? { ...repeat, until: undefined, count: 50 } : repeat;
    return definable({ ...input, timezone: zone, start, repeat: moved, exclude: [], include: (input.include ?? []).map((text) => text.replace(/^\d{4}-\d{2}-\d{2}/, start)) });
  })
  .filter((series): series is Series => series !== undefined);

describe('sub-daily rules agree with the independent oracle (rrule.js + luxon)', () => {
  const check = (series: Series, from: number, to: number) => {
    const expected = oracleExpand(series, from, to);
    const actual = attempt(() => expand(series, { from: Number.isFinite(from) ? from : undefined, to: Number.isFinite(to) ? to : undefined }));
    if (expected.gapKeys.length > 0) {
      expect(actual).toMatchObject({ error: 'NonexistentTimeError' });
      expect(expected.gapKeys).toContain((actual as { key: string }).key);
      return;
    }
    expect(Array.isArray(actual)).toBe(true);
    expect((actual as Block[]).map(({ adjusted: _adjusted, ...rest }) => rest)).toEqual(expected.blocks);
  };

  it('across DST transitions, with hours in gaps and repeated hours, under every policy', () => {
    fc.assert(
      fc.property(nearTransition, (series) => {
        const start = Date.parse(`${series.start}T00:00:00Z`);
        check(series, start - DAY, start + 4 * DAY);
      }),
      { numRuns: Number(process.env.RUNS ?? 120) },
    );
  });

  it('whole finite sub-daily series in random zones', () => {
    const arbitrary = seriesArbitrary({ freqs: ['hourly', 'minutely', 'secondly'], withSingle: false, dateutilCompatible: true, maxCount: 40 });
    fc.assert(fc.property(arbitrary, (series) => check(series, -Infinity, Infinity)), { numRuns: Number(process.env.RUNS ?? 60) });
  });
});

describe('sub-daily invariants', () => {
  const withWindow = seriesArbitrary({ freqs: ['hourly', 'minutely', 'secondly', 'daily'], withSingle: false, withTimesOfDay: true, withNeverEnding: true, maxCount: 300 }).chain((series) => {
    const start = Date.parse(`${series.start}T00:00:00Z`);
    return fc
      .record({ a: fc.integer({ min: -24, max: 24 * 5 }), b: fc.integer({ min: -24, max: 24 * 5 }) })
      .filter(({ a, b }) => a !== b)
      .map(({ a, b }) => ({ series, from: start + (Math.min(a, b) * DAY) / 24, to: start + (Math.max(a, b) * DAY) / 24 }));
  });

  it('slices, keeps keys unique and sorted, and agrees with occurrences()', () => {
    fc.assert(
      fc.property(withWindow, fc.double({ min: 0, max: 1, noNaN: true }), ({ series, from, to }, cut) => {
        const whole = attempt(() => expand(series, { from, to }));
        if (!Array.isArray(whole)) return;
        expect(new Set(whole.map((block) => block.key)).size).toBe(whole.length);
        for (let i = 1; i < whole.length; i++) expect(compareBlocks(whole[i - 1]!, whole[i]!)).toBeLessThan(0);
        const middle = Math.floor(from + (to - from) * cut);
        if (middle > from && middle < to) {
          const left = attempt(() => expand(series, { from, to: middle }));
          const right = attempt(() => expand(series, { from: middle, to }));
          if (Array.isArray(left) && Array.isArray(right)) {
            const union = new Map([...left, ...right].map((block) => [block.key, block]));
            expect([...union.values()].sort(compareBlocks)).toEqual(whole);
          }
        }
        const lazy: Block[] = [];
        for (const block of occurrences(series, { from })) {
          if (block.start >= to) break;
          lazy.push(block);
        }
        expect(lazy.filter((block) => block.end > from)).toEqual(whole);
      }),
      { numRuns: Number(process.env.RUNS ?? 60) },
    );
  });

  it('survives a JSON round trip', () => {
    fc.assert(
      fc.property(withWindow, ({ series, from, to }) => {
        const copy = defineSeries(JSON.parse(JSON.stringify(series)));
        expect(copy).toEqual(series);
        expect(attempt(() => expand(copy, { from, to }))).toEqual(attempt(() => expand(series, { from, to })));
      }),
      { numRuns: Number(process.env.RUNS ?? 40) },
    );
  });
});
