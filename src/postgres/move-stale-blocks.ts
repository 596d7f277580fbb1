import type { Block } from '../expand/types.js';
import type { DriverTransaction } from './driver/driver.js';
import { rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { instantParam } from './series-row.js';
import { sqlStateOf, sqlStates } from './sql-errors.js';
import { adjustedParam, type CandidateRow } from './stale-blocks.js';
import { type ExistingBlock, existingBlockFromRow, liveBlockColumns, type LiveBlockRow } from './stored-block.js';
import { RetryTransaction } from './transaction.js';

/** An open, unlocked stale row of one series and the block it should become. */
export interface Move {
  readonly row: CandidateRow;
  readonly to: Block;
}

/** What `moveStaleBlocks` did: the moves made, and those refused with the block each would hit. */
export interface MoveOutcome {
  readonly moved: readonly Move[];
  readonly clashed: ReadonlyArray<{ readonly move: Move; readonly existing: ExistingBlock }>;
}

// Each pass drops at least one refused move, so passes are few; past this many, concurrent
// writers keep taking the places: the whole transaction is tried again.
const maxPasses = 4;

/**
 * Moves one series' stale rows to their current periods through the exclusion
 * constraint, inside the caller's transaction.
 *
 * The rows are first parked (status `cancelled`, which the constraint ignores) and then
 * placed at their new periods in one statement, so that rows of the series which trade
 * places (an hourly series all shifted by an hour) never meet half-way. When the
 * constraint refuses (`23P01`), the savepoint is rolled back, the moves that would clash
 * are found — with a live row of the resource, or with another move — and dropped, as
 * are the moves onto a place a dropped row keeps; the rest are tried again. A clash is
 * reported, never forced.
 */
export async function moveStaleBlocks(tx: DriverTransaction, names: SqlNames, moves: readonly Move[], version: string): Promise<MoveOutcome> {
  if (moves.length === 0) return { moved: [], clashed: [] };
  // One series, one resource: every statement names it, so on Citus each runs on one shard.
  const resource = moves[0]!.row.resource;
  let pending = [...moves];
  const clashed: Array<{ move: Move; existing: ExistingBlock }> = [];
  for (let pass = 1; pending.length > 0; pass++) {
    try {
      await tx.savepoint(async (sp) => {
        await sp.query(`update ${names.blocks} set status = 'cancelled' where resource = $1::text and id = any($2::text[]::bigint[])`, [resource, pending.map((move) => move.row.id)]);
        await place(sp, names, resource, pending, version);
      });
      break;
    } catch (error) {
      if (sqlStateOf(error) !== sqlStates.exclusionViolation) throw error;
    }
    const refused = await findClashes(tx, names, pending);
    // The constraint said no but nothing clashes now: the row hit is gone, or writers race us.
    if (refused.length === 0 || pass === maxPasses) throw new RetryTransaction(`moving stale blocks of series "${pending[0]!.row.series_id}" kept clashing`);
    for (const refusal of refused) clashed.push(refusal); // a loop: a spread of 10^5+ items overflows the stack
    const dropped = new Set(refused.map(({ move }) => move));
    pending = pending.filter((move) => !dropped.has(move));
  }
  return { moved: pending, clashed };
}

/** Puts parked rows at their new periods, open again, stamped with the running tz version. */
async function place(tx: DriverTransaction, names: SqlNames, resource: string, moves: readonly Move[], version: string): Promise<void> {
  await tx.query(
    `update ${names.blocks} b set period = tstzrange(n.start_at, n.end_at, '[)'), status = 'open', adjusted = nullif(n.adjusted, '')::jsonb,
  tzdata_version = $5::text, updated_at = now()
from unnest($1::text[]::bigint[], $2::text[]::timestamptz[], $3::text[]::timestamptz[], $4::text[]) as n(id, start_at, end_at, adjusted)
where b.resource = $6::text and b.id = n.id`,
    [moves.map((m) => m.row.id), moves.map((m) => instantParam(m.to.start)), moves.map((m) => instantParam(m.to.end)), moves.map((m) => adjustedParam(m.to.adjusted)), version, resource],
  );
}

interface HitRow extends LiveBlockRow {
  ordinal: number | string;
}

/**
 * The moves that cannot be made, each with the block it would hit, until what is left
 * fits: first those whose new period overlaps a live row other than the moving ones (read
 * from the table, committed rows included), then moves overlapping an earlier move's new
 * period, then — repeatedly — moves onto the stored period of a row that stays put.
 */
async function findClashes(tx: DriverTransaction, names: SqlNames, moves: readonly Move[]): Promise<Array<{ move: Move; existing: ExistingBlock }>> {
  const result = await tx.query(
    `select distinct on (n.ordinal) n.ordinal, ${liveBlockColumns}
from unnest($1::text[], $2::text[]::timestamptz[], $3::text[]::timestamptz[]) with ordinality as n(resource, start_at, end_at, ordinal)
join ${names.blocks} b on b.resource = n.resource and b.status <> 'cancelled' and b.period && tstzrange(n.start_at, n.end_at, '[)')
where b.id <> all($4::text[]::bigint[])
order by n.ordinal, lower(b.period), b.series_id, b.key`,
    [moves.map((m) => m.row.resource), moves.map((m) => instantParam(m.to.start)), moves.map((m) => instantParam(m.to.end)), moves.map((m) => m.row.id)],
  );
  const refused = new Map<Move, ExistingBlock>();
  for (const row of rowsOf<HitRow>(result)) refused.set(moves[Number(row.ordinal) - 1]!, existingBlockFromRow(row));
  // Moves whose new periods overlap each other: the later one (in key order) gives way.
  const placed: Move[] = [];
  for (const move of moves) {
    if (refused.has(move)) continue;
    const other = placed.find((p) => overlaps(p.to, move.to));
    if (other === undefined) placed.push(move);
    else refused.set(move, asExisting(other, other.to));
  }
  // A refused row stays where it is, so a move onto its stored period cannot be made either.
  for (let changed = true; changed; ) {
    changed = false;
    for (const move of moves) {
      if (refused.has(move)) continue;
      const staying = [...refused.keys()].find((r) => overlaps(storedSpan(r.row), move.to));
      if (staying !== undefined) {
        refused.set(move, asExisting(staying, storedSpan(staying.row)));
        changed = true;
      }
    }
  }
  return moves.filter((move) => refused.has(move)).map((move) => ({ move, existing: refused.get(move)! }));
}

function storedSpan(row: CandidateRow): { start: number; end: number } {
  return { start: Number(row.start_ms), end: Number(row.end_ms) };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function asExisting(move: Move, span: { start: number; end: number }): ExistingBlock {
  return { seriesId: move.row.series_id, key: move.row.key, resource: move.row.resource, start: span.start, end: span.end, status: 'open' };
}
