// The hostile-input suite's child process: it runs every public entry point on hostile or
// merely huge input, against the built package (as users get it), under the heap cap its
// parent gives it (`node --max-old-space-size=…`). Each call must return or throw a
// TimeblocksError within the time budget, with a bounded message free of raw invisible
// characters. It prints one JSON report; a crash (out of memory, stack overflow escaping
// as a non-TimeblocksError) shows up as a failed call or a dead process.
import fc from 'fast-check';
import * as tb from '../../dist/index.js';
import { busyBlocks, fromICalendar } from '../../dist/ical/index.js';
import { seriesInputArbitrary } from '../../dist/testing/index.js';

const budgetMs = Number(process.env.HOSTILE_BUDGET_MS ?? 10_000);
const maxMessageChars = 20_000;
const seed = Number(process.env.HOSTILE_SEED ?? 20_261_201);
const runs = Number(process.env.HOSTILE_RUNS ?? 60);
// Raw characters no message, description or CLI line may hold (a message's own line breaks aside).
const invisible = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/u;

const failures = [];
const stats = { calls: 0, returned: 0, threw: 0, slowestMs: 0, slowest: '', longestMessage: 0 };

/** Runs one call and judges it (failures are collected, never thrown); `name` says which, `check` looks at a returned value. */
function judge(name, call, check) {
  judgeCall(name, call, check);
}

function judgeCall(name, call, check) {
  stats.calls++;
  const started = performance.now();
  let outcome;
  try {
    const value = call();
    outcome = { value };
  } catch (error) {
    outcome = { error };
  }
  const ms = performance.now() - started;
  if (ms > stats.slowestMs) Object.assign(stats, { slowestMs: Math.round(ms), slowest: name });
  const fail = (why) => failures.push({ name, why: String(why).slice(0, 500), ms: Math.round(ms) });
  if (ms > budgetMs) fail(`took ${Math.round(ms)} ms (budget ${budgetMs} ms)`);
  if ('error' in outcome) {
    stats.threw++;
    const { error } = outcome;
    if (!(error instanceof tb.TimeblocksError)) return fail(`threw ${error?.name ?? typeof error}: ${error?.message ?? error}`);
    stats.longestMessage = Math.max(stats.longestMessage, error.message.length);
    if (error.message.length > maxMessageChars) return fail(`message of ${error.message.length} characters`);
    if (invisible.test(error.message)) return fail(`message holds a raw invisible character: ${JSON.stringify(error.message.slice(0, 300))}`);
    return undefined;
  }
  stats.returned++;
  const problem = check?.(outcome.value);
  if (problem !== undefined) fail(problem);
  return undefined;
}

// ---------------------------------------------------------------- the issue's cases
const daily = (id, extra = {}) => ({ id, timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '09:00', duration: 'PT1H', repeat: { freq: 'daily' }, ...extra });
const year = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
const rruleOptions = { id: 'x', duration: 'PT1H' };
const dates = (n) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2025, 0, 2 + i)).toISOString().slice(0, 10));
const icalDates = (n, time) => dates(n).map((date) => `${date.replaceAll('-', '')}T${time}Z`);

