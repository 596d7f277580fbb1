import { describe, expect, it } from 'vitest';
import {
  compareBlocks,
  defineSeries,
  expand,
  ExpansionLimitError,
  InvalidArgumentError,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  nthWeekdayOfMonthEachYear,
  occurrences,
  weekdays,
  type Block,
  type RepeatInput,
  type SeriesInput,
} from '../../src/index.js';
import { thrown } from '../support/thrown.js';

/**
 * Calendar arithmetic of the recurrence engine, with hand-computed dates. Reference points
 * used below: 2025-01-01 is a Wednesday, 2024 and 2028 are leap years, 2100 is not.
 * Several cases are the worked examples of RFC 5545 §3.8.5.3.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const keys = (blocks: readonly Block[]) => blocks.map((block) => block.key);


/** A series at 09:00–10:00 in `timezone` (UTC unless told). */
function series(start: string, repeat: RepeatInput | string | undefined, extra: Partial<SeriesInput> = {}) {
  return defineSeries({
    id: 'cal',
    timezone: 'UTC',
    start,
    startTime: '09:00',
    endTime: '10:00',
    ...(repeat === undefined ? {} : { repeat }),
    ...extra,
  });
}

const dates = (blocks: readonly Block[]) => blocks.map((block) => block.key.slice(0, 10));

describe('month lengths and leap days', () => {
  it('monthly byMonthDay 31 skips the months that have no 31st', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'monthly', byMonthDay: [31], count: 7 })))).toEqual([
      '2025-01-31',
      '2025-03-31',
      '2025-05-31',
      '2025-07-31',
      '2025-08-31',
      '2025-10-31',
      '2025-12-31',
    ]);
  });

  it('monthly without byMonthDay from the 31st also skips short months (RFC 5545: invalid dates are ignored)', () => {
    expect(dates(expand(series('2025-01-31', { freq: 'monthly', count: 4 })))).toEqual(['2025-01-31', '2025-03-31', '2025-05-31', '2025-07-31']);
  });

  it('monthly every 13 months from the 31st: the periods landing on a short month have no occurrence', () => {
    // 2025-01, 2026-02 (no 31st), 2027-03, 2028-04 (no 31st), 2029-05.
    expect(dates(expand(series('2025-01-31', 'FREQ=MONTHLY;INTERVAL=13;COUNT=3')))).toEqual(['2025-01-31', '2027-03-31', '2029-05-31']);
  });

  it('monthly byMonthDay -1 is the last day of every month', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'monthly', byMonthDay: [-1], count: 6 })))).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
    ]);
    expect(dates(expand(series('2024-01-15', { freq: 'monthly', byMonthDay: [-1], count: 3 })))).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });

  it('daily runs through Feb 29 in a leap year, and past Feb 28 in a common one', () => {
    expect(dates(expand(series('2024-02-27', { freq: 'daily', count: 4 })))).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(dates(expand(series('2025-02-27', { freq: 'daily', count: 4 })))).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
  });

  it('yearly from Feb 29 happens only in leap years (and 2100 is not one)', () => {
    expect(dates(expand(series('2024-02-29', { freq: 'yearly', count: 3 })))).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
    expect(dates(expand(series('2096-02-29', { freq: 'yearly', count: 3 })))).toEqual(['2096-02-29', '2104-02-29', '2108-02-29']);
    expect(dates(expand(series('2024-01-01', { freq: 'yearly', byMonth: [2], byMonthDay: [29], until: '2033-12-31' })))).toEqual([
      '2024-02-29',
      '2028-02-29',
      '2032-02-29',
    ]);
  });

  it('until is an inclusive local date', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'daily', until: '2025-01-05' })))).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-05',
    ]);
  });
});

