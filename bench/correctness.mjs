/**
 * Correctness under DST and host time zones: timeblocks vs rrule.js (with `tzid`), rrule.js
 * + luxon (floating rule, the careful way), rrule-rust and rrule-temporal.
 *
 * Each library expands the same daily series (DTSTART in the series' zone, COUNT=4) in a
 * child process per host `TZ`, and reports the start instants. The parent compares them
 * with RFC 5545's answer, which is timeblocks' under its defaults (a start in a gap uses the
 * offset before the gap, so 02:30 becomes 03:30; a repeated wall time takes the earlier
 * instant), and checks whether a library's answer changes with the host's `TZ`.
 *
 * `node bench/correctness.mjs` prints the table; `npm run bench` prints it too. Needs dist/.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const hostZones = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'];

export const cases = [
  { name: '09:30 Berlin across the March change', zone: 'Europe/Berlin', date: [2025, 3, 28], time: [9, 30] },
  { name: '02:30 Berlin across the spring-forward gap', zone: 'Europe/Berlin', date: [2025, 3, 28], time: [2, 30] },
  { name: '02:30 Berlin across the fall-back repeat', zone: 'Europe/Berlin', date: [2025, 10, 24], time: [2, 30] },
  { name: '09:30 New York across the March 2101 change', zone: 'America/New_York', date: [2101, 3, 11], time: [9, 30] },
];
const count = 4;

const pad = (n) => String(n).padStart(2, '0');
const wallText = ({ date: [y, m, d], time: [h, mi] }) => `${y}${pad(m)}${pad(d)}T${pad(h)}${pad(mi)}00`;

/** Each library's start instants (epoch ms) for a case, as its documentation says to use it. */
async function contenders() {
  const { defineSeries, expand } = await import('../dist/index.js');
  const { DateTime } = await import('luxon');
  const { default: rrulePackage } = await import('rrule');
  const rust = await import('rrule-rust');
  const { RRuleTemporal } = await import('rrule-temporal');
  const { RRule } = rrulePackage;

  return {
    timeblocks: ({ zone, date: [y, m, d], time: [h, mi] }) =>
      expand(
        defineSeries({ id: 'c', timezone: zone, start: `${y}-${pad(m)}-${pad(d)}`, startTime: `${pad(h)}:${pad(mi)}`, duration: 'PT1H', repeat: { freq: 'daily', count } }),
      ).map((block) => block.start),
    // rrule.js's README: with `tzid`, the returned Dates' UTC fields are the wall time in the
    // *host's* zone ("the time in Los Angeles when it's 10:30 in Tokyo"), so the instant is
    // those fields read as host-local time. (Taking the Date as the instant is further off:
    // by the host's whole UTC offset.)
    'rrule.js (tzid)': ({ zone, date: [y, m, d], time: [h, mi] }) =>
      new RRule({ freq: RRule.DAILY, count, dtstart: new Date(Date.UTC(y, m - 1, d, h, mi)), tzid: zone })
        .all()
        .map((x) => new Date(x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate(), x.getUTCHours(), x.getUTCMinutes()).getTime()),
    // The benchmark's rrule.js contender: a floating rule (no tzid), wall times converted with luxon.
    'rrule.js + luxon': ({ zone, date: [y, m, d], time: [h, mi] }) =>
      new RRule({ freq: RRule.DAILY, count, dtstart: new Date(Date.UTC(y, m - 1, d, h, mi)) })
        .all()
        .map((x) => DateTime.fromObject({ year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate(), hour: h, minute: mi }, { zone }).toMillis()),
    'rrule-rust': ({ zone, date: [y, m, d], time: [h, mi] }) =>
      new rust.RRuleSet({ dtstart: new rust.DtStart(rust.DateTime.local(y, m, d, h, mi, 0), zone), rrules: [new rust.RRule({ frequency: rust.Frequency.Daily, count })] })
        .all()
        .map((occurrence) => occurrence.toTimestamp()),
    'rrule-temporal': (spec) =>
      new RRuleTemporal({ rruleString: `DTSTART;TZID=${spec.zone}:${wallText(spec)}\nRRULE:FREQ=DAILY;COUNT=${count}` })
        .all()
        .map((zoned) => zoned.epochMilliseconds),
  };
}

