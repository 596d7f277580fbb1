import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { extendHorizon, migrate, regenerate, saveSeries, schemaSql, setBlockStatus } from '../../src/postgres/index.js';
import type { Database } from '../../src/postgres/queryable.js';
import { dailySeries } from './fixtures.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

/**
 * No value is ever spliced into SQL text, whatever the session settings: under
 * `standard_conforming_strings = off` and `backslash_quote = on` a backslash escapes the
 * quote that doubling was meant to protect, so a name spliced into a string literal
 * becomes SQL. These names would drop a table (or worse) if any statement held one as a
 * literal.
 */
const hostileNames = [
  `a\\'||chr(34))]; commit; drop table VICTIM; --`,
  `\\'); drop table VICTIM; --`,
  `x"; drop table VICTIM; --`,
  `e'\\x27; drop table VICTIM; --`,
];

describe('hostile schema and prefix names under standard_conforming_strings=off, backslash_quote=on', () => {
  let t: TestDatabase;
  let db: Database;
  let close: () => Promise<void> = async () => undefined;
  let victim: string;
  beforeAll(async () => {
    t = await openTestDatabase();
    // Short and unquoted, so that each hostile name stays within PostgreSQL's 63 bytes.
    const victimSchema = `tbv_${Math.random().toString(36).slice(2, 7)}`;
    victim = `${victimSchema}.victim`;
    await t.sql(`create schema ${victimSchema}`);
    await t.sql(`create table ${victim} (id int)`);
    if (t.kind === 'postgres') {
      const pool = new pg.Pool({ connectionString: t.url, max: 2, options: '-c standard_conforming_strings=off -c backslash_quote=on -c escape_string_warning=off' });
      db = pool;
      close = () => pool.end();
    } else {
      await t.sql('set standard_conforming_strings = off');
      await t.sql('set backslash_quote = on');
      db = t.db;
      close = async () => {
        await t.sql('reset standard_conforming_strings');
        await t.sql('reset backslash_quote');
      };
    }
    const [settings] = await (db as pg.Pool).query('show standard_conforming_strings').then((r) => r.rows as Array<Record<string, string>>);
    expect(settings!.standard_conforming_strings).toBe('off');
  });
  afterAll(async () => {
    await close();
    for (const name of hostileNames) await t.sql(`drop schema if exists ${quoteIdentifier(name.replaceAll('VICTIM', victim))} cascade`);
    await t.sql(`drop schema if exists ${victim.split('.')[0]} cascade`);
    await t.close();
  });

  for (const [i, template] of hostileNames.entries()) {
    it(`schema and prefix ${JSON.stringify(template)}`, async () => {
      const hostile = template.replaceAll('VICTIM', victim);
      const options = { schema: hostile, prefix: hostile.slice(0, 30) };
      await migrate(db, options);
      await migrate(db, options); // the catalog lookup finds everything the second time
      const series = dailySeries(`s${i}`, '2025-03-01', '09:00', '10:00');
      await saveSeries(db, series, { ...options, resource: hostile, window: { to: '2025-03-05T00:00:00Z' } });
      await regenerate(db, dailySeries(`s${i}`, '2025-03-01', '09:00', '09:30'), { ...options, from: '2025-03-03T00:00:00Z' });
      await extendHorizon(db, { ...options, until: '2025-03-07T00:00:00Z' });
      await setBlockStatus(db, { seriesId: `s${i}`, key: '2025-03-06T09:00' }, 'booked', { ...options, metadata: { note: hostile } });
      expect(await t.sql(`select count(*)::int as n from ${victim}`)).toEqual([{ n: 0 }]);
      const blocks = `${quoteIdentifier(hostile)}.${quoteIdentifier(`${options.prefix}blocks`)}`;
      expect(await t.sql(`select count(*)::int as n, max(metadata->>'note') as note from ${blocks}`)).toEqual([{ n: 6, note: hostile }]);
      // The script for a migration tool holds the names only as quoted identifiers.
      expect(schemaSql(options)).toContain(quoteIdentifier(hostile));
    });
  }
});
