/**
 * PostgreSQL materialization benchmark (`npm run bench:pg`), on a real server: a throwaway
 * cluster, or DATABASE_URL when set. 20 000 blocks over 100 resources (one Europe/Berlin
 * series of 200 daily 09:00–10:00 blocks per room, across the March DST change) go into the
 * adapter's own blocks table, exclusion constraint active, side by side:
 *
 * - timeblocks `saveManySeries`: all 100 series in one call (one transaction, one
 *   set-based insert for all blocks): the adapter's API for this job, which the targets judge;
 * - the same `saveManySeries` call through postgres.js (`postgres()`) and Kysely (pg
 *   dialect) as `db`: each driver's cost, judged by the same floor target;
 * - timeblocks `saveSeries` once per series (100 transactions, set-based SQL inside), kept
 *   for comparison: what a loop over the per-series call costs;
 * - (a) what a hand-written loop does: one INSERT per block, all in one transaction;
 * - (b) the floor: the server generates the same rows itself, `INSERT … SELECT` over
 *   `generate_series`, in one transaction.
 *
 * Then the bookings benchmark (bench/bookings.bench.mjs) and the nightly job, "+1 day for
 * 10 000 series" through `extendHorizon` against its set-based floor (bench/horizon.bench.mjs).
 *
 * All three must leave the same rows behind (checked before timing). Each sample starts
 * from empty tables (TRUNCATE, untimed); contenders are interleaved per round so drift in
 * the machine hits them alike; medians are reported.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import postgres from 'postgres';
import { defineSeries, tzdataVersion } from '../dist/index.js';
import { migrate, saveManySeries, saveSeries } from '../dist/postgres/index.js';
import { startCluster } from '../test/support/pg-cluster.mjs';
import { inTransaction } from './pg-transaction.mjs';
import { formatMs, formatTable } from './timer.mjs';
import { benchBookings } from './bookings.bench.mjs';
import { benchHorizon } from './horizon.bench.mjs';

const resources = 100;
const blocksPerSeries = 200;
const rounds = Number(process.env.BENCH_PG_ROUNDS ?? 5);
const schema = 'timeblocks_bench';
const timezone = 'Europe/Berlin';
const firstDay = '2025-01-06';
const window = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };

const seriesList = Array.from({ length: resources }, (_, room) =>
  defineSeries({
    id: `bench-room-${room}`,
    timezone,
    start: firstDay,
    startTime: '09:00',
    endTime: '10:00',
    repeat: { freq: 'daily', count: blocksPerSeries },
  }),
);
const resourceOf = (room) => `room-${room}`;

const q = (name) => `"${name.replaceAll('"', '""')}"`;
const seriesTable = `${q(schema)}.${q('timeblocks_series')}`;
const blocksTable = `${q(schema)}.${q('timeblocks_blocks')}`;

async function reset(pool) {
  await pool.query(`TRUNCATE ${blocksTable}, ${seriesTable}`);
}

/** The adapter, as an app's nightly job would call it: one series after another, a transaction each. */
async function viaAdapter(pool) {
  for (const [room, series] of seriesList.entries()) {
    await saveSeries(pool, series, { resource: resourceOf(room), window, schema });
  }
}

/** The bulk call: every series in one transaction. */
async function viaAdapterBulk(pool) {
  await saveManySeries(
    pool,
    seriesList.map((series, room) => ({ series, resource: resourceOf(room), window })),
    { schema },
  );
}