describe('weekdays in the month and set positions', () => {
  it('monthly last Friday', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }], count: 6 })))).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-28',
      '2025-04-25',
      '2025-05-30',
      '2025-06-27',
    ]);
  });

  it('monthly 2nd Tuesday', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'monthly', byWeekday: [{ day: 'TU', nth: 2 }], count: 4 })))).toEqual([
      '2025-01-14',
      '2025-02-11',
      '2025-03-11',
      '2025-04-08',
    ]);
  });

  it('monthly 5th Monday only in months that have five', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'monthly', byWeekday: [{ day: 'MO', nth: 5 }], count: 3 })))).toEqual([
      '2025-03-31',
      '2025-06-30',
      '2025-09-29',
    ]);
  });

  it('bySetPos -1 over Mon–Fri: the last weekday of the month', () => {
    const repeat: RepeatInput = { freq: 'monthly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], bySetPos: [-1], count: 6 };
    expect(dates(expand(series('2025-01-01', repeat)))).toEqual([
      '2025-01-31', // Fri
      '2025-02-28', // Fri
      '2025-03-31', // Mon
      '2025-04-30', // Wed
      '2025-05-30', // Fri (31st is a Saturday)
      '2025-06-30', // Mon
    ]);
  });

  it('bySetPos 1 over Mon–Fri: the first weekday of the month', () => {
    const repeat: RepeatInput = { freq: 'monthly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], bySetPos: [1], count: 4 };
    expect(dates(expand(series('2025-01-01', repeat)))).toEqual(['2025-01-01', '2025-02-03', '2025-03-03', '2025-04-01']);
  });

  it('RFC 5545: the third Tuesday, Wednesday or Thursday of the month, 3 times', () => {
    const blocks = expand(series('1997-09-04', 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3', { timezone: 'America/New_York' }));
    expect(keys(blocks)).toEqual(['1997-09-04T09:00', '1997-10-07T09:00', '1997-11-06T09:00']);
    // 09:00 EDT, EDT, EST.
    expect(blocks.map((block) => iso(block.start))).toEqual(['1997-09-04T13:00:00.000Z', '1997-10-07T13:00:00.000Z', '1997-11-06T14:00:00.000Z']);
  });

  it('RFC 5545: every Friday the 13th (the start itself does not match, so it is not an occurrence)', () => {
    expect(dates(expand(series('1997-09-02', { freq: 'monthly', byWeekday: ['FR'], byMonthDay: [13], count: 5 })))).toEqual([
      '1998-02-13',
      '1998-03-13',
      '1998-11-13',
      '1999-08-13',
      '2000-10-13',
    ]);
  });
});

describe('weekly intervals count from the week that holds start', () => {
  it('RFC 5545: every other week on Tuesday and Sunday, WKST=MO', () => {
    const repeat: RepeatInput = { freq: 'weekly', interval: 2, byWeekday: ['TU', 'SU'], weekStart: 'MO', count: 4 };
    expect(dates(expand(series('1997-08-05', repeat)))).toEqual(['1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24']);
  });

  it('RFC 5545: the same rule with WKST=SU gives different dates', () => {
    const repeat: RepeatInput = { freq: 'weekly', interval: 2, byWeekday: ['TU', 'SU'], weekStart: 'SU', count: 4 };
    expect(dates(expand(series('1997-08-05', repeat)))).toEqual(['1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31']);
    expect(dates(expand(series('1997-08-05', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU')))).toEqual([
      '1997-08-05',
      '1997-08-17',
      '1997-08-19',
      '1997-08-31',
    ]);
  });

  it('a Wednesday start: that week’s Monday is before start, the next matching week is two weeks on', () => {
    const repeat: RepeatInput = { freq: 'weekly', interval: 2, byWeekday: ['MO', 'WE'], count: 5 };
    expect(dates(expand(series('2025-01-08', repeat)))).toEqual(['2025-01-08', '2025-01-20', '2025-01-22', '2025-02-03', '2025-02-05']);
  });

  it('weekly without byWeekday repeats on the start’s weekday', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'weekly', interval: 3, count: 3 })))).toEqual(['2025-01-01', '2025-01-22', '2025-02-12']);
  });
});

