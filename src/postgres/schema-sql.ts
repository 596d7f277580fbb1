import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import type { BlockStatus } from './stored-block.js';
import { bookingsSchemaObjects } from './bookings-schema.js';
import { resourceKeyUpgrades } from './resource-keys.js';
import { type Bind, catalogParams, type SchemaObject } from './schema-object.js';

/** Block statuses; only `cancelled` blocks are exempt from the no-overlap constraint. */
export const blockStatuses: readonly BlockStatus[] = ['open', 'booked', 'blocked', 'cancelled'];

/**
 * The schema's objects, in creation order. Names come from `sqlNames`, so they are
 * validated and quoted; the DDL holds no values, the lookups bind theirs through `bind`.
 */
export function schemaObjects(names: SqlNames, bind: Bind): SchemaObject[] {
  const literal = bind;
  const statuses = blockStatuses.map((status) => `'${status}'`).join(', ');
  const relation = (quotedName: string): string => `to_regclass(${literal(quotedName)}) is not null`;
  return [
    { ddl: `create schema if not exists ${names.schema}`, exists: `to_regnamespace(${literal(names.schema)}) is not null` },
    // btree_gist gives text its gist operator class, so `resource WITH =` can join the exclusion.
    { ddl: 'create extension if not exists btree_gist', exists: "exists (select 1 from pg_extension where extname = 'btree_gist')" },
    {
      exists: relation(names.series),
      ddl: `create table if not exists ${names.series} (
  id text not null,
  resource text not null,
  spec jsonb not null,
  open_ended boolean not null,
  spec_from timestamptz,
  materialized_until timestamptz,
  cancelled_from timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint ${names.seriesKey} primary key (id, resource)
)`,
    },
    {
      exists: relation(names.blocks),
      ddl: `create table if not exists ${names.blocks} (
  id bigint generated always as identity,
  series_id text not null,
  key text not null,
  resource text not null,
  period tstzrange not null,
  status text not null default 'open',
  locked boolean not null default false,
  tzdata_version text not null,
  adjusted jsonb,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint ${names.blocksKey} primary key (id, resource),
  constraint ${names.blocksSeriesFk} foreign key (series_id, resource) references ${names.series} (id, resource) on delete cascade,
  constraint ${names.blocksSeriesKey} unique (series_id, key, resource),
  constraint ${names.blocksStatusCheck} check (status in (${statuses})),
  constraint ${names.blocksPeriodCheck} check (not isempty(period) and lower_inc(period) and not upper_inc(period) and not lower_inf(period) and not upper_inf(period)),
  constraint ${names.blocksNoOverlap} exclude using gist (resource with =, period with &&) where (status <> 'cancelled')
)`,
    },
    // Added after the first schema: a series table created before it gains the column.
    {
      exists: `exists (select 1 from pg_attribute where attrelid = to_regclass(${literal(names.series)}) and attname = 'spec_from' and not attisdropped)`,
      ddl: `alter table ${names.series} add column if not exists spec_from timestamptz`,
    },
    // regenerate and cancelSeries read one series' blocks from a point in time on.
    {
      exists: relation(`${names.schema}.${names.blocksSeriesStartIndex}`),
      ddl: `create index if not exists ${names.blocksSeriesStartIndex} on ${names.blocks} (series_id, lower(period))`,
    },
    // extendHorizon looks for never-ending series materialized short of its horizon.
    {
      exists: relation(`${names.schema}.${names.seriesOpenEndedIndex}`),
      ddl: `create index if not exists ${names.seriesOpenEndedIndex} on ${names.series} (materialized_until) where open_ended`,
    },
    ...resourceKeyUpgrades(names, literal),
    ...bookingsSchemaObjects(names, literal),
  ];
}

/** The DDL statements, in order, each safe to run again (`if not exists`). */
export function schemaStatements(names: SqlNames): string[] {
  return schemaObjects(names, catalogParams().bind).map((object) => object.ddl);
}

/**
 * The adapter's DDL as one SQL script, for your own migration tool.
 *
 * `btree_gist`, a series table (`id`, `spec` jsonb, `resource`, the materialized horizon,
 * `created_at`/`updated_at`) and a blocks table: `series_id`, `key`, `resource`,
 * `period tstzrange '[)'`, `status` (`open | booked | blocked | cancelled`), `locked`,
 * `tzdata_version`, `adjusted` and `metadata` jsonb, unique (`series_id`, `key`, `resource`) and
 * `EXCLUDE USING gist (resource WITH =, period WITH &&) WHERE (status <> 'cancelled')`,
 * plus the indexes the adapter's queries use. Every key includes `resource` (see
 * docs/postgres.md, Citus), and the script upgrades tables of an earlier release in place.
 * Every statement is idempotent.
 *
 * @param options - `schema` (default `public`) and table `prefix` (default `timeblocks_`), always quoted
 * @returns the statements, separated by `;` and a newline
 * @throws {InvalidArgumentError} naming `schema` or `prefix` when one is empty, contains NUL or is too long
 *
 * @example
 * schemaSql({ schema: 'booking' }).split('\n')[0];
 * //=> 'create schema if not exists "booking";'
 */
export function schemaSql(options: SchemaOptions = {}): string {
  return schemaStatements(sqlNames(options)).map((statement) => `${statement};\n`).join('');
}
