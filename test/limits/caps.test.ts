import { describe, expect, it } from 'vitest';
import { defineSeries, fromRRule, limits, SeriesValidationError, type SeriesInput } from '../../src/index.js';
import { thrown } from '../support/thrown.js';

const base: SeriesInput = { id: 'capped', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', duration: 'PT1H', repeat: { freq: 'daily' } };

/** The SeriesValidationError `run` throws; any other outcome fails the test. */
function rejected(run: () => unknown): SeriesValidationError {
  const error = thrown(run);
  expect(error).toBeInstanceOf(SeriesValidationError);
  return error as SeriesValidationError;
}

/** Consecutive local dates from 2025-01-02: `n` distinct, valid entries. */
function dates(n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(2025, 0, 2 + i)).toISOString().slice(0, 10));
}

describe('size caps on series lists: at the cap fine, one past it a typed error that states the cap', () => {
  const cases: Array<[string, number, (n: number) => Partial<SeriesInput>]> = [
    ['exclude', limits.exclude, (n) => ({ exclude: dates(n) })],
    ['include', limits.include, (n) => ({ include: dates(n).map((date) => `${date}T15:00`) })],
    ['overrides', limits.overrides, (n) => ({ overrides: Object.fromEntries(dates(n).map((date) => [`${date}T10:00`, { cancelled: true as const }])) })],
  ];
  for (const [path, cap, make] of cases) {
    it(`${path}: ${cap} entries pass, ${cap + 1} are refused before any entry is read`, () => {
      expect(() => defineSeries({ ...base, ...make(cap) })).not.toThrow();
      const error = rejected(() => defineSeries({ ...base, ...make(cap + 1) }));
      expect(error.issues).toEqual([{ path, message: expect.stringMatching(new RegExp(`^has ${cap + 1} (entries|keys); at most ${cap} are allowed$`)) }]);
    });
  }

  it('more than 10 000 exclude entries reads as too many, never "expected a list, got a list"', () => {
    const error = rejected(() => defineSeries({ ...base, exclude: Array(10_001).fill('2025-01-02') }));
    expect(error.message).toContain('exclude: has 10001 entries; at most 10000 are allowed');
    expect(error.message).not.toContain('expected a list');
  });

  it('an oversized list of junk is refused by its size alone, without a problem per entry', () => {
    const error = rejected(() => defineSeries({ ...base, include: Array(1_000_000).fill({ junk: true }) as never }));
    expect(error.issueCount).toBe(1);
  });

  const byParts: Array<[keyof typeof limits & string, (n: number) => unknown[]]> = [
    ['byWeekday', (n) => Array(n).fill('MO')],
    ['byMonthDay', (n) => Array(n).fill(1)],
    ['byMonth', (n) => Array(n).fill(1)],
    ['bySetPos', (n) => Array(n).fill(1)],
    ['byYearDay', (n) => Array(n).fill(1)],
    ['byWeekNo', (n) => Array(n).fill(1)],
  ];
  for (const [part, make] of byParts) {
    it(`repeat.${part}: at most ${limits[part]} entries`, () => {
      const error = rejected(() => defineSeries({ ...base, repeat: { freq: 'yearly', [part]: make(limits[part] + 1) } as never }));
      expect(error.issues).toEqual([{ path: `repeat.${part}`, message: `has ${limits[part] + 1} entries; at most ${limits[part]} are allowed` }]);
    });
  }

  it('string fields longer than any valid value are refused by length, the value never quoted whole', () => {
    for (const field of ['timezone', 'start', 'startTime', 'duration'] as const) {
      const error = rejected(() => defineSeries({ ...base, [field]: 'x'.repeat(1_000_000) }));
      expect(error.issues).toEqual([{ path: field, message: `is 1000000 characters long; at most ${limits.fieldChars} are allowed` }]);
    }
    const id = rejected(() => defineSeries({ ...base, id: 'x'.repeat(1_000_000) }));
    expect(id.message).toContain(`id: must be at most ${limits.idChars} characters (it has 1000000)`);
    expect(id.message.length).toBeLessThan(300);
  });

  it('override keys and fields are capped too', () => {
    const longKey = rejected(() => defineSeries({ ...base, overrides: { ['2025-01-02T10:00'.padEnd(5000, 'x')]: { cancelled: true } } }));
    expect(longKey.issues[0]!.message).toMatch(/a key is 5000 characters long; at most 100/);
    const longField = rejected(() => defineSeries({ ...base, overrides: { '2025-01-02T10:00': { startTime: '1'.repeat(500) } } }));
    expect(longField.issues).toEqual([{ path: 'overrides.2025-01-02T10:00.startTime', message: 'is 500 characters long; at most 100 are allowed' }]);
  });

  it('ids may not hold C1 controls either (no output format can carry them)', () => {
    const error = rejected(() => defineSeries({ ...base, id: 'room\u008542' }));
    expect(error.issues).toEqual([{ path: 'id', message: 'must not contain control characters' }]);
  });
});