describe('yearly byWeekNo, byYearDay and nth weekday of the year', () => {
  it('RFC 5545: Monday of week number 20', () => {
    expect(dates(expand(series('1997-05-12', { freq: 'yearly', byWeekNo: [20], byWeekday: ['MO'], count: 3 })))).toEqual([
      '1997-05-12',
      '1998-05-11',
      '1999-05-17',
    ]);
    // ISO week 1 of 2025 starts on Monday 2024-12-30, so week 20 starts on 2025-05-12.
    expect(dates(expand(series('2025-01-01', { freq: 'yearly', byWeekNo: [20], byWeekday: ['MO'], count: 1 })))).toEqual(['2025-05-12']);
  });

  it('byWeekNo 53 only in years that have 53 ISO weeks (2015, 2020 and 2026 do; 2016–2019 and 2021–2025 do not)', () => {
    expect(dates(expand(series('2015-01-01', { freq: 'yearly', byWeekNo: [53], byWeekday: ['MO'], count: 3 })))).toEqual([
      '2015-12-28',
      '2020-12-28',
      '2026-12-28',
    ]);
  });

  it('RFC 5545: every third year on the 1st, 100th and 200th day, 10 times', () => {
    expect(dates(expand(series('1997-01-01', 'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200')))).toEqual([
      '1997-01-01',
      '1997-04-10',
      '1997-07-19',
      '2000-01-01',
      '2000-04-09',
      '2000-07-18',
      '2003-01-01',
      '2003-04-10',
      '2003-07-19',
      '2006-01-01',
    ]);
  });

  it('byYearDay 60 is Feb 29 in a leap year and Mar 1 otherwise; -1 is Dec 31', () => {
    expect(dates(expand(series('2024-01-01', { freq: 'yearly', byYearDay: [60], count: 2 })))).toEqual(['2024-02-29', '2025-03-01']);
    expect(dates(expand(series('2024-06-01', { freq: 'yearly', byYearDay: [-1], count: 2 })))).toEqual(['2024-12-31', '2025-12-31']);
  });

  it('RFC 5545: the 20th Monday of the year', () => {
    expect(dates(expand(series('1997-05-19', { freq: 'yearly', byWeekday: [{ day: 'MO', nth: 20 }], count: 3 })))).toEqual([
      '1997-05-19',
      '1998-05-18',
      '1999-05-17',
    ]);
  });
});

describe('start is an occurrence only if the rule selects it', () => {
  it('weekly on Mondays from a Wednesday', () => {
    expect(dates(expand(series('2025-01-01', { freq: 'weekly', byWeekday: ['MO'], count: 2 })))).toEqual(['2025-01-06', '2025-01-13']);
  });

  it('monthly on the 15th from the 20th', () => {
    expect(dates(expand(series('2025-01-20', { freq: 'monthly', byMonthDay: [15], count: 2 })))).toEqual(['2025-02-15', '2025-03-15']);
  });

  it('no repeat: a single occurrence on start', () => {
    expect(keys(expand(series('2025-01-01', undefined)))).toEqual(['2025-01-01T09:00']);
  });
});

describe('include (RDATE) and exclude (EXDATE)', () => {
  it('include stands outside count', () => {
    const blocks = expand(series('2025-01-01', { freq: 'daily', count: 2 }, { include: ['2025-01-10T15:00'] }));
    expect(blocks.map((b) => [b.key, iso(b.start), iso(b.end)])).toEqual([
      ['2025-01-01T09:00', '2025-01-01T09:00:00.000Z', '2025-01-01T10:00:00.000Z'],
      ['2025-01-02T09:00', '2025-01-02T09:00:00.000Z', '2025-01-02T10:00:00.000Z'],
      // Its own time plus the series' nominal length (1 h).
      ['2025-01-10T15:00', '2025-01-10T15:00:00.000Z', '2025-01-10T16:00:00.000Z'],
    ]);
  });

  it('include stands outside until', () => {
    expect(keys(expand(series('2025-01-01', { freq: 'daily', until: '2025-01-02' }, { include: ['2025-02-01T09:00'] })))).toEqual([
      '2025-01-01T09:00',
      '2025-01-02T09:00',
      '2025-02-01T09:00',
    ]);
  });

  it('an include equal to a rule occurrence yields one block (date-time and date forms)', () => {
    const blocks = expand(series('2025-01-01', { freq: 'daily', count: 3 }, { include: ['2025-01-02T09:00', '2025-01-03'] }));
    expect(keys(blocks)).toEqual(['2025-01-01T09:00', '2025-01-02T09:00', '2025-01-03T09:00']);
  });

  it('exclude removes rule occurrences and included dates alike', () => {
    const blocks = expand(
      series('2025-01-01', { freq: 'daily', count: 3 }, { include: ['2025-01-10T15:00', '2025-01-11T08:00'], exclude: ['2025-01-02', '2025-01-10'] }),
    );
    expect(keys(blocks)).toEqual(['2025-01-01T09:00', '2025-01-03T09:00', '2025-01-11T08:00']);
  });

  it('count counts excluded occurrences', () => {
    expect(keys(expand(series('2025-01-01', { freq: 'daily', count: 3 }, { exclude: ['2025-01-02'] })))).toEqual([
      '2025-01-01T09:00',
      '2025-01-03T09:00',
    ]);
  });

  it('an include with duration series: its own time plus the duration', () => {
    const s = defineSeries({ id: 'd', timezone: 'UTC', start: '2025-01-01', startTime: '09:00', duration: 'PT45M', include: ['2025-01-05T13:10'] });
    expect(expand(s).map((b) => [b.key, iso(b.start), iso(b.end)])).toEqual([
      ['2025-01-01T09:00', '2025-01-01T09:00:00.000Z', '2025-01-01T09:45:00.000Z'],
      ['2025-01-05T13:10', '2025-01-05T13:10:00.000Z', '2025-01-05T13:55:00.000Z'],
    ]);
  });
});

