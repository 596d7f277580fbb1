import { describe, expect, it } from 'vitest';
import { defineSeries, expand, toZonedIso, type Block, type SeriesInput } from '../../src/index.js';
import { instantToWall, offsetAt, wallToInstant, wallToInstants } from '../../src/time/convert.js';
import { ZoneTable } from '../../src/time/zone-table.js';

/**
 * The zone tables (UTC offsets resolved from Intl into cached transition tables). Expected
 * offsets and instants are literals from the tz database's rules, worked out by hand.
 */

const at = (text: string) => Date.parse(text);
/** A local wall time, encoded as if it were UTC epoch ms (the convention of src/time). */
const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString();
const hour = 3_600_000;
const minute = 60_000;
const second = 1_000;

const rows = (blocks: readonly Block[]) =>
  blocks.map((block) => ('adjusted' in block ? [block.key, iso(block.start), block.adjusted] : [block.key, iso(block.start)]));

describe('regression, sampling blind spot: America/Boa_Vista had DST for one week only', () => {
  // tzdata: Boa_Vista observed DST 2000-10-08 00:00 (−4 → −3, at 04:00Z) until
  // 2000-10-15 00:00 (−3 → −4, at 03:00Z): two transitions 7 days apart, the closest
  // pair in tzdata. A table that samples offsets coarsely and bisects only where two
  // samples differ must still find both.

  it('both transitions are found, to the second (offsetAt)', () => {
    expect(offsetAt('America/Boa_Vista', at('2000-10-01T12:00:00Z'))).toBe(-4 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-08T03:59:59Z'))).toBe(-4 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-08T04:00:00Z'))).toBe(-3 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-11T12:00:00Z'))).toBe(-3 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-15T02:59:59Z'))).toBe(-3 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-15T03:00:00Z'))).toBe(-4 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-20T12:00:00Z'))).toBe(-4 * hour);
  });

  it('the gap and the overlap it makes resolve (wallToInstant)', () => {
    // 2000-10-08 00:00–01:00 does not exist: 00:30 moves forward to 01:30 −3.
    expect(iso(wallToInstant('America/Boa_Vista', wall('2000-10-08T00:30:00')))).toBe('2000-10-08T04:30:00.000Z');
    expect(wallToInstants('America/Boa_Vista', wall('2000-10-08T00:30:00'))).toEqual([]);
    // 2000-10-14 23:00–24:00 happens twice.
    expect(iso(wallToInstant('America/Boa_Vista', wall('2000-10-14T23:30:00'), 'earlier'))).toBe('2000-10-15T02:30:00.000Z');
    expect(iso(wallToInstant('America/Boa_Vista', wall('2000-10-14T23:30:00'), 'later'))).toBe('2000-10-15T03:30:00.000Z');
    expect(wallToInstants('America/Boa_Vista', wall('2000-10-14T23:30:00')).map(iso)).toEqual(['2000-10-15T02:30:00.000Z', '2000-10-15T03:30:00.000Z']);
    // Midweek noon: −3.
    expect(iso(wallToInstant('America/Boa_Vista', wall('2000-10-11T12:00:00')))).toBe('2000-10-11T15:00:00.000Z');
  });

  it('whichever way the table is built (one year, extended forwards, extended backwards), both are there', () => {
    const probes: Array<[string, number]> = [
      ['2000-10-08T03:59:59Z', -4 * hour],
      ['2000-10-08T04:00:00Z', -3 * hour],
      ['2000-10-15T02:59:59Z', -3 * hour],
      ['2000-10-15T03:00:00Z', -4 * hour],
    ];
    const direct = new ZoneTable('America/Boa_Vista');
    direct.cover(at('2000-10-01T00:00:00Z'), at('2000-10-31T00:00:00Z'));
    const forwards = new ZoneTable('America/Boa_Vista');
    forwards.cover(at('1999-06-01T00:00:00Z'), at('1999-06-02T00:00:00Z'));
    forwards.cover(at('2000-10-01T00:00:00Z'), at('2000-10-31T00:00:00Z'));
    const backwards = new ZoneTable('America/Boa_Vista');
    backwards.cover(at('2001-06-01T00:00:00Z'), at('2001-06-02T00:00:00Z'));
    backwards.cover(at('2000-10-01T00:00:00Z'), at('2000-10-31T00:00:00Z'));
    for (const table of [direct, forwards, backwards]) {
      expect(probes.map(([instant]) => table.offsetAt(at(instant)))).toEqual(probes.map(([, offset]) => offset));
    }
  });

  it('a daily series at noon crosses both', () => {
    const series = defineSeries({
      id: 'bv',
      timezone: 'America/Boa_Vista',
      start: '2000-10-06',
      startTime: '12:00',
      endTime: '13:00',
      repeat: { freq: 'daily', count: 11 },
    });
    expect(expand(series).map((block) => iso(block.start))).toEqual([
      '2000-10-06T16:00:00.000Z', // −4
      '2000-10-07T16:00:00.000Z',
      '2000-10-08T15:00:00.000Z', // −3
      '2000-10-09T15:00:00.000Z',
      '2000-10-10T15:00:00.000Z',
      '2000-10-11T15:00:00.000Z',
      '2000-10-12T15:00:00.000Z',
      '2000-10-13T15:00:00.000Z',
      '2000-10-14T15:00:00.000Z',
      '2000-10-15T16:00:00.000Z', // −4 again
      '2000-10-16T16:00:00.000Z',
    ]);
  });

  it('a daily series at 00:30 meets the gap (shifted) and at 23:30 the overlap (earlier/later)', () => {
    const base: SeriesInput = { id: 'bv', timezone: 'America/Boa_Vista', start: '2000-10-07', startTime: '00:30', duration: 'PT15M', repeat: { freq: 'daily', count: 3 } };
    expect(rows(expand(defineSeries(base)))).toEqual([
      ['2000-10-07T00:30', '2000-10-07T04:30:00.000Z'],
      ['2000-10-08T00:30', '2000-10-08T04:30:00.000Z', { start: 'shifted' }],
      ['2000-10-09T00:30', '2000-10-09T03:30:00.000Z'],
    ]);
    const late = (ambiguous: 'earlier' | 'later') =>
      rows(expand(defineSeries({ ...base, start: '2000-10-13', startTime: '23:30', dst: { ambiguous } })));
    expect(late('earlier')).toEqual([
      ['2000-10-13T23:30', '2000-10-14T02:30:00.000Z'],
      ['2000-10-14T23:30', '2000-10-15T02:30:00.000Z', { start: 'earlier' }],
      ['2000-10-15T23:30', '2000-10-16T03:30:00.000Z'],
    ]);
    expect(late('later')).toEqual([
      ['2000-10-13T23:30', '2000-10-14T02:30:00.000Z'],
      ['2000-10-14T23:30', '2000-10-15T03:30:00.000Z', { start: 'later' }],
      ['2000-10-15T23:30', '2000-10-16T03:30:00.000Z'],
    ]);
  });
});

