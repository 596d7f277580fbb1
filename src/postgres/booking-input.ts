import { InvalidArgumentError } from '../errors.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import type { TimeInterval } from '../overlap/interval.js';
import { readMetadata } from './block-status.js';

/** Most characters of a booking's metadata as JSON: application data, not a document store. */
export const maxMetadataJsonLength = 65_536;

/** `start` and `end` of a booking: instants as the core takes them, `end` after `start`. */
export function readInterval(start: InstantInput | undefined, end: InstantInput | undefined): TimeInterval {
  if (start === undefined) throw new InvalidArgumentError('start', 'is required');
  if (end === undefined) throw new InvalidArgumentError('end', 'is required');
  const interval = { start: toEpochMs(start, 'start'), end: toEpochMs(end, 'end') };
  if (interval.end <= interval.start) throw new InvalidArgumentError('end', 'must be after start');
  return interval;
}

/** A booking's metadata as the JSON text stored (`{}` when absent), within its size cap. */
export function readBookingMetadata(value: unknown): string {
  const json = readMetadata(value);
  if (json.length > maxMetadataJsonLength) {
    throw new InvalidArgumentError('metadata', `is ${json.length} characters of JSON; at most ${maxMetadataJsonLength} are allowed`);
  }
  return json;
}
