import { InvalidArgumentError } from '../errors.js';
import { showValue } from '../show-value.js';
import { epochMsSql } from './stored-block.js';

/** A booking's status: `cancelled` bookings keep their row but hold no seat. */
export type BookingStatus = 'live' | 'cancelled';

/** A stored booking: an interval of a resource, inside its availability. */
export interface Booking {
  /** The database's id (a bigint, as decimal text). */
  readonly id: string;
  readonly resource: string;
  /** `[start, end)` in epoch milliseconds. */
  readonly start: number;
  readonly end: number;
  /** The place taken, 1..capacity of the availability it lies in (always 1 with capacity 1). */
  readonly seat: number;
  /** The application's reference (an appointment id, a patient), or `null`. */
  readonly ref: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly status: BookingStatus;
}

/** The select list that `bookingFromRow` reads, for a bookings table aliased `k`. */
export const bookingColumns = [
  'k.id::text as id',
  'k.resource',
  `${epochMsSql('lower(k.period)')} as start_ms`,
  `${epochMsSql('upper(k.period)')} as end_ms`,
  'k.seat',
  'k.ref',
  'k.metadata',
  'k.status',
].join(', ');

export interface BookingRow {
  id: string;
  resource: string;
  start_ms: number | string;
  end_ms: number | string;
  seat: number;
  ref: string | null;
  metadata: Record<string, unknown>;
  status: BookingStatus;
}

/** A row selected with `bookingColumns` as a frozen `Booking`. */
export function bookingFromRow(row: BookingRow): Booking {
  return Object.freeze({
    id: row.id,
    resource: row.resource,
    start: Number(row.start_ms),
    end: Number(row.end_ms),
    seat: Number(row.seat),
    ref: row.ref,
    metadata: Object.freeze({ ...row.metadata }),
    status: row.status,
  });
}

/** Bookings in the order every reading call returns them: start, end, resource, seat, id. */
export function compareBookings(a: Booking, b: Booking): number {
  return a.start - b.start || a.end - b.end || compareText(a.resource, b.resource) || a.seat - b.seat || compareId(a.id, b.id);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareId(a: string, b: string): number {
  return a.length - b.length || compareText(a, b);
}

const maxBigint = 9223372036854775807n;

/** A booking id: its decimal text, or a positive safe integer. */
export function readBookingId(value: unknown, field = 'id'): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9]\d{0,18}$/.test(text) || BigInt(text) > maxBigint) {
    throw new InvalidArgumentError(field, `expected a booking id (a positive integer or its decimal text), got ${showValue(value)}`);
  }
  return text;
}

/** Longest `ref`, in UTF-16 code units: a reference, not a document (use `metadata`). */
export const maxRefLength = 1000;

/** An optional application reference. */
export function readRef(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InvalidArgumentError('ref', `expected a string, got ${showValue(value)}`);
  if (value.length > maxRefLength) throw new InvalidArgumentError('ref', `is ${value.length} characters long; at most ${maxRefLength} are allowed`);
  if (value.includes('\u0000')) throw new InvalidArgumentError('ref', 'must not contain a NUL character (PostgreSQL text cannot hold one)');
  if (/[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    throw new InvalidArgumentError('ref', 'contains a lone UTF-16 surrogate, which is not text PostgreSQL can store');
  }
  return value;
}
