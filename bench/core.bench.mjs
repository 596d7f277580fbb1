/**
 * Core expansion benchmark: timeblocks vs rrule.js + luxon vs rrule-temporal vs rrule-rust,
 * America/New_York, 1-hour blocks. Every contender is timed as its users pay: construction
 * inside the timed call (`defineSeries(input)` + `expand`, `new RRule(…)` + `all()`,
 * `new RRuleSet(…)` + `all()`), producing blocks as epoch-ms { start, end } pairs; before
 * timing, their outputs are checked to agree with timeblocks' instants. timeblocks' expand
 * alone and defineSeries alone are reported too. Contenders run interleaved in rounds in
 * one process; ratios are medians of per-round ratios.
 */
import { DateTime } from 'luxon';
import rrulePackage from 'rrule';
import { DateTime as RustDateTime, DtStart, Frequency, RRule as RustRRule, RRuleSet, Weekday } from 'rrule-rust';
import { RRuleTemporal } from 'rrule-temporal';
import { defineSeries, expand } from '../dist/index.js';
import { interleave } from './timer.mjs';

const { RRule } = rrulePackage;
const zone = 'America/New_York';
const hour = 3_600_000;

const cases = [
  {
    name: 'daily 09:30 for 10 years',
    series: { start: '2016-01-01', repeat: { freq: 'daily', until: '2025-12-31' } },
    rrulejs: { freq: RRule.DAILY },
    rrule: 'FREQ=DAILY',
    rust: { frequency: Frequency.Daily },
  },
  {
    name: 'weekly MO,WE,FR for 10 years',
    series: { start: '2016-01-04', repeat: { freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'], until: '2025-12-31' } },
    rrulejs: { freq: RRule.WEEKLY, byweekday: [RRule.MO, RRule.WE, RRule.FR] },
    rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    rust: { frequency: Frequency.Weekly, byWeekday: [Weekday.Monday, Weekday.Wednesday, Weekday.Friday] },
  },
  {
    name: 'monthly last Friday for 100 years',
    series: { start: '2016-01-01', repeat: { freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }], until: '2115-12-31' } },
    rrulejs: { freq: RRule.MONTHLY, byweekday: [RRule.FR.nth(-1)] },
    rrule: 'FREQ=MONTHLY;BYDAY=-1FR',
    rust: { frequency: Frequency.Monthly, byWeekday: [{ weekday: Weekday.Friday, n: -1 }] },
  },
];

function timeblocksInput(spec) {
  return { id: 'bench', timezone: zone, startTime: '09:30', endTime: '10:30', ...spec };
}

/**
 * rrule.js in floating mode (the careful way: no tzid), each occurrence converted with luxon.
 * Its result cache is off (`noCache`), or every run after the first would be a lookup.
 */
function rrulejsLuxon(spec, options) {
  const [y, m, d] = spec.start.split('-').map(Number);
  const [uy, um, ud] = spec.repeat.until.split('-').map(Number);
  const noCache = true;
  return () =>
    new RRule({ ...options, dtstart: new Date(Date.UTC(y, m - 1, d, 9, 30)), until: new Date(Date.UTC(uy, um - 1, ud, 23, 59, 59)) }, noCache).all().map((wall) => {
      const fields = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: 9, minute: 30 };
      const start = DateTime.fromObject(fields, { zone }).toMillis();
      const end = DateTime.fromObject({ ...fields, hour: 10 }, { zone }).toMillis();
      return { start, end };
    });
}

/** rrule-rust with a zoned DTSTART; each occurrence read out as epoch ms (+1 h for the end). */
function rrulerust(spec, options) {
  const [y, m, d] = spec.start.split('-').map(Number);
  const [uy, um, ud] = spec.repeat.until.split('-').map(Number);
  const byWeekday = options.byWeekday;
  return () => {
    const set = new RRuleSet({
      dtstart: new DtStart(RustDateTime.local(y, m, d, 9, 30, 0), zone),
      rrules: [new RustRRule({ ...options, byWeekday, until: RustDateTime.local(uy, um, ud, 23, 59, 59) })],
    });
    return set.all().map((occurrence) => {
      const start = occurrence.toTimestamp();
      return { start, end: start + hour };
    });
  };
}

/**
 * rrule-temporal (Temporal-based; it bundles its own Temporal polyfill, so it runs on Node 20
 * without a global Temporal): the rule parsed from `DTSTART;TZID=…` + `RRULE` text and
 * expanded per run, each occurrence read out as epoch ms (+1 h for the end). UNTIL is the
 * UTC instant of the until date's local 23:59:59, as RFC 5545 asks with a zoned DTSTART.
 */
