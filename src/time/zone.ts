import { ZoneTable } from './zone-table.js';

/**
 * A time zone as the rest of the library sees it: a table of constant-offset segments.
 * `fixed` zones (UTC) have one segment forever.
 */
export interface Zone {
  readonly name: string;
  /** Set for zones whose offset never changes. */
  readonly fixedOffset: number | undefined;
  readonly table: ZoneTable | undefined;
}

const zones = new Map<string, Zone>();

const utcNames = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

/** IANA-shaped names only: offset strings such as `+05:00` are not zones for us. */
const zoneNamePattern = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether `name` is an IANA time zone this runtime knows. */
export function isKnownTimeZone(name: string): boolean {
  if (utcNames.has(name)) return true;
  if (!zoneNamePattern.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone called `name` (memoized; one Intl formatter and one table per zone). */
export function getZone(name: string): Zone {
  let zone = zones.get(name);
  if (zone === undefined) {
    if (!isKnownTimeZone(name)) throw new RangeError(`unknown time zone "${name}"`);
    zone = utcNames.has(name)
      ? { name, fixedOffset: 0, table: undefined }
      : { name, fixedOffset: undefined, table: new ZoneTable(name) };
    zones.set(name, zone);
  }
  return zone;
}
