import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import { defineSeries, describe, expand, InvalidArgumentError, SeriesValidationError, type RepeatInput, type Series, type SeriesInput } from '../../src/index.js';
import { seriesArbitrary } from '../../src/testing/index.js';

// `describe` is the function under test; vitest's is `group` here.

/** 6 Jan 2025 is a Monday. */
const base: SeriesInput = { id: 's', timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '09:30', endTime: '10:00' };

function text(extra: Partial<SeriesInput>): string {
  return describe(defineSeries({ ...base, ...extra }));
}

/** Only the rule clause: the text before the time of day. */
function rule(repeat: RepeatInput | string, extra: Partial<SeriesInput> = {}): string {
  const full = text({ repeat, ...extra });
  return full.slice(0, full.indexOf(', 09:30'));
}

group('describe: the two examples from the design and the issue', () => {
  it('gives the design example with the zone as its own clause and the start date', () => {
    expect(text({ repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10' })).toBe(
      'Every week on Monday, Wednesday and Friday, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 10 times',
    );
  });

  it('gives the issue example word for word', () => {
    const series = defineSeries({
      ...base,
      startTime: '22:00',
      endTime: '06:00',
      repeat: { freq: 'weekly', interval: 2, byWeekday: ['MO', 'TH'], until: '2025-12-31' },
      exclude: ['2025-01-09', '2025-02-03', '2025-03-06'],
    });
    expect(describe(series)).toBe(
      'Every 2 weeks on Monday and Thursday, 22:00–06:00 (next day), Europe/Berlin, from 6 Jan 2025 until 31 Dec 2025, except 3 dates',
    );
  });
});

group('describe: frequency, interval and the days a bare rule takes from the start', () => {
  it.each<[string, RepeatInput | string, string]>([
    ['daily', { freq: 'daily' }, 'Every day'],
    ['every 3 days', { freq: 'daily', interval: 3 }, 'Every 3 days'],
    ['weekly on the start weekday', { freq: 'weekly' }, 'Every week on Monday'],
    ['every 2 weeks on the start weekday', 'FREQ=WEEKLY;INTERVAL=2', 'Every 2 weeks on Monday'],
    ['monthly on the start day', { freq: 'monthly' }, 'Every month on the 6th'],
    ['every 3 months', { freq: 'monthly', interval: 3 }, 'Every 3 months on the 6th'],
    ['yearly on the start date', { freq: 'yearly' }, 'Every year on the 6th of January'],
    ['yearly in other months, on the start day', { freq: 'yearly', byMonth: [3, 6] }, 'Every year on the 6th of March and June'],
    ['every 2 years', { freq: 'yearly', interval: 2 }, 'Every 2 years on the 6th of January'],
  ])('%s', (_, repeat, expected) => {
    expect(rule(repeat)).toBe(expected);
  });

  it('says what the engine does: the first blocks fall on the days named', () => {
    const keys = (repeat: RepeatInput) => expand(defineSeries({ ...base, repeat: { ...repeat, count: 2 } })).map((block) => block.key.slice(0, 10));
    expect(keys({ freq: 'weekly', interval: 2 })).toEqual(['2025-01-06', '2025-01-20']);
    expect(keys({ freq: 'monthly' })).toEqual(['2025-01-06', '2025-02-06']);
    expect(keys({ freq: 'yearly', byMonth: [3, 6] })).toEqual(['2025-03-06', '2025-06-06']);
  });
});

group('describe: weekdays', () => {
  it.each<[string, RepeatInput | string, string]>([
    ['runs of three or more become a range', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every week on Monday to Friday'],
    ['shorter runs stay a list', 'FREQ=WEEKLY;BYDAY=SA,SU,MO', 'Every week on Monday, Saturday and Sunday'],
    ['daily, limited to weekdays', 'FREQ=DAILY;INTERVAL=2;BYDAY=MO,FR', 'Every 2 days on Monday and Friday'],
    ['monthly, every such weekday', 'FREQ=MONTHLY;BYDAY=TU', 'Every month on every Tuesday'],
    ['the last Friday', 'FREQ=MONTHLY;BYDAY=-1FR', 'Every month on the last Friday'],
    ['the second to last Friday', 'FREQ=MONTHLY;BYDAY=-2FR', 'Every month on the second to last Friday'],
    ['the second Tuesday and the fourth Thursday', 'FREQ=MONTHLY;BYDAY=2TU,4TH', 'Every month on the second Tuesday and the fourth Thursday'],
    ['plain and nth mixed', 'FREQ=MONTHLY;BYDAY=MO,-1FR', 'Every month on every Monday and the last Friday'],
    ['yearly nth counts in the year without months', 'FREQ=YEARLY;BYDAY=20MO', 'Every year on the 20th Monday of the year'],
    ['yearly nth counts in the month with months', 'FREQ=YEARLY;BYMONTH=4,9;BYDAY=1SU,-1SU', 'Every year on the first Sunday and the last Sunday in April and September'],
    ['yearly, every such weekday', 'FREQ=YEARLY;BYDAY=SA;BYMONTH=12', 'Every year on every Saturday in December'],
    ['a far negative position', 'FREQ=YEARLY;BYDAY=-53SU', 'Every year on the 53rd to last Sunday of the year'],
  ])('%s', (_, repeat, expected) => {
    expect(rule(repeat)).toBe(expected);
  });
});

group('describe: days of the month and of the year, week numbers, months', () => {
  it.each<[string, RepeatInput | string, string]>([
    ['the last day', 'FREQ=MONTHLY;BYMONTHDAY=-1', 'Every month on the last day'],
    ['the second to last day', 'FREQ=MONTHLY;BYMONTHDAY=-2', 'Every month on the second to last day'],
    ['positive and negative days', 'FREQ=MONTHLY;BYMONTHDAY=1,15,-1', 'Every month on the 1st, the 15th and the last day'],
    ['a run of days, ordinal suffixes', 'FREQ=MONTHLY;BYMONTHDAY=1,2,3,11,12,13,22,23', 'Every month on the 1st to 3rd, the 11th to 13th, the 22nd and the 23rd'],
    ['days of named months', 'FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=1', 'Every month on the 1st of January and July'],
    ['yearly days of every month', 'FREQ=YEARLY;BYMONTHDAY=1', 'Every year on the 1st of every month'],
    ['month ranges', 'FREQ=DAILY;BYMONTH=6,7,8,12', 'Every day in June to August and December'],
    ['weekly in months', 'FREQ=WEEKLY;BYDAY=SA;BYMONTH=3', 'Every week on Saturday in March'],
    ['Friday the 13th: weekdays limit month days', 'FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR', 'Every month on the 13th, if a Friday'],
    ['a weekday condition with nth', 'FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=MO,-1FR', 'Every month on the 1st to 7th, if a Monday or the last Friday'],
    ['days of the year', 'FREQ=YEARLY;BYYEARDAY=1,100,-1', 'Every year on day 1, day 100 and the last day of the year'],
    ['a day of the year that must be a weekday', 'FREQ=YEARLY;BYYEARDAY=256;BYDAY=MO,TU', 'Every year on day 256 of the year, if a Monday or Tuesday'],
    ['month days that must be days of the year', 'FREQ=YEARLY;BYMONTHDAY=1;BYYEARDAY=1,-1', 'Every year on the 1st of every month, if day 1 or the last day of the year'],
    ['week numbers, every day of them', 'FREQ=YEARLY;BYWEEKNO=1', 'Every year on every day in week 1'],
    ['week numbers with weekdays', 'FREQ=YEARLY;BYWEEKNO=20,-1;BYDAY=MO', 'Every year on every Monday in week 20 and the last week of the year'],
  ])('%s', (_, repeat, expected) => {
    expect(rule(repeat)).toBe(expected);
  });
});

group('describe: bySetPos and weekStart', () => {
  it.each<[string, RepeatInput | string, string]>([
    ['the last weekday of the month', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'Every month on every Monday to Friday, only the last of these in each month'],
    ['several positions, last last', 'FREQ=YEARLY;BYMONTH=3;BYDAY=SU;BYSETPOS=-1,1,2', 'Every year on every Sunday in March, only the first, the second and the last of these in each year'],
    ['positions in a week', 'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2', 'Every week on Monday, Wednesday and Friday, only the second of these in each week'],
    ['a daily position is left out: it always keeps the day', 'FREQ=DAILY;BYDAY=MO;BYSETPOS=1', 'Every day on Monday'],
    ['weekStart shapes weeks of every 2 weeks', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;WKST=SU', 'Every 2 weeks on Wednesday and Sunday, weeks starting on Sunday'],
    ['weekStart shapes bySetPos weeks', 'FREQ=WEEKLY;BYDAY=MO,SU;BYSETPOS=1;WKST=SU', 'Every week on Monday and Sunday, only the first of these in each week, weeks starting on Sunday'],
    ['weekStart shapes week numbers', 'FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU;WKST=SU', 'Every year on every Sunday in week 1, weeks starting on Sunday'],
    ['weekStart is left out when it changes nothing (every week)', 'FREQ=WEEKLY;BYDAY=MO,SU;WKST=SU', 'Every week on Monday and Sunday'],
    ['weekStart is left out when it changes nothing (monthly)', 'FREQ=MONTHLY;BYDAY=1MO;WKST=TH', 'Every month on the first Monday'],
    ['weekStart is left out when it changes nothing (one weekday of the start)', 'FREQ=WEEKLY;INTERVAL=2;WKST=SU', 'Every 2 weeks on Monday'],
  ])('%s', (_, repeat, expected) => {
    expect(rule(repeat)).toBe(expected);
  });

  it('weekStart really matters where it is mentioned', () => {
    const keys = (repeat: string) => expand(defineSeries({ ...base, repeat })).map((block) => block.key.slice(0, 10));
    expect(keys('FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=1')).not.toEqual(keys('FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=SU;COUNT=1'));
    expect(keys('FREQ=WEEKLY;BYDAY=MO,SU;BYSETPOS=1;COUNT=3')).not.toEqual(keys('FREQ=WEEKLY;BYDAY=MO,SU;BYSETPOS=1;WKST=SU;COUNT=3'));
    expect(keys('FREQ=WEEKLY;BYDAY=MO,SU;COUNT=5')).toEqual(keys('FREQ=WEEKLY;BYDAY=MO,SU;WKST=SU;COUNT=5'));
  });
});

group('describe: the span, the time of day and everything else', () => {
  it.each<[string, Partial<SeriesInput>, string]>([
    ['a single occurrence', {}, 'Once on 6 Jan 2025, 09:30–10:00, Europe/Berlin'],
    ['until a date', { repeat: 'FREQ=DAILY;UNTIL=20250210' }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025 until 10 Feb 2025'],
    ['a count of one', { repeat: { freq: 'daily', count: 1 } }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, once'],
    ['never ending', { repeat: { freq: 'daily' } }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, no end'],
    ['a duration', { endTime: undefined, duration: 'PT45M' }, 'Once on 6 Jan 2025, 09:30 for 45 minutes, Europe/Berlin'],
    ['a duration of several units', { endTime: undefined, duration: 'P1DT1H30M' }, 'Once on 6 Jan 2025, 09:30 for 1 day, 1 hour and 30 minutes, Europe/Berlin'],
    ['weeks and seconds, zero parts left out', { endTime: undefined, duration: 'P2WT0H1S' }, 'Once on 6 Jan 2025, 09:30 for 2 weeks and 1 second, Europe/Berlin'],
    ['overnight', { startTime: '22:00', endTime: '06:00' }, 'Once on 6 Jan 2025, 22:00–06:00 (next day), Europe/Berlin'],
    ['a whole day: end equal to start', { startTime: '08:00', endTime: '08:00' }, 'Once on 6 Jan 2025, 08:00–08:00 (next day), Europe/Berlin'],
    ['seconds in times', { startTime: '09:15:30', endTime: '17:45:05' }, 'Once on 6 Jan 2025, 09:15:30–17:45:05, Europe/Berlin'],
    ['UTC', { timezone: 'UTC' }, 'Once on 6 Jan 2025, 09:30–10:00, UTC'],
    ['one exclusion', { repeat: 'FREQ=DAILY;COUNT=5', exclude: ['2025-01-07'] }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 5 times, except 1 date'],
    ['inclusions', { repeat: 'FREQ=DAILY;COUNT=5', include: ['2025-02-01', '2025-02-02T15:00'] }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 5 times, plus 2 extra occurrences'],
    ['a single occurrence with an inclusion', { include: ['2025-01-07'] }, 'Once on 6 Jan 2025, 09:30–10:00, Europe/Berlin, plus 1 extra occurrence'],
    ['a cancelled occurrence', { repeat: 'FREQ=DAILY;COUNT=5', overrides: { '2025-01-07T09:30': { cancelled: true } } }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 5 times, with 1 occurrence cancelled'],
    ['moved occurrences', { repeat: 'FREQ=DAILY;COUNT=5', overrides: { '2025-01-07T09:30': { startTime: '11:00' }, '2025-01-08T09:30': { date: '2025-01-11' } } }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 5 times, with 2 occurrences moved'],
    ['cancelled and moved', { repeat: 'FREQ=DAILY;COUNT=5', overrides: { '2025-01-07T09:30': { cancelled: true }, '2025-01-08T09:30': { endTime: '12:00' }, '2025-01-09T09:30': { cancelled: true } } }, 'Every day, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 5 times, with 2 occurrences cancelled and 1 moved'],
    ['skip in gaps', { dst: { nonexistent: 'skip' } }, 'Once on 6 Jan 2025, 09:30–10:00, Europe/Berlin, skipping starts in DST gaps'],
    ['error in gaps', { dst: { nonexistent: 'error' } }, 'Once on 6 Jan 2025, 09:30–10:00, Europe/Berlin, treating starts in DST gaps as errors'],
    ['the later instant', { dst: { ambiguous: 'later' } }, 'Once on 6 Jan 2025, 09:30–10:00, Europe/Berlin, taking the later of repeated wall times'],
    ['both policies', { dst: { nonexistent: 'skip', ambiguous: 'later' } }, 'Once on 6 Jan 2025, 09:30–10:00, Europe/Berlin, skipping starts in DST gaps and taking the later of repeated wall times'],
    ['the default policies, written out, are not mentioned', { dst: { nonexistent: 'shift', ambiguous: 'earlier' } }, 'Once on 6 Jan 2025, 09:30–10:00, Europe/Berlin'],
    [
      'every clause at once',
      {
        repeat: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20251231',
        exclude: ['2025-05-30'],
        include: ['2025-06-02T10:00'],
        overrides: { '2025-03-28T09:30': { cancelled: true } },
        dst: { ambiguous: 'later' },
      },
      'Every month on the last Friday, 09:30–10:00, Europe/Berlin, from 6 Jan 2025 until 31 Dec 2025, except 1 date, plus 1 extra occurrence, with 1 occurrence cancelled, taking the later of repeated wall times',
    ],
  ])('%s', (_, extra, expected) => {
    expect(text(extra)).toBe(expected);
  });

  it('writes every month and years without leading zeros', () => {
    const months = Array.from({ length: 12 }, (_, i) => text({ start: `0999-${String(i + 1).padStart(2, '0')}-01` }).split(', ')[0]);
    expect(months).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => `Once on 1 ${m} 999`));
  });

  it('is the same for a series and its RRULE-string twin', () => {
    expect(text({ repeat: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3' })).toBe(text({ repeat: { freq: 'monthly', byWeekday: [{ day: 'TU', nth: 2 }], count: 3 } }));
  });
});

group('describe: input that is not a defined series (as every entry: see require-series.test.ts)', () => {
  const series = defineSeries({ ...base, repeat: 'FREQ=WEEKLY' });
  it('valid raw input is described like its defined series', () => {
    expect(describe({ ...base, repeat: 'FREQ=WEEKLY' } as unknown as Series)).toBe(describe(series));
    expect(describe({ ...base } as unknown as Series)).toBe(describe(defineSeries(base)));
  });

  it.each<[string, unknown, string]>([
    ['a bad start', { ...series, start: '6 Jan 2025' }, 'start'],
    ['both endTime and duration', { ...series, duration: 'PT1H' }, 'duration'],
    ['a bad duration', { ...series, endTime: undefined, duration: '45 minutes' }, 'duration'],
    ['a bad interval', { ...series, repeat: { ...series.repeat, interval: 0 } }, 'repeat.interval'],
    ['a bad weekday', { ...series, repeat: { ...series.repeat, byWeekday: ['XX'] } }, 'repeat.byWeekday[0]'],
    ['a month 13', { ...series, repeat: { ...series.repeat, byMonth: [13] } }, 'repeat.byMonth[0]'],
  ])('%s: a SeriesValidationError naming the field', (_, input, path) => {
    let caught: unknown;
    try {
      describe(input as Series);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SeriesValidationError);
    expect((caught as SeriesValidationError).issues.map((issue) => issue.path)).toContain(path);
  });

  it.each([null, 'FREQ=DAILY'])('%j: an InvalidArgumentError on series', (input) => {
    expect(() => describe(input as unknown as Series)).toThrow(InvalidArgumentError);
  });
});

group('describe: properties', () => {
  it('never throws for any defined series, and gives one clean line with its zone and start', () => {
    fc.assert(
      fc.property(seriesArbitrary({ withNeverEnding: true }), (series) => {
        const line = describe(series);
        expect(line).not.toMatch(/undefined|NaN|null|\[object|\n|  |, ,/);
        expect(line).toMatch(/^(Every|Once on) /);
        expect(line).toContain(`, ${series.timezone}`);
        const [year, month, day] = series.start.split('-').map(Number);
        expect(line).toContain(`${day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month! - 1]} ${year}`);
        if (series.repeat?.count !== undefined && series.repeat.count > 1) expect(line).toContain(`, ${series.repeat.count} times`);
      }),
      { numRuns: 500 },
    );
  });

  it('differs between series whose rule differs only in interval', () => {
    fc.assert(
      fc.property(seriesArbitrary({ withSingle: false }), fc.integer({ min: 2, max: 9 }), (series, extra) => {
        const input = { ...(JSON.parse(JSON.stringify(series)) as SeriesInput), repeat: { ...series.repeat!, interval: series.repeat!.interval + extra } };
        let other: Series;
        try {
          other = defineSeries(input);
        } catch {
          // The longer interval may miss every month the rule names (byMonth 2, every 3 months from January).
          return fc.pre(false);
        }
        expect(describe(other)).not.toBe(describe(series));
      }),
      { numRuns: 100 },
    );
  });

  it('is byte-identical under different host time zones and locales (child processes, built package)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // The same seeded sample of series in every child; each prints its descriptions.
    const script = `
      import fc from 'fast-check';
      import { describe } from ${JSON.stringify(join(root, 'dist/index.js'))};
      import { seriesArbitrary } from ${JSON.stringify(join(root, 'dist/testing/index.js'))};
      const sample = fc.sample(seriesArbitrary({ withNeverEnding: true }), { seed: 20250106, numRuns: 300 });
      process.stdout.write(JSON.stringify(sample.map((series) => [series, describe(series)])));
    `;
    const hosts = [
      { TZ: 'UTC', LANG: 'C' },
      { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8' },
      { TZ: 'Asia/Kolkata', LANG: 'hi_IN.UTF-8', LC_ALL: 'hi_IN.UTF-8' },
      { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    ];
    const outputs = hosts.map((host) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, ...host } }),
    );
    const parsed = JSON.parse(outputs[0]!) as Array<[Series, string]>;
    expect(parsed).toHaveLength(300);
    // The children agree with this process too.
    for (const [series, line] of parsed) expect(line).toBe(describe(series));
    for (const output of outputs.slice(1)) expect(output).toBe(outputs[0]);
  });
});
