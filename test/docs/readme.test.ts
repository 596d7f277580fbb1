import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** A README section's first js block and the text block printed after it. */
function example(heading: string): { code: string; output: string } {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}" section`);
  const section = readme.slice(start);
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined || output === undefined) throw new Error(`README "${heading}" has no js block followed by a text block`);
  return { code, output };
}

/** Runs a README example against the built package ('timeblocks' → dist/index.js) under a host TZ. */
function runExample(code: string, name: string, tz: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'timeblocks-readme-'));
  const script = join(dir, `${name}.mjs`);
  writeFileSync(script, code.replace("from 'timeblocks'", `from ${JSON.stringify(join(root, 'dist/index.js'))}`));
  return execFileSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, TZ: tz } });
}

describe('README', () => {
  it('quickstart runs as written and prints what the README shows', () => {
    const { code, output } = example('## Quickstart');
    expect(runExample(code, 'quickstart', 'America/Los_Angeles')).toBe(output);
  });

  it('the at-a-glance example runs as written and prints what the README shows, under any host TZ', () => {
    const { code, output } = example('## At a glance');
    expect(code.trimEnd().split('\n').length).toBeLessThanOrEqual(12);
    for (const tz of ['UTC', 'Asia/Kolkata']) expect(runExample(code, 'at-a-glance', tz)).toBe(output);
  });
});

/** Splits a shell command line the way sh does for the simple quoting the README uses. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]!);
  return words;
}

describe('README terminal preview', () => {
  it('the npx timeblocks preview command prints what the README shows, under any host TZ', () => {
    const section = readme.slice(readme.indexOf('## Preview from the terminal'));
    const command = /```sh\n(npx timeblocks [^\n]*)\n```/.exec(section)?.[1];
    const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
    expect(command).toBeDefined();
    const [, , ...args] = shellWords(command!);
    for (const tz of ['UTC', 'Pacific/Chatham']) {
      const printed = execFileSync(process.execPath, [join(root, 'dist/cli/bin.js'), ...args], { encoding: 'utf8', env: { ...process.env, TZ: tz, NO_COLOR: '1' } });
      expect(printed).toBe(output);
    }
  });
});

describe('README calendar view', () => {
  it('the npx timeblocks check … --view week command prints what the README shows (exit 1: a conflict), under any host TZ', () => {
    const section = readme.slice(readme.indexOf('## Calendars in the terminal and the browser'));
    const command = /```sh\n(npx timeblocks [^\n]*)\n```/.exec(section)?.[1];
    const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
    expect(command).toBeDefined();
    const [, , ...args] = shellWords(command!);
    for (const tz of ['UTC', 'Asia/Kolkata']) {
      const printed = spawnSync(process.execPath, [join(root, 'dist/cli/bin.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: tz, NO_COLOR: '1' } });
      expect([printed.status, printed.stderr]).toEqual([1, '']);
      expect(printed.stdout).toBe(output);
    }
  });

  it('shows the screenshot of the HTML page, a PNG in the repo', () => {
    const image = /!\[[^\]]+\]\((docs\/images\/[\w-]+\.png)\)/.exec(readme.slice(readme.indexOf('## Calendars in the terminal and the browser')))?.[1];
    expect(image).toBeDefined();
    const bytes = readFileSync(join(root, image!));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
