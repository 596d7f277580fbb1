import { ExpansionLimitError, InvalidArgumentError } from '../errors.js';
import { maxInstant, minInstant } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import { type DurationInput, freeSlots, type FreeSlotsOptions, readBuffer } from '../overlap/free-slots.js';
import type { TimeInterval } from '../overlap/interval.js';
import { showValue } from '../show-value.js';
import { compareText } from './booking.js';
import { extendHorizon } from './extend-horizon.js';
import { type Database, rowsOf } from './queryable.js';
import { type ReadWindow, readQuery, readWindow } from './read-query.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { instantParam, readName, readOptions } from './series-row.js';
import { epochMsSql } from './stored-block.js';

/** Options of `findFreeSlots`: `freeSlots`' options, with stored availability and bookings. */
export interface FindFreeSlotsOptions extends SchemaOptions {
  /** The resources to search (1 to 1 000): each slot names the one it belongs to. */
  resources: readonly string[];
  /** The window to search, `[from, to)`. */
  window: ReadWindow;
  /** Length of a slot: milliseconds or an ISO 8601 duration such as `PT30M`. */
  duration: DurationInput;
  /** Distance between slot starts. Default: `duration`. */
  step?: DurationInput;
  /** Time kept free around each booking: one length for both sides, or `{ before, after }`. Default 0. */
  buffer?: FreeSlotsOptions['buffer'];
  /** Align slot starts to local midnight plus multiples of `step` in this zone. */
  grid?: { timezone: string };
  /** No slot starts before this instant (pass "now"; the clock is never read). */
  notBefore?: InstantInput;
  /** Most slots to return before `ExpansionLimitError`. Default 100 000, as `freeSlots`. */
  limit?: number;
  /**
   * When the window reaches past the horizon of a never-ending series of these resources,
   * run `extendHorizon` up to `window.to` first (every due series, as the nightly job
   * does) instead of refusing. Default `false`.
   */
  extendHorizon?: boolean;
}

/** A bookable slot of one resource: pass it to `book` as it is. */
export interface FreeSlot {
  readonly resource: string;
  readonly start: number;
  readonly end: number;
}

/** The most resources one call searches. */
export const maxResources = 1000;

const optionKeys = ['resources', 'window', 'duration', 'step', 'buffer', 'grid', 'notBefore', 'limit', 'extendHorizon', 'schema', 'prefix'];

interface Row {
  kind: 'a' | 'b' | 'h';
  resource: string;
  start_ms: number | string;
  end_ms: number | string | null;
  n: number | null;
  series_id: string | null;
}

interface Seated extends TimeInterval {
  readonly n: number;
}

/**
 * Free slots of stored resources: their live availability (open blocks) minus their live
 * bookings, cut by the core's `freeSlots`, each slot labelled with its resource and
 * sorted by start, end and resource. Every slot is one `book` would accept: with
 * capacity, a slot is offered where one seat is free over the whole of it (the seat
 * `book` takes), and `buffer` keeps time free around each booking on its seat.
 *
 * One query reads everything for all resources. A window that reaches past the stored
 * horizon of a never-ending series of these resources is refused, naming the series and
 * its horizon (an empty list there would say "fully booked"), unless `extendHorizon: true`.
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param options - `resources`, `window`, `duration`, optional `step`, `buffer`, `grid`, `notBefore`, `limit`, `extendHorizon`, `schema`, `prefix`
 * @returns the slots `{ resource, start, end }`, sorted
 * @throws {InvalidArgumentError} naming `window.to` when the window reaches past a never-ending series' horizon; for bad `resources` (empty, more than 1 000, a bad name), or any option `freeSlots` refuses
 * @throws {ExpansionLimitError} when there are more than `limit` slots
 *
 * @example
 * const slots = await findFreeSlots(pool, { resources: ['dr-ana', 'dr-ben'], duration: 'PT30M',
 *   window: { from: '2025-03-10T00:00:00+01:00', to: '2025-03-15T00:00:00+01:00' } });
 * [slots[0].resource, new Date(slots[0].start).toISOString()];
 * //=> ['dr-ana', '2025-03-10T08:00:00.000Z']   (Ana's first free half hour, 09:00 Berlin)
 * await book(pool, { ...slots[0], ref: 'patient-42' });
 */
