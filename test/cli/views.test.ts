import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The terminal calendars (`--view week|month`): golden outputs, byte-identical under every
 * host TZ and locale, plain when stdout is no terminal or NO_COLOR is set, coloured only
 * when the CLI is told it writes to a terminal.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
const main = join(root, 'dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'timeblocks-views-'));

const hosts = [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
  { TZ: 'Asia/Kolkata', LANG: 'hi_IN.UTF-8', LC_ALL: 'hi_IN.UTF-8' },
  { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
];

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/** The real binary: stdout is a pipe, so never colour. */
function runBin(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI as bin.ts runs it on a terminal (colour on, a given width), in a child process with the host's TZ. */
function runTerminal(args: string[], env: Record<string, string>, columns?: number) {
  const program = `
import { run } from ${JSON.stringify(main)};
let out = '';
const code = run({ args: JSON.parse(process.argv[1]), stdout: (t) => { out += t; }, stderr: (t) => process.stderr.write(t), readStdin: () => '', color: true, columns: ${columns ?? 'undefined'} });
process.stdout.write(JSON.stringify({ code, out }));
`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', program, JSON.stringify(args)], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { code: number; out: string };
}

const berlinGap = ['preview', '--tz', 'Europe/Berlin', '--start', '2025-03-27', '--time', '02:30-03:30', '--repeat', 'FREQ=DAILY;COUNT=8', '--id', 'night-check'];
const overnight = ['preview', '--tz', 'America/New_York', '--start', '2025-10-27', '--time', '22:00-01:30', '--repeat', 'FREQ=WEEKLY;BYDAY=MO,WE,FR,SA', '--count', '10', '--dst-ambiguous', 'later', '--id', 'night-shift'];
const rooms = [
  { id: 'yoga', resource: 'studio', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '18:00', endTime: '19:30', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE' },
  { id: 'pilates', resource: 'studio', timezone: 'Europe/Berlin', start: '2025-03-26', startTime: '19:00', endTime: '20:00', repeat: 'FREQ=WEEKLY;BYDAY=WE' },
  { id: 'sales-call', resource: 'office', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '18:30', endTime: '19:00', repeat: 'FREQ=DAILY' },
];

const cases: Array<{ name: string; args: () => string[]; code: number }> = [
  { name: 'week-dst-gap', args: () => [...berlinGap, '--view', 'week', '--from', '2025-03-24'], code: 0 },
  { name: 'month-dst-gap', args: () => [...berlinGap, '--view', 'month'], code: 0 },
  { name: 'week-overnight', args: () => [...overnight, '--view', 'week', '--from', '2025-10-27T00:00:00-04:00'], code: 0 },
  { name: 'month-overnight', args: () => [...overnight, '--view', 'month', '--from', '2025-11-01'], code: 0 },
  { name: 'week-resources-conflict', args: () => ['check', file('rooms.json', rooms), '--by', 'resource', '--from', '2025-03-24', '--to', '2025-03-31', '--view', 'week'], code: 1 },
  { name: 'month-resources-conflict', args: () => ['check', file('rooms.json', rooms), '--by', 'resource', '--from', '2025-03-24', '--to', '2025-04-07', '--view', 'month'], code: 1 },
];

describe('terminal calendar views: golden outputs under every host TZ', () => {
  for (const { name, args, code } of cases) {
    it(`${name}: plain (a pipe, and NO_COLOR), identical under ${hosts.length} host TZs`, async () => {
      const outputs = hosts.map((host) => runBin(args(), host));
      for (const [i, output] of outputs.entries()) {
        expect(output.stderr, hosts[i]!.TZ).toBe('');
        expect(output.code, hosts[i]!.TZ).toBe(code);
        expect(output.stdout, `${hosts[i]!.TZ} vs UTC`).toBe(outputs[0]!.stdout);
      }
      const plain = outputs[0]!.stdout;
      expect(plain).not.toMatch(/\u001b/);
      for (const line of plain.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
      await expect(plain).toMatchFileSnapshot(`golden/${name}.txt`);
    });

    it(`${name}: coloured on a terminal, identical under ${hosts.length} host TZs; the colour only repeats the marks`, async () => {
      const outputs = hosts.map((host) => runTerminal(args(), host));
      for (const output of outputs) expect(output).toEqual(outputs[0]);
      const { out } = outputs[0]!;
      expect(out).toMatch(/\u001b\[1m/);
      // Without its escape codes, the coloured output is the plain one.
      expect(out.replace(/\u001b\[\d+m/g, '')).toBe(runBin(args(), { TZ: 'UTC', NO_COLOR: '1' }).stdout);
      await expect(out).toMatchFileSnapshot(`golden/${name}.color.txt`);
    });
  }

  it('NO_COLOR and a pipe both keep escape codes out, even when forced through the binary', () => {
    const { stdout } = runBin(cases[4]!.args(), { TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(stdout).not.toMatch(/\u001b/);
  });

  it('a wider terminal gets wider columns; a narrower one still gets 80', () => {
    const args = cases[4]!.args();
    const wide = runTerminal(args, { TZ: 'UTC' }, 140).out.replace(/\u001b\[\d+m/g, '');
    const lines = wide.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeGreaterThan(80);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(140);
    expect(runTerminal(args, { TZ: 'UTC' }, 40).out).toBe(runTerminal(args, { TZ: 'UTC' }).out);
  });

  it('marks conflicts with ! and DST-adjusted blocks with the table\'s note', () => {
    const conflict = runBin(cases[4]!.args(), { TZ: 'UTC' }).stdout;
    expect(conflict).toMatch(/Wed 26 Mar {2}18:00–19:30 yoga !/);
    expect(conflict).toContain('  ! yoga 2025-03-26T18:00 × pilates 2025-03-26T19:00: Wed 26 Mar 2025\n    19:00–19:30\n');
    const gap = runBin(cases[0]!.args(), { TZ: 'UTC' }).stdout;
    expect(gap).toMatch(/Sun 30 Mar {2}03:30–04:30¹/);
    const table = runBin(berlinGap, { TZ: 'UTC' }).stdout;
    const note = /start shifted: 02:30 does not exist; end rebuilt: nominal length kept/;
    expect(table).toMatch(note);
    expect(gap).toMatch(new RegExp(`¹ ${note.source}`));
  });
});

describe('calendar views: bad input is one line on stderr, exit 2', () => {
  const bad: Array<[string, () => string[], RegExp]> = [
    ['an unknown view', () => [...berlinGap, '--view', 'year'], /^timeblocks: --view: "year" is not one of week, month$/],
    ['a view with --format json', () => [...berlinGap, '--view', 'week', '--format', 'json'], /^timeblocks: --view: does not apply to --format json \(use table or html\)$/],
    ['a window of more than 53 weeks', () => [...berlinGap, '--view', 'week', '--from', '2025-01-01', '--to', '2027-01-01'], /^timeblocks: --view week: the window spans more than 53 weeks; narrow --from\/--to$/],
    ['--by without resources', () => ['check', file('plain.json', [{ ...rooms[0], resource: undefined }]), '--by', 'resource'], /^timeblocks: --by resource: series "yoga" names no "resource"$/],
    ['--by something else', () => ['check', file('rooms.json', rooms), '--by', 'room'], /^timeblocks: --by: "room" is not supported/],
    ['a resource that is not a string', () => ['check', file('bad-resource.json', { ...rooms[0], resource: 7 })], /^timeblocks: .*bad-resource\.json: resource: expected a non-empty string$/],
    ['a view in several zones without --tz', () => ['check', file('zones.json', [rooms[0], { ...rooms[2], timezone: 'UTC' }]), '--view', 'week'], /^timeblocks: --view needs one time zone, but the series use 2 \(Europe\/Berlin, UTC\): give --tz$/],
    ['a local --to before --from', () => [...berlinGap, '--view', 'week', '--from', '2025-03-30', '--to', '2025-03-29'], /^timeblocks: --to: must be after --from$/],
    ['an unknown --tz', () => ['check', file('rooms.json', rooms), '--tz', 'Mars/Olympus', '--view', 'week'], /^timeblocks: --tz: /],
  ];
  for (const [name, args, message] of bad) {
    it(name, () => {
      const { code, stdout, stderr } = runBin(args(), { TZ: 'UTC' });
      expect(stdout).toBe('');
      expect(code).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
    });
  }
});