const examples = {
  'findOverlaps: 10 000 identical blocks (50 M pairs)': () =>
    tb.findOverlaps(Array.from({ length: 10_000 }, (_, i) => ({ seriesId: `s${i}`, key: 'k', start: 0, end: 3_600_000 }))),
  'findConflicts: 300 identical daily series over a year': () => tb.findConflicts(Array.from({ length: 300 }, (_, i) => tb.defineSeries(daily(`s${i}`))), year),
  'defineSeries: count rule with 30 000 overrides': () =>
    tb.defineSeries(daily('o', { repeat: { freq: 'daily', count: 40_000 }, overrides: Object.fromEntries(dates(30_000).map((d) => [`${d}T09:00`, { cancelled: true }])) })),
  'defineSeries: count rule with 10 000 overrides': () =>
    tb.defineSeries(daily('o', { repeat: { freq: 'daily', count: 20_000 }, overrides: Object.fromEntries(dates(10_000).map((d) => [`${d}T09:00`, { cancelled: true }])) })),
  'defineSeries: 10 000 overrides with 10 000 excludes': () =>
    tb.defineSeries(
      daily('o', { exclude: dates(20_000).slice(10_000), overrides: Object.fromEntries(dates(10_000).map((d) => [`${d}T09:00`, { startTime: '10:00' }])) }),
    ),
  'fromRRule: 100 000 EXDATE lines': () => tb.fromRRule(`DTSTART:20250101T090000Z\nRRULE:FREQ=DAILY\n${icalDates(100_000, '090000').map((v) => `EXDATE:${v}`).join('\n')}`, rruleOptions),
  'fromRRule: 9 999 RDATE + 9 999 EXDATE values': () =>
    tb.fromRRule(`DTSTART:20250101T090000Z\nRRULE:FREQ=DAILY\nRDATE:${icalDates(9_999, '150000').join(',')}\nEXDATE:${icalDates(9_999, '090000').join(',')}`, rruleOptions),
  'fromRRule: BYDAY= + 12 000 bad items': () => tb.fromRRule(`DTSTART:20250101T090000Z\nRRULE:FREQ=YEARLY;BYDAY=${Array(12_000).fill('XX').join(',')}`, rruleOptions),
  'fromRRule: BYDAY= + 20 000 bad items': () => tb.fromRRule(`DTSTART:20250101T090000Z\nRRULE:FREQ=YEARLY;BYDAY=${Array(20_000).fill('XX').join(',')}`, rruleOptions),
  "fromRRule: 'FREQ=DAILY;'.repeat(1e6)": () => tb.fromRRule('FREQ=DAILY;'.repeat(1e6), { ...rruleOptions, timezone: 'UTC', start: '2025-01-01', startTime: '09:00' }),
  "defineSeries: repeat 'FREQ=DAILY;'.repeat(1e6)": () => tb.defineSeries(daily('r', { repeat: 'FREQ=DAILY;'.repeat(1e6) })),
  'toICalendar: 20 000 moved overrides': () => {
    const overrides = Object.fromEntries(dates(10_000).map((d) => [`${d}T09:00`, { startTime: '11:00' }]));
    return tb.toICalendar([tb.defineSeries(daily('a', { overrides })), tb.defineSeries(daily('b', { overrides }))]);
  },
  'toICalendar: a bare CR in summary, prodId, uidDomain': () => {
    const series = [tb.defineSeries(daily('lunch'))];
    const out = [];
    for (const options of [{ summary: () => 'Lunch\rEND:VEVENT\rBEGIN:VEVENT\rUID:injected' }, { prodId: 'x\ry' }, { uidDomain: 'x\ry' }]) {
      try {
        out.push(tb.toICalendar(series, options));
      } catch (error) {
        if (!(error instanceof tb.InvalidArgumentError)) throw error;
      }
    }
    return out;
  },
  'defineSeries: 10 001 exclude entries': () => tb.defineSeries(daily('e', { exclude: Array(10_001).fill('2025-01-02') })),
  'defineSeries: a million junk include entries': () => tb.defineSeries(daily('e', { include: Array(1_000_000).fill({ junk: 1 }) })),
  'defineSeries: 200 000 unknown keys': () => tb.defineSeries({ ...daily('k'), ...Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i])) }),
  'describe: ids with C1 controls, bidi overrides and U+2028': () => ['room\u202e42', 'x\u2028y', 'zero\u200bwidth'].map((id) => tb.describe(daily(id))),
  'defineSeries: an id with a C1 control': () => tb.defineSeries(daily('a\u0085b')),
  'freeSlots: busy in every instant form': () =>
    tb.freeSlots({
      availability: [tb.defineSeries(daily('open'))],
      busy: [{ start: new Date('2025-01-01T08:00:00Z'), end: '2025-01-01T09:30:00+01:00' }, { start: 1735722000000, end: 1735723800000 }],
      window: { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' },
      duration: 'PT15M',
    }),
  'freeSlots: duration: 30 (a bare number)': () => tb.freeSlots({ availability: [tb.defineSeries(daily('open'))], window: year, duration: 30 }),
  'expand: a daily series over 9 998 years with the default limit': () => tb.expand(tb.defineSeries(daily('d', { start: '0001-01-01' })), { from: '0001-01-01T00:00:00Z', to: '9999-01-01T00:00:00Z' }),
  'findOverlaps: a million blocks, half overlapping pairwise': () =>
    tb.findOverlaps(Array.from({ length: 1_000_000 }, (_, i) => ({ seriesId: 's', key: String(i), start: (i >> 1) * 10, end: (i >> 1) * 10 + 10 }))),
};
// Progress on stderr: if the process dies (out of memory), the parent says where.
for (const [name, run] of Object.entries(examples)) {
  process.stderr.write(`example: ${name}\n`);
  judge(name, run, name.startsWith('describe') ? (lines) => lines.find((line) => invisible.test(line)) && 'describe printed an invisible character raw' : undefined);
}

