import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The examples import 'timeblocks' the way users do. Node resolves a package's own name
 * through its `exports` (self-reference), so they run against the built dist/.
 */
describe('examples/', () => {
  const scripts = readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.mjs'));

  it('has examples', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  for (const script of scripts) {
    it(`${script} runs and exits 0`, () => {
      const output = execFileSync(process.execPath, [join(root, 'examples', script)], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Kolkata' } });
      expect(output.length).toBeGreaterThan(0);
    });
  }
});