export async function findFreeSlots(db: Database, options: FindFreeSlotsOptions): Promise<FreeSlot[]> {
  const opts = readOptions(options, "{ resources: ['dr-ana'], window: { from, to }, duration: 'PT30M' }");
  for (const key of Object.keys(opts)) if (!optionKeys.includes(key)) throw new InvalidArgumentError(key, `unknown option (known: ${optionKeys.join(', ')})`);
  const names = sqlNames(opts);
  const resources = readResources(opts.resources);
  const window = readWindow(opts.window);
  if (opts.extendHorizon !== undefined && typeof opts.extendHorizon !== 'boolean') {
    throw new InvalidArgumentError('extendHorizon', `expected true or false, got ${showValue(opts.extendHorizon)}`);
  }
  const core = {
    window: { from: window.start, to: window.end },
    duration: opts.duration,
    ...(opts.step === undefined ? {} : { step: opts.step }),
    ...(opts.buffer === undefined ? {} : { buffer: opts.buffer }),
    ...(opts.grid === undefined ? {} : { grid: opts.grid }),
    ...(opts.notBefore === undefined ? {} : { notBefore: opts.notBefore }),
    ...(opts.limit === undefined ? {} : { limit: opts.limit }),
  };
  // Every option freeSlots takes is checked before any SQL runs: it validates them all on no availability.
  freeSlots({ ...core, availability: [] });
  const buffer = readBuffer(opts.buffer);

  let rows = await readStored(db, names, resources, window, buffer);
  if (rows.some((row) => row.kind === 'h') && opts.extendHorizon === true) {
    await extendHorizon(db, { until: window.end, ...(opts.schema === undefined ? {} : { schema: opts.schema }), ...(opts.prefix === undefined ? {} : { prefix: opts.prefix }) });
    rows = await readStored(db, names, resources, window, buffer);
  }
  const short = rows.find((row) => row.kind === 'h');
  if (short !== undefined) {
    throw new InvalidArgumentError(
      'window.to',
      `reaches past the horizon of series ${JSON.stringify(short.series_id?.slice(0, 200))} (resource ${JSON.stringify(short.resource.slice(0, 200))}), ` +
        `stored up to ${new Date(Number(short.start_ms)).toISOString()}: run extendHorizon first, or pass extendHorizon: true`,
    );
  }

  const slots: FreeSlot[] = [];
  for (const [resource, stored] of byResource(rows)) {
    for (const slot of slotsOfResource(stored.blocks, stored.bookings, core)) slots.push({ resource, start: slot.start, end: slot.end });
  }
  const limit = opts.limit ?? Infinity;
  if (slots.length > limit) throw new ExpansionLimitError('', limit, { subject: 'findFreeSlots', unit: 'slots', hint: 'lengthen `step`' });
  return slots.sort((a, b) => a.start - b.start || a.end - b.end || compareText(a.resource, b.resource)).map((slot) => Object.freeze(slot));
}

function readResources(value: unknown): string[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError('resources', `expected an array of resource names, got ${showValue(value)}`);
  if (value.length === 0) throw new InvalidArgumentError('resources', 'must name at least one resource');
  if (value.length > maxResources) throw new InvalidArgumentError('resources', `names ${value.length} resources; at most ${maxResources} per call`);
  return [...new Set(value.map((resource: unknown, i) => readName(resource, `resources[${i}]`)))];
}

/**
 * Open blocks (with their series' capacity), live bookings that can touch the window
 * (widened by the buffer) and never-ending series stored short of `window.to`: one query.
 */
async function readStored(db: Database, names: SqlNames, resources: readonly string[], window: TimeInterval, buffer: { before: number; after: number }): Promise<Row[]> {
  const result = await readQuery(
    db,
    `select 'a' as kind, b.resource, ${epochMsSql('lower(b.period)')} as start_ms, ${epochMsSql('upper(b.period)')} as end_ms, s.capacity as n, null::text as series_id
from ${names.blocks} b join ${names.series} s on s.id = b.series_id and s.resource = b.resource
where b.resource = any($1::text[]) and b.status = 'open' and b.period && tstzrange($2::text::timestamptz, $3::text::timestamptz, '[)')
union all
select 'b', k.resource, ${epochMsSql('lower(k.period)')}, ${epochMsSql('upper(k.period)')}, k.seat, null
from ${names.bookings} k
where k.resource = any($1::text[]) and k.status = 'live' and k.period && tstzrange($4::text::timestamptz, $5::text::timestamptz, '[)')
union all
select 'h', s.resource, ${epochMsSql('s.materialized_until')}, null, null, s.id
from ${names.series} s
where s.resource = any($1::text[]) and s.open_ended and s.materialized_until < $3::text::timestamptz
  and (s.cancelled_from is null or s.materialized_until < s.cancelled_from)`,
    [
      resources,
      instantParam(window.start),
      instantParam(window.end),
      instantParam(Math.max(window.start - buffer.after, minInstant)),
      instantParam(Math.min(window.end + buffer.before, maxInstant - 1)),
    ],
  );
  return rowsOf<Row>(result);
}

function byResource(rows: readonly Row[]): Map<string, { blocks: Seated[]; bookings: Seated[] }> {
  const grouped = new Map<string, { blocks: Seated[]; bookings: Seated[] }>();
  for (const row of rows) {
    if (row.kind === 'h') continue;
    let entry = grouped.get(row.resource);
    if (entry === undefined) grouped.set(row.resource, (entry = { blocks: [], bookings: [] }));
    (row.kind === 'a' ? entry.blocks : entry.bookings).push({ start: Number(row.start_ms), end: Number(row.end_ms), n: Number(row.n) });
  }
  return grouped;
}

/**
 * Slots of one resource: for each seat s, the blocks offering it (capacity ≥ s) minus the
 * bookings on it; a slot free on any seat is free. Seats above every booked one differ
 * only where a capacity ends, so only those seats are cut, not every seat up to capacity.
 */
function slotsOfResource(blocks: readonly Seated[], bookings: readonly Seated[], core: Omit<FreeSlotsOptions, 'availability'>): TimeInterval[] {
  const capacities = new Set(blocks.map((block) => block.n));
  const most = Math.max(0, ...capacities);
  const seats = new Set<number>();
  const highestBooked = Math.max(0, ...bookings.map((booking) => booking.n));
  for (let seat = 1; seat <= Math.min(highestBooked + 1, most); seat++) seats.add(seat);
  for (const capacity of capacities) if (capacity + 1 <= most && capacity + 1 > highestBooked) seats.add(capacity + 1);
  const slots = new Map<number, TimeInterval>();
  for (const seat of seats) {
    const availability = blocks.filter((block) => block.n >= seat).map(({ start, end }) => ({ start, end }));
    const busy = bookings.filter((booking) => booking.n === seat).map(({ start, end }) => ({ start, end }));
    for (const slot of freeSlots({ ...core, availability, busy })) slots.set(slot.start, slot);
  }
  return [...slots.values()];
}
