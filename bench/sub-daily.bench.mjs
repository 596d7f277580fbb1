/**
 * Sub-daily expansion benchmark (issue 13): timeblocks vs rrule-temporal vs rrule-rust,
 * America/New_York, 30-minute blocks, construction inside every timed call as users pay
 * it (`defineSeries(input)` + `expand`, `new RRuleSet(…)` + `all()`, `new RRuleTemporal(…)`
 * + `all()`), outputs checked to agree with timeblocks' instants before timing. Plus the
 * window of a never-ending minutely series that started 25 years earlier: its cost must
 * not grow with the series' age (timeblocks alone; a peer would walk the 25 years).
 */
import { DateTime } from 'luxon';
import { DateTime as RustDateTime, DtStart, Frequency, RRule as RustRRule, RRuleSet, Weekday } from 'rrule-rust';
import { RRuleTemporal } from 'rrule-temporal';
import { defineSeries, expand } from '../dist/index.js';
import { interleave } from './timer.mjs';

const zone = 'America/New_York';
const length = 30 * 60_000;
const weekdays = [Weekday.Monday, Weekday.Tuesday, Weekday.Wednesday, Weekday.Thursday, Weekday.Friday];

const cases = [
  {
    name: 'hourly for one year',
    series: { start: '2025-01-01', startTime: '00:00', repeat: { freq: 'hourly', until: '2025-12-31' } },
    rrule: 'FREQ=HOURLY',
    rust: { frequency: Frequency.Hourly },
  },
  {
    name: 'every 15 minutes 09:00–17:00 on weekdays for one year',
    series: {
      start: '2025-01-01',
      startTime: '09:00',
      repeat: { freq: 'minutely', interval: 15, byHour: [9, 10, 11, 12, 13, 14, 15, 16], byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], until: '2025-12-31' },
    },
    rrule: 'FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10,11,12,13,14,15,16;BYDAY=MO,TU,WE,TH,FR',
    rust: { frequency: Frequency.Minutely, interval: 15, byHour: [9, 10, 11, 12, 13, 14, 15, 16], byWeekday: weekdays },
  },
];

const input = (spec) => ({ id: 'bench', timezone: zone, duration: 'PT30M', ...spec });

function rrulerust(spec, options) {
  const [y, m, d] = spec.start.split('-').map(Number);
  const [h, mi] = spec.startTime.split(':').map(Number);
  const [uy, um, ud] = spec.repeat.until.split('-').map(Number);
  return () => {
    const set = new RRuleSet({
      dtstart: new DtStart(RustDateTime.local(y, m, d, h, mi, 0), zone),
      rrules: [new RustRRule({ ...options, until: RustDateTime.local(uy, um, ud, 23, 59, 59) })],
    });
    return set.all().map((occurrence) => {
      const start = occurrence.toTimestamp();
      return { start, end: start + length };
    });
  };
}

function rruleTemporal(spec, rrule) {
  const dtstart = `${spec.start.replaceAll('-', '')}T${spec.startTime.replace(':', '')}00`;
  const until = DateTime.fromISO(`${spec.repeat.until}T23:59:59`, { zone }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  const text = `DTSTART;TZID=${zone}:${dtstart}\nRRULE:${rrule};UNTIL=${until}`;
  return () =>
    new RRuleTemporal({ rruleString: text }).all().map((occurrence) => {
      const start = occurrence.epochMilliseconds;
      return { start, end: start + length };
    });
}

/** Same blocks (instants) as timeblocks, or a note of how many differ and where. */
function disagreement(name, contender, expected, actual) {
  if (actual.length !== expected.length) return `${name}: ${contender} produced ${actual.length} blocks, timeblocks ${expected.length}`;
  const differing = actual.filter((block, i) => block.start !== expected[i].start || block.end !== expected[i].end);
  if (differing.length === 0) return undefined;
  const first = differing[0];
  return `${name}: ${contender}: ${differing.length} of ${actual.length} blocks differ, first ${new Date(first.start).toISOString()}`;
}

const ours = 'timeblocks: defineSeries + expand';
export const windowCase = 'one-day window, minutely series started 25 years earlier';

export async function runSubDailyBench() {
  const rows = [];
  rows.notes = [];
  for (const spec of cases) {
    const seriesInput = input(spec.series);
    const defined = defineSeries(seriesInput);
    const contenders = {
      [ours]: () => expand(defineSeries(seriesInput)),
      'timeblocks: expand only': () => expand(defined),
      'rrule-temporal': rruleTemporal(spec.series, spec.rrule),
      'rrule-rust': rrulerust(spec.series, spec.rust),
    };
    const expected = expand(defined).map(({ start, end }) => ({ start, end }));
    for (const contender of ['rrule-temporal', 'rrule-rust']) {
      const note = disagreement(spec.name, contender, expected, contenders[contender]());
      if (note !== undefined) rows.notes.push(note);
    }
    globalThis.gc?.();
    const times = interleave(contenders, ours, { rounds: 15, sampleMs: 20, maxMs: 20_000 });
    for (const [contender, { medianMs, ratio }] of Object.entries(times)) {
      rows.push({ case: spec.name, contender, blocks: expected.length, medianMs, perSecond: expected.length / (medianMs / 1000), ratio });
    }
  }

  // Seek, don't walk: one day of a minutely series that began in 2000, and the same day of
  // one that began the day before (the cost must be the same).
  const minutely = (start) => ({ id: 'old', timezone: zone, start, startTime: '00:00', duration: 'PT1M', repeat: { freq: 'minutely' } });
  const window = { from: Date.UTC(2025, 5, 2, 4), to: Date.UTC(2025, 5, 3, 4) };
  const oldInput = minutely('2000-06-01');
  const youngInput = minutely('2025-06-01');
  const blocks = expand(defineSeries(oldInput), window).length;
  globalThis.gc?.();
  const times = interleave(
    {
      [ours]: () => expand(defineSeries(oldInput), window),
      'timeblocks: same day, series started the day before': () => expand(defineSeries(youngInput), window),
    },
    ours,
    { rounds: 25 },
  );
  for (const [contender, { medianMs, ratio }] of Object.entries(times)) {
    rows.push({ case: windowCase, contender, blocks, medianMs, perSecond: blocks / (medianMs / 1000), ratio });
  }
  return rows;
}

/** Issue 13's targets against the measured rows (construction included). */
export function subDailyTargets(rows) {
  const row = (name, contender) => rows.find((r) => r.case === name && r.contender === contender);
  const targets = cases.map(({ name }) => {
    const speedup = row(name, 'rrule-rust').ratio;
    return { target: `${name}, with construction: ≥ 3× faster than rrule-rust`, measured: `${speedup.toFixed(2)}×`, pass: speedup >= 3 };
  });
  const window = row(windowCase, ours);
  targets.push({ target: `${windowCase}, with construction ≤ 0.5 ms`, measured: `${(window.medianMs * 1000).toFixed(1)} µs`, pass: window.medianMs <= 0.5 });
  const young = row(windowCase, 'timeblocks: same day, series started the day before');
  targets.push({ target: 'that window costs the same whatever the series’ age (25 years vs 1 day, ≤ 1.5×)', measured: `${(1 / young.ratio).toFixed(2)}×`, pass: 1 / young.ratio <= 1.5 });
  return targets;
}
