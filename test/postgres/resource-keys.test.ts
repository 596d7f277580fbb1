import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { cancelSeries, DatabaseError, extendHorizon, listBlocks, migrate, regenerate, saveManySeries, saveSeries, schemaSql, withTransaction } from '../../src/postgres/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

// Citus distributes a table by one column and checks a unique or exclusion constraint only
// inside a shard, so every one of them must include that column; a foreign key between
// distributed tables must include it on both sides. The adapter's tables distribute by
// `resource`: these tests read the catalog, on PGlite and on the real server.

// The DDL of release 0.1.0 (series key (id), blocks key (series_id, key)), schema as a placeholder.
const previousRelease = readFileSync(new URL('./fixtures/schema-0.1.0.sql', import.meta.url), 'utf8');

interface KeyRow {
  table: string;
  name: string;
  kind: string;
  columns: string[];
  referenced: string[];
}

/**
 * Every key of the adapter's tables in `schema`: primary keys, unique and exclusion
 * constraints, foreign keys (with the referenced columns) and unique indexes, by name.
 */
async function keysOf(t: TestDatabase, schema: string): Promise<KeyRow[]> {
  const columns = (rel: string, keys: string) =>
    `array(select a.attname::text from unnest(${keys}) with ordinality as k(attnum, n) join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.attnum order by k.n)`;
  return t.sql<KeyRow>(
    `select c.relname::text as table, con.conname::text as name, con.contype::text as kind,
            ${columns('con.conrelid', 'con.conkey')} as columns, ${columns('con.confrelid', 'coalesce(con.confkey, array[]::int2[])')} as referenced
       from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1::text and con.contype in ('p', 'u', 'x', 'f')
     union all
     select c.relname::text, i.relname::text, 'unique index', ${columns('x.indrelid', 'x.indkey::int2[]')}, array[]::text[]
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1::text and x.indisunique
     order by 1, 2, 3`,
    [schema],
  );
}

/** The keys that would stop a table from distributing by resource. */
function withoutResource(keys: readonly KeyRow[]): string[] {
  return keys
    .filter((key) => !key.columns.includes('resource') || (key.kind === 'f' && !key.referenced.includes('resource')))
    .map((key) => `${key.table}.${key.name} (${key.kind}: ${key.columns.join(', ')})`);
}

// One migrated database serves the first two describe blocks (the third opens its own, unmigrated).
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await migrate(t.db, t.options);
});
afterAll(async () => {
  await t.close();
});

describe('every key of the adapter tables includes resource (they distribute by it)', () => {

  it('primary keys, unique and exclusion constraints, unique indexes and foreign keys', async () => {
    const keys = await keysOf(t, t.options.schema);
    expect(withoutResource(keys)).toEqual([]);
    // The query saw every key (a broken one would find none and pass the check above).
    expect(keys.map((key) => `${key.table} ${key.kind} ${key.columns.join(',')}${key.kind === 'f' ? ` -> ${key.referenced.join(',')}` : ''}`)).toEqual([
      'timeblocks_blocks x resource,period',
      'timeblocks_blocks p id,resource',
      'timeblocks_blocks unique index id,resource',
      'timeblocks_blocks f series_id,resource -> id,resource',
      'timeblocks_blocks u series_id,key,resource',
      'timeblocks_blocks unique index series_id,key,resource',
      'timeblocks_bookings x resource,seat,period',
      'timeblocks_bookings p resource,id',
      'timeblocks_bookings unique index resource,id',
      'timeblocks_series p id,resource',
      'timeblocks_series unique index id,resource',
    ]);
  });

  it('the check fails on the tables of release 0.1.0, whose keys lack resource', async () => {
    const old = `${t.options.schema}_old`;
    try {
      for (const statement of previousRelease.replaceAll('SCHEMA_0_1_0', old).split(';\n').filter((s) => s.trim() !== '')) await t.sql(statement);
      expect(withoutResource(await keysOf(t, old))).toEqual([
        'timeblocks_blocks.timeblocks_blocks_pkey (p: id)',
        'timeblocks_blocks.timeblocks_blocks_pkey (unique index: id)',
        'timeblocks_blocks.timeblocks_blocks_series_fkey (f: series_id)',
        'timeblocks_blocks.timeblocks_blocks_series_key (u: series_id, key)',
        'timeblocks_blocks.timeblocks_blocks_series_key (unique index: series_id, key)',
        'timeblocks_series.timeblocks_series_pkey (p: id)',
        'timeblocks_series.timeblocks_series_pkey (unique index: id)',
      ]);
    } finally {
      await t.sql(`drop schema if exists ${quoteIdentifier(old)} cascade`);
    }
  });
});

