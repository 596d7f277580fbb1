import { InvalidArgumentError } from '../errors.js';
import { BookingConflictError } from './booking-errors.js';
import { BlockConflictError, UnexpectedBlockStatusError } from './errors.js';
import { firstBookingIn } from './held-blocks.js';
import { type Database, type Queryable, rowsOf } from './queryable.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { blockStatuses } from './schema-sql.js';
import { booleanParam, hasLoneSurrogate, readName } from './series-row.js';
import { sqlStateOf, sqlStates } from './sql-errors.js';
import { blockFromRow, type BlockRef, type BlockStatus, epochMsSql, existingBlockFromRow, liveBlockColumns, type LiveBlockRow, type StoredBlock, type StoredBlockRow, storedBlockColumns } from './stored-block.js';
import { inTransaction, RetryTransaction } from './transaction.js';

/** Options of `setBlockStatus`. */
export interface SetBlockStatusOptions extends SchemaOptions {
  /** Change the status only if it is currently this one (or one of these): a booking takes only an `open` block. */
  expected?: BlockStatus | readonly BlockStatus[];
  /** Merged into the block's `metadata` (top-level keys replaced), e.g. a booking reference. */
  metadata?: Record<string, unknown>;
}

/** Options of `lockBlock`. */
export interface LockBlockOptions extends SchemaOptions {
  /** `false` unlocks. Default `true`. */
  locked?: boolean;
}

/**
 * Sets one stored block's status: the booking flow's step (`open` → `booked`, back to
 * `open` on a cancelled booking, `blocked` for maintenance, `cancelled` for one date).
 *
 * With `expected`, the change happens only if the block has that status now, atomically,
 * so two customers can never book the same block. Making a cancelled block live again
 * can clash with a block that took its period since: `BlockConflictError`. An open block
 * that live bookings (`book`) lie in stays open: any other status would leave them outside
 * availability, so it is refused with `BookingConflictError` naming the earliest of them.
 * For a series with `capacity`, `booked` takes the whole block, every seat at once (a
 * private hire of the class); one place in it is taken with `book` over the block's period.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param block - `{ seriesId, key }` of the stored block
 * @param status - `open`, `booked`, `blocked` or `cancelled`
 * @param options - `expected`, `metadata`, `schema`, `prefix`
 * @returns the block as now stored
 * @throws {UnexpectedBlockStatusError} when `expected` is given and the block has another status
 * @throws {BlockConflictError} when the block would become live over another live block
 * @throws {BookingConflictError} when the status would leave the open block's live bookings outside availability
 * @throws {InvalidArgumentError} for a bad `block`, `status`, `expected` or `metadata` (not JSON, or a NUL character), or `block` when no such block is stored
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * const booked = await setBlockStatus(pool, { seriesId: 'room-42-standup', key: '2025-03-24T09:30' }, 'booked',
 *   { expected: 'open', metadata: { bookingId: 'b-17' } });
 * [booked.status, booked.metadata.bookingId];
 * //=> ['booked', 'b-17']
 */
export async function setBlockStatus(db: Database, block: BlockRef, status: BlockStatus, options: SetBlockStatusOptions = {}): Promise<StoredBlock> {
  const names = sqlNames(options);
  const ref = readRef(block);
  const next = readStatus(status, 'status');
  const expected = options.expected === undefined ? null : readExpected(options.expected);
  const metadata = readMetadata(options.metadata);
  return updateBlock(db, names, ref, expected, 'status = $3::text, metadata = b.metadata || $4::text::jsonb', [next, metadata], next !== 'open');
}

/**
 * Locks (or unlocks) one stored block: `regenerate` and `cancelSeries` never change a
 * locked block, whatever its status. The application can still set its status.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param block - `{ seriesId, key }` of the stored block
 * @param options - `locked` (default `true`), `schema`, `prefix`
 * @returns the block as now stored
 * @throws {InvalidArgumentError} for a bad `block` or `locked`, or `block` when no such block is stored
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * (await lockBlock(pool, { seriesId: 'room-42-standup', key: '2025-03-24T09:30' })).locked;
 * //=> true
 */
export async function lockBlock(db: Database, block: BlockRef, options: LockBlockOptions = {}): Promise<StoredBlock> {
  const names = sqlNames(options);
  const ref = readRef(block);
  const locked = options.locked ?? true;
  if (typeof locked !== 'boolean') throw new InvalidArgumentError('locked', `expected true or false, got ${typeof locked}`);
  return updateBlock(db, names, ref, null, 'locked = $3::text::boolean', [booleanParam(locked)]);
}

