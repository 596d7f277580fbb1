import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBlocks, defineSeries, expand, NonexistentTimeError, occurrences, type Block, type Series } from '../../src/index.js';
import { seriesArbitrary, windowArbitrary } from '../../src/testing/index.js';
import { oracleExpand } from '../support/oracle.js';

const DAY = 86_400_000;
const runs = { numRuns: 200 };

/** `expand`, or the error it throws, as plain data (so two calls can be compared). */
function attempt(run: () => Block[]): Block[] | { error: string; key?: string } {
  try {
    return run();
  } catch (error) {
    if (error instanceof NonexistentTimeError) return { error: error.name, key: error.key };
    throw error;
  }
}

/** A window around the series: from a bit before its start to ~3 years after. */
const seriesWithWindow = seriesArbitrary().chain((series) => {
  const start = Date.parse(`${series.start}T00:00:00Z`);
  return fc
    .record({ a: fc.integer({ min: -10, max: 1200 }), b: fc.integer({ min: -10, max: 1200 }) })
    .filter(({ a, b }) => a !== b)
    .map(({ a, b }) => ({ series, from: start + Math.min(a, b) * DAY / 2, to: start + Math.max(a, b) * DAY / 2 }));
});

describe('expand: invariants', () => {
  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(seriesWithWindow, ({ series, from, to }) => {
        const again = defineSeries(JSON.parse(JSON.stringify(series)));
        expect(attempt(() => expand(again, { from, to }))).toEqual(attempt(() => expand(series, { from, to })));
      }),
      runs,
    );
  });

  it('returns sorted blocks within the window, each ending after it starts, with unique keys', () => {
    fc.assert(
      fc.property(seriesWithWindow, ({ series, from, to }) => {
        const result = attempt(() => expand(series, { from, to }));
        if (!Array.isArray(result)) return;
        for (let i = 0; i < result.length; i++) {
          const block = result[i]!;
          expect(block.end).toBeGreaterThan(block.start);
          expect(block.start < to && block.end > from).toBe(true);
          if (i > 0) expect(compareBlocks(result[i - 1]!, block)).toBeLessThan(0);
        }
        expect(new Set(result.map((block) => block.key)).size).toBe(result.length);
      }),
      runs,
    );
  });

  it('slices: expanding [a, c) equals the union of [a, b) and [b, c)', () => {
    fc.assert(
      fc.property(seriesWithWindow, fc.double({ min: 0, max: 1, noNaN: true }), ({ series, from, to }, cut) => {
        const middle = Math.floor(from + (to - from) * cut);
        fc.pre(middle > from && middle < to);
        const whole = attempt(() => expand(series, { from, to }));
        const left = attempt(() => expand(series, { from, to: middle }));
        const right = attempt(() => expand(series, { from: middle, to }));
        if (!Array.isArray(whole) || !Array.isArray(left) || !Array.isArray(right)) return;
        const union = new Map([...left, ...right].map((block) => [block.key, block]));
        expect([...union.values()].sort(compareBlocks)).toEqual(whole);
      }),
      runs,
    );
  });

  it('respects count and until, and never returns an excluded date', () => {
    fc.assert(
      fc.property(seriesArbitrary({ withDstPolicies: false }), (series) => {
        const blocks = expand(series);
        const rule = series.repeat;
        const included = new Set(series.include);
        const ruleBlocks = blocks.filter((block) => !included.has(block.key) || block.key.slice(11) === series.startTime);
        if (rule?.count !== undefined) expect(ruleBlocks.length).toBeLessThanOrEqual(rule.count + series.include.length);
        for (const block of blocks) {
          expect(series.exclude).not.toContain(block.key.slice(0, 10));
          if (rule?.until !== undefined && !included.has(block.key)) expect(block.key.slice(0, 10) <= rule.until).toBe(true);
          if (!included.has(block.key)) expect(block.key >= series.start).toBe(true);
        }
      }),
      runs,
    );
  });

  it('counts exactly: without excludes, includes and skips, a count series has count blocks', () => {
    fc.assert(
      fc.property(seriesArbitrary({ withDstPolicies: false, withSingle: false }), (input) => {
        fc.pre(input.repeat?.count !== undefined);
        const series = defineSeries({ ...input, exclude: [], include: [] });
        expect(expand(series)).toHaveLength(input.repeat!.count!);
      }),
      runs,
    );
  });

  it('survives a JSON round trip of the series', () => {
    fc.assert(
      fc.property(seriesArbitrary(), (series) => {
        const copy = defineSeries(JSON.parse(JSON.stringify(series)));
        expect(copy).toEqual(series);
        expect(attempt(() => expand(copy))).toEqual(attempt(() => expand(series)));
      }),
      runs,
    );
  });

  it('occurrences() yields what expand() returns, lazily and in order', () => {
    fc.assert(
      fc.property(seriesWithWindow, ({ series, from }) => {
        const eager = attempt(() => expand(series, { from }));
        const lazy = attempt(() => [...occurrences(series, { from })]);
        expect(lazy).toEqual(eager);
      }),
      runs,
    );
  });
});

describe('expand: agreement with an independent oracle (rrule.js + luxon)', () => {
  const oracleSeries = seriesArbitrary({ dateutilCompatible: true, maxCount: 60 });

  const check = (series: Series, from: number, to: number) => {
    const expected = oracleExpand(series, from, to);
    const actual = attempt(() => expand(series, { from: Number.isFinite(from) ? from : undefined, to: Number.isFinite(to) ? to : undefined }));
    if (expected.gapKeys.length > 0) {
      expect(actual).toMatchObject({ error: 'NonexistentTimeError' });
      expect(expected.gapKeys).toContain((actual as { key: string }).key);
      return;
    }
    expect(Array.isArray(actual)).toBe(true);
    const stripped = (actual as Block[]).map(({ adjusted: _adjusted, ...rest }) => rest);
    expect(stripped).toEqual(expected.blocks);
  };

  it('whole finite series', () => {
    fc.assert(fc.property(oracleSeries, (series) => check(series, -Infinity, Infinity)), { numRuns: 300 });
  });

  it('windows of finite and never-ending series', () => {
    const arbitrary = seriesArbitrary({ dateutilCompatible: true, withNeverEnding: true, maxCount: 60 }).chain((series) =>
      windowArbitrary({ min: '1994-06-01', max: '2040-12-31', maxDays: 200 }).map((window) => ({ series, window })),
    );
    fc.assert(
      fc.property(arbitrary, ({ series, window }) => {
        // Keep windows near the series so they hold occurrences.
        const start = Date.parse(`${series.start}T00:00:00Z`);
        const from = start + (window.from % (3 * 365 * DAY)) - 30 * DAY;
        check(series, from, from + (window.to - window.from));
      }),
      { numRuns: 300 },
    );
  });
});
