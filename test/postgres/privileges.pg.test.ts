import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { migrate, saveSeries } from '../../src/postgres/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

// Real server only: PGlite has one superuser. In production a DBA role owns the schema and
// the tables, and the application connects as a role that may only use them. PostgreSQL
// checks privileges before `IF NOT EXISTS`, so `migrate` must look objects up first and
// run no DDL at all when everything is in place.

describe('migrate and saveSeries as an application role that owns nothing', () => {
  let t: TestDatabase;
  let app: pg.Pool;
  const role = `tb_app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    t = await openTestDatabase();
    expect(t.kind).toBe('postgres');
    // The DBA (the suite's superuser) migrates and grants the app role DML only.
    await migrate(t.db, t.options);
    const schema = quoteIdentifier(t.options.schema);
    await t.sql(`create role ${quoteIdentifier(role)} login`);
    await t.sql(`revoke create on database ${quoteIdentifier((await t.sql<{ db: string }>('select current_database() as db'))[0]!.db)} from ${quoteIdentifier(role)}`);
    await t.sql(`grant usage on schema ${schema} to ${quoteIdentifier(role)}`);
    await t.sql(`grant select, insert, update, delete on all tables in schema ${schema} to ${quoteIdentifier(role)}`);
    const url = new URL(t.url!);
    url.username = role;
    url.password = '';
    app = new pg.Pool({ connectionString: url.toString(), max: 2 });
  });
  afterAll(async () => {
    await app?.end();
    // The role's grants go first, so that the role can be dropped.
    await t?.sql(`drop owned by ${quoteIdentifier(role)}`);
    await t?.sql(`drop role ${quoteIdentifier(role)}`);
    await t?.close();
  });

  it('the app role really lacks the privileges the DDL would need', async () => {
    const [privileges] = (await app.query<{ create_db: boolean; create_schema: boolean; owner: boolean }>(
      `select has_database_privilege(current_database(), 'create') as create_db,
              has_schema_privilege($1, 'create') as create_schema,
              pg_has_role((select relowner from pg_class where oid = to_regclass($2)), 'usage') as owner`,
      [t.options.schema, t.table('blocks')],
    )).rows;
    expect(privileges).toEqual({ create_db: false, create_schema: false, owner: false });
  });

  it('migrate is a no-op for it, and saveSeries works', async () => {
    await expect(migrate(app, t.options)).resolves.toBeUndefined();
    const series = defineSeries({ id: 'app-series', timezone: 'UTC', start: '2025-01-01', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily', count: 3 } });
    expect(await saveSeries(app, series, { ...t.options, resource: 'room-app' })).toEqual({ seriesId: 'app-series', created: true, blocks: 3, added: 3 });
  });
});