/** Diagnostic: the same calls, `parallel` at a time on the pool (commits can share WAL flushes). */
async function viaAdapterConcurrently(pool, parallel) {
  const queue = [...seriesList.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [room, series] = next;
      await saveSeries(pool, series, { resource: resourceOf(room), window, schema });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/**
 * The columns the baselines fill: every column of the adapter's table except the identity
 * and the `created_at`/`updated_at` defaults, with its SQL type for casts. Read from the
 * catalog, so the baselines write whatever the adapter's schema holds.
 */
async function columnsOf(pool, tableName) {
  const { rows } = await pool.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type
       FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attidentity = '' AND attgenerated = ''
        AND attname NOT IN ('created_at', 'updated_at')
      ORDER BY attnum`,
    [tableName],
  );
  return rows;
}

/**
 * What the adapter wrote, read back as text (which round-trips every value exactly): the
 * baselines insert exactly these rows, so all three contenders write the same thing.
 */
async function readRows(pool, tableName, columns, orderBy) {
  const list = columns.map((c) => `${q(c.name)}::text AS ${q(c.name)}`).join(', ');
  return (await pool.query(`SELECT ${list} FROM ${tableName} ORDER BY ${orderBy}`)).rows;
}

async function readReference(pool) {
  const seriesColumns = await columnsOf(pool, seriesTable);
  const blockColumns = await columnsOf(pool, blocksTable);
  return {
    seriesColumns,
    blockColumns,
    series: await readRows(pool, seriesTable, seriesColumns, 'id'),
    blocks: await readRows(pool, blocksTable, blockColumns, 'series_id, key'),
  };
}

const insertSql = (tableName, columns) =>
  `INSERT INTO ${tableName} (${columns.map((c) => q(c.name)).join(', ')}) VALUES (${columns.map((c, i) => `$${i + 1}::${c.type}`).join(', ')})`;

/** (a) One INSERT per row, every one a round trip, inside one transaction. */
async function onePerRow(pool, reference) {
  const seriesInsert = insertSql(seriesTable, reference.seriesColumns);
  const blockInsert = insertSql(blocksTable, reference.blockColumns);
  await inTransaction(pool, async (client) => {
    for (const row of reference.series) await client.query(seriesInsert, reference.seriesColumns.map((c) => row[c.name]));
    for (const row of reference.blocks) await client.query(blockInsert, reference.blockColumns.map((c) => row[c.name]));
  });
}

/** Block columns the floor computes on the server; every other one must hold one value for all rows. */
const computed = {
  series_id: `'bench-room-' || room`,
  key: `to_char(day, 'YYYY-MM-DD') || 'T09:00'`,
  resource: `'room-' || room`,
  period: `tstzrange((day + time '09:00') AT TIME ZONE $1, (day + time '10:00') AT TIME ZONE $1, '[)')`,
};

/**
 * (b) The floor: the server computes every block itself (local 09:00–10:00 in the zone, key
 * from the local date), two statements in one transaction, no per-row traffic at all.
 */
async function serverSide(pool, reference) {
  const { seriesColumns, blockColumns, series, blocks } = reference;
  const constants = blockColumns.filter((c) => !(c.name in computed));
  for (const c of constants) {
    if (blocks.some((row) => row[c.name] !== blocks[0][c.name])) throw new Error(`column ${c.name} varies between blocks; the floor cannot generate it`);
  }
  const fixed = 4;
  const blockValues = blockColumns.map((c) => (c.name in computed ? computed[c.name] : `$${fixed + 1 + constants.indexOf(c)}::${c.type}`));
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO ${seriesTable} (${seriesColumns.map((c) => q(c.name)).join(', ')})
       SELECT ${seriesColumns.map((c) => `${q(c.name)}::${c.type}`).join(', ')}
         FROM unnest(${seriesColumns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS s(${seriesColumns.map((c) => q(c.name)).join(', ')})`,
      seriesColumns.map((c) => series.map((row) => row[c.name])),
    );
    await client.query(
      `INSERT INTO ${blocksTable} (${blockColumns.map((c) => q(c.name)).join(', ')})
       SELECT ${blockValues.join(', ')}
         FROM generate_series(0, $2::int - 1) AS room,
              -- date + integer stays a date, so date + time is a local timestamp (no session TZ).
              (SELECT $3::date + n AS day FROM generate_series(0, $4::int - 1) AS n) AS days`,
      [timezone, resources, firstDay, blocksPerSeries, ...constants.map((c) => blocks[0][c.name])],
    );
  });
}

