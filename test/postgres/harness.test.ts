import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

describe('test/postgres/harness', () => {
  let outer: TestDatabase;
  beforeAll(async () => {
    outer = await openTestDatabase();
  });
  afterAll(async () => {
    await outer.close();
  });

  it('gives each handle its own schema and drops it on close', async () => {
    const inner = await openTestDatabase();
    expect(inner.options.schema).not.toBe(outer.options.schema);
    await inner.sql(`create schema ${quoteIdentifier(inner.options.schema)}`);
    await inner.sql(`create table ${inner.table('series')} (x int)`);
    const before = await outer.sql<{ n: number }>('select count(*)::int as n from pg_namespace where nspname = $1', [inner.options.schema]);
    expect(before[0]?.n).toBe(1);
    await inner.close();
    const after = await outer.sql<{ n: number }>('select count(*)::int as n from pg_namespace where nspname = $1', [inner.options.schema]);
    expect(after[0]?.n).toBe(0);
  });

  it('has btree_gist available', async () => {
    const rows = await outer.sql<{ name: string }>("select name from pg_available_extensions where name = 'btree_gist'");
    expect(rows.map((row) => row.name)).toEqual(['btree_gist']);
  });
});