describe('RRULE text caps', () => {
  it('a repeat string longer than the cap is refused by its length', () => {
    const error = rejected(() => defineSeries({ ...base, repeat: 'FREQ=DAILY;'.repeat(1e6) }));
    expect(error.issues).toEqual([{ path: 'repeat', message: `is 11000000 characters long; at most ${limits.rruleChars} are allowed` }]);
  });

  it('too many parts, or too many values in a part, are refused before they are split', () => {
    const parts = rejected(() => defineSeries({ ...base, repeat: 'FREQ=DAILY;'.repeat(40) }));
    expect(parts.issues).toEqual([{ path: 'repeat', message: `the RRULE has 41 parts; at most ${limits.rruleParts} are allowed` }]);
    const byday = rejected(() => defineSeries({ ...base, repeat: `FREQ=YEARLY;BYDAY=${Array(2000).fill('XX').join(',')}` }));
    expect(byday.issues).toEqual([{ path: 'repeat', message: `BYDAY has 2000 values; at most ${limits.byWeekday} are allowed` }]);
    const bymonth = rejected(() => defineSeries({ ...base, repeat: `FREQ=YEARLY;BYMONTH=${Array(13).fill('1').join(',')}` }));
    expect(bymonth.issues).toEqual([{ path: 'repeat', message: 'BYMONTH has 13 values; at most 12 are allowed' }]);
  });
});

describe('bounded error messages', () => {
  it('BYDAY with hundreds of bad items: ten problems listed, then "and K more"; issues kept up to the cap, issueCount the total', () => {
    const bad = Array(400).fill('XX').join(',');
    const error = rejected(() => fromRRule(`DTSTART:20250101T100000Z\nRRULE:FREQ=YEARLY;BYDAY=${bad}`, { id: 'x', duration: 'PT1H' }));
    expect(error.issueCount).toBe(400);
    expect(error.issues).toHaveLength(limits.issuesKept);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(1 + limits.issuesShown + 1);
    expect(lines.at(-1)).toBe(`  … and ${400 - limits.issuesShown} more`);
    expect(error.message.length).toBeLessThan(2000);
  });

  it('a long bad value is shown cut, with its length', () => {
    const error = rejected(() => defineSeries({ ...base, repeat: `FREQ=${'Y'.repeat(5000)}` }));
    expect(error.message).toContain(`FREQ="${'Y'.repeat(limits.valueChars)}…" (5000 characters) is not a frequency`);
    const exclude = rejected(() => defineSeries({ ...base, exclude: ['2025-01-01'.padEnd(90, '9')] }));
    expect(exclude.message).toMatch(/\(90 characters\)/);
  });

  it('invisible characters in quoted values and paths are escaped, never printed raw', () => {
    const value = rejected(() => defineSeries({ ...base, exclude: ['2025\u2028'] }));
    expect(value.message).toContain('exclude[0]: "2025\\u2028" is not a date');
    const path = rejected(() => defineSeries({ ...base, overrides: { '2025-01-02T10:00\u202e': { cancelled: true } } }));
    expect(path.message).toContain('overrides.2025-01-02T10:00\\u202e:');
    for (const error of [value, path]) expect(error.message).not.toMatch(/[\u202e\u2028]/);
  });

  it('as many overrides as the cap allows, each with every field wrong: one typed error counting them all (no RangeError)', () => {
    // Half a million problems: zod's issue lists once reached a spread call's argument limit here.
    const wrong = { cancelled: 1, date: 'x', startTime: 'y', endTime: 2, duration: 3 };
    const overrides = Object.fromEntries(Array.from({ length: limits.overrides }, (_, i) => [`${new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)}T10:00`, wrong]));
    const error = rejected(() => defineSeries({ ...base, overrides } as unknown as SeriesInput));
    expect(error.issueCount).toBe(5 * limits.overrides);
    expect(error.issues.slice(0, 2)).toEqual([
      { path: 'overrides.2025-01-01T10:00.cancelled', message: '1: only cancelled: true cancels' },
      { path: 'overrides.2025-01-01T10:00.date', message: '"x" is not a date of the form YYYY-MM-DD' },
    ]);
    expect(error.message.length).toBeLessThan(2000);
  });

  it('an issue list handed on (fromRRule, requireSeries) keeps the total count', () => {
    const bad = Array(300).fill('XX').join(',');
    const error = rejected(() => fromRRule(`DTSTART:20250101T100000Z\nRRULE:FREQ=YEARLY;BYDAY=${bad}\nFOO:1`, { id: 'x', duration: 'PT1H' }));
    expect(error.issueCount).toBe(301);
  });
});

