import { describe, expect, it } from 'vitest';
import {
  defineSeries,
  expand,
  NonexistentTimeError,
  occurrences,
  TimeblocksError,
  type AmbiguousPolicy,
  type Block,
  type NonexistentPolicy,
  type SeriesInput,
} from '../../src/index.js';
import { thrown } from '../support/thrown.js';

/**
 * DST behaviour zone by zone. Every expected instant below is a literal worked out by hand
 * from the zone's tz rules (offset before/after, local transition time), never computed by
 * the library. Notation in comments: local wall time, offset → UTC.
 */

const iso = (ms: number) => new Date(ms).toISOString();

/** A block as a comparable row; `adjusted` only appears when the block really has the property. */
function row(block: Block): Record<string, unknown> {
  const out: Record<string, unknown> = { key: block.key, start: iso(block.start), end: iso(block.end) };
  if ('adjusted' in block) out.adjusted = block.adjusted;
  return out;
}
const rows = (blocks: readonly Block[]) => blocks.map(row);

type Interval = readonly [start: string, end: string];

function expected(key: string, [start, end]: Interval, adjusted?: Record<string, string>): Record<string, unknown> {
  return adjusted === undefined ? { key, start, end } : { key, start, end, adjusted };
}


const nonexistentPolicies: NonexistentPolicy[] = ['shift', 'skip', 'error'];
const ambiguousPolicies: AmbiguousPolicy[] = ['earlier', 'later'];
const allPolicies = nonexistentPolicies.flatMap((nonexistent) => ambiguousPolicies.map((ambiguous) => ({ nonexistent, ambiguous })));

interface GapCase {
  /** The three local dates of a daily series: the day before, the gap day, the day after. */
  dates: readonly [string, string, string];
  time: string;
  prev: Interval;
  /** The start moved forward by the gap's length (the offset before the gap applies). */
  shifted: Interval;
  next: Interval;
}

interface OverlapCase {
  dates: readonly [string, string, string];
  time: string;
  prev: Interval;
  earlier: Interval;
  later: Interval;
  next: Interval;
}

interface ZoneCase {
  zone: string;
  gap: GapCase;
  overlap: OverlapCase;
}