describe('keys', () => {
  it('carry seconds when the start time has them', () => {
    const s = defineSeries({ id: 's', timezone: 'UTC', start: '2025-01-01', startTime: '09:30:15', endTime: '10:00', repeat: { freq: 'daily', count: 2 } });
    const blocks = expand(s);
    expect(keys(blocks)).toEqual(['2025-01-01T09:30:15', '2025-01-02T09:30:15']);
    expect(iso(blocks[0]!.start)).toBe('2025-01-01T09:30:15.000Z');
    expect(iso(blocks[0]!.end)).toBe('2025-01-01T10:00:00.000Z');
  });

  it('drop zero seconds', () => {
    const s = defineSeries({ id: 's', timezone: 'UTC', start: '2025-01-01', startTime: '09:30:00', endTime: '10:00' });
    expect(keys(expand(s))).toEqual(['2025-01-01T09:30']);
  });

  it('are the nominal local start in the series’ zone, not UTC', () => {
    const s = defineSeries({ id: 's', timezone: 'Asia/Tokyo', start: '2025-01-01', startTime: '08:00', endTime: '09:00' });
    const [block] = expand(s);
    expect(block!.key).toBe('2025-01-01T08:00');
    expect(iso(block!.start)).toBe('2024-12-31T23:00:00.000Z');
  });
});

describe('sort order: start, end, seriesId, key', () => {
  it('sorts by start instant, not by key (a gap-shifted occurrence sorts after a later-keyed one)', () => {
    // America/New_York 2025-03-09: 02:30 does not exist and becomes 03:30 EDT (07:30Z).
    const s = defineSeries({
      id: 'ny',
      timezone: 'America/New_York',
      start: '2025-03-09',
      startTime: '02:30',
      duration: 'PT30M',
      include: ['2025-03-09T03:30', '2025-03-09T03:15', '2025-03-09T01:00'],
    });
    expect(expand(s).map((b) => [b.key, iso(b.start), iso(b.end)])).toEqual([
      ['2025-03-09T01:00', '2025-03-09T06:00:00.000Z', '2025-03-09T06:30:00.000Z'],
      ['2025-03-09T03:15', '2025-03-09T07:15:00.000Z', '2025-03-09T07:45:00.000Z'],
      // Same start and end: key decides.
      ['2025-03-09T02:30', '2025-03-09T07:30:00.000Z', '2025-03-09T08:00:00.000Z'],
      ['2025-03-09T03:30', '2025-03-09T07:30:00.000Z', '2025-03-09T08:00:00.000Z'],
    ]);
    expect([...occurrences(s)].map((b) => b.key)).toEqual(['2025-03-09T01:00', '2025-03-09T03:15', '2025-03-09T02:30', '2025-03-09T03:30']);
  });

  it('compareBlocks orders by start, then end, then seriesId, then key (code-unit order)', () => {
    const blocks: Block[] = [
      { seriesId: 'b', key: 'k1', start: 10, end: 50 },
      { seriesId: 'a', key: 'k2', start: 10, end: 50 },
      { seriesId: 'a', key: 'k1', start: 10, end: 50 },
      { seriesId: 'z', key: 'k0', start: 10, end: 30 },
      { seriesId: 'z', key: 'k9', start: 5, end: 100 },
      { seriesId: 'B', key: 'k1', start: 10, end: 50 },
    ];
    expect([...blocks].sort(compareBlocks).map((b) => `${b.start}/${b.end}/${b.seriesId}/${b.key}`)).toEqual([
      '5/100/z/k9',
      '10/30/z/k0',
      '10/50/B/k1',
      '10/50/a/k1',
      '10/50/a/k2',
      '10/50/b/k1',
    ]);
  });
});