async function updateBlock(
  db: Database,
  names: SqlNames,
  ref: BlockRef,
  expected: readonly BlockStatus[] | null,
  assignments: string,
  values: unknown[],
  freesNoBooking = false,
): Promise<StoredBlock> {
  return inTransaction(db, async (tx) => {
    const guard = expected === null ? '' : ` and b.status = any($${values.length + 3}::text[])`;
    let updated;
    try {
      updated = await tx.savepoint((sp) => sp.query(
        `update ${names.blocks} b set ${assignments}, updated_at = now() where b.series_id = $1::text and b.key = $2::text${guard} returning ${storedBlockColumns}`,
        [ref.seriesId, ref.key, ...values, ...(expected === null ? [] : [expected])],
      ));
    } catch (error) {
      if (sqlStateOf(error) !== sqlStates.exclusionViolation) throw error;
      throw (await findBlockConflict(tx, names, ref)) ?? new RetryTransaction(`block ${ref.seriesId} ${ref.key} hit a row that has since disappeared`);
    }
    const row = rowsOf<StoredBlockRow>(updated)[0];
    if (row !== undefined) {
      const block = blockFromRow(row);
      // The update locked the row, so a booking inside it has committed and this statement sees it.
      const inside = freesNoBooking ? await firstBookingIn(tx, names, block.resource, block) : undefined;
      if (inside !== undefined) throw new BookingConflictError(block.resource, block, inside, `Block ${block.seriesId} ${block.key}`);
      return block;
    }
    const current = await tx.query(`select status from ${names.blocks} where series_id = $1::text and key = $2::text`, [ref.seriesId, ref.key]);
    const actual = rowsOf<{ status: BlockStatus }>(current)[0]?.status;
    if (actual === undefined) throw new InvalidArgumentError('block', `no stored block has seriesId "${ref.seriesId}" and key "${ref.key}"`);
    // The row we waited on was deleted and its key re-inserted (a concurrent regenerate):
    // the new row qualifies, so run the update again, on it.
    if (expected === null || expected.includes(actual)) {
      throw new RetryTransaction(`block ${ref.seriesId} ${ref.key} was replaced while the update waited for it`);
    }
    throw new UnexpectedBlockStatusError(ref.seriesId, ref.key, expected ?? [], actual);
  });
}

interface OverlapRow extends LiveBlockRow {
  own_start_ms: number | string;
  own_end_ms: number | string;
}

async function findBlockConflict(tx: Queryable, names: SqlNames, ref: BlockRef): Promise<BlockConflictError | undefined> {
  const result = await tx.query(
    `select ${liveBlockColumns},
       ${epochMsSql('lower(me.period)')} as own_start_ms, ${epochMsSql('upper(me.period)')} as own_end_ms
from ${names.blocks} me
join ${names.blocks} b on b.resource = me.resource and b.period && me.period and b.status <> 'cancelled' and b.id <> me.id
where me.series_id = $1::text and me.key = $2::text
order by lower(b.period), b.series_id, b.key
limit 1`,
    [ref.seriesId, ref.key],
  );
  const row = rowsOf<OverlapRow>(result)[0];
  if (row === undefined) return undefined;
  return new BlockConflictError({ seriesId: ref.seriesId, key: ref.key, start: Number(row.own_start_ms), end: Number(row.own_end_ms) }, row.resource, existingBlockFromRow(row));
}

function readRef(block: BlockRef): BlockRef {
  if (typeof block !== 'object' || block === null) throw new InvalidArgumentError('block', 'expected { seriesId, key }');
  return { seriesId: readName(block.seriesId, 'block.seriesId'), key: readName(block.key, 'block.key') };
}

function readStatus(value: unknown, field: string): BlockStatus {
  if (!(blockStatuses as readonly unknown[]).includes(value)) {
    throw new InvalidArgumentError(field, `${JSON.stringify(value) ?? String(value)} is not one of ${blockStatuses.join(', ')}`);
  }
  return value as BlockStatus;
}

function readExpected(value: BlockStatus | readonly BlockStatus[]): BlockStatus[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new InvalidArgumentError('expected', 'must name at least one status');
  return list.map((status, i) => readStatus(status, Array.isArray(value) ? `expected[${i}]` : 'expected'));
}

export function readMetadata(value: unknown): string {
  if (value === undefined) return '{}';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError('metadata', 'expected a plain object of JSON values');
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    // A BigInt, a cycle, a throwing toJSON: the driver would fail the same way, untyped.
    throw new InvalidArgumentError('metadata', `is not JSON-serializable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const nul = pathWithNul(JSON.parse(json) as unknown, 'metadata');
  if (nul !== undefined) throw new InvalidArgumentError('metadata', `${nul.path} contains ${nul.what}, which jsonb cannot hold`);
  return json;
}

/** The path of the first string or key (in the JSON as it will be stored) that contains NUL or a lone surrogate. */
function pathWithNul(value: unknown, path: string): { path: string; what: string } | undefined {
  if (typeof value === 'string') return unstorable(value, path);
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    const badKey = unstorable(key, childPath);
    if (badKey !== undefined) return badKey;
    const found = pathWithNul(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

function unstorable(text: string, path: string): { path: string; what: string } | undefined {
  if (text.includes('\u0000')) return { path, what: 'a NUL character' };
  if (hasLoneSurrogate(text)) return { path, what: 'a lone UTF-16 surrogate' };
  return undefined;
}
