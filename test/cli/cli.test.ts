import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'timeblocks-cli-'));

/** Runs the built binary as a user would, with a given host TZ. */
function run(args: string[], options: { tz?: string; input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, TZ: options.tz ?? 'UTC', NO_COLOR: '1', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const hosts = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'];

describe('timeblocks preview: golden outputs, identical under every host TZ', () => {
  const goldens: Array<[string, string[], string]> = [
    [
      'a DST gap (Berlin, spring forward)',
      ['preview', '--tz', 'Europe/Berlin', '--start', '2025-03-29', '--time', '02:30-03:30', '--repeat', 'FREQ=DAILY', '--count', '3'],
      `#  key               start (Europe/Berlin)    end                      start (UTC)       end (UTC)         note
1  2025-03-29T02:30  2025-03-29 02:30 +01:00  2025-03-29 03:30 +01:00  2025-03-29 01:30  2025-03-29 02:30
2  2025-03-30T02:30  2025-03-30 03:30 +02:00  2025-03-30 04:30 +02:00  2025-03-30 01:30  2025-03-30 02:30  start shifted: 02:30 does not exist; end rebuilt: nominal length kept
3  2025-03-31T02:30  2025-03-31 02:30 +02:00  2025-03-31 03:30 +02:00  2025-03-31 00:30  2025-03-31 01:30
`,
    ],
    [
      'a skipped occurrence',
      ['preview', '--tz', 'America/New_York', '--start', '2025-03-08', '--time', '02:30-03:00', '--repeat', 'FREQ=DAILY;COUNT=3', '--dst-nonexistent', 'skip'],
      `#  key               start (America/New_York)  end                      start (UTC)       end (UTC)         note
1  2025-03-08T02:30  2025-03-08 02:30 -05:00   2025-03-08 03:00 -05:00  2025-03-08 07:30  2025-03-08 08:00
2  2025-03-09T02:30  —                         —                        —                 —                 skipped: 02:30 does not exist
3  2025-03-10T02:30  2025-03-10 02:30 -04:00   2025-03-10 03:00 -04:00  2025-03-10 06:30  2025-03-10 07:00
`,
    ],
    [
      'an ambiguous hour (New York, fall back, later)',
      ['preview', '--tz', 'America/New_York', '--start', '2025-11-02', '--time', '01:30', '--duration', 'PT30M', '--dst-ambiguous', 'later'],
      `#  key               start (America/New_York)  end                      start (UTC)       end (UTC)         note
1  2025-11-02T01:30  2025-11-02 01:30 -05:00   2025-11-02 02:00 -05:00  2025-11-02 06:30  2025-11-02 07:00  start 01:30 happens twice: the later
`,
    ],
    [
      'an overnight block on a DST night (9 hours)',
      ['preview', '--tz', 'Europe/Berlin', '--start', '2025-10-25', '--time', '22:00-06:00'],
      `#  key               start (Europe/Berlin)    end                      start (UTC)       end (UTC)         note
1  2025-10-25T22:00  2025-10-25 22:00 +02:00  2025-10-26 06:00 +01:00  2025-10-25 20:00  2025-10-26 05:00
`,
    ],
  ];

  for (const [name, args, expected] of goldens) {
    it(name, () => {
      for (const tz of hosts) {
        const { code, stdout, stderr } = run(args, { tz });
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(stdout).toBe(expected);
      }
    });
  }

  it('reads a series from a JSON file and from stdin, and prints JSON', () => {
    const series = { id: 'f', timezone: 'Asia/Kathmandu', start: '2025-01-01', startTime: '09:00', duration: 'PT1H', repeat: { freq: 'weekly', count: 2 } };
    const fromFile = run(['preview', file('series.json', series), '--format', 'json']);
    const fromStdin = run(['preview', '-', '--format', 'json'], { input: JSON.stringify(series) });
    expect(fromFile.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(JSON.parse(fromFile.stdout)).toEqual([
      { seriesId: 'f', key: '2025-01-01T09:00', start: '2025-01-01T03:15:00.000Z', end: '2025-01-01T04:15:00.000Z', startMs: 1735701300000, endMs: 1735704900000 },
      { seriesId: 'f', key: '2025-01-08T09:00', start: '2025-01-08T03:15:00.000Z', end: '2025-01-08T04:15:00.000Z', startMs: 1736306100000, endMs: 1736309700000 },
    ]);
  });

  it('shows the first 20 occurrences from the start without a window, never "now"', () => {
    const { stdout } = run(['preview', '--tz', 'UTC', '--start', '2001-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=DAILY', '--format', 'json']);
    const blocks = JSON.parse(stdout) as Array<{ key: string }>;
    expect(blocks).toHaveLength(20);
    expect(blocks[0]!.key).toBe('2001-01-01T10:00');
    expect(run(['preview', '--tz', 'UTC', '--start', '2001-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=DAILY', '--limit', '3', '--format', 'json']).stdout).toContain('2001-01-03T10:00');
    const windowed = JSON.parse(run(['preview', '--tz', 'UTC', '--start', '2001-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=DAILY', '--from', '2001-02-01T00:00:00Z', '--to', '2001-02-03T00:00:00Z', '--format', 'json']).stdout);
    expect(windowed.map((block: { key: string }) => block.key)).toEqual(['2001-02-01T10:00', '2001-02-02T10:00']);
  });

  it('says on stderr (only) when more occurrences exist than it shows without --to', () => {
    const daily = ['preview', '--tz', 'UTC', '--start', '2001-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=DAILY'];
    const json = run([...daily, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toHaveLength(20);
    expect(json.stderr).toBe('timeblocks: showing the first 20 occurrences; use --to or --limit for more\n');
    expect(run([...daily, '--limit', '3']).stderr).toBe('timeblocks: showing the first 3 occurrences; use --to or --limit for more\n');
    expect(run([...daily, '--limit', '1']).stderr).toBe('timeblocks: showing the first occurrence; use --to or --limit for more\n');
    // The next one exists but is an error (dst.nonexistent: error): still "more", not a failure.
    const gap = run(['preview', '--tz', 'Europe/Berlin', '--start', '2025-03-29', '--time', '02:30-03:30', '--repeat', 'FREQ=DAILY', '--dst-nonexistent', 'error', '--limit', '1']);
    expect([gap.code, gap.stderr]).toEqual([0, 'timeblocks: showing the first occurrence; use --to or --limit for more\n']);
    // Exactly 20, or a window: everything is shown, so nothing is said.
    expect(run([...daily.slice(0, -1), 'FREQ=DAILY;COUNT=20']).stderr).toBe('');
    expect(run([...daily, '--to', '2001-03-01T00:00:00Z']).stderr).toBe('');
  });

  it('colours only on a terminal; NO_COLOR and pipes get plain text', () => {
    const { stdout } = run(['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00'], { env: { FORCE_COLOR: '1' } });
    expect(stdout).not.toMatch(/\u001b\[/);
  });
});

describe('timeblocks errors: exit 2, one line on stderr naming the field, no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown zone', ['preview', '--tz', 'Mars/Base', '--start', '2025-01-01', '--time', '10:00-11:00'], /--tz: "Mars\/Base" is not a known IANA time zone/],
    ['bad date', ['preview', '--tz', 'UTC', '--start', '2025-02-30', '--time', '10:00-11:00'], /--start: "2025-02-30" does not exist/],
    ['bad RRULE', ['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=SOMETIMES'], /--repeat: FREQ=SOMETIMES is not a frequency/],
    ['sub-daily RRULE', ['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=HOURLY'], /--repeat: FREQ=HOURLY is sub-daily/],
    ['unreadable file', ['preview', join(dir, 'missing.json')], /missing.json: no such file/],
    ['not JSON', ['preview', '-'], /stdin: not valid JSON/],
    ['a local --from with series in two zones and no --tz', ['check', file('two-zones.json', [{ id: 'u', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00' }, { id: 'b', timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '10:00', endTime: '11:00' }]), '--from', '2025-02-01'], /^timeblocks: a local --from\/--to needs one time zone, but the series use 2 \(UTC, Europe\/Berlin\): give --tz$/],
    ['a local --from that is no date', ['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--from', '2025-02-30'], /^timeblocks: --from: "2025-02-30" does not exist \(day 30 of a 28-day month\)$/],
    ['unknown option', ['preview', '--timezone', 'UTC'], /^timeblocks: --timezone: unknown option \(see timeblocks preview --help\)$/],
    ['unknown option, check', ['check', '--frm', 'x'], /^timeblocks: --frm: unknown option \(see timeblocks check --help\)$/],
    ['option without its value', ['preview', '--tz', 'UTC', '--from'], /^timeblocks: --from: needs a value$/],
    ['flag given a value', ['preview', '--help=yes'], /^timeblocks: --help: takes no value$/],
    ['slots: a positional', ['slots', 'hours.json'], /^timeblocks: unexpected argument "hours.json" \(slots takes only options; see timeblocks slots --help\)$/],
    ['missing series flag', ['preview', '--start', '2025-01-01'], /^timeblocks: --tz is required: a series from flags needs --tz, --start and --time \(or give a JSON file, or - for stdin\)$/],
    ['huge limit', ['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--limit', '1000000000000'], /^timeblocks: --limit: 1000000000000 is too large \(allowed: 1 to 999999999\)$/],
    ['unknown command', ['expand'], /unknown command "expand"/],
    ['bad format', ['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--format', 'xml'], /--format: "xml" is not one of/],
    ['bad limit', ['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--limit', '0'], /--limit: "0" is not a positive integer/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const { code, stdout, stderr } = run(args, { input: 'not json' });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd()).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('timeblocks check and slots', () => {
  const standup = { id: 'standup', timezone: 'Europe/Berlin', start: '2025-03-28', startTime: '09:30', endTime: '10:00', repeat: 'FREQ=DAILY;COUNT=4' };
  const review = { id: 'review', timezone: 'Europe/Berlin', start: '2025-03-30', startTime: '09:45', endTime: '10:30' };
  const lunch = { id: 'lunch', timezone: 'Europe/Berlin', start: '2025-03-30', startTime: '12:00', endTime: '13:00' };

  it('exits 1 and lists conflicts when there are any', () => {
    const { code, stdout } = run(['check', file('standup.json', standup), file('review.json', review)]);
    expect(code).toBe(1);
    expect(stdout).toContain('standup  2025-03-30T09:30  review          2025-03-30T09:45  2025-03-30 07:45 – 2025-03-30 08:00 UTC');
    expect(stdout).toContain('1 conflict');
  });

  it('check --limit: too many blocks is a one-line error naming --limit', () => {
    const forever = { ...standup, repeat: 'FREQ=DAILY' };
    const window = ['--from', '2025-03-28T00:00:00Z', '--to', '2025-04-28T00:00:00Z'];
    const tooMany = run(['check', file('forever3.json', forever), ...window, '--limit', '5']);
    expect([tooMany.code, tooMany.stdout]).toEqual([2, '']);
    expect(tooMany.stderr).toBe('timeblocks: Series "standup" has more than 5 blocks in the requested window; narrow the window or raise --limit\n');
    expect(run(['check', file('forever4.json', forever), ...window, '--limit', '31']).code).toBe(0);
    expect(run(['check', file('forever5.json', forever), ...window, '--limit', '0']).stderr).toMatch(/--limit: "0" is not a positive integer/);
    expect(run(['check', '--help']).stdout).toMatch(/--limit <n>/);
  });

  it('preview: too many blocks in a window names --limit', () => {
    const tooMany = run(['preview', '--tz', 'UTC', '--start', '2025-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=DAILY', '--to', '2025-02-01T00:00:00Z', '--limit', '3']);
    expect([tooMany.code, tooMany.stderr]).toEqual([2, 'timeblocks: Series "preview" has more than 3 blocks in the requested window; narrow the window or raise --limit\n']);
  });

  it('exits 0 when there are none', () => {
    const { code, stdout } = run(['check', file('both.json', [standup, lunch])]);
    expect(code).toBe(0);
    expect(stdout).toBe('no conflicts among 2 series\n');
  });

  it('needs a window for series that never end', () => {
    const forever = { ...standup, repeat: 'FREQ=DAILY' };
    expect(run(['check', file('forever.json', forever)]).stderr).toMatch(/^timeblocks: --to: series "standup" never ends/);
    expect(run(['check', file('forever2.json', forever), '--from', '2025-03-28T00:00:00Z', '--to', '2025-04-28T00:00:00Z']).code).toBe(0);
  });

  it('lists free slots on a local grid', () => {
    const hours = { id: 'hours', timezone: 'Europe/Berlin', start: '2025-03-28', startTime: '08:00', endTime: '12:00', repeat: { freq: 'daily', count: 3 } };
    const busy = [{ start: '2025-03-29T09:00:00+01:00', end: '2025-03-29T10:15:00+01:00' }];
    const { code, stdout } = run(['slots', '--availability', file('hours.json', hours), '--busy', file('busy.json', busy), '--duration', 'PT1H', '--from', '2025-03-29T00:00:00Z', '--to', '2025-03-30T00:00:00Z', '--grid', 'Europe/Berlin']);
    expect(code).toBe(0);
    expect(stdout).toBe(`#  resource  start (Europe/Berlin)      end
1  hours     2025-03-29T08:00:00+01:00  2025-03-29T09:00:00+01:00
2  hours     2025-03-29T11:00:00+01:00  2025-03-29T12:00:00+01:00
2 free slots
`);
    const bad = run(['slots', '--availability', file('hours2.json', hours), '--duration', 'PT0M', '--from', '2025-03-29T00:00:00Z', '--to', '2025-03-30T00:00:00Z']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'timeblocks: --duration: "PT0M" is zero; a block must have a length']);
  });

  it('slots: more than --limit slots (default 100000) is a one-line error, not millions of lines', () => {
    const always = { id: 'always', timezone: 'UTC', start: '2000-01-01', startTime: '00:00', duration: 'PT24H', repeat: 'FREQ=DAILY' };
    const args = ['slots', '--availability', file('always.json', always), '--duration', 'PT1M', '--from', '2000-01-01T00:00:00Z', '--to', '2100-01-01T00:00:00Z'];
    const many = run(args);
    expect(many.code).toBe(2);
    expect(many.stdout).toBe('');
    expect(many.stderr.trim()).toBe('timeblocks: freeSlots: more than 100000 slots in the window; narrow the window, lengthen `step` or raise --limit');
    expect(run([...args, '--limit', '3']).stderr).toMatch(/more than 3 slots/);
    const few = run([...args, '--to', '2000-01-01T00:03:00Z', '--limit', '3', '--format', 'json']);
    expect([few.code, JSON.parse(few.stdout).length]).toEqual([0, 3]);
    expect(run([...args, '--limit', 'x']).stderr).toMatch(/--limit: "x" is not a positive integer/);
  });
});

describe('--help and --version everywhere', () => {
  it('prints help for the tool and for each command', () => {
    expect(run(['--help']).stdout).toMatch(/Usage: timeblocks <command>/);
    for (const command of ['preview', 'check', 'slots']) {
      const { code, stdout } = run([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`Usage: timeblocks ${command}`));
    }
  });

  it('prints the version', () => {
    const version = JSON.parse(execFileSync(process.execPath, ['-p', `JSON.stringify(require(${JSON.stringify(join(root, 'package.json'))}).version)`], { encoding: 'utf8' }));
    expect(run(['--version']).stdout.trim()).toBe(version);
    expect(run(['preview', '--version']).stdout.trim()).toBe(version);
  });

  it('with no command, prints usage on stderr and exits 2 (a usage error); --help uses stdout and exits 0', () => {
    const { code, stdout, stderr } = run([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: timeblocks <command>/);
    const help = run(['--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toBe(stderr);
  });
});

describe('timeblocks never prints a stack trace', () => {
  const daily = ['preview', '--tz', 'UTC', '--start', '2001-01-01', '--time', '10:00-11:00', '--repeat', 'FREQ=DAILY'];

  it('an unexpected error is one line, exit 1, asking for a report; TIMEBLOCKS_DEBUG=1 adds the stack', () => {
    // stdin that is a directory: reading it fails in a way no command expects.
    const stdinDir = openSync(dir, 'r');
    const spawn = (env: Record<string, string>) =>
      spawnSync(process.execPath, [bin, 'preview', '-'], { stdio: [stdinDir, 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
    const plain = spawn({});
    expect(plain.status).toBe(1);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/^timeblocks: internal error: EISDIR.* \(please report\)\n$/);
    const debug = spawn({ TIMEBLOCKS_DEBUG: '1' });
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^timeblocks: internal error: EISDIR.* \(please report\)\n/);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('a table of 145 731 rows prints (column widths do not overflow the stack)', () => {
    const result = spawnSync(process.execPath, [bin, ...daily, '--to', '2400-01-01T00:00:00Z', '--limit', '400000'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(145_731 + 1);
  });

  it('a closed pipe (| head -1) ends output quietly with exit 0', () => {
    // pipefail: the pipeline fails when timeblocks does, not only when head does.
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" "$@" | head -1`, 'bash', ...daily, '--to', '2200-01-01T00:00:00Z', '--limit', '100000', '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(result.stdout).toBe('[\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