// Each series is daily, count 3, 30 minutes long (duration PT30M): end = start + 30 min.
const zones: ZoneCase[] = [
  {
    // EST −5 / EDT −4. 2025-03-09 02:00 → 03:00 (07:00Z); 2025-11-02 02:00 → 01:00 (06:00Z).
    zone: 'America/New_York',
    gap: {
      dates: ['2025-03-08', '2025-03-09', '2025-03-10'],
      time: '02:30',
      prev: ['2025-03-08T07:30:00.000Z', '2025-03-08T08:00:00.000Z'], // 02:30 −5
      shifted: ['2025-03-09T07:30:00.000Z', '2025-03-09T08:00:00.000Z'], // 03:30 −4
      next: ['2025-03-10T06:30:00.000Z', '2025-03-10T07:00:00.000Z'], // 02:30 −4
    },
    overlap: {
      dates: ['2025-11-01', '2025-11-02', '2025-11-03'],
      time: '01:30',
      prev: ['2025-11-01T05:30:00.000Z', '2025-11-01T06:00:00.000Z'], // 01:30 −4
      earlier: ['2025-11-02T05:30:00.000Z', '2025-11-02T06:00:00.000Z'], // 01:30 −4
      later: ['2025-11-02T06:30:00.000Z', '2025-11-02T07:00:00.000Z'], // 01:30 −5
      next: ['2025-11-03T06:30:00.000Z', '2025-11-03T07:00:00.000Z'], // 01:30 −5
    },
  },
  {
    // GMT 0 / BST +1. 2025-03-30 01:00 → 02:00 (01:00Z); 2025-10-26 02:00 → 01:00 (01:00Z).
    zone: 'Europe/London',
    gap: {
      dates: ['2025-03-29', '2025-03-30', '2025-03-31'],
      time: '01:30',
      prev: ['2025-03-29T01:30:00.000Z', '2025-03-29T02:00:00.000Z'],
      shifted: ['2025-03-30T01:30:00.000Z', '2025-03-30T02:00:00.000Z'], // 02:30 +1
      next: ['2025-03-31T00:30:00.000Z', '2025-03-31T01:00:00.000Z'],
    },
    overlap: {
      dates: ['2025-10-25', '2025-10-26', '2025-10-27'],
      time: '01:30',
      prev: ['2025-10-25T00:30:00.000Z', '2025-10-25T01:00:00.000Z'],
      earlier: ['2025-10-26T00:30:00.000Z', '2025-10-26T01:00:00.000Z'],
      later: ['2025-10-26T01:30:00.000Z', '2025-10-26T02:00:00.000Z'],
      next: ['2025-10-27T01:30:00.000Z', '2025-10-27T02:00:00.000Z'],
    },
  },
  {
    // +10:30 / +11 (30-minute DST). 2025-10-05 02:00 → 02:30 (10-04 15:30Z);
    // 2025-04-06 02:00 → 01:30 (04-05 15:00Z).
    zone: 'Australia/Lord_Howe',
    gap: {
      dates: ['2025-10-04', '2025-10-05', '2025-10-06'],
      time: '02:15',
      prev: ['2025-10-03T15:45:00.000Z', '2025-10-03T16:15:00.000Z'], // 02:15 +10:30
      shifted: ['2025-10-04T15:45:00.000Z', '2025-10-04T16:15:00.000Z'], // 02:45 +11
      next: ['2025-10-05T15:15:00.000Z', '2025-10-05T15:45:00.000Z'], // 02:15 +11
    },
    overlap: {
      dates: ['2025-04-05', '2025-04-06', '2025-04-07'],
      time: '01:45',
      prev: ['2025-04-04T14:45:00.000Z', '2025-04-04T15:15:00.000Z'], // 01:45 +11
      earlier: ['2025-04-05T14:45:00.000Z', '2025-04-05T15:15:00.000Z'], // 01:45 +11
      later: ['2025-04-05T15:15:00.000Z', '2025-04-05T15:45:00.000Z'], // 01:45 +10:30
      next: ['2025-04-06T15:15:00.000Z', '2025-04-06T15:45:00.000Z'], // 01:45 +10:30
    },
  },
  {
    // No DST today (+05:45 since 1986). Its only gap: 1986-01-01 00:00 +05:30 → 00:15 +05:45
    // (1985-12-31 18:30Z). Its only overlap: 1920-01-01 00:00 LMT +05:41:16 → 1919-12-31
    // 23:48:44 +05:30 (1919-12-31 18:18:44Z).
    zone: 'Asia/Kathmandu',
    gap: {
      dates: ['1985-12-31', '1986-01-01', '1986-01-02'],
      time: '00:05',
      prev: ['1985-12-30T18:35:00.000Z', '1985-12-30T19:05:00.000Z'], // 00:05 +05:30
      shifted: ['1985-12-31T18:35:00.000Z', '1985-12-31T19:05:00.000Z'], // 00:20 +05:45
      next: ['1986-01-01T18:20:00.000Z', '1986-01-01T18:50:00.000Z'], // 00:05 +05:45
    },
    overlap: {
      dates: ['1919-12-30', '1919-12-31', '1920-01-01'],
      time: '23:50',
      prev: ['1919-12-30T18:08:44.000Z', '1919-12-30T18:38:44.000Z'], // 23:50 +05:41:16
      earlier: ['1919-12-31T18:08:44.000Z', '1919-12-31T18:38:44.000Z'], // 23:50 +05:41:16
      later: ['1919-12-31T18:20:00.000Z', '1919-12-31T18:50:00.000Z'], // 23:50 +05:30
      next: ['1920-01-01T18:20:00.000Z', '1920-01-01T18:50:00.000Z'], // 23:50 +05:30
    },
  },
  {
    // NST −3:30 / NDT −2:30. 2025-03-09 02:00 → 03:00 (05:30Z); 2025-11-02 02:00 → 01:00 (04:30Z).
    zone: 'America/St_Johns',
    gap: {
      dates: ['2025-03-08', '2025-03-09', '2025-03-10'],
      time: '02:30',
      prev: ['2025-03-08T06:00:00.000Z', '2025-03-08T06:30:00.000Z'], // 02:30 −3:30
      shifted: ['2025-03-09T06:00:00.000Z', '2025-03-09T06:30:00.000Z'], // 03:30 −2:30
      next: ['2025-03-10T05:00:00.000Z', '2025-03-10T05:30:00.000Z'], // 02:30 −2:30
    },
    overlap: {
      dates: ['2025-11-01', '2025-11-02', '2025-11-03'],
      time: '01:30',
      prev: ['2025-11-01T04:00:00.000Z', '2025-11-01T04:30:00.000Z'],
      earlier: ['2025-11-02T04:00:00.000Z', '2025-11-02T04:30:00.000Z'],
      later: ['2025-11-02T05:00:00.000Z', '2025-11-02T05:30:00.000Z'],
      next: ['2025-11-03T05:00:00.000Z', '2025-11-03T05:30:00.000Z'],
    },
  },
  {
    // −4 / −3. Spring forward at midnight: 2025-09-07 00:00 → 01:00 (04:00Z), so 00:00 does
    // not exist that day. Fall back: 2025-04-06 00:00 → 2025-04-05 23:00 (04-06 03:00Z).
    zone: 'America/Santiago',
    gap: {
      dates: ['2025-09-06', '2025-09-07', '2025-09-08'],
      time: '00:00',
      prev: ['2025-09-06T04:00:00.000Z', '2025-09-06T04:30:00.000Z'], // 00:00 −4
      shifted: ['2025-09-07T04:00:00.000Z', '2025-09-07T04:30:00.000Z'], // 01:00 −3
      next: ['2025-09-08T03:00:00.000Z', '2025-09-08T03:30:00.000Z'], // 00:00 −3
    },
    overlap: {
      dates: ['2025-04-04', '2025-04-05', '2025-04-06'],
      time: '23:30',
      prev: ['2025-04-05T02:30:00.000Z', '2025-04-05T03:00:00.000Z'], // 23:30 −3
      earlier: ['2025-04-06T02:30:00.000Z', '2025-04-06T03:00:00.000Z'], // 23:30 −3
      later: ['2025-04-06T03:30:00.000Z', '2025-04-06T04:00:00.000Z'], // 23:30 −4
      next: ['2025-04-07T03:30:00.000Z', '2025-04-07T04:00:00.000Z'], // 23:30 −4
    },
  },
  {
    // CST −5 / CDT −4. Spring forward at midnight: 2025-03-09 00:00 → 01:00 (05:00Z).
    // Fall back at 01:00 CDT: 2025-11-02 01:00 → 00:00 (05:00Z).
    zone: 'America/Havana',
    gap: {
      dates: ['2025-03-08', '2025-03-09', '2025-03-10'],
      time: '00:00',
      prev: ['2025-03-08T05:00:00.000Z', '2025-03-08T05:30:00.000Z'], // 00:00 −5
      shifted: ['2025-03-09T05:00:00.000Z', '2025-03-09T05:30:00.000Z'], // 01:00 −4
      next: ['2025-03-10T04:00:00.000Z', '2025-03-10T04:30:00.000Z'], // 00:00 −4
    },
    overlap: {
      dates: ['2025-11-01', '2025-11-02', '2025-11-03'],
      time: '00:30',
      prev: ['2025-11-01T04:30:00.000Z', '2025-11-01T05:00:00.000Z'],
      earlier: ['2025-11-02T04:30:00.000Z', '2025-11-02T05:00:00.000Z'],
      later: ['2025-11-02T05:30:00.000Z', '2025-11-02T06:00:00.000Z'],
      next: ['2025-11-03T05:30:00.000Z', '2025-11-03T06:00:00.000Z'],
    },
  },
  {
    // +12:45 / +13:45. 2025-09-28 02:45 → 03:45 (09-27 14:00Z); 2025-04-06 03:45 → 02:45 (04-05 14:00Z).
    zone: 'Pacific/Chatham',
    gap: {
      dates: ['2025-09-27', '2025-09-28', '2025-09-29'],
      time: '03:00',
      prev: ['2025-09-26T14:15:00.000Z', '2025-09-26T14:45:00.000Z'], // 03:00 +12:45
      shifted: ['2025-09-27T14:15:00.000Z', '2025-09-27T14:45:00.000Z'], // 04:00 +13:45
      next: ['2025-09-28T13:15:00.000Z', '2025-09-28T13:45:00.000Z'], // 03:00 +13:45
    },
    overlap: {
      dates: ['2025-04-05', '2025-04-06', '2025-04-07'],
      time: '03:00',
      prev: ['2025-04-04T13:15:00.000Z', '2025-04-04T13:45:00.000Z'],
      earlier: ['2025-04-05T13:15:00.000Z', '2025-04-05T13:45:00.000Z'],
      later: ['2025-04-05T14:15:00.000Z', '2025-04-05T14:45:00.000Z'],
      next: ['2025-04-06T14:15:00.000Z', '2025-04-06T14:45:00.000Z'],
    },
  },
  {
    // Southern hemisphere, AEST +10 / AEDT +11. 2025-10-05 02:00 → 03:00 (10-04 16:00Z);
    // 2025-04-06 03:00 → 02:00 (04-05 16:00Z).
    zone: 'Australia/Sydney',
    gap: {
      dates: ['2025-10-04', '2025-10-05', '2025-10-06'],
      time: '02:30',
      prev: ['2025-10-03T16:30:00.000Z', '2025-10-03T17:00:00.000Z'],
      shifted: ['2025-10-04T16:30:00.000Z', '2025-10-04T17:00:00.000Z'],
      next: ['2025-10-05T15:30:00.000Z', '2025-10-05T16:00:00.000Z'],
    },
    overlap: {
      dates: ['2025-04-05', '2025-04-06', '2025-04-07'],
      time: '02:30',
      prev: ['2025-04-04T15:30:00.000Z', '2025-04-04T16:00:00.000Z'],
      earlier: ['2025-04-05T15:30:00.000Z', '2025-04-05T16:00:00.000Z'],
      later: ['2025-04-05T16:30:00.000Z', '2025-04-05T17:00:00.000Z'],
      next: ['2025-04-06T16:30:00.000Z', '2025-04-06T17:00:00.000Z'],
    },
  },
  {
    // CET +1 / CEST +2. 2025-03-30 02:00 → 03:00 (01:00Z); 2025-10-26 03:00 → 02:00 (01:00Z).
    zone: 'Europe/Berlin',
    gap: {
      dates: ['2025-03-29', '2025-03-30', '2025-03-31'],
      time: '02:30',
      prev: ['2025-03-29T01:30:00.000Z', '2025-03-29T02:00:00.000Z'],
      shifted: ['2025-03-30T01:30:00.000Z', '2025-03-30T02:00:00.000Z'],
      next: ['2025-03-31T00:30:00.000Z', '2025-03-31T01:00:00.000Z'],
    },
    overlap: {
      dates: ['2025-10-25', '2025-10-26', '2025-10-27'],
      time: '02:30',
      prev: ['2025-10-25T00:30:00.000Z', '2025-10-25T01:00:00.000Z'],
      earlier: ['2025-10-26T00:30:00.000Z', '2025-10-26T01:00:00.000Z'],
      later: ['2025-10-26T01:30:00.000Z', '2025-10-26T02:00:00.000Z'],
      next: ['2025-10-27T01:30:00.000Z', '2025-10-27T02:00:00.000Z'],
    },
  },
];

