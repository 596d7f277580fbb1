import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, SeriesValidationError, type RepeatInput } from '../../src/index.js';
import { thrown } from '../support/thrown.js';

/**
 * A daily rule without day parts is walked a batch of whole days at a time (the cursor's
 * arithmetic path, 512 walls a batch), not period by period. Its occurrences are checked
 * here against plain arithmetic: every `interval`th day from the start, at each of the
 * rule's times, from the start on, up to `until` (a date-time, possibly between two times
 * of one day) or the first `count` — long enough to cross batches, in windows that seek
 * into the middle of the series, or start after `count` has run out.
 */

const day = 86_400_000;
const minute = 60_000;
const startDay = Date.UTC(2024, 1, 27) / day; // across 29 February
const pad = (n: number) => String(n).padStart(2, '0');
const keyOf = (wall: number) => {
  const date = new Date(wall);
  const seconds = date.getUTCSeconds();
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` +
    (seconds === 0 ? '' : `:${pad(seconds)}`)
  );
};

const ruleArb = fc.record({
  startHour: fc.integer({ min: 0, max: 23 }),
  startMinute: fc.constantFrom(0, 15, 45),
  hours: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 2, maxLength: 6 }),
  minutes: fc.option(fc.uniqueArray(fc.constantFrom(0, 10, 15, 45), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  interval: fc.integer({ min: 1, max: 4 }),
  end: fc.oneof(
    fc.record({ count: fc.integer({ min: 1, max: 3000 }) }),
    fc.record({ untilMinutes: fc.integer({ min: 0, max: 900 * 24 * 60 }) }),
    // until on an occurrence, or a minute either side of it
    fc.record({ untilNth: fc.integer({ min: 0, max: 3000 }), untilShift: fc.constantFrom(-1, 0, 0, 1) }),
    fc.constant({}),
  ),
});

type RuleCase = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

function repeatOf(rule: RuleCase): RepeatInput {
  const { hours, minutes, interval, end } = rule;
  const repeat: RepeatInput = { freq: 'daily', interval, byHour: hours };
  if (minutes !== undefined) repeat.byMinute = minutes;
  if ('count' in end) repeat.count = end.count;
  const until = untilOf(rule);
  if (until !== Infinity) repeat.until = keyOf(until);
  return repeat;
}

const startWallOf = (rule: RuleCase) => startDay * day + (rule.startHour * 60 + rule.startMinute) * minute;

/** `until` as a wall (Infinity when the rule has none); never before the start. */
function untilOf(rule: RuleCase): number {
  const { end } = rule;
  if ('untilMinutes' in end) return startWallOf(rule) + end.untilMinutes * minute;
  if (!('untilNth' in end)) return Infinity;
  const walls = plainWalls({ ...rule, end: { count: end.untilNth + 1 } }, Infinity);
  return Math.max(startWallOf(rule), walls[walls.length - 1]! + end.untilShift * minute);
}

/** The rule's walls (UTC, so instants too) before `through`, by plain arithmetic. */
function plainWalls(rule: RuleCase, through: number): number[] {
  const startWall = startWallOf(rule);
  const minutes = rule.minutes ?? [rule.startMinute];
  const times = rule.hours.flatMap((hour) => minutes.map((m) => (hour * 60 + m) * minute)).sort((a, b) => a - b);
  const until = untilOf(rule);
  const count = 'count' in rule.end ? rule.end.count : Infinity;
  const walls: number[] = [];
  for (let k = 0; ; k++) {
    const dayStart = (startDay + k * rule.interval) * day;
    if (dayStart >= through) return walls;
    for (const time of times) {
      const wall = dayStart + time;
      if (wall < startWall) continue;
      if (wall > until || walls.length === count || wall >= through) return walls;
      walls.push(wall);
    }
  }
}

function seriesOf(rule: RuleCase, overrides?: Record<string, { cancelled: true }>) {
  return defineSeries({
    id: 'plain',
    timezone: 'UTC',
    start: keyOf(startDay * day).slice(0, 10),
    startTime: `${pad(rule.startHour)}:${pad(rule.startMinute)}`,
    duration: 'PT30M',
    repeat: repeatOf(rule),
    ...(overrides === undefined ? {} : { overrides }),
  });
}

describe('a plain daily rule with several times a day, by arithmetic', () => {
  it('expands to the arithmetic walls in any window: count or until ending mid-day, seeking, past the end', () => {
    const windowArb = fc.tuple(fc.integer({ min: -2, max: 1400 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 24 * 60 - 1 }));
    fc.assert(
      fc.property(ruleArb, windowArb, (rule, [fromDay, days, fromMinute]) => {
        const from = (startDay + fromDay) * day + fromMinute * minute;
        const to = from + days * day;
        const expected = plainWalls(rule, to)
          .filter((wall) => wall + 30 * minute > from)
          .map(keyOf);
        expect(expand(seriesOf(rule), { from, to, limit: 100_000 }).map((block) => block.key)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts an override on each of the first count occurrences and refuses one past them, across batches', () => {
    const countedArb = ruleArb.filter((rule) => 'count' in rule.end);
    fc.assert(
      fc.property(countedArb, fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 20 }), fc.boolean(), (rule, picks, pastTheEnd) => {
        const count = (rule.end as { count: number }).count;
        const all = plainWalls({ ...rule, end: { count: count + 1 } }, Infinity);
        const keys = picks.map((pick) => keyOf(all[pick % count]!));
        if (pastTheEnd) keys.push(keyOf(all[count]!)); // the occurrence count + 1 would be
        const overrides = Object.fromEntries(keys.map((key) => [key, { cancelled: true as const }]));
        if (!pastTheEnd) {
          expect(seriesOf(rule, overrides).overrides).toEqual(overrides);
          return;
        }
        const error = thrown(() => seriesOf(rule, overrides));
        expect(error).toBeInstanceOf(SeriesValidationError);
        const issues = (error as SeriesValidationError).issues;
        expect(issues.map((issue) => issue.path)).toEqual([`overrides.${keyOf(all[count]!)}`]);
      }),
      { numRuns: 150 },
    );
  });
});
