import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Builds HTML pages with the real CLI (the built binary) and the JSON it prints for the same input. */

export const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');

/** Runs the built CLI; a non-zero exit other than `allowed` fails the test setup loudly. */
export function cli(args: readonly string[], tz = 'UTC', allowed: readonly number[] = [0]): string {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: tz, NO_COLOR: '1' } });
  if (!allowed.includes(result.status ?? -1)) throw new Error(`timeblocks ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

export const hostile = 'x</script><script>alert(1)</script><!--';

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The pages the suites open: a DST gap, an overnight month, two resources with a conflict, free slots of two people. */
export function pageCases(dir: string) {
  const gap = ['--tz', 'Europe/Berlin', '--start', '2025-03-27', '--time', '02:30-03:30', '--repeat', 'FREQ=DAILY;COUNT=12', '--id', 'night-check'];
  const overnight = ['--tz', 'America/New_York', '--start', '2025-10-27', '--time', '22:00-01:30', '--repeat', 'FREQ=WEEKLY;BYDAY=MO,WE,FR,SA', '--count', '10', '--dst-ambiguous', 'later', '--id', hostile];
  const rooms = writeJson(dir, 'rooms.json', [
    { id: 'yoga', resource: 'studio', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '18:00', endTime: '19:30', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE' },
    { id: 'pilates', resource: 'studio', timezone: 'Europe/Berlin', start: '2025-03-26', startTime: '19:00', endTime: '20:00', repeat: 'FREQ=WEEKLY;BYDAY=WE' },
    { id: 'sales-call', resource: 'office <b>&</b>', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '18:30', endTime: '19:00', repeat: 'FREQ=DAILY' },
  ]);
  const ana = writeJson(dir, 'ana.json', { id: 'ana-hours', resource: 'Dr Ana', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '09:00', endTime: '12:00', repeat: 'FREQ=WEEKLY;BYDAY=MO,TU,FR' });
  const ben = writeJson(dir, 'ben.json', { id: 'ben-hours', resource: 'Dr Ben', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '14:00', endTime: '16:00', repeat: 'FREQ=WEEKLY;BYDAY=MO,TH' });
  const busy = writeJson(dir, 'busy.json', [{ start: '2025-03-24T09:00:00+01:00', end: '2025-03-24T10:30:00+01:00', resource: 'Dr Ana' }]);
  const slots = ['slots', '--availability', ana, '--availability', ben, '--busy', busy, '--duration', 'PT1H', '--grid', 'Europe/Berlin'];
  const cases: PageCase[] = [
    { name: 'dst-gap-week', base: ['preview', ...gap], window: ['2025-03-24', '2025-03-31'], view: [], codes: [0] },
    { name: 'overnight-month', base: ['preview', ...overnight], window: ['2025-10-01', '2025-11-01'], view: ['--view', 'month'], codes: [0] },
    { name: 'rooms-conflict-week', base: ['check', rooms, '--by', 'resource'], window: ['2025-03-24', '2025-03-31'], view: [], codes: [1] },
    { name: 'slots-week', base: slots, window: ['2025-03-24', '2025-03-31'], view: [], codes: [0] },
  ];
  return cases;
}

/** A page: the command and its input, the window (local dates), the view flags, the exit codes it may give. */
export interface PageCase {
  readonly name: string;
  readonly base: readonly string[];
  readonly window: readonly [string, string];
  readonly view: readonly string[];
  readonly codes: readonly number[];
}

/** The arguments for a case's JSON output in a window (local dates or ISO instants). */
export function jsonArgs(page: PageCase, from: string, to: string): string[] {
  return [...page.base, '--from', from, '--to', to, '--format', 'json'];
}

/** The arguments for a case's HTML page. */
export function htmlArgs(page: PageCase): string[] {
  return [...page.base, '--from', page.window[0], '--to', page.window[1], ...page.view, '--format', 'html'];
}

/** The text of a `<script type="application/json" id=…>` element, parsed. */
export function embeddedJson(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">\\n([\\s\\S]*?)\\n</script>`).exec(html);
  if (match === null) throw new Error(`no #${id} in the page`);
  return JSON.parse(match[1]!);
}
