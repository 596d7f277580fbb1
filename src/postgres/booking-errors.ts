import { TimeblocksError } from '../errors.js';
import type { TimeInterval } from '../overlap/interval.js';
import type { Booking } from './booking.js';

function period(interval: TimeInterval): string {
  return `[${new Date(interval.start).toISOString()}, ${new Date(interval.end).toISOString()})`;
}

/**
 * A booking (or a change to availability) ran into a live booking: every seat of the
 * resource is taken somewhere in the requested interval. Nothing of the call was written.
 */
export class BookingConflictError extends TimeblocksError {
  override name = 'BookingConflictError';
  readonly resource: string;
  /** The interval that did not fit, epoch ms. */
  readonly requested: TimeInterval;
  /** The live booking it hit (the earliest, when several). */
  readonly existing: Booking;
  constructor(resource: string, requested: TimeInterval, existing: Booking, what = 'Booking') {
    super(`${what} ${period(requested)} on resource "${resource.slice(0, 200)}" overlaps live booking ${existing.id} ${period(existing)} (seat ${existing.seat})`);
    this.resource = resource;
    this.requested = Object.freeze({ start: requested.start, end: requested.end });
    this.existing = existing;
  }
}

/**
 * A booking would lie (partly) outside the resource's live availability: no open block
 * covers `uncovered`. Nothing was written.
 */
export class OutsideAvailabilityError extends TimeblocksError {
  override name = 'OutsideAvailabilityError';
  readonly resource: string;
  readonly requested: TimeInterval;
  /** The first stretch of `requested` that no open block of the resource covers. */
  readonly uncovered: TimeInterval;
  constructor(resource: string, requested: TimeInterval, uncovered: TimeInterval) {
    super(`Booking ${period(requested)} on resource "${resource.slice(0, 200)}" is outside its availability: nothing is open in ${period(uncovered)}`);
    this.resource = resource;
    this.requested = Object.freeze({ start: requested.start, end: requested.end });
    this.uncovered = Object.freeze({ start: uncovered.start, end: uncovered.end });
  }
}
