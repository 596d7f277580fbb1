import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's quickstart: its first js block and the text block printed after it. */
function quickstart(): { code: string; output: string } {
  const section = readme.slice(readme.indexOf('## Quickstart'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined || output === undefined) throw new Error('README quickstart has no js block followed by a text block');
  return { code, output };
}

describe('README', () => {
  it('quickstart runs as written and prints what the README shows', () => {
    const { code, output } = quickstart();
    // Import the built package the way a user does ('timeblocks' → dist/index.js).
    const dir = mkdtempSync(join(tmpdir(), 'timeblocks-readme-'));
    const script = join(dir, 'quickstart.mjs');
    writeFileSync(script, code.replace("from 'timeblocks'", `from ${JSON.stringify(join(root, 'dist/index.js'))}`));
    const printed = execFileSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, TZ: 'America/Los_Angeles' } });
    expect(printed).toBe(output);
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