function daily3(zone: string, start: string, time: string, dst: SeriesInput['dst'], extra: Partial<SeriesInput> = {}) {
  return defineSeries({
    id: `dst-${zone}`,
    timezone: zone,
    start,
    startTime: time,
    duration: 'PT30M',
    repeat: { freq: 'daily', count: 3 },
    dst,
    ...extra,
  });
}

describe.each(zones)('$zone', ({ zone, gap, overlap }) => {
  const [gPrev, gDay, gNext] = gap.dates;
  const gapKey = `${gDay}T${gap.time}`;

  describe(`spring-forward gap: ${gapKey}`, () => {
    it.each(ambiguousPolicies)('shift (ambiguous %s): moves the start forward by the gap, flags it, keeps the length', (ambiguous) => {
      const series = daily3(zone, gPrev, gap.time, { nonexistent: 'shift', ambiguous });
      const want = [
        expected(`${gPrev}T${gap.time}`, gap.prev),
        expected(gapKey, gap.shifted, { start: 'shifted' }),
        expected(`${gNext}T${gap.time}`, gap.next),
      ];
      const blocks = expand(series);
      expect(rows(blocks)).toStrictEqual(want);
      expect(rows([...occurrences(series)])).toStrictEqual(want);
      expect(blocks.every((block) => block.seriesId === `dst-${zone}`)).toBe(true);
    });

    it('shift is the default policy', () => {
      const blocks = expand(daily3(zone, gPrev, gap.time, undefined));
      expect(row(blocks[1]!)).toStrictEqual(expected(gapKey, gap.shifted, { start: 'shifted' }));
    });

    it.each(ambiguousPolicies)('skip (ambiguous %s): drops the occurrence, which still counts towards count', (ambiguous) => {
      const series = daily3(zone, gPrev, gap.time, { nonexistent: 'skip', ambiguous });
      // count 3 = prev, gap day (dropped), next: no fourth day takes its place.
      const want = [expected(`${gPrev}T${gap.time}`, gap.prev), expected(`${gNext}T${gap.time}`, gap.next)];
      expect(rows(expand(series))).toStrictEqual(want);
      expect(rows([...occurrences(series)])).toStrictEqual(want);
    });

    it.each(ambiguousPolicies)('error (ambiguous %s): expand throws NonexistentTimeError naming series, key and zone', (ambiguous) => {
      const series = daily3(zone, gPrev, gap.time, { nonexistent: 'error', ambiguous });
      const error = thrown(() => expand(series));
      expect(error).toBeInstanceOf(NonexistentTimeError);
      expect(error).toBeInstanceOf(TimeblocksError);
      const { seriesId, key, timezone } = error as NonexistentTimeError;
      expect({ seriesId, key, timezone }).toStrictEqual({ seriesId: `dst-${zone}`, key: gapKey, timezone: zone });
      // Also when the window holds just the gap day's (shifted) occurrence.
      expect(() => expand(series, { from: gap.shifted[0], to: gap.shifted[1] })).toThrow(NonexistentTimeError);
    });

    it('error: no throw when the gap occurrence lies outside the window', () => {
      const series = daily3(zone, gPrev, gap.time, { nonexistent: 'error' });
      expect(rows(expand(series, { from: gap.prev[0], to: gap.prev[1] }))).toStrictEqual([expected(`${gPrev}T${gap.time}`, gap.prev)]);
      expect(rows(expand(series, { from: gap.next[0], to: gap.next[1] }))).toStrictEqual([expected(`${gNext}T${gap.time}`, gap.next)]);
    });

    it('error: no throw when the gap date is excluded (an excluded date is not an occurrence)', () => {
      const series = daily3(zone, gPrev, gap.time, { nonexistent: 'error' }, { exclude: [gDay] });
      expect(rows(expand(series))).toStrictEqual([expected(`${gPrev}T${gap.time}`, gap.prev), expected(`${gNext}T${gap.time}`, gap.next)]);
    });

    it('error: occurrences yields the blocks before the gap occurrence, then throws', () => {
      const iterator = occurrences(daily3(zone, gPrev, gap.time, { nonexistent: 'error' }));
      const first = iterator.next();
      expect(first.done).toBe(false);
      expect(row(first.value as Block)).toStrictEqual(expected(`${gPrev}T${gap.time}`, gap.prev));
      const error = thrown(() => iterator.next());
      expect(error).toBeInstanceOf(NonexistentTimeError);
      expect((error as NonexistentTimeError).key).toBe(gapKey);
    });

  });

  const [oPrev, oDay, oNext] = overlap.dates;
  const overlapKey = `${oDay}T${overlap.time}`;

  describe(`fall-back overlap: ${overlapKey}`, () => {
    it.each(allPolicies)('$nonexistent/$ambiguous: takes the chosen side of the repeated hour and says so', (dst) => {
      const blocks = expand(daily3(zone, oPrev, overlap.time, dst));
      expect(rows(blocks)).toStrictEqual([
        expected(`${oPrev}T${overlap.time}`, overlap.prev),
        expected(overlapKey, overlap[dst.ambiguous], { start: dst.ambiguous }),
        expected(`${oNext}T${overlap.time}`, overlap.next),
      ]);
    });

    it('earlier is the default policy', () => {
      const blocks = expand(daily3(zone, oPrev, overlap.time, undefined));
      expect(row(blocks[1]!)).toStrictEqual(expected(overlapKey, overlap.earlier, { start: 'earlier' }));
    });
  });
});

