import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/recipes', () => {
  it('the clinic recipe shows examples/clinic-free-slots.mjs verbatim (the examples test runs it)', () => {
    const doc = readFileSync(join(root, 'docs/recipes/clinic-free-slots.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toBe(readFileSync(join(root, 'examples/clinic-free-slots.mjs'), 'utf8'));
  });
});

describe('docs/recipes/practitioner-calendar.md', () => {
  const doc = readFileSync(join(root, 'docs/recipes/practitioner-calendar.md'), 'utf8');

  it('shows examples/practitioner-calendar.mjs verbatim', () => {
    const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toBe(readFileSync(join(root, 'examples/practitioner-calendar.mjs'), 'utf8'));
  });

  it('shows what the example prints', () => {
    const shown = /## Output\n\n```\n([\s\S]*?)```/.exec(doc)?.[1];
    const printed = execFileSync(process.execPath, [join(root, 'examples/practitioner-calendar.mjs')], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Chatham' } });
    expect(shown).toBe(printed);
    expect(printed).toContain('free: 2025-03-31T09:00:00+02:00');
  });
});
