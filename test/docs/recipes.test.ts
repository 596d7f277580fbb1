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