describe('Asia/Kathmandu today: +05:45 all year, nothing to adjust', () => {
  it.each(allPolicies)('$nonexistent/$ambiguous: every 2025 day at 02:30 is 20:45Z the day before, unflagged', (dst) => {
    const series = defineSeries({
      id: 'ktm',
      timezone: 'Asia/Kathmandu',
      start: '2025-01-01',
      startTime: '02:30',
      endTime: '03:30',
      repeat: { freq: 'daily', until: '2025-12-31' },
      dst,
    });
    const blocks = expand(series);
    expect(blocks).toHaveLength(365);
    expect(blocks.some((block) => 'adjusted' in block)).toBe(false);
    expect(row(blocks[0]!)).toStrictEqual({ key: '2025-01-01T02:30', start: '2024-12-31T20:45:00.000Z', end: '2024-12-31T21:45:00.000Z' });
    // Days when other zones change their clocks.
    const byKey = new Map(blocks.map((block) => [block.key, row(block)]));
    expect(byKey.get('2025-03-30T02:30')).toStrictEqual({ key: '2025-03-30T02:30', start: '2025-03-29T20:45:00.000Z', end: '2025-03-29T21:45:00.000Z' });
    expect(byKey.get('2025-10-26T02:30')).toStrictEqual({ key: '2025-10-26T02:30', start: '2025-10-25T20:45:00.000Z', end: '2025-10-25T21:45:00.000Z' });
    expect(row(blocks[364]!)).toStrictEqual({ key: '2025-12-31T02:30', start: '2025-12-30T20:45:00.000Z', end: '2025-12-30T21:45:00.000Z' });
  });
});

