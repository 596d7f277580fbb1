import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe as group, expect, it } from 'vitest';
import { defineSeries, describe, type SeriesInput } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(root, 'docs/interop.md'), 'utf8');
const section = doc.slice(doc.indexOf('## describe'));
const base: SeriesInput = { id: 's', timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '09:30', endTime: '10:00' };

/** The rows of the markdown table whose header starts with `header`. */
function tableRows(header: string): string[][] {
  const start = section.indexOf(`| ${header}`);
  const lines = section.slice(start).split('\n');
  const rows: string[][] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

const unquote = (cell: string) => /^`(.*)`$/.exec(cell)![1]!;

group('docs/interop.md, section describe: every example is what describe prints', () => {
  it('the js examples', () => {
    const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
    const chunks = code.replace(/^import .*\n/, '').split(/^\/\/=> (.*)$/m);
    let checked = 0;
    for (let i = 0; i + 1 < chunks.length; i += 2) {
      const expression = chunks[i]!.trim().replace(/;$/, '');
      const value = new Function('defineSeries', 'describe', `return ${expression}`)(defineSeries, describe) as string;
      expect(`'${value}'`).toBe(chunks[i + 1]);
      checked++;
    }
    expect(checked).toBe(2);
  });

  it('the rule table', () => {
    const rows = tableRows('rule (start Monday 6 Jan 2025)');
    expect(rows.length).toBeGreaterThan(20);
    for (const [rule, clause] of rows) {
      const text = describe(defineSeries({ ...base, repeat: unquote(rule!) }));
      expect(text.slice(0, text.indexOf(', 09:30'))).toBe(unquote(clause!));
    }
  });

  it('the table of the other clauses', () => {
    const inputs: Array<Partial<SeriesInput>> = [
      {},
      { endTime: undefined, duration: 'PT45M' },
      { startTime: '22:00', endTime: '06:00' },
      { repeat: 'FREQ=DAILY;UNTIL=20250210' },
      { repeat: 'FREQ=DAILY;COUNT=5', exclude: ['2025-01-07'], include: ['2025-01-20', '2025-01-21T12:00'] },
      { repeat: 'FREQ=DAILY', overrides: { '2025-01-07T09:30': { cancelled: true }, '2025-01-08T09:30': { cancelled: true }, '2025-01-09T09:30': { startTime: '11:00' } } },
      { dst: { nonexistent: 'skip', ambiguous: 'later' } },
    ];
    const rows = tableRows('series | description');
    expect(rows.map(([, text]) => unquote(text!))).toEqual(inputs.map((extra) => describe(defineSeries({ ...base, ...extra }))));
  });

  it('the terminal example', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const [command, output] = block.trim().split('\n');
    const args = command!.replace('npx timeblocks ', '').match(/'[^']*'|\S+/g)!.map((arg) => arg.replace(/^'|'$/g, ''));
    const result = spawnSync(process.execPath, [join(root, 'dist/cli/bin.js'), ...args], { encoding: 'utf8' });
    expect(result.stdout).toBe(`${output!.replace(/^# /, '')}\n`);
  });
});