/** Every contender must leave exactly the adapter's rows, value for value. */
async function assertSameRows(pool, reference, name) {
  const again = await readReference(pool);
  if (JSON.stringify(again.blocks) !== JSON.stringify(reference.blocks) || JSON.stringify(again.series) !== JSON.stringify(reference.series)) {
    throw new Error(`${name} wrote different rows than saveSeries; the comparison would be unfair`);
  }
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn) {
  globalThis.gc?.();
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const cluster = await startCluster({ log: (line) => console.error(line) });
const pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
// Diagnostic only: the same adapter calls without waiting for each commit's WAL flush,
// which shows how much of the gap to the one-transaction floor is 100 durable commits.
const asyncCommitPool = new pg.Pool({ connectionString: cluster.url, max: 4, options: '-c synchronous_commit=off' });
const postgresJs = postgres(cluster.url, { max: 4, onnotice: () => {} });
const kysely = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: cluster.url, max: 4 }) }) });
try {
  const server = (await pool.query('SHOW server_version')).rows[0].server_version;
  console.log(`timeblocks PostgreSQL benchmark — Node ${process.version}, PostgreSQL ${server}, ${cluster.external ? 'DATABASE_URL' : 'throwaway cluster'}\n`);

  await pool.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
  await migrate(pool, { schema });

  // Warm up every path once, and check they agree, before anything is timed.
  await viaAdapter(pool);
  const reference = await readReference(pool);
  if (reference.blocks.length !== resources * blocksPerSeries) {
    throw new Error(`saveSeries wrote ${reference.blocks.length} blocks, expected ${resources * blocksPerSeries}`);
  }
  if (reference.blocks[0].tzdata_version !== tzdataVersion()) throw new Error('unexpected tz version in the stored blocks');
  const contenders = [
    { name: 'timeblocks saveManySeries (one call)', run: () => viaAdapterBulk(pool), samples: [] },
    { name: 'timeblocks saveSeries ×100 (per series)', run: () => viaAdapter(pool), samples: [] },
    { name: '(a) one INSERT per block, one transaction', run: () => onePerRow(pool, reference), samples: [] },
    { name: '(b) INSERT … SELECT generate_series (floor)', run: () => serverSide(pool, reference), samples: [] },
    { name: 'diagnostic: saveSeries ×100, synchronous_commit off', run: () => viaAdapter(asyncCommitPool), samples: [] },
    { name: 'diagnostic: saveSeries ×100, 4 at a time on the pool', run: () => viaAdapterConcurrently(pool, 4), samples: [] },
    { name: 'timeblocks saveManySeries through postgres.js', run: () => viaAdapterBulk(postgresJs), samples: [] },
    { name: 'timeblocks saveManySeries through Kysely', run: () => viaAdapterBulk(kysely), samples: [] },
  ];
  for (const contender of contenders) {
    await reset(pool);
    await contender.run();
    await assertSameRows(pool, reference, contender.name);
  }

  for (let round = 0; round < rounds; round++) {
    for (const contender of contenders) {
      await reset(pool);
      contender.samples.push(await timed(contender.run));
    }
  }

  const rows = contenders.map((c) => ({ ...c, medianMs: median(c.samples), blocksPerSecond: (resources * blocksPerSeries) / (median(c.samples) / 1000) }));
  const [ours, perSeries, perRow, floor] = rows;
  const otherDrivers = rows.filter((r) => r.name.includes(' through '));
  console.log(`Materialize ${resources * blocksPerSeries} blocks over ${resources} resources, exclusion constraint active, ${rounds} rounds\n`);
  console.log(
    formatTable(rows, [
      ['contender', (r) => r.name],
      ['median', (r) => formatMs(r.medianMs)],
      ['min–max', (r) => `${formatMs(Math.min(...r.samples))}–${formatMs(Math.max(...r.samples))}`],
      ['blocks/s', (r) => Math.round(r.blocksPerSecond).toLocaleString('en-US')],
      ['× saveManySeries time', (r) => (r.medianMs / ours.medianMs).toFixed(2)],
    ]),
  );
  console.log('\nTargets (judged on saveManySeries; the per-series saveSeries loop alongside)\n');
  const targetRows = [];
  for (const contender of [ours, perSeries, ...otherDrivers]) {
    const speedupVsPerRow = perRow.medianMs / contender.medianMs;
    const speedVsFloor = floor.medianMs / contender.medianMs;
    targetRows.push(
      { api: contender.name, target: '≥ 3× faster than one INSERT per block', measured: `${speedupVsPerRow.toFixed(2)}×`, pass: speedupVsPerRow >= 3 },
      { api: contender.name, target: '≥ 0.8× the speed of INSERT … SELECT generate_series', measured: `${speedVsFloor.toFixed(2)}×`, pass: speedVsFloor >= 0.8 },
    );
  }
  console.log(formatTable(targetRows, [['api', (t) => t.api], ['target', (t) => t.target], ['measured', (t) => t.measured], ['', (t) => (t.pass ? 'PASS' : 'MISS')]]));

  const bookingTargets = await benchBookings(cluster.url, (line) => console.log(line));
  console.log('Targets (bookings)\n');
  console.log(formatTable(bookingTargets, [['target', (t) => t.target], ['measured', (t) => t.measured], ['', (t) => (t.pass ? 'PASS' : 'MISS')]]));

  const horizonTargets = await benchHorizon(cluster.url, (line) => console.log(line), { rounds });
  console.log('Targets (the nightly job)\n');
  console.log(formatTable(horizonTargets, [['target', (t) => t.target], ['measured', (t) => t.measured], ['', (t) => (t.pass ? 'PASS' : 'MISS')]]));
} finally {
  await Promise.all([pool.end(), asyncCommitPool.end(), postgresJs.end(), kysely.destroy()]);
  await cluster.stop();
}