describe('boundaries of the gap and the overlap (America/New_York)', () => {
  const single = (date: string, time: string, dst: SeriesInput['dst']) =>
    expand(defineSeries({ id: 'b', timezone: 'America/New_York', start: date, startTime: time, duration: 'PT15M', dst }));

  it('02:00 on the spring-forward day is in the gap; 03:00 and 01:59 are not', () => {
    expect(rows(single('2025-03-09', '02:00', {}))).toStrictEqual([
      expected('2025-03-09T02:00', ['2025-03-09T07:00:00.000Z', '2025-03-09T07:15:00.000Z'], { start: 'shifted' }),
    ]);
    expect(rows(single('2025-03-09', '03:00', { nonexistent: 'error' }))).toStrictEqual([
      expected('2025-03-09T03:00', ['2025-03-09T07:00:00.000Z', '2025-03-09T07:15:00.000Z']),
    ]);
    expect(rows(single('2025-03-09', '01:59', { nonexistent: 'error' }))).toStrictEqual([
      expected('2025-03-09T01:59', ['2025-03-09T06:59:00.000Z', '2025-03-09T07:14:00.000Z']),
    ]);
    expect(() => single('2025-03-09', '02:00', { nonexistent: 'error' })).toThrow(NonexistentTimeError);
    expect(single('2025-03-09', '02:59', { nonexistent: 'skip' })).toEqual([]);
  });

  it('01:00 on the fall-back day happens twice; 02:00 and 00:59 once', () => {
    expect(rows(single('2025-11-02', '01:00', { ambiguous: 'earlier' }))).toStrictEqual([
      expected('2025-11-02T01:00', ['2025-11-02T05:00:00.000Z', '2025-11-02T05:15:00.000Z'], { start: 'earlier' }),
    ]);
    expect(rows(single('2025-11-02', '01:00', { ambiguous: 'later' }))).toStrictEqual([
      expected('2025-11-02T01:00', ['2025-11-02T06:00:00.000Z', '2025-11-02T06:15:00.000Z'], { start: 'later' }),
    ]);
    expect(rows(single('2025-11-02', '02:00', { ambiguous: 'later' }))).toStrictEqual([
      expected('2025-11-02T02:00', ['2025-11-02T07:00:00.000Z', '2025-11-02T07:15:00.000Z']),
    ]);
    expect(rows(single('2025-11-02', '00:59', { ambiguous: 'later' }))).toStrictEqual([
      expected('2025-11-02T00:59', ['2025-11-02T04:59:00.000Z', '2025-11-02T05:14:00.000Z']),
    ]);
  });
});

describe('overnight blocks on DST nights (22:00–06:00 daily)', () => {
  const overnight = (zone: string, start: string) =>
    rows(expand(defineSeries({ id: 'night', timezone: zone, start, startTime: '22:00', endTime: '06:00', repeat: { freq: 'daily', count: 3 } })));
  const hours = (r: Record<string, unknown>) => (Date.parse(r.end as string) - Date.parse(r.start as string)) / 3_600_000;

  it('Europe/Berlin: 7 hours on the spring-forward night', () => {
    const blocks = overnight('Europe/Berlin', '2025-03-28');
    expect(blocks).toStrictEqual([
      expected('2025-03-28T22:00', ['2025-03-28T21:00:00.000Z', '2025-03-29T05:00:00.000Z']),
      expected('2025-03-29T22:00', ['2025-03-29T21:00:00.000Z', '2025-03-30T04:00:00.000Z']), // 22:00 +1 → 06:00 +2
      expected('2025-03-30T22:00', ['2025-03-30T20:00:00.000Z', '2025-03-31T04:00:00.000Z']),
    ]);
    expect(blocks.map(hours)).toEqual([8, 7, 8]);
  });

  it('Europe/Berlin: 9 hours on the fall-back night', () => {
    const blocks = overnight('Europe/Berlin', '2025-10-24');
    expect(blocks).toStrictEqual([
      expected('2025-10-24T22:00', ['2025-10-24T20:00:00.000Z', '2025-10-25T04:00:00.000Z']),
      expected('2025-10-25T22:00', ['2025-10-25T20:00:00.000Z', '2025-10-26T05:00:00.000Z']), // 22:00 +2 → 06:00 +1
      expected('2025-10-26T22:00', ['2025-10-26T21:00:00.000Z', '2025-10-27T05:00:00.000Z']),
    ]);
    expect(blocks.map(hours)).toEqual([8, 9, 8]);
  });

  it('America/New_York: 7 hours on the spring-forward night', () => {
    const blocks = overnight('America/New_York', '2025-03-07');
    expect(blocks).toStrictEqual([
      expected('2025-03-07T22:00', ['2025-03-08T03:00:00.000Z', '2025-03-08T11:00:00.000Z']),
      expected('2025-03-08T22:00', ['2025-03-09T03:00:00.000Z', '2025-03-09T10:00:00.000Z']),
      expected('2025-03-09T22:00', ['2025-03-10T02:00:00.000Z', '2025-03-10T10:00:00.000Z']),
    ]);
    expect(blocks.map(hours)).toEqual([8, 7, 8]);
  });

  it('America/New_York: 9 hours on the fall-back night', () => {
    const blocks = overnight('America/New_York', '2025-10-31');
    expect(blocks).toStrictEqual([
      expected('2025-10-31T22:00', ['2025-11-01T02:00:00.000Z', '2025-11-01T10:00:00.000Z']),
      expected('2025-11-01T22:00', ['2025-11-02T02:00:00.000Z', '2025-11-02T11:00:00.000Z']),
      expected('2025-11-02T22:00', ['2025-11-03T03:00:00.000Z', '2025-11-03T11:00:00.000Z']),
    ]);
    expect(blocks.map(hours)).toEqual([8, 9, 8]);
  });

  it('Australia/Sydney: 7 hours in October, 9 hours in April', () => {
    expect(overnight('Australia/Sydney', '2025-10-04')[0]).toStrictEqual(
      expected('2025-10-04T22:00', ['2025-10-04T12:00:00.000Z', '2025-10-04T19:00:00.000Z']), // 22:00 +10 → 06:00 +11
    );
    expect(overnight('Australia/Sydney', '2025-04-05')[0]).toStrictEqual(
      expected('2025-04-05T22:00', ['2025-04-05T11:00:00.000Z', '2025-04-05T20:00:00.000Z']), // 22:00 +11 → 06:00 +10
    );
  });

  it('Australia/Lord_Howe: 7.5 hours in October, 8.5 hours in April', () => {
    expect(overnight('Australia/Lord_Howe', '2025-10-04')[0]).toStrictEqual(
      expected('2025-10-04T22:00', ['2025-10-04T11:30:00.000Z', '2025-10-04T19:00:00.000Z']), // 22:00 +10:30 → 06:00 +11
    );
    expect(overnight('Australia/Lord_Howe', '2025-04-05')[0]).toStrictEqual(
      expected('2025-04-05T22:00', ['2025-04-05T11:00:00.000Z', '2025-04-05T19:30:00.000Z']), // 22:00 +11 → 06:00 +10:30
    );
  });

  it('America/Santiago: 9 hours across the midnight fall-back', () => {
    expect(overnight('America/Santiago', '2025-04-05')[0]).toStrictEqual(
      expected('2025-04-05T22:00', ['2025-04-06T01:00:00.000Z', '2025-04-06T10:00:00.000Z']), // 22:00 −3 → 06:00 −4
    );
  });
});