describe('Pacific/Apia skipped 2011-12-30 entirely (−10 → +14 at 2011-12-30T10:00Z)', () => {
  it('the offset jumps by 24 hours', () => {
    expect(offsetAt('Pacific/Apia', at('2011-12-30T09:59:59Z'))).toBe(-10 * hour);
    expect(offsetAt('Pacific/Apia', at('2011-12-30T10:00:00Z'))).toBe(14 * hour);
    expect(iso(instantToWall('Pacific/Apia', at('2011-12-30T09:59:59Z')))).toBe('2011-12-29T23:59:59.000Z');
    expect(iso(instantToWall('Pacific/Apia', at('2011-12-30T10:00:00Z')))).toBe('2011-12-31T00:00:00.000Z');
  });

  it('a wall time that day does not exist and shifts 24 hours forward', () => {
    expect(wallToInstants('Pacific/Apia', wall('2011-12-30T12:00:00'))).toEqual([]);
    expect(iso(wallToInstant('Pacific/Apia', wall('2011-12-30T12:00:00')))).toBe('2011-12-30T22:00:00.000Z');
    expect(iso(instantToWall('Pacific/Apia', at('2011-12-30T22:00:00Z')))).toBe('2011-12-31T12:00:00.000Z');
    expect(iso(wallToInstant('Pacific/Apia', wall('2011-12-30T00:00:00')))).toBe('2011-12-30T10:00:00.000Z');
    expect(iso(wallToInstant('Pacific/Apia', wall('2011-12-30T23:59:00')))).toBe('2011-12-31T09:59:00.000Z');
  });

  it('the days around it exist once each', () => {
    expect(wallToInstants('Pacific/Apia', wall('2011-12-29T23:00:00')).map(iso)).toEqual(['2011-12-30T09:00:00.000Z']);
    expect(wallToInstants('Pacific/Apia', wall('2011-12-31T01:00:00')).map(iso)).toEqual(['2011-12-30T11:00:00.000Z']);
  });

  it('a daily series: the 30th is shifted onto the same instant as the 31st (shift), or dropped (skip)', () => {
    const input: SeriesInput = { id: 'apia', timezone: 'Pacific/Apia', start: '2011-12-28', startTime: '09:00', duration: 'PT1H', repeat: { freq: 'daily', count: 4 } };
    expect(rows(expand(defineSeries(input)))).toEqual([
      ['2011-12-28T09:00', '2011-12-28T19:00:00.000Z'],
      ['2011-12-29T09:00', '2011-12-29T19:00:00.000Z'],
      ['2011-12-30T09:00', '2011-12-30T19:00:00.000Z', { start: 'shifted' }],
      ['2011-12-31T09:00', '2011-12-30T19:00:00.000Z'],
    ]);
    expect(rows(expand(defineSeries({ ...input, dst: { nonexistent: 'skip' } })))).toEqual([
      ['2011-12-28T09:00', '2011-12-28T19:00:00.000Z'],
      ['2011-12-29T09:00', '2011-12-29T19:00:00.000Z'],
      ['2011-12-31T09:00', '2011-12-30T19:00:00.000Z'],
    ]);
  });
});