describe('windows', () => {
  // Daily 09:00–10:00 UTC, 2025-01-01 … 2025-01-05.
  const fiveDays = series('2025-01-01', { freq: 'daily', count: 5 });

  it('are half-open: a block ending exactly at from and one starting exactly at to are out', () => {
    expect(keys(expand(fiveDays, { from: '2025-01-02T10:00:00Z', to: '2025-01-04T09:00:00Z' }))).toEqual(['2025-01-03T09:00']);
  });

  it('include a block that overlaps by one millisecond at either side', () => {
    expect(keys(expand(fiveDays, { from: '2025-01-02T09:59:59.999Z', to: '2025-01-04T09:00:00.001Z' }))).toEqual([
      '2025-01-02T09:00',
      '2025-01-03T09:00',
      '2025-01-04T09:00',
    ]);
  });

  it('include blocks that only partly overlap', () => {
    expect(keys(expand(fiveDays, { from: '2025-01-02T09:30:00Z', to: '2025-01-02T09:45:00Z' }))).toEqual(['2025-01-02T09:00']);
  });

  it('accept epoch milliseconds, Dates and ISO instants with offsets, all alike', () => {
    // 2025-01-02T10:00Z = 1735812000000, 2025-01-04T09:00Z = 1735981200000.
    const byMs = expand(fiveDays, { from: 1735812000000, to: 1735981200000 });
    const byDate = expand(fiveDays, { from: new Date('2025-01-02T10:00:00Z'), to: new Date('2025-01-04T09:00:00Z') });
    const byOffset = expand(fiveDays, { from: '2025-01-02T11:00:00+01:00', to: '2025-01-04T04:00:00-05:00' });
    for (const blocks of [byMs, byDate, byOffset]) {
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.key).toBe('2025-01-03T09:00');
      expect(blocks[0]!.start).toBe(1735894800000);
      expect(blocks[0]!.end).toBe(1735898400000);
    }
  });

  it('a window on a zoned series selects by instant', () => {
    // Asia/Kolkata +05:30: 09:00 local = 03:30Z.
    const s = series('2025-01-01', { freq: 'daily', count: 5 }, { timezone: 'Asia/Kolkata' });
    expect(keys(expand(s, { from: '2025-01-03T04:30:00Z', to: '2025-01-04T03:30:00Z' }))).toEqual([]);
    expect(keys(expand(s, { from: '2025-01-03T04:29:59Z', to: '2025-01-04T03:30:01Z' }))).toEqual(['2025-01-03T09:00', '2025-01-04T09:00']);
  });

  it.each([
    ['from', { from: '2025-01-02T10:00:00', to: '2025-01-04T09:00:00Z' }],
    ['to', { from: '2025-01-02T10:00:00Z', to: '2025-01-04T09:00:00' }],
    ['from', { from: '2025-01-02' }],
  ] as const)('an ISO string without offset is an InvalidArgumentError on %s', (field, window) => {
    const error = thrown(() => expand(fiveDays, window));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect((error as Error).message).toMatch(/offset/i);
  });

  it('occurrences rejects an offset-less from as well', () => {
    const error = thrown(() => occurrences(fiveDays, { from: '2025-01-02T10:00' }).next());
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe('from');
  });

  it('a series that never ends needs to', () => {
    const forever = series('2025-01-01', { freq: 'daily' });
    for (const window of [{}, { from: '2025-01-01T00:00:00Z' }]) {
      const error = thrown(() => expand(forever, window));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('to');
    }
    expect(keys(expand(forever, { to: '2025-01-03T00:00:00Z' }))).toEqual(['2025-01-01T09:00', '2025-01-02T09:00']);
  });

  it('a series that ends may omit the window', () => {
    expect(expand(fiveDays)).toHaveLength(5);
  });
});

describe('limit', () => {
  const ten = series('2025-01-01', { freq: 'daily', count: 10 });

  it('exactly limit blocks is fine', () => {
    expect(expand(ten, { limit: 10 })).toHaveLength(10);
  });

  it('one more than limit is an ExpansionLimitError, never a truncation', () => {
    const error = thrown(() => expand(ten, { limit: 9 }));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as ExpansionLimitError).limit).toBe(9);
    expect((error as ExpansionLimitError).seriesId).toBe('cal');
  });

  it('the limit counts blocks in the window only', () => {
    expect(keys(expand(ten, { from: '2025-01-09T00:00:00Z', limit: 2 }))).toEqual(['2025-01-09T09:00', '2025-01-10T09:00']);
  });

  it('the default limit is 100 000', () => {
    const forever = series('2000-01-01', { freq: 'daily' });
    // 2000-01-01 … 2273-10-15 is exactly 100 000 days; the next block starts 2273-10-16T09:00Z.
    const blocks = expand(forever, { to: '2273-10-16T09:00:00Z' });
    expect(blocks).toHaveLength(100_000);
    expect(blocks[99_999]!.key).toBe('2273-10-15T09:00');
    const error = thrown(() => expand(forever, { to: '2273-10-16T09:00:00.001Z' }));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as ExpansionLimitError).limit).toBe(100_000);
  });
});

