import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBlocks, defineSeries, expand, findConflicts, freeSlots, NonexistentTimeError, type Block, type Series, type TimeInterval } from '../../src/index.js';
import { seriesArbitrary } from '../../src/testing/index.js';

/**
 * findConflicts and freeSlots over sub-daily series (hourly, every 15 minutes, secondly;
 * byHour/byMinute/bySecond lists; DST nights), each against a brute-force oracle written
 * plainly here: every pair of blocks for conflicts, every elementary segment between
 * boundaries for free time. The blocks themselves come from `expand`, which the rrule.js
 * oracle checks (test/properties/sub-daily.property.test.ts).
 */

const DAY = 86_400_000;
const MINUTE = 60_000;

function attempt<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    if (error instanceof NonexistentTimeError) return `${error.name} ${error.key}`;
    throw error;
  }
}

/** The same series under another id (ids must differ in one findConflicts call). */
const withId = (series: Series, id: string): Series => defineSeries({ ...(JSON.parse(JSON.stringify(series)) as Series), id });

// dateutilCompatible: day filters (byWeekday with byMonthDay, bySetPos) are left off minutely and
// secondly rules, which would otherwise leave most drawn series empty in a few days' window.
const subDaily = seriesArbitrary({ freqs: ['hourly', 'minutely', 'secondly'], withSingle: false, nearOffsetChanges: true, dateutilCompatible: true, maxCount: 60 });

/** Oracle: every pair of blocks (i before j in block order) that share time, in the order findConflicts promises (by b, then a). */
function conflictsByBruteForce(blocks: readonly Block[], resourceOf: (block: Block) => string) {
  const sorted = blocks.slice().sort(compareBlocks);
  const pairs: Array<{ a: Block; b: Block; start: number; end: number }> = [];
  for (let j = 0; j < sorted.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (resourceOf(a) === resourceOf(b) && a.start < b.end && b.start < a.end) pairs.push({ a, b, start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) });
    }
  }
  return pairs;
}

describe('findConflicts with sub-daily series', () => {
  it('reports exactly the overlapping pairs, within and across two sub-daily series, per resource', () => {
    fc.assert(
      fc.property(subDaily, subDaily, fc.boolean(), (first, second, sameRoom) => {
        const a = withId(first, 'a');
        const b = withId(second, 'b');
        const from = Date.parse(`${first.start}T00:00:00Z`) - DAY;
        const window = { from, to: from + 5 * DAY };
        const rooms: Record<string, string> = { a: 'r1', b: sameRoom ? 'r1' : 'r2' };
        const actual = attempt(() => findConflicts([a, b], window, { by: (series) => rooms[series.id]! }));
        const blocks = attempt(() => [...expand(a, window), ...expand(b, window)]);
        if (typeof blocks === 'string') {
          // `dst.nonexistent: 'error'`: findConflicts throws as expand does.
          expect(typeof actual).toBe('string');
          return;
        }
        expect(actual).toEqual(conflictsByBruteForce(blocks, (block) => rooms[block.seriesId]!));
      }),
      { numRuns: Number(process.env.RUNS ?? 60) },
    );
  });

  const describePair = ({ a, b, start, end }: { a: Block; b: Block; start: number; end: number }) =>
    `${a.seriesId} ${a.key.slice(11)} × ${b.seriesId} ${b.key.slice(11)} ${new Date(start).toISOString().slice(11, 16)}–${new Date(end).toISOString().slice(11, 16)}`;

  it('every 15 minutes with 20-minute blocks: each block clashes with the next, and with a half-hourly series (hand-checked)', () => {
    const quarter = defineSeries({ id: 'quarter', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '09:00', duration: 'PT20M', repeat: { freq: 'minutely', interval: 15, byHour: [9], count: 4 } });
    const half = defineSeries({ id: 'half', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '09:10', duration: 'PT10M', repeat: 'FREQ=MINUTELY;INTERVAL=30;COUNT=2' });
    // 09:00–09:20, 09:15–09:35, 09:30–09:50, 09:45–10:05 and 09:10–09:20, 09:40–09:50 local
    // (UTC+1); pairs by their later block, then the earlier one.
    expect(findConflicts([quarter, half], { from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z' }).map(describePair)).toEqual([
      'quarter 09:00 × half 09:10 08:10–08:20',
      'quarter 09:00 × quarter 09:15 08:15–08:20',
      'half 09:10 × quarter 09:15 08:15–08:20',
      'quarter 09:15 × quarter 09:30 08:30–08:35',
      'quarter 09:30 × half 09:40 08:40–08:50',
      'quarter 09:30 × quarter 09:45 08:45–08:50',
      'half 09:40 × quarter 09:45 08:45–08:50',
    ]);
  });

  it('on a spring-forward night, a shifted hourly occurrence clashes with the next one; under skip it is gone (hand-checked)', () => {
    // Berlin, 30 March 2025: 02:00 does not exist. 'shift' moves it to 03:00 CEST (01:00Z),
    // the instant of the 03:00 occurrence: both blocks are kept, so they conflict.
    const base = { id: 'hourly', timezone: 'Europe/Berlin', start: '2025-03-30', startTime: '01:00', duration: 'PT1H', repeat: { freq: 'hourly' as const, count: 4 } };
    const window = { from: '2025-03-29T00:00:00Z', to: '2025-03-31T00:00:00Z' };
    expect(findConflicts([defineSeries(base)], window).map(describePair)).toEqual(['hourly 02:00 × hourly 03:00 01:00–02:00']);
    expect(findConflicts([defineSeries({ ...base, dst: { nonexistent: 'skip' } })], window)).toEqual([]);
  });
});

/** Oracle: free time cut at every boundary; a segment is free when availability covers it and no widened busy block touches it. */
function freeByBruteForce(available: readonly TimeInterval[], busy: readonly TimeInterval[], window: { from: number; to: number }): TimeInterval[] {
  const cuts = [...new Set([window.from, window.to, ...available.flatMap((b) => [b.start, b.end]), ...busy.flatMap((b) => [b.start, b.end])])].sort((x, y) => x - y);
  const free: Array<{ start: number; end: number }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (start < window.from || end > window.to) continue;
    if (!available.some((b) => b.start <= start && b.end >= end)) continue;
    if (busy.some((b) => b.start < end && b.end > start)) continue;
    const last = free.at(-1);
    if (last !== undefined && last.end === start) last.end = end;
    else free.push({ start, end });
  }
  return free;
}