describe('endTime blocks around a gap (Europe/Berlin, 2025-03-30, 02:00 → 03:00)', () => {
  const berlin = (startTime: string, endTime: string, dst: SeriesInput['dst'] = {}) =>
    defineSeries({ id: 'ber', timezone: 'Europe/Berlin', start: '2025-03-30', startTime, endTime, dst });

  it.each(nonexistentPolicies)('01:30–03:30 straddles the gap and lasts 1 hour, unflagged (%s)', (nonexistent) => {
    expect(rows(expand(berlin('01:30', '03:30', { nonexistent })))).toStrictEqual([
      expected('2025-03-30T01:30', ['2025-03-30T00:30:00.000Z', '2025-03-30T01:30:00.000Z']),
    ]);
  });

  it('02:30–03:30 lies wholly inside the gap: start shifted to 03:30, rebuilt to end at 04:30', () => {
    expect(rows(expand(berlin('02:30', '03:30')))).toStrictEqual([
      expected('2025-03-30T02:30', ['2025-03-30T01:30:00.000Z', '2025-03-30T02:30:00.000Z'], { start: 'shifted', end: 'rebuilt' }),
    ]);
  });

  it('02:30–03:30 under skip is dropped, under error throws', () => {
    expect(expand(berlin('02:30', '03:30', { nonexistent: 'skip' }))).toEqual([]);
    const error = thrown(() => expand(berlin('02:30', '03:30', { nonexistent: 'error' }))) as NonexistentTimeError;
    expect(error).toBeInstanceOf(NonexistentTimeError);
    expect([error.seriesId, error.key, error.timezone]).toEqual(['ber', '2025-03-30T02:30', 'Europe/Berlin']);
  });

  it.each(nonexistentPolicies)('01:00–02:30 ends in the gap: the end shifts whatever nonexistent says (%s)', (nonexistent) => {
    expect(rows(expand(berlin('01:00', '02:30', { nonexistent })))).toStrictEqual([
      expected('2025-03-30T01:00', ['2025-03-30T00:00:00.000Z', '2025-03-30T01:30:00.000Z'], { end: 'shifted' }),
    ]);
  });

  it('02:15–03:45 starts in the gap and ends after it: shifted start, exact end, 30 minutes elapsed', () => {
    expect(rows(expand(berlin('02:15', '03:45')))).toStrictEqual([
      expected('2025-03-30T02:15', ['2025-03-30T01:15:00.000Z', '2025-03-30T01:45:00.000Z'], { start: 'shifted' }),
    ]);
  });

  it('02:10–02:40: both ends in the gap, start and end both shifted, keeps its 30 minutes', () => {
    // 03:10 +2 → 03:40 +2: end > start, so nothing to rebuild.
    expect(rows(expand(berlin('02:10', '02:40')))).toStrictEqual([
      expected('2025-03-30T02:10', ['2025-03-30T01:10:00.000Z', '2025-03-30T01:40:00.000Z'], { start: 'shifted', end: 'shifted' }),
    ]);
  });
});

