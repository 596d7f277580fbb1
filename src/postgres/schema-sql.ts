import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import type { BlockStatus } from './stored-block.js';

/** Block statuses; only `cancelled` blocks are exempt from the no-overlap constraint. */
export const blockStatuses: readonly BlockStatus[] = ['open', 'booked', 'blocked', 'cancelled'];

/**
 * The DDL statements, in order, each safe to run again (`if not exists`). Names come from
 * `sqlNames`, so they are validated and quoted; the statements hold no values.
 */
export function schemaStatements(names: SqlNames): string[] {
  const statuses = blockStatuses.map((status) => `'${status}'`).join(', ');
  return [
    `create schema if not exists ${names.schema}`,
    // btree_gist gives text its gist operator class, so `resource WITH =` can join the exclusion.
    'create extension if not exists btree_gist',
    `create table if not exists ${names.series} (
  id text not null,
  resource text not null,
  spec jsonb not null,
  open_ended boolean not null,
  materialized_until timestamptz,
  cancelled_from timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint ${names.seriesKey} primary key (id)
)`,
    `create table if not exists ${names.blocks} (
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
  constraint ${names.blocksKey} primary key (id),
  constraint ${names.blocksSeriesFk} foreign key (series_id) references ${names.series} (id) on delete cascade,
  constraint ${names.blocksSeriesKey} unique (series_id, key),
  constraint ${names.blocksStatusCheck} check (status in (${statuses})),
  constraint ${names.blocksPeriodCheck} check (not isempty(period) and lower_inc(period) and not upper_inc(period) and not lower_inf(period) and not upper_inf(period)),
  constraint ${names.blocksNoOverlap} exclude using gist (resource with =, period with &&) where (status <> 'cancelled')
)`,
    // regenerate and cancelSeries read one series' blocks from a point in time on.
    `create index if not exists ${names.blocksSeriesStartIndex} on ${names.blocks} (series_id, lower(period))`,
    // extendHorizon looks for never-ending series materialized short of its horizon.
    `create index if not exists ${names.seriesOpenEndedIndex} on ${names.series} (materialized_until) where open_ended`,
  ];
}

/**
 * The adapter's DDL as one SQL script, for your own migration tool.
 *
 * `btree_gist`, a series table (`id`, `spec` jsonb, `resource`, the materialized horizon,
 * `created_at`/`updated_at`) and a blocks table: `series_id`, `key`, `resource`,
 * `period tstzrange '[)'`, `status` (`open | booked | blocked | cancelled`), `locked`,
 * `tzdata_version`, `adjusted` and `metadata` jsonb, unique (`series_id`, `key`) and
 * `EXCLUDE USING gist (resource WITH =, period WITH &&) WHERE (status <> 'cancelled')`,
 * plus the indexes the adapter's queries use. Every statement is idempotent.
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
