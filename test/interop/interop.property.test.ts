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

/**
 * The series' length as `fromRRule` options. DTSTART is written at the first occurrence,
 * which for a sub-daily rule or a `byHour` list can be another time of day than
 * `startTime` (`BYSECOND=15` from 00:00 starts at 00:00:15); an `endTime` keeps its meaning
 * (the nominal length) only moved by as much: 00:00–00:00 (24 hours) is 00:00:15–00:00:15.
 */
function sameLength(series: Series, text: string): { endTime: string } | { duration: string } {
  if (series.endTime === undefined) return { duration: series.duration! };
  const secondsOf = (time: string) => time.split(':').reduce((sum, part, i) => sum + Number(part) * [3600, 60, 1][i]!, 0);
  const written = /^DTSTART[^:]*:\d{8}T(\d{2})(\d{2})(\d{2})/m.exec(text)!;
  const shift = secondsOf(`${written[1]}:${written[2]}:${written[3]}`) - secondsOf(series.startTime);
  const end = (((secondsOf(series.endTime) + shift) % 86_400) + 86_400) % 86_400;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { endTime: `${pad(Math.floor(end / 3600))}:${pad(Math.floor(end / 60) % 60)}:${pad(end % 60)}` };
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

  it('holds for sub-daily rules and several times a day (byHour/byMinute/bySecond lists), across DST nights', () => {
    // Sub-daily series end within days (the arbitrary's caps), so a two-week window past
    // the start holds them whole; never-ending ones are compared on that window.
    const subDaily = seriesArbitrary({ freqs: ['hourly', 'minutely', 'secondly', 'daily', 'weekly', 'monthly'], withTimesOfDay: true, withNeverEnding: true, nearOffsetChanges: true, maxCount: 200 });
    fc.assert(
      fc.property(subDaily, (series) => {
        const text = toRRule(series);
        const back = fromRRule(text, { id: series.id, ...sameLength(series, text), dst: series.dst });
        const start = Date.parse(`${series.start}T00:00:00Z`);
        const window = { from: start - 86_400_000 * 2, to: start + 86_400_000 * 14 };
        expect(attempt(() => expand(back, window))).toEqual(attempt(() => expand(series, window)));
      }),
      { numRuns: 200 },
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

  // Sub-daily rules and several times a day, started 0–2 days before a DST night.
  // ical.js departs from RFC 5545 (and dateutil, and the rrule.js oracle the core agrees
  // with in test/properties/sub-daily.property.test.ts) in two places, left out narrowly:
  // - A by-list of the rule's own unit (BYHOUR in HOURLY, BYMINUTE in MINUTELY, BYSECOND in
  //   SECONDLY): RFC 5545's table says it limits; ical.js expands it over the day (hour,
  //   minute), so it drops INTERVAL (`FREQ=HOURLY;INTERVAL=5;BYHOUR=0,10,15` from 00:00
  //   gives every day, not every fifth), counts the listed values before DTSTART toward
  //   COUNT (`FREQ=HOURLY;BYHOUR=0,1;COUNT=3` from 01:07 gives two), and with a finer list
  //   beside it yields DTSTART's hour twice (`FREQ=HOURLY;BYHOUR=0,3;BYMINUTE=0,1` from
  //   03:00: 03:00, 03:01, 03:00, 03:01). Such series are not drawn here.
  // - A wall time in a spring-forward gap: ical.js resolves it with the offset after the gap
  //   (earlier, where §3.3.5 says the one before) and then drops it when that instant is not
  //   after the previous occurrence (DAILY;BYHOUR=1,2,3 on 30 March 2025 in Berlin loses
  //   02:00). Occurrences whose key is in a gap are left out on both sides; every other
  //   occurrence is compared by key and instants. A DTSTART in a gap moves the whole rule
  //   (ical.js iterates from the earlier wall time, so its keys change): not compared.
  //   With COUNT, ical.js counts a dropped one
  //   in some rules (that DAILY one) and not in others (MINUTELY;BYHOUR=2 on Chatham's
  //   spring night yields one more the next day), so after the first gap key a COUNT rule
  //   is not compared.
  const ownUnitListIcalJsExpands = (series: Series) => {
    const rule = series.repeat;
    if (rule === undefined) return false;
    return (rule.freq === 'hourly' && rule.byHour !== undefined) || (rule.freq === 'minutely' && rule.byMinute !== undefined) || (rule.freq === 'secondly' && rule.bySecond !== undefined);
  };
  const subDaily = seriesArbitrary({
    timezones: zones.filter((zone) => zone !== 'UTC' && zone !== 'Asia/Kathmandu'), // zones with DST nights
    freqs: ['hourly', 'minutely', 'secondly', 'daily', 'weekly'],
    withTimesOfDay: true,
    withSingle: false,
    nearOffsetChanges: true,
    withDstPolicies: false,
    dateutilCompatible: true,
    maxCount: 30,
  })
    .filter(icalJsExpandsAsRfc5545)
    .filter((series) => !ownUnitListIcalJsExpands(series))
    .map((series) => (series.duration === undefined ? defineSeries({ ...(JSON.parse(JSON.stringify(series)) as Series), endTime: undefined, duration: 'PT45M' }) : series));
  const inAGap = (series: Series, key: string) => wallToInstants(series.timezone, Date.parse(`${key}Z`)).length === 0;

  it('expands the same sub-daily occurrences across DST nights (keys and instants; keys alone in a gap)', () => {
    fc.assert(
      fc.property(subDaily, (series) => {
        resetIcalZones();
        const text = toICalendar([series]);
        const dtstart = /^DTSTART;TZID=[^:]+:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/m.exec(text)!;
        fc.pre(!inAGap(series, `${dtstart[1]}-${dtstart[2]}-${dtstart[3]}T${dtstart[4]}:${dtstart[5]}:${dtstart[6]}`));
        // The first three weeks: they hold the DST night, and bound the work (a day-level rule
        // with several times a day can run for years).
        const start = Date.parse(`${series.start}T00:00:00Z`);
        const weeksLater = new Date(start + 21 * 86_400_000).toISOString().slice(0, 16);
        // (Includes may lie up to 30 days before the start.)
        const blocks = expand(asIcalJsResolves(series), { from: start - 32 * 86_400_000, to: start + 23 * 86_400_000 });
        const endNotCompared = new Set(blocks.filter((block) => nearTransition(series, block)).map((block) => block.key));
        const firstGapKey = series.repeat?.count === undefined ? undefined : blocks.find((block) => inAGap(series, block.key))?.key;
        const before = firstGapKey !== undefined && firstGapKey < weeksLater ? firstGapKey : weeksLater;
        const compared = (occurrences: ReadonlyArray<{ key: string; start: number; end: number }>) =>
          occurrences
            .filter(({ key }) => key < before && !inAGap(series, key))
            .map(({ key, start: from, end }) => ({ key, start: from, end: endNotCompared.has(key) ? 'near a transition' : end }))
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        expect(compared(icalOccurrences(text, `${series.id}@timeblocks`, 5000, before))).toEqual(compared(blocks));
      }),
      { numRuns: 120, seed: Number(process.env.ICAL_ORACLE_SEED ?? 20_261_201) },
    );
  });
});
