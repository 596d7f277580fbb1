import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Host-TZ independence: the built package, run in child processes whose host time zone and
 * locale differ, must print byte-identical JSON for the same expansions (DESIGN: "Running
 * the same call under TZ=UTC and TZ=Pacific/Chatham gives byte-identical results").
 *
 * The package is built once, in `beforeAll`, with the project's `tsconfig.build.json` —
 * into a private directory rather than `dist/`, so a concurrent build of `dist/` by another
 * test run cannot swap files under the children.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
let buildDir = '';

beforeAll(() => {
  buildDir = mkdtempSync(join(tmpdir(), 'timeblocks-host-tz-'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(buildDir, 'dist')], {
    cwd: root,
    stdio: 'pipe',
  });
  // The built files are ESM and import their dependencies (zod, …) by name.
  writeFileSync(join(buildDir, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(root, 'node_modules'), join(buildDir, 'node_modules'), 'dir');
});

afterAll(() => {
  if (buildDir !== '') rmSync(buildDir, { recursive: true, force: true });
});

/** The program each child runs: expand a fixed set of series and print everything as JSON. */
function script(): string {
  return `
import * as lib from ${JSON.stringify(join(buildDir, 'dist/index.js'))};
const { defineSeries, expand, occurrences, viewBlock, toZonedIso, NonexistentTimeError } = lib;

const inputs = [
  // Berlin spring-forward: 02:30–03:30 lies in the gap (shifted + rebuilt); RRULE string.
  { id: 'berlin-gap', timezone: 'Europe/Berlin', start: '2025-03-28', startTime: '02:30', endTime: '03:30', repeat: 'FREQ=DAILY;COUNT=5' },
  // Berlin and New York overnight shifts across both DST nights.
  { id: 'berlin-night', timezone: 'Europe/Berlin', start: '2025-03-27', startTime: '22:00', endTime: '06:00', repeat: { freq: 'weekly', byWeekday: ['FR', 'SA', 'SU'], until: '2025-11-02' } },
  { id: 'ny-night', timezone: 'America/New_York', start: '2025-10-30', startTime: '22:00', endTime: '01:30', repeat: { freq: 'daily', count: 6 }, dst: { ambiguous: 'later' } },
  // Lord Howe's 30-minute DST, first Sunday of each month, later side of the overlap.
  { id: 'lhi', timezone: 'Australia/Lord_Howe', start: '2025-01-01', startTime: '01:45', duration: 'PT45M', repeat: 'RRULE:FREQ=MONTHLY;BYDAY=1SU;COUNT=12', dst: { ambiguous: 'later' } },
  // Chatham +12:45/+13:45, yearly with a UTC UNTIL and an exclusion.
  { id: 'chatham', timezone: 'Pacific/Chatham', start: '2024-01-01', startTime: '03:00', endTime: '04:00', repeat: 'FREQ=YEARLY;BYMONTH=4,9;BYDAY=1SU,-1SU;UNTIL=20271231T120000Z', exclude: ['2026-04-05'] },
  // Havana and Santiago: midnight does not exist on their spring-forward days.
  { id: 'havana', timezone: 'America/Havana', start: '2025-03-01', startTime: '00:00', endTime: '01:00', repeat: { freq: 'weekly', byWeekday: ['SU'], count: 40 }, include: ['2025-03-12T12:00'] },
  { id: 'santiago', timezone: 'America/Santiago', start: '2025-09-05', startTime: '00:00', duration: 'PT1H', repeat: { freq: 'daily', count: 4 }, dst: { nonexistent: 'skip' } },
  // St John's −3:30/−2:30, Kathmandu +05:45, Sydney in the south; last weekday of the month.
  { id: 'stjohns', timezone: 'America/St_Johns', start: '2025-01-01', startTime: '01:30', endTime: '02:30', repeat: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12' },
  { id: 'kathmandu', timezone: 'Asia/Kathmandu', start: '2025-01-01', startTime: '09:15:30', endTime: '17:45', repeat: { freq: 'weekly', interval: 2, byWeekday: ['SU', 'WE'], weekStart: 'SU', count: 10 } },
  { id: 'sydney', timezone: 'Australia/Sydney', start: '2025-04-04', startTime: '02:30', endTime: '03:15', repeat: { freq: 'yearly', byMonth: [4, 10], byWeekday: [{ day: 'SU', nth: 1 }], count: 4 } },
  // Leap days, UTC.
  { id: 'utc-leap', timezone: 'UTC', start: '2024-02-29', startTime: '09:00', duration: 'PT1H', repeat: { freq: 'yearly', count: 3 } },
  // Sub-daily: half-hourly through Berlin's spring-forward night, every 15 minutes through New York's fall-back hour.
  { id: 'berlin-half-hourly', timezone: 'Europe/Berlin', start: '2025-03-29', startTime: '22:00', duration: 'PT30M', repeat: { freq: 'hourly', byMinute: [0, 30], count: 12 } },
  { id: 'ny-quarters', timezone: 'America/New_York', start: '2025-11-02', startTime: '00:45', duration: 'PT15M', repeat: 'FREQ=MINUTELY;INTERVAL=15;COUNT=10', dst: { ambiguous: 'later' } },
  // A never-ending series: windows given as Date, ISO with offset and epoch ms.
  { id: 'forever', timezone: 'Europe/London', start: '2025-01-06', startTime: '01:30', endTime: '02:30', repeat: { freq: 'weekly', byWeekday: ['SU'] } },
];

const out = { results: [], errors: [] };
for (const input of inputs) {
  const series = defineSeries(input);
  const blocks = input.id === 'forever'
    ? [
        ...expand(series, { from: new Date(Date.UTC(2025, 2, 1)), to: '2025-04-30T00:00:00+02:00' }),
        ...expand(series, { from: 1759276800000, to: '2025-11-30T00:00:00Z' }),
      ]
    : expand(series);
  const lazy = [];
  for (const block of occurrences(series, { from: '2025-03-01T00:00:00Z' })) {
    lazy.push(block);
    if (lazy.length === 3) break;
  }
  out.results.push({
    series,
    blocks,
    views: blocks.map((block) => viewBlock(block, series.timezone)),
    lazy,
    zoned: blocks.map((block) => toZonedIso(block.end, 'Asia/Kolkata')),
  });
}
// The error policy, by expand and by occurrences.
const strict = defineSeries({ ...inputs[0], id: 'strict', dst: { nonexistent: 'error' } });
for (const run of [() => expand(strict), () => [...occurrences(strict)]]) {
  try {
    run();
    out.errors.push('no error');
  } catch (error) {
    out.errors.push({ name: error.name, isNonexistent: error instanceof NonexistentTimeError, seriesId: error.seriesId, key: error.key, timezone: error.timezone, message: error.message });
  }
}
process.stdout.write(JSON.stringify(out));
`;
}

const hosts = [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
  { TZ: 'Asia/Kolkata', LANG: 'hi_IN.UTF-8', LC_ALL: 'hi_IN.UTF-8' },
  { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
];

function runChild(env: Record<string, string>, args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: buildDir, encoding: 'utf8', env: { ...process.env, ...env } });
}

interface View {
  key: string;
  localStart: string;
  localEnd: string;
  utcStart: string;
  utcEnd: string;
  adjusted?: { start?: string; end?: string };
}
interface Output {
  results: Array<{ series: { id: string }; blocks: unknown[]; views: View[]; lazy: unknown[] }>;
  errors: Array<Record<string, unknown> | string>;
}

describe('host time zone and locale independence (built package, child processes)', () => {
  it('the four hosts really differ in local time', () => {
    // Minutes west of UTC on 2025-01-01: UTC 0, PST +8 h, IST −5:30, CHADT −13:45.
    const probe = 'process.stdout.write(String(new Date(2025, 0, 1).getTimezoneOffset()))';
    expect(hosts.map((host) => runChild(host, ['-e', probe]))).toEqual(['0', '480', '-330', '-825']);
  });

  it('gives byte-identical, non-trivial output under TZ=UTC, America/Los_Angeles, Asia/Kolkata and Pacific/Chatham', () => {
    const program = script();
    const outputs = hosts.map((host) => runChild(host, ['--input-type=module', '-e', program]));
    for (let i = 1; i < outputs.length; i++) expect(outputs[i], `${hosts[i]!.TZ} vs UTC`).toBe(outputs[0]);

    // Non-trivial: every series produced blocks, with DST adjustments of every kind.
    const output = JSON.parse(outputs[0]!) as Output;
    expect(output.results).toHaveLength(14);
    for (const result of output.results) expect(result.blocks.length, result.series.id).toBeGreaterThan(0);
    const views = output.results.flatMap((result) => result.views.map((view) => ({ id: result.series.id, ...view })));
    expect(views.length).toBeGreaterThan(100);
    const adjustments = new Set(views.flatMap((view) => Object.entries(view.adjusted ?? {}).map(([end, how]) => `${end}:${how}`)));
    expect([...adjustments].sort()).toEqual(expect.arrayContaining(['end:later', 'end:rebuilt', 'start:later', 'start:shifted']));

    // Spot checks against hand-worked instants.
    const find = (id: string, key: string) => views.find((view) => view.id === id && view.key === key);
    // Berlin 2025-03-30 02:30–03:30: start shifted to 03:30 CEST, rebuilt to end 04:30.
    expect(find('berlin-gap', '2025-03-30T02:30')).toEqual({
      id: 'berlin-gap',
      seriesId: 'berlin-gap',
      key: '2025-03-30T02:30',
      localStart: '2025-03-30T03:30:00+02:00',
      localEnd: '2025-03-30T04:30:00+02:00',
      utcStart: '2025-03-30T01:30:00.000Z',
      utcEnd: '2025-03-30T02:30:00.000Z',
      adjusted: { start: 'shifted', end: 'rebuilt' },
    });
    // Berlin night of 2025-10-25: 22:00 CEST → 06:00 CET, 9 hours.
    expect(find('berlin-night', '2025-10-25T22:00')).toMatchObject({ utcStart: '2025-10-25T20:00:00.000Z', utcEnd: '2025-10-26T05:00:00.000Z' });
    // New York 2025-11-01 22:00 EDT → 01:30 EST (later side).
    expect(find('ny-night', '2025-11-01T22:00')).toMatchObject({ utcStart: '2025-11-02T02:00:00.000Z', utcEnd: '2025-11-02T06:30:00.000Z', adjusted: { end: 'later' } });
    // Lord Howe 2025-04-06 01:45, later side: +10:30.
    expect(find('lhi', '2025-04-06T01:45')).toMatchObject({ localStart: '2025-04-06T01:45:00+10:30', utcStart: '2025-04-05T15:15:00.000Z', adjusted: { start: 'later' } });
    // Chatham: 2025-09-28 03:00 is in the gap (02:45 → 03:45), shifted to 04:00 +13:45.
    expect(find('chatham', '2025-09-28T03:00')).toMatchObject({ localStart: '2025-09-28T04:00:00+13:45', utcStart: '2025-09-27T14:15:00.000Z' });
    // Havana: midnight of 2025-03-09 does not exist.
    expect(find('havana', '2025-03-09T00:00')).toMatchObject({ localStart: '2025-03-09T01:00:00-04:00', utcStart: '2025-03-09T05:00:00.000Z' });
    // Santiago under skip: no block on 2025-09-07.
    expect(output.results.find((result) => result.series.id === 'santiago')!.views.map((view) => view.key)).toEqual([
      '2025-09-05T00:00',
      '2025-09-06T00:00',
      '2025-09-08T00:00',
    ]);
    // Kathmandu: seconds in the key, +05:45.
    expect(find('kathmandu', '2025-01-01T09:15:30')).toMatchObject({ localStart: '2025-01-01T09:15:30+05:45', utcStart: '2025-01-01T03:30:30.000Z' });
    // Sub-daily: 02:30 in Berlin's gap shifts to 03:30 CEST; 01:15 in New York's repeated hour takes EST.
    expect(find('berlin-half-hourly', '2025-03-30T02:30')).toMatchObject({ localStart: '2025-03-30T03:30:00+02:00', utcStart: '2025-03-30T01:30:00.000Z', utcEnd: '2025-03-30T02:00:00.000Z', adjusted: { start: 'shifted' } });
    expect(find('ny-quarters', '2025-11-02T01:15')).toMatchObject({ localStart: '2025-11-02T01:15:00-05:00', utcStart: '2025-11-02T06:15:00.000Z', adjusted: { start: 'later' } });
    // The error policy reports the same key everywhere.
    expect(output.errors).toEqual([
      expect.objectContaining({ name: 'NonexistentTimeError', isNonexistent: true, seriesId: 'strict', key: '2025-03-30T02:30', timezone: 'Europe/Berlin' }),
      expect.objectContaining({ name: 'NonexistentTimeError', isNonexistent: true, seriesId: 'strict', key: '2025-03-30T02:30', timezone: 'Europe/Berlin' }),
    ]);
  });
});
