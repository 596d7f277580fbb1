import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/index.js';
import { migrate, saveSeries, schemaSql } from '../../src/postgres/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { dailySeries } from './fixtures.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const hostile = '"; drop table x; --';

describe('schemaSql', () => {
  it('creates btree_gist, both tables and the exclusion constraint, in the default public schema', () => {
    const sql = schemaSql();
    expect(sql).toContain('create extension if not exists btree_gist;');
    expect(sql).toContain('create table if not exists "public"."timeblocks_series"');
    expect(sql).toContain('create table if not exists "public"."timeblocks_blocks"');
    expect(sql).toContain("exclude using gist (resource with =, period with &&) where (status <> 'cancelled')");
  });

  it('quotes schema and prefix as identifiers, doubling quotes in hostile names', () => {
    const sql = schemaSql({ schema: hostile, prefix: 'a"b_' });
    expect(sql).toContain('create schema if not exists """; drop table x; --";');
    expect(sql).toContain('create table if not exists """; drop table x; --"."a""b_blocks"');
    // Outside quoted identifiers, no statement separator is ever introduced by a name.
    const unquoted = sql.replace(/"(?:[^"]|"")*"/g, '""');
    expect(unquoted).not.toContain('drop table');
    expect(unquoted.split(';').length - 1).toBe(sql.split(';\n').length - 1);
  });

  it.each([
    ['schema', { schema: '' }, 'schema: must not be empty'],
    ['schema', { schema: 'a\u0000b' }, 'schema: must not contain a NUL character'],
    ['schema', { schema: 'x'.repeat(64) }, 'schema: is 64 bytes long; at most 63 fit'],
    ['schema', { schema: 'ü'.repeat(32) }, 'schema: is 64 bytes long'],
    ['schema', { schema: 42 }, 'schema: expected a string, got number'],
    ['prefix', { prefix: 'p'.repeat(41) }, 'prefix: is 41 bytes long; at most 40 fit'],
    ['prefix', { prefix: 'a\u0000' }, 'prefix: must not contain a NUL character'],
  ])('rejects a bad %s with InvalidArgumentError naming it (%j)', (field, options, message) => {
    const run = () => schemaSql(options as never);
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as InvalidArgumentError).field).toBe(field);
    }
  });

  it('accepts names of exactly the longest length and an empty prefix', () => {
    expect(schemaSql({ schema: 'x'.repeat(63), prefix: 'p'.repeat(40) })).toContain(`"${'p'.repeat(40)}blocks_series_start_idx"`);
    expect(schemaSql({ prefix: '' })).toContain('"public"."blocks"');
  });
});

describe('migrate', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  async function catalog(schema: string): Promise<string[]> {
    const rows = await t.sql<{ name: string }>(
      `select c.relname || ':' || c.relkind::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 order by 1`,
      [schema],
    );
    return rows.map((row) => row.name);
  }

  it('is idempotent: a second run changes nothing and keeps the data', async () => {
    await migrate(t.db, t.options);
    const first = await catalog(t.options.schema);
    expect(first).toEqual(expect.arrayContaining(['timeblocks_series:r', 'timeblocks_blocks:r', 'timeblocks_blocks_no_overlap:i']));
    await saveSeries(t.db, dailySeries('s', '2025-01-06', '09:00', '10:00', 3), { ...t.options, resource: 'r' });
    await migrate(t.db, t.options);
    expect(await catalog(t.options.schema)).toEqual(first);
    expect(await t.sql(`select count(*)::int as n from ${t.table('blocks')}`)).toEqual([{ n: 3 }]);
  });

  it('two migrations at once both succeed', async () => {
    const u = await openTestDatabase();
    try {
      await Promise.all([migrate(u.db, u.options), migrate(u.db, u.options)]);
      expect(await catalog(u.options.schema)).toEqual(expect.arrayContaining(['timeblocks_blocks:r', 'timeblocks_series:r']));
    } finally {
      await u.close();
    }
  });

  it('creates the exclusion constraint, unique (series_id, key, resource) and the status check', async () => {
    const rows = await t.sql<{ conname: string; contype: string; def: string }>(
      `select conname, contype, pg_get_constraintdef(oid) as def from pg_constraint
        where conrelid = ($1 || '.timeblocks_blocks')::regclass order by conname`,
      [quoteIdentifier(t.options.schema)],
    );
    const byName = Object.fromEntries(rows.map((row) => [row.conname, row]));
    expect(byName.timeblocks_blocks_no_overlap?.def).toMatch(/EXCLUDE USING gist \(resource WITH =, period WITH &&\) WHERE \(\(status <> 'cancelled'::text\)\)/);
    expect(byName.timeblocks_blocks_series_key?.def).toBe('UNIQUE (series_id, key, resource)');
    expect(byName.timeblocks_blocks_status_check?.def).toContain("'open'::text, 'booked'::text, 'blocked'::text, 'cancelled'::text");
  });

  it('works in a schema with a hostile name and leaves other tables alone', async () => {
    await t.sql(`create table ${quoteIdentifier(t.options.schema)}.x (id int)`);
    const u = await openTestDatabase({ schema: hostile, prefix: 'a"b; --' });
    try {
      await migrate(u.db, u.options);
      const saved = await saveSeries(u.db, dailySeries('s"; --', '2025-01-06', '09:00', '10:00', 2), { ...u.options, resource: "r'); --" });
      expect(saved.added).toBe(2);
      expect(await u.sql(`select series_id, resource from ${u.table('blocks')} order by key`)).toEqual([
        { series_id: 's"; --', resource: "r'); --" },
        { series_id: 's"; --', resource: "r'); --" },
      ]);
      expect(await catalog(hostile)).toEqual(expect.arrayContaining(['a"b; --blocks:r', 'a"b; --series:r']));
    } finally {
      await u.close();
    }
    expect(await t.sql(`select count(*)::int as n from ${quoteIdentifier(t.options.schema)}.x`)).toEqual([{ n: 0 }]);
  });

  it('rejects bad identifiers before touching the database', async () => {
    await expect(migrate(t.db, { schema: '' })).rejects.toThrow(InvalidArgumentError);
    await expect(migrate(t.db, { schema: 'ok', prefix: 'p'.repeat(50) })).rejects.toThrow('prefix: is 50 bytes long');
    expect(await t.sql("select count(*)::int as n from pg_namespace where nspname = 'ok'")).toEqual([{ n: 0 }]);
  });
});