// ---------------------------------------------------------------- properties
const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true });
const hostileChars = fc.constantFrom('\r', '\n', '\u0000', '\u0085', '\u009b', '\u202e', '\u2028', '\u200b', '\ud800', ';', ',', ':', '\\', '"', '=', 'T', 'Z', '0', '9', 'X', 'é', '🙂');
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(hostileChars, { maxLength: 40 }).map((parts) => parts.join('')),
  // Huge: a short pattern repeated up to a million times.
  fc.tuple(fc.array(hostileChars, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1_000_000 })).map(([parts, n]) => parts.join('').repeat(n)),
);
/** Lists from empty to far past every cap, of one repeated entry (cheap to build). */
const hostileList = (entry) => fc.tuple(entry, fc.integer({ min: 0, max: 200_000 })).map(([value, n]) => Array(n).fill(value));
const fields = ['id', 'timezone', 'start', 'startTime', 'endTime', 'duration', 'repeat', 'exclude', 'include', 'dst', 'overrides', 'meta'];

const hostileSeriesInput = fc
  .record({
    input: seriesInputArbitrary({ withNeverEnding: true }),
    field: fc.constantFrom(...fields, 'repeat.byWeekday', 'repeat.byMonthDay', 'repeat.bySetPos', 'repeat.count', 'repeat.interval', 'unknown'),
    value: fc.oneof(anything, hostileString, hostileList(fc.oneof(hostileString, fc.integer(), anything)), fc.constant(undefined)),
  })
  .map(({ input, field, value }) => {
    const copy = JSON.parse(JSON.stringify(input));
    const [head, tail] = field.split('.');
    if (tail === undefined) copy[head] = value;
    else copy[head] = typeof copy[head] === 'object' && copy[head] !== null ? { ...copy[head], [tail]: value } : { freq: 'yearly', [tail]: value };
    return copy;
  });

const rruleLine = fc.oneof(
  hostileString.map((text) => `RRULE:FREQ=WEEKLY;BYDAY=${text}`),
  fc.tuple(fc.constantFrom('EXDATE', 'RDATE', 'EXDATE;TZID=Europe/Berlin', 'RDATE;VALUE=DATE'), fc.integer({ min: 1, max: 60_000 }), fc.constantFrom('20250102T090000Z', '20250102', 'junk', '20250102T090000')).map(
    ([name, n, value]) => `${name}:${Array(n).fill(value).join(',')}`,
  ),
  fc.constantFrom('DTSTART:20250101T090000Z', 'DTSTART;TZID=Europe/Berlin:20250101T090000', 'RRULE:FREQ=DAILY;COUNT=5', 'FREQ=MONTHLY;BYMONTHDAY=31', 'SUMMARY:x'),
  hostileString,
);
// Up to 20 copies of a few lines, at most ~5 M characters in all (the generator's own memory, not the library's).
const rruleText = fc.tuple(fc.array(rruleLine, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r', '\n '), fc.integer({ min: 1, max: 20 })).map(([lines, eol, times]) => {
  const one = lines.join(eol);
  return Array(Math.max(1, Math.min(times, Math.floor(5e6 / (one.length + 1))))).fill(one).join(eol);
});

const icalText = fc
  .tuple(fc.array(fc.oneof(rruleLine, fc.constantFrom('BEGIN:VEVENT', 'END:VEVENT', 'UID:u', 'DTSTART:20250101T090000Z', 'DTEND:20250101T100000Z', 'RECURRENCE-ID:20250102T090000Z', 'BEGIN:VTIMEZONE')), { maxLength: 12 }), fc.integer({ min: 1, max: 2000 }))
  .map(([lines, times]) => {
    const one = ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');
    return `BEGIN:VCALENDAR\r\n${Array(Math.max(1, Math.min(times, Math.floor(5e6 / (one.length + 2))))).fill(one).join('\r\n')}\r\nEND:VCALENDAR\r\n`;
  });