describe('occurrences', () => {
  it('yields the same blocks as expand for a finite series', () => {
    const s = series('2025-01-30', { freq: 'monthly', byMonthDay: [-1], count: 4 }, { include: ['2025-02-14T12:00'], timezone: 'Europe/Berlin' });
    const lazy = [...occurrences(s)];
    expect(keys(lazy)).toEqual(['2025-01-31T09:00', '2025-02-14T12:00', '2025-02-28T09:00', '2025-03-31T09:00', '2025-04-30T09:00']);
    expect(lazy).toEqual(expand(s));
    // 09:00 CET is 08:00Z; 09:00 CEST (from March 30) is 07:00Z.
    expect(lazy.map((b) => iso(b.start))).toEqual([
      '2025-01-31T08:00:00.000Z',
      '2025-02-14T11:00:00.000Z',
      '2025-02-28T08:00:00.000Z',
      '2025-03-31T07:00:00.000Z',
      '2025-04-30T07:00:00.000Z',
    ]);
  });

  it('can be pulled from a never-ending series, from a point in time', () => {
    const forever = series('2025-01-01', { freq: 'weekly', byWeekday: ['MO', 'TH'] });
    const iterator = occurrences(forever, { from: '2030-06-01T00:00:00Z' });
    const taken: string[] = [];
    for (const block of iterator) {
      taken.push(block.key);
      if (taken.length === 4) break;
    }
    // 2030-06-01 is a Saturday.
    expect(taken).toEqual(['2030-06-03T09:00', '2030-06-06T09:00', '2030-06-10T09:00', '2030-06-13T09:00']);
  });

  it('yields a block that is in progress at from', () => {
    const first = occurrences(series('2025-01-01', { freq: 'daily' }), { from: '2025-01-03T09:30:00Z' }).next();
    expect(first.done).toBe(false);
    expect((first.value as Block).key).toBe('2025-01-03T09:00');
  });

  it('needs no window, even for a never-ending series', () => {
    // A never-ending series without a window would be an error for expand.
    const iterator = occurrences(series('2025-01-01', { freq: 'daily' }));
    expect(iterator.next().value).toEqual({ seriesId: 'cal', key: '2025-01-01T09:00', start: Date.parse('2025-01-01T09:00:00Z'), end: Date.parse('2025-01-01T10:00:00Z') });
  });
});

describe('presets', () => {
  it('return plain rules', () => {
    expect(weekdays({ count: 5 })).toEqual({ freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], count: 5 });
    expect(nthWeekdayOfMonth(2, 'TU')).toEqual({ freq: 'monthly', byWeekday: [{ day: 'TU', nth: 2 }] });
    expect(lastWeekdayOfMonth('FR', { until: '2025-12-31' })).toEqual({ freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }], until: '2025-12-31' });
    expect(nthWeekdayOfMonthEachYear(4, 'TH', 11)).toEqual({ freq: 'yearly', byMonth: [11], byWeekday: [{ day: 'TH', nth: 4 }] });
  });

  it('weekdays: Monday to Friday', () => {
    expect(dates(expand(series('2025-01-01', weekdays({ count: 7 }))))).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-01-09',
    ]);
  });

  it('nthWeekdayOfMonth: 2nd Tuesday, and 1st Monday every other month', () => {
    expect(dates(expand(series('2025-01-01', nthWeekdayOfMonth(2, 'TU', { count: 3 }))))).toEqual(['2025-01-14', '2025-02-11', '2025-03-11']);
    expect(dates(expand(series('2025-01-01', nthWeekdayOfMonth(1, 'MO', { count: 3, interval: 2 }))))).toEqual(['2025-01-06', '2025-03-03', '2025-05-05']);
  });

  it('lastWeekdayOfMonth: last Friday', () => {
    expect(dates(expand(series('2025-01-01', lastWeekdayOfMonth('FR', { until: '2025-03-31' }))))).toEqual(['2025-01-31', '2025-02-28', '2025-03-28']);
  });

  it('nthWeekdayOfMonthEachYear: US Thanksgiving (4th Thursday of November)', () => {
    expect(dates(expand(series('2025-01-01', nthWeekdayOfMonthEachYear(4, 'TH', 11, { count: 3 }))))).toEqual([
      '2025-11-27',
      '2026-11-26',
      '2027-11-25',
    ]);
  });
});
