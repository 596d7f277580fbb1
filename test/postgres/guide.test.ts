import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const guide = readFileSync(join(root, 'docs/postgres.md'), 'utf8');
const example = readFileSync(join(root, 'examples/room-booking-pglite.mjs'), 'utf8');

/**
 * docs/postgres.md is examples/room-booking-pglite.mjs in pieces: its js blocks, joined by
 * blank lines, are the script verbatim, and its Output section is what the script prints.
 * The script runs against the built package, on PGlite, or on the server of DATABASE_URL
 * (under `npm run test:pg`) in a schema of its own.
 */
describe('docs/postgres.md', () => {
  // Only a server needs a handle (a schema to run in, dropped afterwards); PGlite lives in the script.
  const onServer = Boolean(process.env.DATABASE_URL);
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    if (onServer) t = await openTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows examples/room-booking-pglite.mjs verbatim', () => {
    const blocks = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.join('\n')).toBe(example);
  });

  it('the guide code prints the output the guide shows', async () => {
    const output = /## Output\n\n```text\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(output).toMatch(/\S/);
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'Pacific/Chatham', ...(t === undefined ? {} : { BOOKING_SCHEMA: t.options.schema }) };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'examples/room-booking-pglite.mjs')], { cwd: root, env, encoding: 'utf8' });
    expect(stderr).toBe('');
    expect(stdout).toBe(output);
    if (t !== undefined) {
      const rows = await t.sql<{ n: number }>(`select count(*)::int as n from ${quoteIdentifier(t.options.schema)}.timeblocks_blocks`);
      expect(rows[0]?.n).toBeGreaterThan(0);
    }
  });
});