describe('historical offsets with seconds are kept when Intl reports them', () => {
  it('this runtime’s Intl does report them (precondition)', () => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kathmandu', timeZoneName: 'longOffset' });
    expect(format.format(at('1919-06-01T00:00:00Z'))).toMatch(/GMT\+05:41:16/);
  });

  it('Asia/Kathmandu local mean time before 1920: +05:41:16', () => {
    expect(offsetAt('Asia/Kathmandu', at('1919-06-01T00:00:00Z'))).toBe(5 * hour + 41 * minute + 16 * second);
    expect(toZonedIso(at('1919-06-01T00:00:00Z'), 'Asia/Kathmandu')).toBe('1919-06-01T05:41:16+05:41:16');
    // 1920-01-01 00:00 LMT is 1919-12-31T18:18:44Z; from then on +05:30.
    expect(offsetAt('Asia/Kathmandu', at('1919-12-31T18:18:43Z'))).toBe(5 * hour + 41 * minute + 16 * second);
    expect(offsetAt('Asia/Kathmandu', at('1919-12-31T18:18:44Z'))).toBe(5 * hour + 30 * minute);
  });

  it('a series in that era starts at a second-precise instant', () => {
    const series = defineSeries({ id: 'ktm', timezone: 'Asia/Kathmandu', start: '1919-06-01', startTime: '09:00', endTime: '10:00' });
    expect(rows(expand(series))).toEqual([['1919-06-01T09:00', '1919-06-01T03:18:44.000Z']]);
  });

  it('America/New_York, the day of two noons (1883-11-18): LMT −4:56:02 → EST at 17:00Z', () => {
    expect(offsetAt('America/New_York', at('1883-11-18T16:59:59Z'))).toBe(-(4 * hour + 56 * minute + 2 * second));
    expect(offsetAt('America/New_York', at('1883-11-18T17:00:00Z'))).toBe(-5 * hour);
    // 12:00:00–12:03:58 local happened twice.
    expect(wallToInstants('America/New_York', wall('1883-11-18T12:01:00')).map(iso)).toEqual(['1883-11-18T16:57:02.000Z', '1883-11-18T17:01:00.000Z']);
    expect(toZonedIso(at('1883-11-18T16:57:02Z'), 'America/New_York')).toBe('1883-11-18T12:01:00-04:56:02');
  });

  it('Africa/Monrovia before 1972: −0:44:30', () => {
    expect(offsetAt('Africa/Monrovia', at('1960-01-01T00:00:00Z'))).toBe(-(44 * minute + 30 * second));
    expect(toZonedIso(at('1960-01-01T00:00:00Z'), 'Africa/Monrovia')).toBe('1959-12-31T23:15:30-00:44:30');
  });
});

