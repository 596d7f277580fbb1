import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { icalOccurrences, resetIcalZones } from '../support/ical-oracle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'timeblocks-cli-describe-'));

/** Runs the built binary as a user would, with a given host TZ and locale. */
function run(args: string[], options: { tz?: string; input?: string; lang?: string } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, TZ: options.tz ?? 'UTC', LANG: options.lang ?? 'C', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const hosts: Array<[string, string]> = [
  ['UTC', 'C'],
  ['America/Los_Angeles', 'en_US.UTF-8'],
  ['Asia/Kolkata', 'hi_IN.UTF-8'],
  ['Pacific/Chatham', 'de_DE.UTF-8'],
];

/** Same stdout, stderr and exit code under every host; returns the first. */
function runEverywhere(args: string[], input?: string) {
  const results = hosts.map(([tz, lang]) => run(args, { tz, lang, input }));
  for (const result of results.slice(1)) expect(result).toEqual(results[0]);
  return results[0]!;
}

const shift = { id: 'night-shift', timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '22:00', endTime: '06:00', repeat: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20251231', exclude: ['2025-01-09', '2025-02-03', '2025-03-06'] };
const standup = { id: 'standup', timezone: 'America/New_York', start: '2025-03-03', startTime: '09:15', duration: 'PT15M', repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'] }, dst: { nonexistent: 'skip' } };

describe('timeblocks describe: golden outputs, identical under every host TZ and locale', () => {
  const goldens: Array<[string, () => [string[], string?], string]> = [
    [
      'from flags (the issue example)',
      () => [['describe', '--tz', 'Europe/Berlin', '--start', '2025-01-06', '--time', '22:00-06:00', '--repeat', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', '--until', '2025-12-31', '--exclude', '2025-01-09,2025-02-03', '--exclude', '2025-03-06']],
      'Every 2 weeks on Monday and Thursday, 22:00–06:00 (next day), Europe/Berlin, from 6 Jan 2025 until 31 Dec 2025, except 3 dates\n',
    ],
    [
      'from flags with a duration, a count and DST policies',
      () => [['describe', '--tz', 'Australia/Lord_Howe', '--start', '2025-01-31', '--time', '01:45', '--duration', 'PT45M', '--repeat', 'FREQ=MONTHLY;BYDAY=1SU', '--count', '12', '--dst-ambiguous', 'later']],
      'Every month on the first Sunday, 01:45 for 45 minutes, Australia/Lord_Howe, from 31 Jan 2025, 12 times, taking the later of repeated wall times\n',
    ],
    [
      'a single occurrence from flags',
      () => [['describe', '--tz', 'UTC', '--start', '2025-06-01', '--time', '10:00:30-11:00']],
      'Once on 1 Jun 2025, 10:00:30–11:00, UTC\n',
    ],
    [
      'one series from a JSON file',
      () => [['describe', file('shift.json', shift)]],
      'Every 2 weeks on Monday and Thursday, 22:00–06:00 (next day), Europe/Berlin, from 6 Jan 2025 until 31 Dec 2025, except 3 dates\n',
    ],
    [
      'a list from stdin: one line per series, with its id',
      () => [['describe', '-'], JSON.stringify([shift, standup])],
      'night-shift: Every 2 weeks on Monday and Thursday, 22:00–06:00 (next day), Europe/Berlin, from 6 Jan 2025 until 31 Dec 2025, except 3 dates\n' +
        'standup: Every week on Monday to Friday, 09:15 for 15 minutes, America/New_York, from 3 Mar 2025, no end, skipping starts in DST gaps\n',
    ],
    [
      'a list of one keeps the id',
      () => [['describe', file('one.json', [standup])]],
      'standup: Every week on Monday to Friday, 09:15 for 15 minutes, America/New_York, from 3 Mar 2025, no end, skipping starts in DST gaps\n',
    ],
  ];
  for (const [name, make, expected] of goldens) {
    it(name, () => {
      const [args, input] = make();
      const { code, stdout, stderr } = runEverywhere(args, input);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(expected);
    });
  }

  it('has --help, listed in the main help', () => {
    const help = run(['describe', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: timeblocks describe \[<series\.json> \| -\] \[series flags\]/);
    expect(help.stdout).toContain('--tz <zone>');
    expect(run(['--help']).stdout).toMatch(/\n {2}describe {3}print a series in plain English\n/);
    expect(run(['describe', '--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('timeblocks describe and preview --format ics|rrule: errors exit 2 with one line naming the field', () => {
  const moved = { id: 'm', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00', repeat: 'FREQ=DAILY;COUNT=3', overrides: { '2025-01-02T10:00': { startTime: '12:00' } } };
  const berlin = ['--tz', 'Europe/Berlin', '--start', '2025-03-24', '--time', '09:30-10:00', '--repeat', 'FREQ=DAILY', '--count', '3'];
  const cases: Array<[string, () => string[], RegExp]> = [
    ['unknown zone', () => ['describe', '--tz', 'Mars/Base', '--start', '2025-01-01', '--time', '10:00-11:00'], /^timeblocks: --tz: "Mars\/Base" is not a known IANA time zone/],
    ['bad date', () => ['describe', '--tz', 'UTC', '--start', '2025-02-30', '--time', '10:00-11:00'], /^timeblocks: --start: "2025-02-30" does not exist/],
    ['bad RRULE', () => ['describe', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=WEEKLY;BYDAY=XX'], /^timeblocks: --repeat: .*"XX" is not a weekday/],
    ['missing flag', () => ['describe', '--tz', 'UTC', '--time', '10:00-11:00'], /^timeblocks: --start is required/],
    ['bad field in a file', () => ['describe', file('bad.json', { ...shift, repeat: { freq: 'weekly', byWeekday: ['XX'] } })], /bad\.json: repeat\.byWeekday\[0\]: "XX" is not a weekday/],
    ['not JSON on stdin', () => ['describe', '-'], /^timeblocks: stdin: not valid JSON/],
    ['unreadable file', () => ['describe', join(dir, 'missing.json')], /missing\.json: no such file/],
    ['a file and flags', () => ['describe', file('shift2.json', shift), '--tz', 'UTC'], /give a series file or series flags, not both/],
    ['two files', () => ['describe', file('a.json', shift), file('b.json', shift)], /describe takes one series file/],
    ['unknown option', () => ['describe', '--format', 'json'], /^timeblocks: --format: unknown option \(see timeblocks describe --help\)/],
    ['a window with --format ics', () => ['preview', ...berlin, '--format', 'ics', '--from', '2025-03-01T00:00:00Z'], /^timeblocks: --from: does not apply to --format ics/],
    ['a limit with --format rrule', () => ['preview', ...berlin, '--format', 'rrule', '--limit', '2'], /^timeblocks: --limit: does not apply to --format rrule/],
    ['a moved occurrence as RRULE text', () => ['preview', file('moved.json', moved), '--format', 'rrule'], /^timeblocks: --format rrule: .*overrides\.2025-01-02T10:00 .*use --format ics/],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      const { code, stdout, stderr } = run(make(), { input: 'not json' });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('timeblocks preview --format rrule and --format ics', () => {
  afterEach(resetIcalZones);

  it('prints RFC 5545 text, identical under every host TZ', () => {
    const { code, stdout, stderr } = runEverywhere(['preview', '--tz', 'Europe/Berlin', '--start', '2025-03-24', '--time', '09:30-10:00', '--repeat', 'FREQ=WEEKLY;BYDAY=MO,WE', '--count', '4', '--exclude', '2025-03-26', '--include', '2025-04-05T11:00', '--format', 'rrule']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      'DTSTART;TZID=Europe/Berlin:20250324T093000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4\nEXDATE;TZID=Europe/Berlin:20250326T093000\nRDATE;TZID=Europe/Berlin:20250405T110000\n',
    );
  });

  it('prints a VCALENDAR that ical.js parses and expands to the blocks preview shows, across a DST change', () => {
    // New York springs forward on 9 Mar 2025: the blocks' UTC times move by an hour.
    const args = ['preview', file('standup-ny.json', { ...standup, repeat: { ...standup.repeat, count: 12 }, dst: undefined, exclude: ['2025-03-11'] })];
    const ics = runEverywhere([...args, '--format', 'ics']);
    expect(ics.stderr).toBe('');
    expect(ics.code).toBe(0);
    expect(ics.stdout).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.stdout).toMatch(/\r\nEND:VCALENDAR\r\n$/);
    expect(ics.stdout.replaceAll('\r\n', '')).not.toContain('\n');

    const calendar = new ICAL.Component(ICAL.parse(ics.stdout));
    const [event] = calendar.getAllSubcomponents('vevent');
    expect(event!.getFirstPropertyValue('uid')).toBe('standup@timeblocks');
    expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['America/New_York']);

    const blocks = JSON.parse(run([...args, '--format', 'json', '--limit', '50']).stdout) as Array<{ key: string; startMs: number; endMs: number }>;
    expect(blocks).toHaveLength(11);
    expect(new Set(blocks.map((block) => (block.startMs / 3_600_000) % 24))).toEqual(new Set([14.25, 13.25]));
    const fromIcal = icalOccurrences(ics.stdout, 'standup@timeblocks');
    expect(fromIcal.map(({ key, start, end }) => ({ key, startMs: start, endMs: end }))).toEqual(
      blocks.map(({ key, startMs, endMs }) => ({ key, startMs, endMs })),
    );
  });
});
