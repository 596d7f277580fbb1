import { describe, expect, it } from 'vitest';
import { defineSeries, expand, NonexistentTimeError, occurrences, type Block, type SeriesInput } from '../../src/index.js';

/**
 * Hand-checked DST cases. Every expected instant is a literal, worked out from the zone's
 * published rules (and cross-checked against luxon once, when the table was written).
 */
const iso = (ms: number) => new Date(ms).toISOString();
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

interface GapCase {
  zone: string;
  date: string;
  time: string;
  /** The start moved forward by the gap's length: the offset before the gap applied. */
  shifted: string;
}

interface OverlapCase {
  zone: string;
  date: string;
  time: string;
  earlier: string;
  later: string;
}

const gaps: GapCase[] = [
  { zone: 'America/New_York', date: '2025-03-09', time: '02:30', shifted: '2025-03-09T07:30:00.000Z' },
  { zone: 'Europe/London', date: '2025-03-30', time: '01:30', shifted: '2025-03-30T01:30:00.000Z' },
  // 30-minute DST: 02:00 → 02:30, so 02:15 becomes 02:45 (+11:00).
  { zone: 'Australia/Lord_Howe', date: '2025-10-05', time: '02:15', shifted: '2025-10-04T15:45:00.000Z' },
  { zone: 'America/St_Johns', date: '2025-03-09', time: '02:30', shifted: '2025-03-09T06:00:00.000Z' },
  // Midnight does not exist: 00:00 → 01:00 (−04:00 → −03:00).
  { zone: 'America/Santiago', date: '2025-09-07', time: '00:30', shifted: '2025-09-07T04:30:00.000Z' },
  { zone: 'America/Havana', date: '2025-03-09', time: '00:30', shifted: '2025-03-09T05:30:00.000Z' },
  { zone: 'America/Havana', date: '2025-03-09', time: '00:00', shifted: '2025-03-09T05:00:00.000Z' },
  // +12:45 → +13:45 at 02:45.
  { zone: 'Pacific/Chatham', date: '2025-09-28', time: '03:00', shifted: '2025-09-27T14:15:00.000Z' },
  // Southern hemisphere: spring forward in October.
  { zone: 'Australia/Sydney', date: '2025-10-05', time: '02:30', shifted: '2025-10-04T16:30:00.000Z' },
  { zone: 'Europe/Berlin', date: '2025-03-30', time: '02:30', shifted: '2025-03-30T01:30:00.000Z' },
];

const overlaps: OverlapCase[] = [
  { zone: 'America/New_York', date: '2025-11-02', time: '01:30', earlier: '2025-11-02T05:30:00.000Z', later: '2025-11-02T06:30:00.000Z' },
  { zone: 'Europe/London', date: '2025-10-26', time: '01:30', earlier: '2025-10-26T00:30:00.000Z', later: '2025-10-26T01:30:00.000Z' },
  // 30-minute overlap: 02:00 → 01:30.
  { zone: 'Australia/Lord_Howe', date: '2025-04-06', time: '01:45', earlier: '2025-04-05T14:45:00.000Z', later: '2025-04-05T15:15:00.000Z' },
  { zone: 'America/St_Johns', date: '2025-11-02', time: '01:30', earlier: '2025-11-02T04:00:00.000Z', later: '2025-11-02T05:00:00.000Z' },
  // Santiago falls back at midnight: 23:00–24:00 on the 5th happens twice.
  { zone: 'America/Santiago', date: '2025-04-05', time: '23:30', earlier: '2025-04-06T02:30:00.000Z', later: '2025-04-06T03:30:00.000Z' },
  { zone: 'America/Havana', date: '2025-11-02', time: '00:30', earlier: '2025-11-02T04:30:00.000Z', later: '2025-11-02T05:30:00.000Z' },
  { zone: 'Pacific/Chatham', date: '2025-04-06', time: '03:00', earlier: '2025-04-05T13:15:00.000Z', later: '2025-04-05T14:15:00.000Z' },
  { zone: 'Australia/Sydney', date: '2025-04-06', time: '02:30', earlier: '2025-04-05T15:30:00.000Z', later: '2025-04-05T16:30:00.000Z' },
  { zone: 'Europe/Berlin', date: '2025-10-26', time: '02:30', earlier: '2025-10-26T00:30:00.000Z', later: '2025-10-26T01:30:00.000Z' },
];