describe('UTC and fixed zones', () => {
  it.each(['UTC', 'Etc/UTC'])('%s: offset 0 at every instant, every wall time exists exactly once', (zone) => {
    for (const instant of ['1900-01-01T00:00:00Z', '2025-03-30T01:30:00Z', '2025-10-26T01:30:00Z', '2400-06-01T12:00:00Z']) {
      expect(offsetAt(zone, at(instant))).toBe(0);
      expect(instantToWall(zone, at(instant))).toBe(at(instant));
    }
    expect(iso(wallToInstant(zone, wall('2025-03-30T02:30:00')))).toBe('2025-03-30T02:30:00.000Z');
    expect(wallToInstants(zone, wall('2025-10-26T02:30:00')).map(iso)).toEqual(['2025-10-26T02:30:00.000Z']);
  });

  it('a UTC series never adjusts and never throws, even under nonexistent: error', () => {
    const series = defineSeries({
      id: 'utc',
      timezone: 'UTC',
      start: '2025-03-29',
      startTime: '02:30',
      endTime: '03:30',
      repeat: { freq: 'daily', count: 2 },
      dst: { nonexistent: 'error', ambiguous: 'later' },
    });
    expect(expand(series)).toEqual([
      { seriesId: 'utc', key: '2025-03-29T02:30', start: at('2025-03-29T02:30:00Z'), end: at('2025-03-29T03:30:00Z') },
      { seriesId: 'utc', key: '2025-03-30T02:30', start: at('2025-03-30T02:30:00Z'), end: at('2025-03-30T03:30:00Z') },
    ]);
    expect(expand(series).some((block) => 'adjusted' in block)).toBe(false);
  });

  it('Etc/GMT±N zones are fixed, with POSIX-inverted signs', () => {
    expect(offsetAt('Etc/GMT-14', at('2025-06-01T00:00:00Z'))).toBe(14 * hour);
    expect(offsetAt('Etc/GMT+12', at('2025-06-01T00:00:00Z'))).toBe(-12 * hour);
    expect(toZonedIso(at('2025-06-01T00:00:00Z'), 'Etc/GMT-14')).toBe('2025-06-01T14:00:00+14:00');
  });
});

