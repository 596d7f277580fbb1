import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, fromRRule, NonexistentTimeError, toICalendar, toRRule, type Block, type Series } from '../../src/index.js';
import { seriesArbitrary } from '../../src/testing/index.js';
import { icalOccurrences, resetIcalZones } from '../support/ical-oracle.js';

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
  // ical.js gives every occurrence DTEND's exact length and knows only RFC 5545's DST
  // defaults: compare duration series under the default policies. ical.js also drops
  // DTSTART from an event with RDATEs but no RRULE (RFC 5545 keeps it): such series are
  // left out (docs/interop.md).
  const comparable = seriesArbitrary({ timezones: zones, withDstPolicies: false, dateutilCompatible: true, maxCount: 30 })
    .filter((series) => series.repeat !== undefined || series.include.length === 0)
    .map((series) =>
      series.duration === undefined ? defineSeries({ ...(JSON.parse(JSON.stringify(series)) as Series), endTime: undefined, duration: 'PT45M' }) : series,
    );

  it('parses the output, and expands the same occurrences (keys and instants) across DST changes', () => {
    fc.assert(
      fc.property(comparable, (series) => {
        resetIcalZones();
        const text = toICalendar([series]);
        expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
        const expected = expand(series).map(({ key, start, end }) => ({ key, start, end }));
        const actual = icalOccurrences(text, `${series.id}@timeblocks`).sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