describe('fromRRule text caps, checked before the text is read', () => {
  const options = { id: 'x', duration: 'PT1H' };
  const start = 'DTSTART:20250101T100000Z\nRRULE:FREQ=DAILY\n';

  it('refuses text past the character cap without reading it: FREQ=DAILY; a million times', () => {
    const error = rejected(() => fromRRule('FREQ=DAILY;'.repeat(1e6), { ...options, timezone: 'UTC', start: '2025-01-01', startTime: '10:00' }));
    expect(error.issues).toEqual([{ path: '', message: `the text is 11000000 characters long; at most ${limits.recurrenceTextChars} are allowed` }]);
  });

  it('refuses more lines than the cap', () => {
    const error = rejected(() => fromRRule(start + 'X:1\n'.repeat(limits.recurrenceTextLines), options));
    expect(error.issues).toEqual([{ path: '', message: `the text has ${limits.recurrenceTextLines + 2} lines; at most ${limits.recurrenceTextLines} are allowed` }]);
  });

  it('counts EXDATE and RDATE values across lines and refuses past the caps', () => {
    const ex = Array.from({ length: limits.exdateValues + 1 }, () => 'EXDATE:20250102T100000Z').join('\n');
    expect(rejected(() => fromRRule(start + ex, options)).issues).toEqual([
      { path: 'EXDATE', message: `has ${limits.exdateValues + 1} values in all; at most ${limits.exdateValues} are allowed` },
    ]);
    const rd = `RDATE:${Array(limits.rdateValues + 1).fill('20250102T150000Z').join(',')}`;
    expect(rejected(() => fromRRule(start + rd, options)).issues).toEqual([
      { path: 'RDATE', message: `has ${limits.rdateValues + 1} values in all; at most ${limits.rdateValues} are allowed` },
    ]);
  });

  it('reads 9 999 RDATEs with 9 999 EXDATEs on their days in linear time (no EXDATE scans every RDATE)', () => {
    const days = dates(9_999).map((date) => date.replaceAll('-', ''));
    const rdates = `RDATE:${days.map((day) => `${day}T150000Z`).join(',')}`;
    const exdates = `EXDATE:${days.map((day) => `${day}T100000Z`).join(',')}`;
    // Each EXDATE's day keeps an RDATE, so each cancels one occurrence instead of excluding the day.
    const series = fromRRule(`DTSTART:20250101T100000Z\nRRULE:FREQ=DAILY\n${rdates}\n${exdates}`, options);
    expect(Object.keys(series.overrides ?? {})).toHaveLength(9_999);
    expect(series.include).toHaveLength(9_999);
    expect(series.exclude).toEqual([]);
  });
});