const instant = fc.oneof(fc.integer({ min: -1e16, max: 1e16 }), fc.date({ noInvalidDate: false }), fc.constantFrom('2025-01-01T00:00:00Z', '2025-01-01T00:00', 'junk', '9999-12-31T23:59:59+14:00'), hostileString, anything);
const duration = fc.oneof(fc.constantFrom('PT30M', 'PT1S', 'P400D', 'PT0S', '-PT1M', 'P1M'), fc.integer(), fc.double(), hostileString, anything);
const blocks = fc.tuple(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 3_600_000 })).map(([n, spread, length]) =>
  Array.from({ length: n }, (_, i) => ({ seriesId: `s${i % 7}`, key: String(i), start: (i % spread) * 60_000, end: (i % spread) * 60_000 + length, room: i % 3 })),
);
const aSeries = tb.defineSeries(daily('fixed'));

const properties = {
  defineSeries: fc.property(fc.oneof(hostileSeriesInput, anything), (input) => judge('defineSeries', () => tb.defineSeries(input))),
  fromRRule: fc.property(rruleText, fc.oneof(fc.constant(rruleOptions), fc.constant({ ...rruleOptions, timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '09:00' })), (text, options) =>
    judge('fromRRule', () => tb.fromRRule(text, options)),
  ),
  expand: fc.property(hostileSeriesInput, instant, instant, fc.option(fc.oneof(fc.integer({ min: -5, max: 200_000 }), anything), { nil: undefined }), (input, from, to, limit) =>
    judge('expand', () => tb.expand(input, { from, to, ...(limit === undefined ? {} : { limit }) })),
  ),
  freeSlots: fc.property(blocks, fc.option(blocks, { nil: undefined }), duration, fc.option(duration, { nil: undefined }), instant, instant, (availability, busy, length, step, from, to) =>
    judge('freeSlots', () => tb.freeSlots({ availability, busy, duration: length, step, window: { from, to } })),
  ),
  findOverlaps: fc.property(blocks, fc.option(fc.oneof(fc.integer({ min: -1, max: 200_000 }), anything), { nil: undefined }), fc.constantFrom(undefined, 'room', 'nope'), (list, limit, by) =>
    judge('findOverlaps', () => tb.findOverlaps(list, { ...(limit === undefined ? {} : { limit }), ...(by === undefined ? {} : { by }) })),
  ),
  toICalendar: fc.property(fc.oneof(hostileSeriesInput, fc.constant(aSeries)), hostileString, fc.option(hostileString, { nil: undefined }), (series, summary, prodId) =>
    judge('toICalendar', () => tb.toICalendar([series], { summary: () => summary, ...(prodId === undefined ? {} : { prodId }) }), (text) =>
      text.replace(/\r\n/g, '').match(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/) ? 'a control character reached the iCalendar output' : undefined,
    ),
  ),
  // Calendar import has caps of its own (docs/interop.md); held to the same promise here.
  fromICalendar: fc.property(icalText, fc.boolean(), (text, strict) => judge('fromICalendar', () => fromICalendar(text, { timezone: 'Europe/Berlin', strict }))),
  busyBlocks: fc.property(icalText, instant, instant, (text, from, to) => judge('busyBlocks', () => busyBlocks(text, { from, to }, { timezone: 'Europe/Berlin' }))),
  describe: fc.property(fc.oneof(hostileSeriesInput, hostileString.map((id) => daily(id))), (input) =>
    judge('describe', () => tb.describe(input), (text) => (invisible.test(text) ? 'describe printed an invisible character raw' : undefined)),
  ),
};
for (const [name, property] of Object.entries(properties)) {
  process.stderr.write(`property: ${name}\n`);
  const result = fc.check(property, { numRuns: runs, seed });
  if (result.failed) failures.push({ name: `property ${name}`, why: fc.defaultReportMessage(result)?.slice(0, 1000) ?? 'failed' });
}

stats.heapUsedMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
stats.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ stats, failures, examples: Object.keys(examples) })}\n`);