describe('endTime blocks around an overlap (Europe/Berlin, 2025-10-26, 03:00 → 02:00)', () => {
  const berlin = (startTime: string, endTime: string, ambiguous: AmbiguousPolicy) =>
    rows(expand(defineSeries({ id: 'ber', timezone: 'Europe/Berlin', start: '2025-10-26', startTime, endTime, dst: { ambiguous } })));

  it('an end in the repeated hour follows dst.ambiguous', () => {
    expect(berlin('01:00', '02:30', 'earlier')).toStrictEqual([
      expected('2025-10-26T01:00', ['2025-10-25T23:00:00.000Z', '2025-10-26T00:30:00.000Z'], { end: 'earlier' }),
    ]);
    expect(berlin('01:00', '02:30', 'later')).toStrictEqual([
      expected('2025-10-26T01:00', ['2025-10-25T23:00:00.000Z', '2025-10-26T01:30:00.000Z'], { end: 'later' }),
    ]);
  });

  it('a start in the repeated hour follows dst.ambiguous, the end after it is exact', () => {
    expect(berlin('02:30', '03:30', 'earlier')).toStrictEqual([
      expected('2025-10-26T02:30', ['2025-10-26T00:30:00.000Z', '2025-10-26T02:30:00.000Z'], { start: 'earlier' }),
    ]);
    expect(berlin('02:30', '03:30', 'later')).toStrictEqual([
      expected('2025-10-26T02:30', ['2025-10-26T01:30:00.000Z', '2025-10-26T02:30:00.000Z'], { start: 'later' }),
    ]);
  });

  it('both ends in the repeated hour: both take the same side', () => {
    expect(berlin('02:10', '02:50', 'earlier')).toStrictEqual([
      expected('2025-10-26T02:10', ['2025-10-26T00:10:00.000Z', '2025-10-26T00:50:00.000Z'], { start: 'earlier', end: 'earlier' }),
    ]);
    expect(berlin('02:10', '02:50', 'later')).toStrictEqual([
      expected('2025-10-26T02:10', ['2025-10-26T01:10:00.000Z', '2025-10-26T01:50:00.000Z'], { start: 'later', end: 'later' }),
    ]);
  });

  it('an overnight block ending in the repeated hour (America/New_York 22:00–01:30)', () => {
    const ny = (ambiguous: AmbiguousPolicy) =>
      rows(expand(defineSeries({ id: 'ny', timezone: 'America/New_York', start: '2025-11-01', startTime: '22:00', endTime: '01:30', dst: { ambiguous } })));
    expect(ny('earlier')).toStrictEqual([expected('2025-11-01T22:00', ['2025-11-02T02:00:00.000Z', '2025-11-02T05:30:00.000Z'], { end: 'earlier' })]);
    expect(ny('later')).toStrictEqual([expected('2025-11-01T22:00', ['2025-11-02T02:00:00.000Z', '2025-11-02T06:30:00.000Z'], { end: 'later' })]);
  });
});

describe('endTime blocks in the other zones’ gaps', () => {
  const one = (zone: string, start: string, startTime: string, endTime: string) =>
    rows(expand(defineSeries({ id: 'z', timezone: zone, start, startTime, endTime })));

  it('Australia/Lord_Howe 02:00–02:30 lies wholly in the 30-minute gap: rebuilt to 02:30–03:00 (+11)', () => {
    expect(one('Australia/Lord_Howe', '2025-10-05', '02:00', '02:30')).toStrictEqual([
      expected('2025-10-05T02:00', ['2025-10-04T15:30:00.000Z', '2025-10-04T16:00:00.000Z'], { start: 'shifted', end: 'rebuilt' }),
    ]);
  });

  it('Australia/Lord_Howe 01:45–02:45 straddles the gap and lasts 30 minutes', () => {
    expect(one('Australia/Lord_Howe', '2025-10-05', '01:45', '02:45')).toStrictEqual([
      expected('2025-10-05T01:45', ['2025-10-04T15:15:00.000Z', '2025-10-04T15:45:00.000Z']),
    ]);
  });

  it('Pacific/Chatham 02:45–03:45 lies wholly in the gap: rebuilt to 03:45–04:45 (+13:45)', () => {
    expect(one('Pacific/Chatham', '2025-09-28', '02:45', '03:45')).toStrictEqual([
      expected('2025-09-28T02:45', ['2025-09-27T14:00:00.000Z', '2025-09-27T15:00:00.000Z'], { start: 'shifted', end: 'rebuilt' }),
    ]);
  });

  it('America/Havana 00:00–01:00 on 2025-03-09: midnight does not exist, rebuilt to 01:00–02:00 CDT', () => {
    expect(one('America/Havana', '2025-03-09', '00:00', '01:00')).toStrictEqual([
      expected('2025-03-09T00:00', ['2025-03-09T05:00:00.000Z', '2025-03-09T06:00:00.000Z'], { start: 'shifted', end: 'rebuilt' }),
    ]);
  });

  it('America/Havana 22:00–00:00 the evening before: the end (midnight) is shifted to 01:00 CDT', () => {
    expect(one('America/Havana', '2025-03-08', '22:00', '00:00')).toStrictEqual([
      expected('2025-03-08T22:00', ['2025-03-09T03:00:00.000Z', '2025-03-09T05:00:00.000Z'], { end: 'shifted' }),
    ]);
  });

  it('America/Santiago 23:00–00:30 on 2025-09-06: the end falls in the midnight gap and shifts to 01:30 −3', () => {
    expect(one('America/Santiago', '2025-09-06', '23:00', '00:30')).toStrictEqual([
      expected('2025-09-06T23:00', ['2025-09-07T03:00:00.000Z', '2025-09-07T04:30:00.000Z'], { end: 'shifted' }),
    ]);
  });

  it('America/St_Johns 01:30–03:30 straddles the gap and lasts 1 hour', () => {
    expect(one('America/St_Johns', '2025-03-09', '01:30', '03:30')).toStrictEqual([
      expected('2025-03-09T01:30', ['2025-03-09T05:00:00.000Z', '2025-03-09T06:00:00.000Z']),
    ]);
  });
});

