import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'timeblocks-cli-invisible-'));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/** Characters that must never reach a terminal raw: controls, bidi and zero-width format characters, line separators. */
const invisible = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/u;

const series = (id: string) => ({ id, timezone: 'UTC', start: '2025-03-03', startTime: '09:00', duration: 'PT1H' });
const hostileIds = ['room\u202e24', 'line\u2028break', 'zero\u200bwidth', 'isolate\u2067x\u2069'];

describe('the CLI prints ids with control, bidi and line-separator characters visibly escaped, never raw', () => {
  it('describe of a list shows each id escaped and quoted', () => {
    const { code, stdout } = run(['describe', file('list.json', hostileIds.map(series))]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(invisible);
    expect(stdout.split('\n').slice(0, 4).map((line) => line.split(': ')[0])).toEqual([
      '"room\\u202e24"',
      '"line\\u2028break"',
      '"zero\\u200bwidth"',
      '"isolate\\u2067x\\u2069"',
    ]);
  });

  it('plain ids stay as they are', () => {
    const { stdout } = run(['describe', file('plain.json', [series('room-42')])]);
    expect(stdout.startsWith('room-42: Once on 3 Mar 2025')).toBe(true);
  });

  it('check: the conflicts table and its JSON escape ids (the JSON is the same value)', () => {
    const path = file('clash.json', hostileIds.slice(0, 2).map(series));
    const table = run(['check', path]);
    expect(table.code).toBe(1);
    expect(table.stdout).not.toMatch(invisible);
    expect(table.stdout).toContain('"room\\u202e24"');
    const json = run(['check', path, '--format', 'json']);
    expect(json.stdout).not.toMatch(invisible);
    expect(JSON.parse(json.stdout)[0].b.seriesId).toBe('room\u202e24');
  });

  it('an error naming an id prints it escaped on one line', () => {
    const { code, stderr } = run(['check', file('twice.json', [series('dup\u202e'), series('dup\u202e')])]);
    expect(code).toBe(2);
    expect(stderr).toBe('timeblocks: seriesList: series id "dup\\u202e" appears twice\n');
  });

  it('an id with a C1 control is refused, and the message shows it escaped', () => {
    const { code, stderr } = run(['describe', file('c1.json', series('nel\u0085id'))]);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(invisible);
    expect(stderr).toMatch(/id: must not contain control characters/);
  });
});