/** Daily for three days around `date`, 30 minutes long. */
function around(zone: string, date: string, time: string, dst: SeriesInput['dst'] = {}): SeriesInput {
  return { id: `${zone}-${date}`, timezone: zone, start: dayBefore(date), startTime: time, duration: 'PT30M', repeat: { freq: 'daily', count: 3 }, dst };
}

function onDate(blocks: Block[], date: string, time: string): Block | undefined {
  return blocks.find((block) => block.key === `${date}T${time}`);
}

describe.each(gaps)('gap: $zone $date $time', ({ zone, date, time, shifted }) => {
  it('shift (default): moves forward by the gap, keeps its key, says so', () => {
    const block = onDate(expand(defineSeries(around(zone, date, time))), date, time)!;
    expect(iso(block.start)).toBe(shifted);
    expect(iso(block.end)).toBe(iso(Date.parse(shifted) + 30 * 60_000));
    expect(block.adjusted).toEqual({ start: 'shifted' });
  });

  it('skip: drops the occurrence, which still counts', () => {
    const blocks = expand(defineSeries(around(zone, date, time, { nonexistent: 'skip' })));
    expect(blocks.map((block) => block.key)).toEqual([`${dayBefore(date)}T${time}`, `${new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T${time}`]);
    expect(blocks.every((block) => block.adjusted === undefined)).toBe(true);
  });

  it('error: throws NonexistentTimeError naming series, key and zone, only when the occurrence is in the window', () => {
    const series = defineSeries(around(zone, date, time, { nonexistent: 'error' }));
    let caught: unknown;
    try {
      expand(series);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NonexistentTimeError);
    expect(caught).toMatchObject({ seriesId: series.id, key: `${date}T${time}`, timezone: zone });
    expect(() => [...occurrences(series)]).toThrow(NonexistentTimeError);
    // A window that ends before the gap day sees only the first occurrence.
    expect(expand(series, { to: Date.parse(shifted) - 12 * 3_600_000 })).toHaveLength(1);
    // An excluded gap date is not an occurrence, so it cannot throw.
    expect(expand(defineSeries({ ...around(zone, date, time, { nonexistent: 'error' }), exclude: [date] }))).toHaveLength(2);
  });
});

describe.each(overlaps)('overlap: $zone $date $time', ({ zone, date, time, earlier, later }) => {
  it('earlier (default) takes the first instant', () => {
    const block = onDate(expand(defineSeries(around(zone, date, time))), date, time)!;
    expect(iso(block.start)).toBe(earlier);
    expect(block.adjusted).toEqual({ start: 'earlier' });
  });

  it('later takes the second instant', () => {
    const block = onDate(expand(defineSeries(around(zone, date, time, { ambiguous: 'later' }))), date, time)!;
    expect(iso(block.start)).toBe(later);
    expect(block.adjusted).toEqual({ start: 'later' });
  });

  it('ordinary days around it are not flagged', () => {
    const blocks = expand(defineSeries(around(zone, date, time)));
    expect(blocks.filter((block) => block.adjusted !== undefined).map((block) => block.key)).toEqual([`${date}T${time}`]);
  });
});

describe('Asia/Kathmandu (+05:45, no DST)', () => {
  it('every day at 09:00 is 03:15Z, never adjusted', () => {
    const blocks = expand(defineSeries({ id: 'ktm', timezone: 'Asia/Kathmandu', start: '2025-01-01', startTime: '09:00', endTime: '10:00', repeat: { freq: 'weekly', count: 60 } }));
    expect(blocks).toHaveLength(60);
    expect(iso(blocks[0]!.start)).toBe('2025-01-01T03:15:00.000Z');
    expect(blocks.every((block) => (block.start - Date.parse('2025-01-01T03:15:00Z')) % (7 * 86_400_000) === 0 && block.adjusted === undefined)).toBe(true);
  });
});