/** In a child process: every library's instants for every case, under this process's TZ. */
async function childReport() {
  const report = {};
  for (const [library, run] of Object.entries(await contenders())) {
    report[library] = Object.fromEntries(
      cases.map((spec) => {
        try {
          return [spec.name, run(spec)];
        } catch (error) {
          return [spec.name, `throws ${error.name}: ${error.message}`];
        }
      }),
    );
  }
  return report;
}

const isoMinute = (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** What a result gets wrong against the expected instants, in a few words. */
function difference(expected, actual) {
  if (typeof actual === 'string') return actual;
  const missing = expected.filter((ms) => !actual.includes(ms));
  const extra = actual.filter((ms) => !expected.includes(ms));
  if (missing.length === 1 && extra.length === 1) return `${isoMinute(extra[0])} for ${isoMinute(missing[0])}`;
  const parts = [];
  if (missing.length > 0) parts.push(`misses ${missing.map(isoMinute).join(', ')}`);
  if (extra.length > 0) parts.push(`adds ${extra.map(isoMinute).join(', ')}`);
  return parts.join('; ');
}

/**
 * Runs every library under every host TZ (one child process each) and compares. Returns one
 * row per library: a verdict per case, and whether any answer changed with the host TZ.
 */
export function runCorrectness() {
  const script = fileURLToPath(import.meta.url);
  const reports = Object.fromEntries(
    hostZones.map((tz) => [tz, JSON.parse(execFileSync(process.execPath, [script, '--child'], { encoding: 'utf8', env: { ...process.env, TZ: tz } }))]),
  );
  const reference = reports.UTC.timeblocks;
  const rows = Object.keys(reports.UTC).map((library) => {
    const verdicts = {};
    let hostDependent = false;
    for (const { name } of cases) {
      const byHost = hostZones.map((tz) => [tz, reports[tz][library][name]]);
      const differentHosts = byHost.filter(([, result]) => !same(result, byHost[0][1])).map(([tz]) => tz);
      if (differentHosts.length > 0) hostDependent = true;
      const wrong = byHost.filter(([, result]) => !same(result, reference[name]));
      if (wrong.length === 0) verdicts[name] = { ok: true, text: 'agrees' };
      else if (differentHosts.length === 0) verdicts[name] = { ok: false, text: difference(reference[name], wrong[0][1]) };
      else verdicts[name] = { ok: false, text: `under TZ=${wrong.map(([tz]) => tz).join(', ')}: ${difference(reference[name], wrong[0][1])}` };
    }
    return { library, verdicts, hostDependent };
  });
  return { rows, reference };
}

/** The comparison as text: the expected instants, then one line per library and case. */
export function formatCorrectness({ rows, reference }) {
  const lines = [`Correctness: start instants of ${count} daily occurrences, under host TZ = ${hostZones.join(', ')}`, ''];
  for (const { name } of cases) lines.push(`  ${name}: RFC 5545 gives ${reference[name].map(isoMinute).join(', ')}`);
  lines.push('');
  for (const { library, verdicts, hostDependent } of rows) {
    lines.push(`${library}${hostDependent ? ' (answers change with the host TZ)' : ' (same answers under every host TZ)'}`);
    for (const { name } of cases) lines.push(`  ${verdicts[name].ok ? 'ok  ' : 'DIFF'}  ${name}${verdicts[name].ok ? '' : `: ${verdicts[name].text}`}`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--child')) {
    process.stdout.write(JSON.stringify(await childReport()));
  } else {
    const result = runCorrectness();
    console.log(formatCorrectness(result));
    // timeblocks itself must give RFC 5545's answer under every host TZ.
    const ours = result.rows.find((row) => row.library === 'timeblocks');
    if (ours.hostDependent || Object.values(ours.verdicts).some((verdict) => !verdict.ok)) process.exitCode = 1;
  }
}