function rruleTemporal(spec, rrule) {
  const dtstart = `${spec.start.replaceAll('-', '')}T093000`;
  const until = DateTime.fromISO(`${spec.repeat.until}T23:59:59`, { zone }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  const text = `DTSTART;TZID=${zone}:${dtstart}\nRRULE:${rrule};UNTIL=${until}`;
  return () =>
    new RRuleTemporal({ rruleString: text }).all().map((occurrence) => {
      const start = occurrence.epochMilliseconds;
      return { start, end: start + hour };
    });
}

/**
 * Checks a contender against timeblocks: same number of blocks, same instants. Returns a
 * note of the disagreements (rrule-rust's zone data, for one, has no DST rules after 2037).
 */
function disagreements(name, contender, expected, actual) {
  if (actual.length !== expected.length) throw new Error(`${name}: ${contender} produced ${actual.length} blocks, timeblocks ${expected.length}`);
  const differing = actual.filter((block, i) => block.start !== expected[i].start || block.end !== expected[i].end);
  if (differing.length === 0) return undefined;
  const first = differing[0];
  const i = actual.indexOf(first);
  return `${contender}: ${differing.length} of ${actual.length} blocks differ, first ${new Date(first.start).toISOString()} where timeblocks (Intl tz data) says ${new Date(expected[i].start).toISOString()}`;
}

const ours = 'timeblocks: defineSeries + expand';

export async function runCoreBench() {
  const rows = [];
  for (const spec of cases) {
    const input = timeblocksInput(spec.series);
    const defined = defineSeries(input);
    const contenders = {
      [ours]: () => expand(defineSeries(input)),
      'timeblocks: expand only': () => expand(defined),
      'timeblocks: defineSeries only': () => defineSeries(input),
      'rrule.js + luxon': rrulejsLuxon(spec.series, spec.rrulejs),
      'rrule-temporal': rruleTemporal(spec.series, spec.rrule),
      'rrule-rust': rrulerust(spec.series, spec.rust),
    };
    const expected = expand(defined);
    const notes = ['rrule.js + luxon', 'rrule-temporal', 'rrule-rust']
      .map((contender) => disagreements(spec.name, contender, expected, contenders[contender]()))
      .filter((note) => note !== undefined);
    globalThis.gc?.();
    const times = interleave(contenders, ours, { rounds: 15, sampleMs: 20, maxMs: 20_000 });
    for (const [contender, { medianMs, ratio }] of Object.entries(times)) {
      const blocks = contender.endsWith('defineSeries only') ? 0 : expected.length;
      rows.push({ case: spec.name, contender, blocks, medianMs, perSecond: blocks / (medianMs / 1000), ratio });
    }
    for (const note of notes) rows.notes = [...(rows.notes ?? []), `${spec.name}: ${note}`];
  }

  // A 30-day window of a never-ending daily series that started 30 years earlier.
  const oldInput = { id: 'old', timezone: zone, start: '1995-06-01', startTime: '09:30', endTime: '10:30', repeat: { freq: 'daily' } };
  const old = defineSeries(oldInput);
  const window = { from: Date.UTC(2025, 5, 1), to: Date.UTC(2025, 6, 1) };
  const windowBlocks = expand(old, window).length;
  globalThis.gc?.();
  const times = interleave(
    {
      [ours]: () => expand(defineSeries(oldInput), window),
      'timeblocks: expand only': () => expand(old, window),
      'timeblocks: defineSeries only': () => defineSeries(oldInput),
    },
    ours,
    { rounds: 25 },
  );
  for (const [contender, { medianMs, ratio }] of Object.entries(times)) {
    const blocks = contender.endsWith('defineSeries only') ? 0 : windowBlocks;
    rows.push({ case: windowCase, contender, blocks, medianMs, perSecond: blocks / (medianMs / 1000), ratio });
  }
  return rows;
}

const windowCase = '30-day window, series started 30 years earlier';

/** The targets, checked against the measured rows (construction included). */
export function coreTargets(rows) {
  const row = (name, contender) => rows.find((r) => r.case === name && r.contender === contender);
  const targets = [];
  for (const name of cases.map((c) => c.name)) {
    const speedup = row(name, 'rrule-rust').ratio;
    targets.push({ target: `${name}, with construction: ≥ 3× faster than rrule-rust`, measured: `${speedup.toFixed(2)}×`, pass: speedup >= 3 });
  }
  const window = row(windowCase, ours);
  targets.push({ target: '30-day window with construction ≤ 15 µs', measured: `${(window.medianMs * 1000).toFixed(1)} µs`, pass: window.medianMs <= 0.015 });
  const slowestDefine = Math.max(...[...cases.map((c) => c.name), windowCase].map((name) => row(name, 'timeblocks: defineSeries only').medianMs));
  targets.push({ target: 'defineSeries ≤ 5 µs (slowest of the benchmark series)', measured: `${(slowestDefine * 1000).toFixed(1)} µs`, pass: slowestDefine <= 0.005 });
  return targets;
}