describe('freeSlots with sub-daily availability', () => {
  it('agrees with a brute-force oracle: availability from a sub-daily series, busy blocks from another', () => {
    fc.assert(
      fc.property(
        subDaily,
        subDaily,
        fc.record({
          duration: fc.constantFrom(45_000, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE),
          step: fc.option(fc.constantFrom(30_000, MINUTE, 5 * MINUTE, 15 * MINUTE), { nil: undefined }),
          before: fc.integer({ min: 0, max: 10 }),
          after: fc.integer({ min: 0, max: 10 }),
          notBeforeHours: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
        }),
        (open, taken, o) => {
          const from = Date.parse(`${open.start}T00:00:00Z`) - DAY;
          const window = { from, to: from + 4 * DAY };
          const notBefore = o.notBeforeHours === undefined ? undefined : from + o.notBeforeHours * 3_600_000;
          const busy = attempt(() => expand(taken, window));
          const available = attempt(() => expand(open, window));
          if (typeof busy === 'string') return;
          const slots = attempt(() =>
            freeSlots({
              availability: [open],
              busy,
              window,
              duration: `PT${o.duration / 1000}S`,
              step: o.step === undefined ? undefined : `PT${o.step / 1000}S`,
              buffer: { before: `PT${o.before}M`, after: `PT${o.after}M` },
              notBefore,
            }),
          );
          if (typeof available === 'string') {
            expect(slots).toBe(available);
            return;
          }
          const widened = busy.map(({ start, end }) => ({ start: start - o.before * MINUTE, end: end + o.after * MINUTE }));
          const step = o.step ?? o.duration;
          const expected: TimeInterval[] = [];
          for (const { start, end } of freeByBruteForce(available, widened, window)) {
            for (let t = start; t + o.duration <= end; t += step) if (notBefore === undefined || t >= notBefore) expected.push({ start: t, end: t + o.duration });
          }
          expect(slots).toEqual(expected);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 60) },
    );
  });

  it('every 15 minutes, 10-minute openings, one booked: 5-minute slots (hand-checked)', () => {
    const openings = defineSeries({ id: 'desk', timezone: 'America/New_York', start: '2025-03-09', startTime: '01:00', duration: 'PT10M', repeat: { freq: 'minutely', interval: 15, byHour: [1, 2, 3], count: 6 } });
    // New York, 9 March 2025: 02:00–03:00 does not exist. The rule's wall times are 01:00,
    // 01:15, 01:30, 01:45, 02:00, 02:15; the last two shift to 03:00 and 03:15 EDT (07:00Z,
    // 07:15Z). 01:15 EST (06:15Z) is booked.
    const booked = [{ start: Date.parse('2025-03-09T06:15:00Z'), end: Date.parse('2025-03-09T06:25:00Z') }];
    const slots = freeSlots({ availability: [openings], busy: booked, window: { from: '2025-03-09T00:00:00Z', to: '2025-03-10T00:00:00Z' }, duration: 'PT5M' });
    expect(slots.map(({ start }) => new Date(start).toISOString().slice(11, 16))).toEqual(['06:00', '06:05', '06:30', '06:35', '06:45', '06:50', '07:00', '07:05', '07:15', '07:20']);
  });
});
