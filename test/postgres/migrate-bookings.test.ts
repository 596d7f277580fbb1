import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { book, getSeries, listBlocks, migrate, schemaSql } from '../../src/postgres/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

// The DDL of release 0.1.0 (before bookings), with its schema name as a placeholder.
const previousRelease = readFileSync(new URL('./fixtures/schema-0.1.0.sql', import.meta.url), 'utf8');

describe('migrate upgrades a schema of the previous release in place', () => {
  let t: TestDatabase;
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const upgraded = `tb_upgraded_${suffix}`;
  const fresh = `tb_fresh_${suffix}`;
  const scripted = `tb_scripted_${suffix}`;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    for (const schema of [upgraded, fresh, scripted]) await t.sql(`drop schema if exists ${quoteIdentifier(schema)} cascade`);
    await t.close();
  });

  /** A DDL script, one statement at a time (as a migration tool runs it). */
  async function runScript(script: string): Promise<void> {
    for (const statement of script.split(';\n').filter((s) => s.trim() !== '')) await t.sql(statement);
  }

  /** Columns, constraints and indexes of a schema, with its name taken out, in a stable order. */
  async function catalog(schema: string): Promise<string[]> {
    const rows = await t.sql<{ line: string }>(
      `select format('column %s.%s %s %s %s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)) as line
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname = $1::text and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
       union all
       select format('constraint %s %s', con.conname, pg_get_constraintdef(con.oid))
         from pg_constraint con join pg_namespace n on n.oid = con.connamespace where n.nspname = $1::text
       union all
       select format('index %s', replace(indexdef, $1::text, 'S')) from pg_indexes where schemaname = $1::text
       order by 1`,
      [schema],
    );
    return rows.map((row) => row.line.replaceAll(schema, 'S'));
  }

  it('adds capacity, the bookings table and its indexes, keeps the data, and is idempotent', async () => {
    await runScript(previousRelease.replaceAll('SCHEMA_0_1_0', upgraded));
    const series = defineSeries({ id: 'old', timezone: 'UTC', start: '2025-06-02', startTime: '09:00', endTime: '17:00', repeat: { freq: 'daily', count: 3 } });
    // A series and a block stored by the previous release, in its columns.
    await t.sql(`insert into ${quoteIdentifier(upgraded)}.timeblocks_series (id, resource, spec, open_ended) values ('old', 'ana', $1::jsonb, false)`, [JSON.stringify(series)]);
    await t.sql(
      `insert into ${quoteIdentifier(upgraded)}.timeblocks_blocks (series_id, key, resource, period, tzdata_version) values ('old', '2025-06-02T09:00', 'ana', tstzrange('2025-06-02T09:00Z', '2025-06-02T17:00Z'), 'x')`,
    );
    await migrate(t.db, { schema: upgraded });
    const before = await catalog(upgraded);
    await migrate(t.db, { schema: upgraded });
    expect(await catalog(upgraded)).toEqual(before);

    expect(await getSeries(t.db, 'old', { schema: upgraded })).toMatchObject({ resource: 'ana', capacity: 1 });
    expect(await listBlocks(t.db, { schema: upgraded, window: { from: '2025-06-01T00:00:00Z', to: '2025-06-03T00:00:00Z' } })).toHaveLength(1);
    expect((await book(t.db, { schema: upgraded, resource: 'ana', start: '2025-06-02T10:00:00Z', end: '2025-06-02T11:00:00Z' })).seat).toBe(1);

    // The same schema as a fresh migrate, and as schemaSql run by hand.
    await migrate(t.db, { schema: fresh });
    await runScript(schemaSql({ schema: scripted }));
    expect(await catalog(fresh)).toEqual(before);
    expect(await catalog(scripted)).toEqual(before);
    expect(before.some((line) => line.startsWith('constraint timeblocks_bookings_no_overlap EXCLUDE USING gist (resource WITH =, seat WITH =, period WITH &&)'))).toBe(true);
  });
});
