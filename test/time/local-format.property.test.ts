import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilToEpochDays, daysInMonth } from '../../src/time/civil.js';
import { parseLocalDate, parseLocalDateTime, parseLocalTime } from '../../src/time/local-format.js';

/**
 * The local-format parsers read text character by character (they run on every
 * defineSeries). The oracles here are the patterns they replaced, written plainly: for any
 * text, both give the same number or the same message.
 */

const dateOracle = (text: string): number | string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return 'form';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return 'year';
  if (month < 1 || month > 12) return 'month';
  if (day < 1 || day > daysInMonth(year, month)) return 'day';
  return civilToEpochDays(year, month, day);
};

const timeOracle = (text: string): number | string => {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (match === null) return 'form';
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return 'range';
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
};

/** The kind of message a parser returned, to compare with the oracle's verdict. */
function kind(result: number | string): number | string {
  if (typeof result === 'number') return result;
  if (/is not a date of the form/.test(result)) return 'form';
  if (/years before 0001/.test(result)) return 'year';
  if (/has no month/.test(result)) return 'month';
  if (/does not exist/.test(result)) return 'day';
  if (/is not a time of the form/.test(result)) return 'form';
  if (/is not a time of day/.test(result)) return 'range';
  return `unexpected: ${result}`;
}

/** Texts near the forms: digits, separators and a few strays, in date- and time-like lengths. */
const nearText = (length: fc.Arbitrary<number>) =>
  length.chain((n) => fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9', '-', ':', 'T', ' ', '٣', 'a'), { minLength: n, maxLength: n }).map((chars) => chars.join('')));
const dateLike = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(
    ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
  nearText(fc.integer({ min: 8, max: 11 })),
);
const timeLike = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.option(fc.integer({ min: 0, max: 99 }))).map(
    ([h, m, s]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${s === null ? '' : `:${String(s).padStart(2, '0')}`}`,
  ),
  nearText(fc.integer({ min: 4, max: 9 })),
);

describe('local-format parsers agree with the patterns they replaced', () => {
  it('parseLocalDate', () => {
    fc.assert(fc.property(dateLike, (text) => {
        expect(kind(parseLocalDate(text))).toEqual(dateOracle(text));
      }), { numRuns: 5000 });
  });

  it('parseLocalTime', () => {
    fc.assert(fc.property(timeLike, (text) => {
        expect(kind(parseLocalTime(text))).toEqual(timeOracle(text));
      }), { numRuns: 5000 });
  });

  it('parseLocalDateTime: the date part, then the time part', () => {
    fc.assert(
      fc.property(dateLike, timeLike, (date, time) => {
        const date0 = dateOracle(date);
        const time0 = timeOracle(time);
        const expected = typeof date0 === 'string' ? date0 : typeof time0 === 'string' ? time0 : date0 * 86_400_000 + time0;
        expect(kind(parseLocalDateTime(`${date}T${time}`))).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('messages quote the offending part', () => {
    expect(parseLocalDate('2025-02-30')).toBe('"2025-02-30" does not exist (day 30 of a 28-day month)');
    expect(parseLocalDateTime('2025-13-01T09:00')).toBe('"2025-13-01" has no month 13');
    expect(parseLocalDateTime('2025-01-01T24:00')).toBe('"24:00" is not a time of day (00:00 to 23:59:59)');
    expect(parseLocalTime('9:30')).toBe('"9:30" is not a time of the form HH:mm or HH:mm:ss');
  });
});
