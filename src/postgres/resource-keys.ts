import type { SqlNames } from './schema-options.js';
import type { Bind, SchemaObject } from './schema-object.js';

/**
 * The upgrade that puts `resource` into every key of the series and blocks tables, so both
 * distribute by resource (Citus) and every constraint is checked inside one shard:
 *
 * - series: primary key (id) → (id, resource);
 * - blocks: primary key (id) → (id, resource), unique (series_id, key) →
 *   (series_id, key, resource), and the foreign key (series_id) → (series_id, resource)
 *   referencing the series' (id, resource), so a block's resource is its series' resource.
 *
 * `resource` comes last so each index still serves lookups by id, or by (series_id, key).
 * A series id stays unique across resources because saves of one id queue on an advisory
 * lock (`lockSeriesIds`); given that, (series_id, key, resource) is unique exactly when
 * (series_id, key) is.
 *
 * Tables created by this release have these keys already (their lookups find nothing to
 * upgrade); tables of an earlier release are changed in place, inside `migrate`'s
 * transaction and advisory lock. Each DDL statement is also safe to run again on its own
 * (`schemaSql`): it drops the constraint it is about to add, if present.
 */
export function resourceKeyUpgrades(names: SqlNames, literal: Bind): SchemaObject[] {
  // True unless the table has a key (p), unique (u) or foreign key (f) constraint without resource.
  const keysIncludeResource = (table: string, types: string): string =>
    `not exists (select 1 from pg_constraint c where c.conrelid = to_regclass(${literal(table)}) and c.contype in (${types})
      and not exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attname = 'resource' and a.attnum = any(c.conkey)))`;
  return [
    // The old foreign key depends on the series' old primary key: it goes first.
    {
      exists: keysIncludeResource(names.blocks, `'f'`),
      ddl: `alter table ${names.blocks} drop constraint if exists ${names.blocksSeriesFk}`,
    },
    {
      exists: keysIncludeResource(names.series, `'p', 'u'`),
      ddl: `alter table ${names.series} drop constraint if exists ${names.seriesKey}, add constraint ${names.seriesKey} primary key (id, resource)`,
    },
    {
      exists: keysIncludeResource(names.blocks, `'p', 'u', 'f'`),
      ddl: `alter table ${names.blocks}
  drop constraint if exists ${names.blocksKey}, add constraint ${names.blocksKey} primary key (id, resource),
  drop constraint if exists ${names.blocksSeriesKey}, add constraint ${names.blocksSeriesKey} unique (series_id, key, resource),
  drop constraint if exists ${names.blocksSeriesFk},
  add constraint ${names.blocksSeriesFk} foreign key (series_id, resource) references ${names.series} (id, resource) on delete cascade`,
    },
  ];
}