describe('ends on DST nights', () => {
  const overnight = (zone: string, start: string): SeriesInput => ({ id: 'night', timezone: zone, start, startTime: '22:00', endTime: '06:00', repeat: { freq: 'daily', count: 2 } });
  const hours = (block: Block) => (block.end - block.start) / 3_600_000;

  it('a 22:00–06:00 shift lasts 7 h on spring-forward nights and 9 h on fall-back nights', () => {
    const [berlinSpring] = expand(defineSeries(overnight('Europe/Berlin', '2025-03-29')));
    expect([iso(berlinSpring!.start), iso(berlinSpring!.end), hours(berlinSpring!)]).toEqual(['2025-03-29T21:00:00.000Z', '2025-03-30T04:00:00.000Z', 7]);
    const [berlinFall] = expand(defineSeries(overnight('Europe/Berlin', '2025-10-25')));
    expect([iso(berlinFall!.start), iso(berlinFall!.end), hours(berlinFall!)]).toEqual(['2025-10-25T20:00:00.000Z', '2025-10-26T05:00:00.000Z', 9]);
    const [nySpring] = expand(defineSeries(overnight('America/New_York', '2025-03-08')));
    expect([iso(nySpring!.start), iso(nySpring!.end), hours(nySpring!)]).toEqual(['2025-03-09T03:00:00.000Z', '2025-03-09T10:00:00.000Z', 7]);
    const [nyFall] = expand(defineSeries(overnight('America/New_York', '2025-11-01')));
    expect([iso(nyFall!.start), iso(nyFall!.end), hours(nyFall!)]).toEqual(['2025-11-02T02:00:00.000Z', '2025-11-02T11:00:00.000Z', 9]);
    expect(berlinSpring!.adjusted).toBeUndefined();
  });

  const berlin = (startTime: string, end: Partial<SeriesInput>, dst: SeriesInput['dst'] = {}): Block =>
    expand(defineSeries({ id: 'b', timezone: 'Europe/Berlin', start: '2025-03-30', startTime, ...end, dst }))[0]!;

  it('a block straddling the gap is shorter: 01:30–03:30 lasts one hour', () => {
    const block = berlin('01:30', { endTime: '03:30' });
    expect([iso(block.start), iso(block.end)]).toEqual(['2025-03-30T00:30:00.000Z', '2025-03-30T01:30:00.000Z']);
    expect(block.adjusted).toBeUndefined();
  });

  it('a block wholly inside the gap is rebuilt with its nominal length', () => {
    const block = berlin('02:30', { endTime: '03:30' });
    expect([iso(block.start), iso(block.end)]).toEqual(['2025-03-30T01:30:00.000Z', '2025-03-30T02:30:00.000Z']);
    expect(block.adjusted).toEqual({ start: 'shifted', end: 'rebuilt' });
  });

  it('an end in the gap always shifts forward, whatever dst.nonexistent says', () => {
    for (const nonexistent of ['shift', 'skip', 'error'] as const) {
      const block = berlin('01:00', { endTime: '02:30' }, { nonexistent });
      expect([iso(block.start), iso(block.end)]).toEqual(['2025-03-30T00:00:00.000Z', '2025-03-30T01:30:00.000Z']);
      expect(block.adjusted).toEqual({ end: 'shifted' });
    }
  });

  it('an ambiguous end follows dst.ambiguous', () => {
    const fall = (ambiguous: 'earlier' | 'later') =>
      expand(defineSeries({ id: 'f', timezone: 'Europe/Berlin', start: '2025-10-26', startTime: '00:30', endTime: '02:30', dst: { ambiguous } }))[0]!;
    expect([iso(fall('earlier').start), iso(fall('earlier').end), fall('earlier').adjusted]).toEqual(['2025-10-25T22:30:00.000Z', '2025-10-26T00:30:00.000Z', { end: 'earlier' }]);
    expect([iso(fall('later').end), fall('later').adjusted]).toEqual(['2025-10-26T01:30:00.000Z', { end: 'later' }]);
  });

  it('with duration, the end is the resolved start plus exact elapsed time', () => {
    const block = berlin('02:30', { duration: 'PT1H' });
    expect([iso(block.start), iso(block.end)]).toEqual(['2025-03-30T01:30:00.000Z', '2025-03-30T02:30:00.000Z']);
    expect(block.adjusted).toEqual({ start: 'shifted' });
    const overnight = expand(defineSeries({ id: 'd', timezone: 'Europe/Berlin', start: '2025-10-25', startTime: '22:00', duration: 'PT8H' }))[0]!;
    expect(iso(overnight.end)).toBe('2025-10-26T04:00:00.000Z');
  });

  it('Havana: a midnight start that does not exist shifts to 01:00 and its empty block is rebuilt', () => {
    const block = expand(defineSeries({ id: 'h', timezone: 'America/Havana', start: '2025-03-09', startTime: '00:00', endTime: '01:00' }))[0]!;
    expect([iso(block.start), iso(block.end)]).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-09T06:00:00.000Z']);
    expect(block.adjusted).toEqual({ start: 'shifted', end: 'rebuilt' });
  });
});