describe('saves of one series id queue on an advisory lock (the race itself: series-id-race.pg.test.ts)', () => {

  it('a save of 2 000 series holds at most 256 of them (the shared lock table holds about 64 per connection)', async () => {
    const entries = Array.from({ length: 2_000 }, (_, i) => ({
      series: defineSeries({ id: `bulk-${i}`, timezone: 'UTC', start: '2025-03-03', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily', count: 1 } }),
      resource: `room-${i}`,
    }));
    const held = await withTransaction(t.db, async (tx) => {
      await saveManySeries(tx, entries, t.options);
      return (await tx.query("select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")).rows[0] as { n: number };
    });
    expect(held.n).toBeGreaterThan(200);
    expect(held.n).toBeLessThanOrEqual(256);
    expect(await t.sql(`select count(*)::int as n from ${t.table('series')}`)).toEqual([{ n: 2_000 }]);
  });
});

describe('migrate moves a schema of release 0.1.0 holding data onto the resource keys', () => {
  let t: TestDatabase;
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const upgraded = `tb_keys_${suffix}`;
  const scripted = `tb_keys_script_${suffix}`;
  const refused = `tb_keys_refused_${suffix}`;
  const weekly = defineSeries({ id: 'weekly', timezone: 'Europe/Berlin', start: '2025-06-02', startTime: '09:00', endTime: '10:00', repeat: { freq: 'weekly', count: 6 } });
  const daily = defineSeries({ id: 'daily', timezone: 'UTC', start: '2025-06-02', startTime: '12:00', endTime: '13:00', repeat: { freq: 'daily' } });
  const june = { from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z' };

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    for (const schema of [upgraded, scripted, refused]) await t.sql(`drop schema if exists ${quoteIdentifier(schema)} cascade`);
    await t.close();
  });

  /** The 0.1.0 tables in `schema`, with two series and their blocks as that release stored them (one booked, with metadata). */
  async function oldSchemaWithData(schema: string): Promise<void> {
    for (const statement of previousRelease.replaceAll('SCHEMA_0_1_0', schema).split(';\n').filter((s) => s.trim() !== '')) await t.sql(statement);
    const table = (name: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(`timeblocks_${name}`)}`;
    const stored = [
      { series: weekly, resource: 'ana', until: null, blocks: expand(weekly) },
      { series: daily, resource: 'ben', until: '2025-06-05T00:00:00Z', blocks: expand(daily, { from: '2025-06-01T00:00:00Z', to: '2025-06-05T00:00:00Z' }) },
    ];
    for (const { series, resource, until, blocks } of stored) {
      await t.sql(`insert into ${table('series')} (id, resource, spec, open_ended, materialized_until) values ($1, $2, $3::jsonb, $4, $5)`, [
        series.id,
        resource,
        JSON.stringify(series),
        until !== null,
        until,
      ]);
      for (const block of blocks) {
        await t.sql(`insert into ${table('blocks')} (series_id, key, resource, period, tzdata_version) values ($1, $2, $3, tstzrange($4, $5, '[)'), 'old')`, [
          series.id,
          block.key,
          resource,
          new Date(block.start).toISOString(),
          new Date(block.end).toISOString(),
        ]);
      }
    }
    await t.sql(`update ${table('blocks')} set status = 'booked', metadata = '{"patient":"p1"}' where series_id = 'weekly' and key = '2025-06-09T09:00'`);
  }

  /** Every stored row of both tables, ids included, in a stable order. */
  async function rows(schema: string): Promise<unknown[]> {
    const table = (name: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(`timeblocks_${name}`)}`;
    return [
      ...(await t.sql(`select id, resource, spec, open_ended, materialized_until from ${table('series')} order by id`)),
      ...(await t.sql(`select id, series_id, key, resource, period::text, status, locked, tzdata_version, metadata from ${table('blocks')} order by id`)),
    ];
  }

  /** Keys and indexes, names and definitions, for comparing two schemas. */
  async function definitions(schema: string): Promise<string[]> {
    const found = await t.sql<{ line: string }>(
      `select format('constraint %s %s', con.conname, pg_get_constraintdef(con.oid)) as line
         from pg_constraint con join pg_namespace n on n.oid = con.connamespace where n.nspname = $1::text
       union all
       select format('index %s', indexdef) from pg_indexes where schemaname = $1::text
       order by 1`,
      [schema],
    );
    return found.map((row) => row.line.replaceAll(quoteIdentifier(schema), 'S').replaceAll(schema, 'S'));
  }

  it('keeps every row, is idempotent, and leaves the schema a fresh migrate creates', async () => {
    await oldSchemaWithData(upgraded);
    const before = await rows(upgraded);
    await migrate(t.db, { schema: upgraded });
    expect(withoutResource(await keysOf(t, upgraded))).toEqual([]);
    expect(await rows(upgraded)).toEqual(before);
    const after = await definitions(upgraded);
    await migrate(t.db, { schema: upgraded });
    expect(await definitions(upgraded)).toEqual(after);

    const fresh = await openTestDatabase();
    try {
      await migrate(fresh.db, fresh.options);
      expect(await definitions(fresh.options.schema)).toEqual(after);
    } finally {
      await fresh.close();
    }
  });

  it('the adapter works on the upgraded tables: saves skip stored keys, ids stay on their resource, deletes cascade', async () => {
    const options = { schema: upgraded };
    // Saving again: the stored keys are the conflict target now, nothing doubles.
    expect(await saveSeries(t.db, weekly, { ...options, resource: 'ana' })).toEqual({ seriesId: 'weekly', created: false, blocks: 6, added: 0 });
    expect(await saveSeries(t.db, daily, { ...options, resource: 'ben', window: { to: '2025-06-08T00:00:00Z' } })).toMatchObject({ created: false, added: 3 });
    expect(await extendHorizon(t.db, { ...options, until: '2025-06-10T00:00:00Z' })).toMatchObject({ extended: [{ seriesId: 'daily', added: 2 }], failed: [] });
    // The key includes resource, yet an id names one series: on another resource it is refused.
    const moved = await saveSeries(t.db, weekly, { ...options, resource: 'ben' }).catch((error: unknown) => error);
    expect(moved).toBeInstanceOf(InvalidArgumentError);
    expect(moved).toMatchObject({ field: 'resource' });
    // regenerate keeps the booked block and replaces the open ones through the new key.
    const later = defineSeries({ ...weekly, startTime: '10:00', endTime: '11:00' });
    await regenerate(t.db, later, { ...options, from: '2025-06-01T00:00:00Z' });
    const listed = await listBlocks(t.db, { ...options, resource: 'ana', window: june });
    expect(listed.map((block) => [block.key, block.status])).toEqual([
      ['2025-06-02T10:00', 'open'],
      ['2025-06-09T09:00', 'booked'],
      ['2025-06-09T10:00', 'open'],
      ['2025-06-16T10:00', 'open'],
      ['2025-06-23T10:00', 'open'],
      ['2025-06-30T10:00', 'open'],
    ]);
    await cancelSeries(t.db, 'daily', { ...options, from: '2025-06-01T00:00:00Z' });
    // The foreign key (series_id, resource) still cascades a deleted series to its blocks.
    await t.sql(`delete from ${quoteIdentifier(upgraded)}.timeblocks_series where id = 'daily'`);
    expect(await t.sql(`select count(*)::int as n from ${quoteIdentifier(upgraded)}.timeblocks_blocks where series_id = 'daily'`)).toEqual([{ n: 0 }]);
  });

  it('schemaSql run by hand upgrades the same way, and running it again changes nothing', async () => {
    await oldSchemaWithData(scripted);
    const before = await rows(scripted);
    const script = schemaSql({ schema: scripted }).split(';\n').filter((s) => s.trim() !== '');
    for (const statement of script) await t.sql(statement);
    const once = await definitions(scripted);
    expect(withoutResource(await keysOf(t, scripted))).toEqual([]);
    for (const statement of script) await t.sql(statement);
    expect(await definitions(scripted)).toEqual(once);
    expect(await rows(scripted)).toEqual(before);
    // The same keys as migrate's upgrade gave.
    expect(once).toEqual(await definitions(upgraded));
  });

  it('refuses a block stored on another resource than its series, and rolls the whole upgrade back', async () => {
    await oldSchemaWithData(refused);
    await t.sql(`update ${quoteIdentifier(refused)}.timeblocks_blocks set resource = 'elsewhere' where series_id = 'weekly' and key = '2025-06-16T09:00'`);
    const keysBefore = await keysOf(t, refused);
    const error = await migrate(t.db, { schema: refused }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ sqlState: '23503' });
    expect(await keysOf(t, refused)).toEqual(keysBefore);
  });
});