describe('2025 transitions located to the second', () => {
  it.each([
    // zone, last second before, offset before, offset from the transition on
    ['Europe/Berlin', '2025-03-30T00:59:59Z', 1 * hour, 2 * hour],
    ['Europe/Berlin', '2025-10-26T00:59:59Z', 2 * hour, 1 * hour],
    ['America/New_York', '2025-03-09T06:59:59Z', -5 * hour, -4 * hour],
    ['America/St_Johns', '2025-03-09T05:29:59Z', -(3 * hour + 30 * minute), -(2 * hour + 30 * minute)],
    ['Australia/Lord_Howe', '2025-10-04T15:29:59Z', 10 * hour + 30 * minute, 11 * hour],
    ['Australia/Lord_Howe', '2025-04-05T14:59:59Z', 11 * hour, 10 * hour + 30 * minute],
    ['Pacific/Chatham', '2025-09-27T13:59:59Z', 12 * hour + 45 * minute, 13 * hour + 45 * minute],
    ['America/Santiago', '2025-09-07T03:59:59Z', -4 * hour, -3 * hour],
    ['America/Havana', '2025-11-02T04:59:59Z', -4 * hour, -5 * hour],
    ['Australia/Sydney', '2025-04-05T15:59:59Z', 11 * hour, 10 * hour],
  ] as const)('%s around %s', (zone, lastBefore, before, after) => {
    expect(offsetAt(zone, at(lastBefore))).toBe(before);
    expect(offsetAt(zone, at(lastBefore) + second)).toBe(after);
  });

  it('Asia/Kathmandu has been +05:45 since 1986-01-01 00:15 local', () => {
    expect(offsetAt('Asia/Kathmandu', at('1985-12-31T18:29:59Z'))).toBe(5 * hour + 30 * minute);
    expect(offsetAt('Asia/Kathmandu', at('1985-12-31T18:30:00Z'))).toBe(5 * hour + 45 * minute);
    expect(offsetAt('Asia/Kathmandu', at('2025-07-01T00:00:00Z'))).toBe(5 * hour + 45 * minute);
  });
});

describe('a far-off range starts the table afresh instead of filling every year between', () => {
  it('2025, then 9999, then 2025 again: correct offsets, and only the years asked for are sampled', () => {
    const table = new ZoneTable('Europe/Berlin');
    table.cover(at('2025-03-01T00:00:00Z'), at('2025-12-01T00:00:00Z'));
    expect(table.offsetAt(at('2025-07-01T00:00:00Z'))).toBe(2 * hour);
    table.cover(at('9999-06-01T00:00:00Z'), at('9999-12-01T00:00:00Z'));
    // Two years (9999 and the partial 10000 boundary), not ~8000 years of segments.
    expect(table.starts.length).toBeLessThan(10);
    expect(table.offsetAt(at('9999-07-01T00:00:00Z'))).toBe(2 * hour);
    expect(table.offsetAt(at('9999-12-01T00:00:00Z'))).toBe(1 * hour);
    table.cover(at('2025-01-01T00:00:00Z'), at('2025-12-31T00:00:00Z'));
    expect(table.offsetAt(at('2025-03-30T00:59:59Z'))).toBe(1 * hour);
    expect(table.offsetAt(at('2025-03-30T01:00:00Z'))).toBe(2 * hour);
  });

  it('a nearby range still extends the table (no reset within 20 years)', () => {
    const table = new ZoneTable('Europe/Berlin');
    table.cover(at('2025-03-01T00:00:00Z'), at('2025-04-01T00:00:00Z'));
    table.cover(at('2030-03-01T00:00:00Z'), at('2030-04-01T00:00:00Z'));
    expect(table.coveredFrom).toBe(at('2025-01-01T00:00:00Z'));
    expect(table.coveredTo).toBe(at('2031-01-01T00:00:00Z'));
  });

  it('expansions in one process alternate between far-apart years and stay right', () => {
    const input: SeriesInput = { id: 'x', timezone: 'Europe/Berlin', start: '2025-03-28', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily', count: 4 } };
    const near = expand(defineSeries(input)).map((block) => toZonedIso(block.start, 'Europe/Berlin'));
    const far = expand(defineSeries({ ...input, start: '9999-03-26' })).map((block) => toZonedIso(block.start, 'Europe/Berlin'));
    expect(expand(defineSeries(input)).map((block) => toZonedIso(block.start, 'Europe/Berlin'))).toEqual(near);
    expect(near).toEqual(['2025-03-28T09:00:00+01:00', '2025-03-29T09:00:00+01:00', '2025-03-30T09:00:00+02:00', '2025-03-31T09:00:00+02:00']);
    // 28 March 9999 is the last Sunday of March: summer time from 01:00Z.
    expect(far).toEqual(['9999-03-26T09:00:00+01:00', '9999-03-27T09:00:00+01:00', '9999-03-28T09:00:00+02:00', '9999-03-29T09:00:00+02:00']);
  });
});
