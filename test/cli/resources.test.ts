import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Resources in series files (`check --by resource`, `slots` per resource) and local --from/--to. */

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'timeblocks-resources-'));

function run(args: string[], tz = 'UTC') {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: tz, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const yoga = { id: 'yoga', resource: 'studio', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '18:00', endTime: '19:30', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE' };
const call = { id: 'call', resource: 'office', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '18:30', endTime: '19:00', repeat: 'FREQ=DAILY' };
const pilates = { id: 'pilates', resource: 'studio', timezone: 'Europe/Berlin', start: '2025-03-26', startTime: '19:00', endTime: '20:00', repeat: 'FREQ=WEEKLY;BYDAY=WE' };

describe('check --by resource', () => {
  it('compares only blocks of one resource; without --by every series competes', () => {
    const rooms = file('rooms.json', [yoga, call, pilates]);
    const window = ['--from', '2025-03-24', '--to', '2025-03-31'];
    const all = run(['check', rooms, ...window, '--format', 'json']);
    const byRoom = run(['check', rooms, ...window, '--by', 'resource', '--format', 'json']);
    expect(all.code).toBe(1);
    expect(byRoom.code).toBe(1);
    const pairs = (stdout: string) => (JSON.parse(stdout) as Array<{ a: { seriesId: string }; b: { seriesId: string } }>).map(({ a, b }) => `${a.seriesId}×${b.seriesId}`);
    // yoga × call on Monday and Wednesday, yoga × pilates on Wednesday (call 18:30–19:00 only touches pilates 19:00–20:00).
    expect(pairs(all.stdout).sort()).toEqual(['yoga×call', 'yoga×call', 'yoga×pilates']);
    expect(pairs(byRoom.stdout)).toEqual(['yoga×pilates']);
  });

  it('with resources in separate rooms only, --by resource finds nothing and exits 0', () => {
    const { code, stdout } = run(['check', file('apart.json', [yoga, call]), '--from', '2025-03-24', '--to', '2025-03-31', '--by', 'resource']);
    expect([code, stdout]).toEqual([0, 'no conflicts among 2 series\n']);
  });

  it('a resource name longer than 200 characters, or with a control character, is a one-line error', () => {
    for (const resource of ['r'.repeat(201), 'room\n42']) {
      const { code, stderr } = run(['check', file('long.json', { ...yoga, resource })]);
      expect(code).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/long\.json: resource: must (be at most 200 characters|not contain control characters)/);
    }
  });
});

describe('slots per resource', () => {
  const ana = { id: 'ana-hours', resource: 'Dr Ana', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '09:00', endTime: '11:00' };
  const ben = { id: 'ben-hours', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '10:00', endTime: '11:00' };

  it('labels each slot with its resource (its "resource", else the series id); busy time naming a resource holds only it', () => {
    const busy = file('busy.json', [
      { start: '2025-03-24T09:00:00+01:00', end: '2025-03-24T10:00:00+01:00', resource: 'Dr Ana' },
      { start: '2025-03-24T10:30:00+01:00', end: '2025-03-24T11:00:00+01:00' },
    ]);
    const args = ['slots', '--availability', file('ana.json', ana), '--availability', file('ben.json', ben), '--busy', busy, '--duration', 'PT30M', '--from', '2025-03-24', '--to', '2025-03-25'];
    const json = run([...args, '--format', 'json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as Array<{ resource: string; start: string }>).map(({ resource, start }) => `${resource} ${start}`)).toEqual([
      'Dr Ana 2025-03-24T09:00:00.000Z',
      'ben-hours 2025-03-24T09:00:00.000Z',
    ]);
    expect(run(args).stdout).toBe(`#  resource   start (Europe/Berlin)      end
1  Dr Ana     2025-03-24T10:00:00+01:00  2025-03-24T10:30:00+01:00
2  ben-hours  2025-03-24T10:00:00+01:00  2025-03-24T10:30:00+01:00
2 free slots
`);
  });

  it('--limit counts the slots of every resource together', () => {
    const args = ['slots', '--availability', file('ana2.json', ana), '--availability', file('ben2.json', ben), '--duration', 'PT30M', '--from', '2025-03-24', '--to', '2025-03-25', '--limit', '5'];
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^timeblocks: freeSlots: more than 5 slots in the window/);
  });
});

describe('local --from/--to', () => {
  const series = ['--tz', 'America/Havana', '--start', '2025-03-01', '--time', '00:00-01:00', '--repeat', 'FREQ=DAILY', '--format', 'json'];

  it("a local date is that day's first instant in the zone, even when its midnight does not exist", () => {
    // Havana springs forward at midnight on 9 March 2025: the day starts at 01:00 −04:00.
    const local = run(['preview', ...series, '--from', '2025-03-09', '--to', '2025-03-10']);
    const iso = run(['preview', ...series, '--from', '2025-03-09T01:00:00-04:00', '--to', '2025-03-10T00:00:00-04:00']);
    expect(local.code).toBe(0);
    expect(local.stdout).toBe(iso.stdout);
    expect((JSON.parse(local.stdout) as Array<{ key: string }>).map((block) => block.key)).toEqual(['2025-03-09T00:00']);
  });

  it('a local date-time is that wall time; identical under every host TZ', () => {
    const args = ['preview', '--tz', 'Europe/Berlin', '--start', '2025-03-24', '--time', '09:00-10:00', '--repeat', 'FREQ=HOURLY;BYHOUR=9,12,15', '--from', '2025-03-24T11:00', '--to', '2025-03-24T16:00', '--format', 'json'];
    const outputs = ['UTC', 'Pacific/Chatham', 'America/Los_Angeles'].map((tz) => run(args, tz).stdout);
    expect(new Set(outputs).size).toBe(1);
    const iso = run([...args.slice(0, -6), '--from', '2025-03-24T11:00:00+01:00', '--to', '2025-03-24T16:00:00+01:00', '--format', 'json']);
    expect(outputs[0]).toBe(iso.stdout);
  });

  it('with a series file, --tz names the zone of a local window (not a series flag)', () => {
    const path = file('utc.json', { id: 'u', timezone: 'UTC', start: '2025-03-24', startTime: '00:30', endTime: '01:00', repeat: 'FREQ=DAILY' });
    const tokyo = run(['preview', path, '--tz', 'Asia/Tokyo', '--from', '2025-03-25', '--to', '2025-03-26', '--format', 'json']);
    expect(tokyo.code).toBe(0);
    // Tokyo's 25 March is 24 March 15:00 UTC to 25 March 15:00 UTC: one block, 25 March 00:30 UTC.
    expect((JSON.parse(tokyo.stdout) as Array<{ key: string }>).map((block) => block.key)).toEqual(['2025-03-25T00:30']);
  });
});
