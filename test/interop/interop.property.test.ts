import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, fromRRule, NonexistentTimeError, toICalendar, toRRule, toZonedIso, type Block, type Series } from '../../src/index.js';
import { seriesArbitrary } from '../../src/testing/index.js';
import { wallToInstants } from '../../src/time/convert.js';
import { icalOccurrences, resetIcalZones } from '../support/ical-oracle.js';

/** The zone's UTC offset at an instant, as `toZonedIso` writes it (`+01:00`). */
function offsetAt(series: Series, instant: number): string {
  return toZonedIso(instant, series.timezone).slice(-6);
}

function attempt(run: () => Block[]): Block[] | string {
  try {
    return run();
  } catch (error) {
    if (error instanceof NonexistentTimeError) return `${error.name} ${error.key}`;
    throw error;
  }
}

describe('toRRule / fromRRule round trip', () => {
  it('fromRRule(toRRule(s)) expands to exactly the same blocks, for every series the arbitraries make', () => {
    fc.assert(
      fc.property(seriesArbitrary({ withNeverEnding: true }), (series) => {
        const text = toRRule(series);
        const length = series.endTime !== undefined ? { endTime: series.endTime } : { duration: series.duration! };
        const back = fromRRule(text, { id: series.id, ...length, dst: series.dst });
        const window = { from: Date.parse(`${series.start}T00:00:00Z`) - 86_400_000 * 40, to: Date.parse(`${series.start}T00:00:00Z`) + 86_400_000 * 800 };
        expect(attempt(() => expand(back, window))).toEqual(attempt(() => expand(series, window)));
      }),
      { numRuns: 400 },
    );
  });
});

describe('toICalendar agrees with ical.js', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
  // ical.js departs from RFC 5545 (and from python-dateutil, which the core agrees with) in
  // rule parts that the core's rrule.js oracle covers instead: those series are left out
  // here (docs/interop.md lists them). This test is about the calendar text: VTIMEZONE,
  // TZID values, EXDATE and RDATE, and DST.
  const icalJsExpandsAsRfc5545 = (series: Series) => {
    const lines = toRRule(series).split('\n');
    // Without an RRULE, ical.js drops DTSTART when there are RDATEs and ignores an EXDATE of it.
    if (lines.length > 1 && !lines.some((line) => line.startsWith('RRULE:'))) return false;
    const rule = series.repeat;
    if (rule === undefined) return true;
    // BYSETPOS is applied only with BYDAY; BYWEEKNO yields nothing; MONTHLY with BYMONTH
    // repeats or misses months; BYDAY with BYMONTHDAY gives up after 48 months in MONTHLY
    // and, with an nth weekday (-1MO), yields nothing in YEARLY;
    // YEARLY BYMONTHDAY without BYMONTH keeps DTSTART's month only; a negative BYMONTHDAY
    // outside MONTHLY is missed (DAILY can loop); a BYYEARDAY list with both signs, which
    // can name one day twice (362 and -4 in a common year), counts that day twice for COUNT.
    if (rule.bySetPos !== undefined || rule.byWeekNo !== undefined) return false;
    if (rule.freq === 'monthly' && rule.byMonth !== undefined) return false;
    if ((rule.freq === 'monthly' || rule.freq === 'yearly') && rule.byWeekday !== undefined && rule.byMonthDay !== undefined) return false;
    if (rule.freq === 'yearly' && rule.byMonthDay !== undefined && rule.byMonth === undefined) return false;
    // YEARLY: an nth BYDAY without BYMONTH loses its nth (every Monday); a BYMONTHDAY a listed
    // month lacks (29 February in a common year) rolls over into the next month.
    if (rule.freq === 'yearly' && rule.byMonth === undefined && (rule.byWeekday ?? []).some((spec) => typeof spec !== 'string')) return false;
    if (rule.freq === 'yearly' && rule.byMonth !== undefined && (rule.byMonthDay ?? []).some((day) => day > 28)) return false;
    if (rule.byYearDay !== undefined && rule.byYearDay.some((day) => day < 0) && rule.byYearDay.some((day) => day > 0)) return false;
    return !(rule.freq !== 'monthly' && (rule.byMonthDay ?? []).some((day) => day < 0));
  };
  // ical.js resolves a wall time in a spring-forward gap with the offset after the gap
  // (RFC 5545 §3.3.5: the one before), moving it earlier, and then lets UNTIL keep an
  // occurrence dated after it: series whose time of day meets a gap are left out.
  const meetsAGap = (series: Series) => {
    const milliInDay = 86_400_000;
    const startTime = Date.parse(`1970-01-01T${series.startTime}Z`);
    const days = expand(series).map((block) => Math.floor(Date.parse(`${block.key}Z`) / milliInDay));
    const first = Math.floor(Date.parse(`${series.start}T00:00Z`) / milliInDay);
    const last = Math.max(first, ...days);
    for (let day = first - 2; day <= last + 2; day++) if (wallToInstants(series.timezone, day * milliInDay + startTime).length === 0) return true;
    return series.include.some((text) => wallToInstants(series.timezone, Date.parse(`${text}Z`)).length === 0);
  };
  // ical.js knows no DST policies: compare series under the defaults, with the length as a
  // DURATION (it gives every occurrence DTEND's length).
  const comparable = seriesArbitrary({ timezones: zones, withDstPolicies: false, dateutilCompatible: true, maxCount: 30 })
    .filter(icalJsExpandsAsRfc5545)
    .filter((series) => !meetsAGap(series))
    .map((series) =>
      series.duration === undefined ? defineSeries({ ...(JSON.parse(JSON.stringify(series)) as Series), endTime: undefined, duration: 'PT45M' }) : series,
    );
  // ical.js resolves a repeated wall time to its later instant, where RFC 5545 §3.3.5 says
  // the first: its starts are compared with the core's `ambiguous: 'later'`. It also adds an
  // hours DURATION as wall-clock time, so ends within 3 hours of a transition are not compared.
  const asIcalJsResolves = (series: Series) => defineSeries({ ...(JSON.parse(JSON.stringify(series)) as Series), dst: { nonexistent: 'shift', ambiguous: 'later' } });
  const nearTransition = (series: Series, block: Block) =>
    new Set([block.start - 3 * 3_600_000, block.start, block.end, block.end + 3 * 3_600_000].map((instant) => offsetAt(series, instant))).size > 1;

  it('parses the output, and expands the same occurrences (keys and instants) across DST changes', () => {
    fc.assert(
      fc.property(comparable, (series) => {
        resetIcalZones();
        const text = toICalendar([series]);
        expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
        const blocks = expand(asIcalJsResolves(series));
        const endNotCompared = new Set(blocks.filter((block) => nearTransition(series, block)).map((block) => block.key));
        const comparableEnd = ({ key, start, end }: { key: string; start: number; end: number }) => ({ key, start, end: endNotCompared.has(key) ? 'near a transition' : end });
        const actual = icalOccurrences(text, `${series.id}@timeblocks`).sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
        expect(actual.map(comparableEnd)).toEqual(blocks.map(comparableEnd));
      }),
      // A fixed seed (override with ICAL_ORACLE_SEED to explore): new random draws keep
      // finding departures of ical.js itself, not of timeblocks, and CI must not turn on
      // another library's bugs. The rrule.js oracle and the round trip stay randomized.
      { numRuns: 200, seed: Number(process.env.ICAL_ORACLE_SEED ?? 20_261_201) },
    );
  });
});
