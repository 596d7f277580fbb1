import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'timeblocks-import-'));
const google = fileURLToPath(new URL('../interop/ical/fixtures/google.ics', import.meta.url));

function run(args: string[], tz = 'UTC') {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: tz, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const broken = file('broken.ics', ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:ok', 'DTSTART:20250303T090000Z', 'DURATION:PT1H', 'SUMMARY:Fine', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:bad', 'DTSTART:20250303T090000Z', 'RRULE:FREQ=FORTNIGHTLY', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'));

describe('timeblocks import', () => {
  it('prints each series with its summary and description, the same under every host TZ', () => {
    const outputs = ['UTC', 'Pacific/Chatham'].map((tz) => run(['import', google], tz));
    expect(outputs[0]!.code).toBe(0);
    expect(outputs[1]!.stdout).toBe(outputs[0]!.stdout);
    const lines = outputs[0]!.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^7kukuqrfedlm2f9t0vq3tq5c4b@google\.com "Sprechstunde": Every week on Monday and Wednesday, 09:00/);
    expect(lines.at(-1)).toBe('3 series, 0 problems');
  });

  it('lists problems with UID and property, and --strict makes them an error', () => {
    const { code, stdout } = run(['import', broken]);
    expect(code).toBe(0);
    expect(stdout).toContain('problem: bad RRULE: FREQ=FORTNIGHTLY is not a frequency');
    expect(stdout.trim().split('\n').at(-1)).toBe('1 series, 1 problem');
    const strict = run(['import', broken, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^timeblocks: Invalid series \(1 problem\):.*bad\.RRULE/);
  });

  it('--format json gives { series, problems }', () => {
    const { stdout } = run(['import', broken, '--format', 'json']);
    const parsed = JSON.parse(stdout) as { series: Array<{ id: string; meta: unknown }>; problems: unknown[] };
    expect(parsed.series.map((item) => [item.id, item.meta])).toEqual([['ok', { summary: 'Fine' }]]);
    expect(parsed.problems).toHaveLength(1);
  });
});

describe('timeblocks slots --busy-ics', () => {
  it('subtracts the calendar’s busy blocks (transparent and cancelled events left out), warning about problems', () => {
    const availability = file('availability.json', JSON.stringify({ id: 'dr-weber', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '08:00', endTime: '12:00', repeat: 'FREQ=WEEKLY;BYDAY=MO' }));
    const args = ['slots', '--availability', availability, '--duration', 'PT1H', '--from', '2025-03-03T00:00:00+01:00', '--to', '2025-03-04T00:00:00+01:00', '--format', 'json'];
    const free = JSON.parse(run(args).stdout) as Array<{ start: string }>;
    expect(free).toHaveLength(4);
    const result = run([...args, '--busy-ics', google]);
    expect(JSON.parse(result.stdout).map((slot: { start: string }) => slot.start)).toEqual(['2025-03-03T07:00:00.000Z', '2025-03-03T09:00:00.000Z', '2025-03-03T10:00:00.000Z']);
    const warned = run([...args, '--busy-ics', broken]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('timeblocks: warning: ');
    expect(warned.stderr).toContain('problem: bad RRULE');
    expect(run([...args, '--busy-ics', google, '--ics-timezone', 'Mars/Base']).stderr).toMatch(/^timeblocks: --ics-timezone: /);
  });
});
