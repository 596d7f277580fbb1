/**
 * The nightly job, part of `npm run bench:pg` (real server): "+1 day for 10 000
 * never-ending daily series". 10 000 Europe/Berlin series of 09:00–10:00 blocks, each on
 * a resource of its own, are stored up to 8 January (two blocks each); the job rolls them
 * forward to 9 January (one new block each), exclusion constraint active, side by side:
 *
 * - timeblocks `extendHorizon(pool, { until })`, the whole call (finding the due series,
 *   expanding each in JS, writing, committing): batches of 2 000 series (the default);
 * - diagnostic: the same call with `batchSize: 10 000` (one transaction);
 * - the set-based floor: the server computes the same rows itself, one
 *   `INSERT … SELECT` over the due series × `generate_series` of the days and one
 *   `UPDATE` of their horizons, in one transaction (no `ON CONFLICT`: it knows the rows are new).
 *
 * Both must leave the same rows (checked before timing). Every sample starts from the same
 * stored state (TRUNCATE, `saveManySeries`, VACUUM ANALYZE; untimed); contenders alternate
 * per round; medians are reported, and the target is judged on the ratio of the medians.
 *
 * Target (issue 14): `extendHorizon` within 2× the floor's time.
 */
import pg from 'pg';
import { defineSeries, tzdataVersion } from '../dist/index.js';
import { extendHorizon, migrate, saveManySeries } from '../dist/postgres/index.js';
import { inTransaction } from './pg-transaction.mjs';
import { formatMs, formatTable } from './timer.mjs';

const schema = 'timeblocks_bench_horizon';
const timezone = 'Europe/Berlin';
const seriesCount = 10_000;
const storedUntil = '2025-01-08T00:00:00Z';
const until = '2025-01-09T00:00:00Z';
const q = (name) => `"${name.replaceAll('"', '""')}"`;
const seriesTable = `${q(schema)}.${q('timeblocks_series')}`;
const blocksTable = `${q(schema)}.${q('timeblocks_blocks')}`;

const entries = Array.from({ length: seriesCount }, (_, i) => {
  const id = `nightly-${String(i).padStart(5, '0')}`;
  return { series: defineSeries({ id, timezone, start: '2025-01-06', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily' } }), resource: `room-${id}`, window: { to: storedUntil } };
});

/** The state every sample starts from: 10 000 series stored up to 8 January, tables vacuumed. */
async function reset(pool) {
  await pool.query(`TRUNCATE ${blocksTable}, ${seriesTable}`);
  await saveManySeries(pool, entries, { schema });
  await pool.query(`VACUUM ANALYZE ${seriesTable}, ${blocksTable}`);
}

/**
 * The floor: the rows the job writes, computed by the server. Each due series gets the
 * local 09:00–10:00 of every day whose block starts in [its horizon, until), keyed by the
 * local date, exactly as the adapter stores them; then every due series' horizon moves.
 */
async function floor(pool) {
  const due = `s.open_ended and s.materialized_until < $3::timestamptz and (s.cancelled_from is null or s.materialized_until < s.cancelled_from)`;
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO ${blocksTable} (series_id, key, resource, period, tzdata_version, adjusted)
       SELECT s.id, to_char(d.day, 'YYYY-MM-DD') || 'T09:00', s.resource,
              tstzrange((d.day + time '09:00') AT TIME ZONE $1, (d.day + time '10:00') AT TIME ZONE $1, '[)'), $2::text, NULL
         FROM ${seriesTable} s
         -- date + integer stays a date, so date + time is a local timestamp (no session TZ).
         CROSS JOIN LATERAL (SELECT (s.materialized_until AT TIME ZONE $1)::date - 1 + n AS day
                               FROM generate_series(0, ($3::timestamptz AT TIME ZONE $1)::date - (s.materialized_until AT TIME ZONE $1)::date + 1) AS n) AS d
        WHERE ${due}
          AND (d.day + time '09:00') AT TIME ZONE $1 >= s.materialized_until
          AND (d.day + time '09:00') AT TIME ZONE $1 < LEAST($3::timestamptz, coalesce(s.cancelled_from, 'infinity'))`,
      [timezone, tzdataVersion(), until],
    );
    await client.query(
      `UPDATE ${seriesTable} s SET materialized_until = LEAST($1::timestamptz, coalesce(s.cancelled_from, 'infinity')), updated_at = now()
        WHERE s.open_ended and s.materialized_until < $1::timestamptz and (s.cancelled_from is null or s.materialized_until < s.cancelled_from)`,
      [until],
    );
  });
}

/** What a contender left: blocks and horizons as text (which round-trips every value exactly). */
async function snapshot(pool) {
  const blocks = await pool.query(`SELECT series_id, key, resource, period::text, status, tzdata_version, adjusted::text FROM ${blocksTable} ORDER BY series_id, key`);
  const series = await pool.query(`SELECT id, materialized_until::text FROM ${seriesTable} ORDER BY id`);
  return JSON.stringify([blocks.rows, series.rows]);
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs the nightly-job benchmark on the server at `url`; prints its table with `log`.
 * Returns the target rows `{ target, measured, pass }`.
 */
export async function benchHorizon(url, log, { rounds = 5 } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
    await migrate(pool, { schema });
    const contenders = [
      {
        name: 'timeblocks extendHorizon (batches of 2 000)',
        run: async () => {
          const summary = await extendHorizon(pool, { schema, until });
          if (summary.extended.length !== seriesCount || summary.failed.length + summary.conflicts.length > 0) throw new Error('extendHorizon did not extend every series');
        },
        samples: [],
      },
      { name: 'diagnostic: extendHorizon, batchSize 10 000', run: () => extendHorizon(pool, { schema, until, batchSize: 10_000 }), samples: [] },
      { name: '(floor) INSERT … SELECT generate_series + UPDATE', run: () => floor(pool), samples: [] },
    ];
    // Warm up every path once, and check they leave the same rows, before anything is timed.
    let reference;
    for (const contender of contenders) {
      await reset(pool);
      await contender.run();
      const rows = await snapshot(pool);
      reference ??= rows;
      if (rows !== reference) throw new Error(`${contender.name} wrote different rows than extendHorizon; the comparison would be unfair`);
    }
    for (let round = 0; round < rounds; round++) {
      for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
        await reset(pool);
        globalThis.gc?.();
        const started = performance.now();
        await contender.run();
        contender.samples.push(performance.now() - started);
      }
    }
    const rows = contenders.map((c) => ({ name: c.name, medianMs: median(c.samples), samples: c.samples }));
    const floorMs = rows.at(-1).medianMs;
    log(`\nNightly job: +1 day for ${seriesCount.toLocaleString('en-US')} never-ending daily series (one new block each), ${rounds} rounds\n`);
    log(
      formatTable(rows, [
        ['contender', (r) => r.name],
        ['median', (r) => formatMs(r.medianMs)],
        ['min–max', (r) => `${formatMs(Math.min(...r.samples))}–${formatMs(Math.max(...r.samples))}`],
        ['× floor time', (r) => (r.medianMs / floorMs).toFixed(2)],
      ]),
    );
    log('');
    const ratio = rows[0].medianMs / floorMs;
    return [{ target: 'extendHorizon, +1 day × 10 000 series: ≤ 2× the set-based floor', measured: `${ratio.toFixed(2)}×`, pass: ratio <= 2 }];
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}