describe('duration series: end = resolved start + exact duration', () => {
  const withDuration = (zone: string, start: string, startTime: string, duration: string, dst: SeriesInput['dst'] = {}) =>
    rows(expand(defineSeries({ id: 'd', timezone: zone, start, startTime, duration, dst })));

  it('Berlin 01:30 + PT2H across the gap ends at 04:30 local (elapsed 2 h), unflagged', () => {
    expect(withDuration('Europe/Berlin', '2025-03-30', '01:30', 'PT2H')).toStrictEqual([
      expected('2025-03-30T01:30', ['2025-03-30T00:30:00.000Z', '2025-03-30T02:30:00.000Z']),
    ]);
  });

  it('Berlin 22:00 + PT8H on the spring-forward night ends at 07:00 local, not 06:00', () => {
    expect(withDuration('Europe/Berlin', '2025-03-29', '22:00', 'PT8H')).toStrictEqual([
      expected('2025-03-29T22:00', ['2025-03-29T21:00:00.000Z', '2025-03-30T05:00:00.000Z']),
    ]);
  });

  it('Berlin 02:30 + PT1H: only the start is flagged (the end is exact by construction)', () => {
    expect(withDuration('Europe/Berlin', '2025-03-30', '02:30', 'PT1H')).toStrictEqual([
      expected('2025-03-30T02:30', ['2025-03-30T01:30:00.000Z', '2025-03-30T02:30:00.000Z'], { start: 'shifted' }),
    ]);
  });

  it('New York 01:30 + PT1H on the fall-back day, later side', () => {
    expect(withDuration('America/New_York', '2025-11-02', '01:30', 'PT1H', { ambiguous: 'later' })).toStrictEqual([
      expected('2025-11-02T01:30', ['2025-11-02T06:30:00.000Z', '2025-11-02T07:30:00.000Z'], { start: 'later' }),
    ]);
  });

  it('Chatham 02:00 + P1D across the spring-forward day is exactly 24 hours', () => {
    expect(withDuration('Pacific/Chatham', '2025-09-27', '02:00', 'P1D')).toStrictEqual([
      expected('2025-09-27T02:00', ['2025-09-26T13:15:00.000Z', '2025-09-27T13:15:00.000Z']), // 02:00 +12:45
    ]);
  });
});

describe('include (RDATE) in a gap', () => {
  // 09:00–11:00 daily for one day, plus an extra start at 02:30 on Berlin's spring-forward day.
  const series = (nonexistent: NonexistentPolicy) =>
    defineSeries({
      id: 'inc',
      timezone: 'Europe/Berlin',
      start: '2025-03-29',
      startTime: '09:00',
      endTime: '11:00',
      include: ['2025-03-30T02:30'],
      dst: { nonexistent },
    });
  const ruleBlock = expected('2025-03-29T09:00', ['2025-03-29T08:00:00.000Z', '2025-03-29T10:00:00.000Z']);

  it('shift: starts at 03:30 and ends at its own time plus the nominal length (04:30)', () => {
    expect(rows(expand(series('shift')))).toStrictEqual([
      ruleBlock,
      expected('2025-03-30T02:30', ['2025-03-30T01:30:00.000Z', '2025-03-30T02:30:00.000Z'], { start: 'shifted' }),
    ]);
  });

  it('skip: dropped', () => {
    expect(rows(expand(series('skip')))).toStrictEqual([ruleBlock]);
  });

  it('error: throws with the include’s key, only when it is in the window', () => {
    const error = thrown(() => expand(series('error'))) as NonexistentTimeError;
    expect(error).toBeInstanceOf(NonexistentTimeError);
    expect([error.seriesId, error.key, error.timezone]).toEqual(['inc', '2025-03-30T02:30', 'Europe/Berlin']);
    expect(rows(expand(series('error'), { from: '2025-03-29T00:00:00Z', to: '2025-03-29T12:00:00Z' }))).toStrictEqual([ruleBlock]);
  });
});

describe('error policy with several gaps: the first one in the window is named', () => {
  const series = defineSeries({
    id: 'multi',
    timezone: 'Europe/Berlin',
    start: '2025-03-01',
    startTime: '02:30',
    endTime: '03:00',
    repeat: { freq: 'daily', until: '2026-04-30' },
    dst: { nonexistent: 'error' },
  });

  it('the whole series: 2025-03-30', () => {
    expect((thrown(() => expand(series)) as NonexistentTimeError).key).toBe('2025-03-30T02:30');
  });

  it('a window after the first gap: 2026-03-29', () => {
    expect((thrown(() => expand(series, { from: '2025-06-01T00:00:00Z' })) as NonexistentTimeError).key).toBe('2026-03-29T02:30');
  });

  it('a window between the gaps: no error, and the fall-back day is ambiguous-earlier', () => {
    const blocks = expand(series, { from: '2025-10-25T00:00:00Z', to: '2025-10-27T00:00:00Z' });
    expect(rows(blocks)).toStrictEqual([
      expected('2025-10-25T02:30', ['2025-10-25T00:30:00.000Z', '2025-10-25T01:00:00.000Z']),
      // 02:30 +2 → 03:00 +1: end 02:00Z, 90 minutes.
      expected('2025-10-26T02:30', ['2025-10-26T00:30:00.000Z', '2025-10-26T02:00:00.000Z'], { start: 'earlier' }),
    ]);
  });
});
