import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Each guide is an example script in pieces: its js blocks, joined by blank lines, are the
 * script verbatim, and its Output section is what the script prints. The script runs
 * against the built package, on PGlite, or on the server of DATABASE_URL (under
 * `npm run test:pg`) in a schema of its own (named by the script's schema variable).
 */
const guides = [
  { doc: 'docs/postgres.md', example: 'examples/room-booking-pglite.mjs', schemaVariable: 'BOOKING_SCHEMA' },
  { doc: 'docs/bookings.md', example: 'examples/clinic.mjs', schemaVariable: 'CLINIC_SCHEMA' },
];

for (const { doc, example, schemaVariable } of guides) {
  describe(doc, () => {
    const guide = readFileSync(join(root, doc), 'utf8');
    const code = readFileSync(join(root, example), 'utf8');
    // Only a server needs a handle (a schema to run in, dropped afterwards); PGlite lives in the script.
    const onServer = Boolean(process.env.DATABASE_URL);
    let t: TestDatabase | undefined;
    beforeAll(async () => {
      if (onServer) t = await openTestDatabase();
    });
    afterAll(async () => {
      await t?.close();
    });

    it(`shows ${example} verbatim`, () => {
      const blocks = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]!);
      expect(blocks.length).toBeGreaterThan(5);
      expect(blocks.join('\n')).toBe(code);
    });

    it('the guide code prints the output the guide shows', async () => {
      const output = /## Output\n\n```text\n([\s\S]*?)```/.exec(guide)?.[1];
      expect(output).toMatch(/\S/);
      const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'Pacific/Chatham', ...(t === undefined ? {} : { [schemaVariable]: t.options.schema }) };
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, example)], { cwd: root, env, encoding: 'utf8' });
      expect(stderr).toBe('');
      expect(stdout).toBe(output);
      if (t !== undefined) {
        const rows = await t.sql<{ n: number }>(`select count(*)::int as n from ${quoteIdentifier(t.options.schema)}.timeblocks_blocks`);
        expect(rows[0]?.n).toBeGreaterThan(0);
      }
    });
  });
}
