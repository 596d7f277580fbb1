import { ZoneTable } from './zone-table.js';
import { quoteText } from '../show-value.js';

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

/**
 * Zones by name as given, oldest first. Every name here passed `isKnownTimeZone`, but an
 * alias the runtime does not list passes in many cases (US/PACIFIC, US/PaCiFiC…), so the
 * memo is capped and forgets its oldest name; the tables, the costly part, are shared by
 * canonical name, and there are only as many of those as the runtime has zones.
 */
const zones = new Map<string, Zone>();
const maxZoneNames = 1024;
const tables = new Map<string, ZoneTable>();

const utcNames = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

/** IANA-shaped names only: offset strings such as `+05:00` are not zones for us. */
const zoneNamePattern = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether `name` is an IANA time zone this runtime knows, spelled as the tz database spells it. */
export function isKnownTimeZone(name: string): boolean {
  return timeZoneProblem(name) === undefined;
}

/**
 * Why `name` is not a usable zone name, or undefined when it is. Intl accepts any case
 * (`europe/berlin`), but the name is written into RRULE, ICS and the database as given,
 * where other readers look it up case-sensitively; so a wrong case is an error that
 * suggests the right spelling, never a silent rewrite (nor an alias mapping, which differs
 * between ICU builds: Asia/Kolkata vs Asia/Calcutta).
 */
export function timeZoneProblem(name: string): string | undefined {
  if (utcNames.has(name)) return undefined;
  if (validNames.has(name)) return undefined;
  if (!zoneNamePattern.test(name) || !intlAccepts(name)) return `${quoteText(name)} is not a known IANA time zone (such as Europe/Berlin or UTC)`;
  const hint = caseHint(name);
  if (hint !== undefined) return `${quoteText(name)}: ${hint}`;
  if (validNames.size < maxValidNames) validNames.add(name);
  return undefined;
}

/**
 * Names found valid: asking Intl builds a formatter (tens of µs), and every `defineSeries`
 * asks. Only names spelled right are kept, and at most `maxValidNames` of them (an alias
 * the runtime does not list, such as US/Pacific, passes in more than one case), so the set
 * stays small whatever callers pass; bad names are errors, and cost what they cost.
 */
const validNames = new Set<string>();
const maxValidNames = 4096;

/**
 * For a name Intl accepts in some case: how to spell it, or undefined when it is spelled
 * right. An alias this runtime does not list (US/Pacific) cannot be looked up, but every
 * tz database name part starts with a capital, so one that does not is misspelled.
 */
function caseHint(name: string): string | undefined {
  const spelled = listedSpelling(name);
  if (spelled === name) return undefined;
  if (spelled !== undefined) return `time zone names are case-sensitive; did you mean ${spelled}?`;
  if (name.split('/').some((part) => !/^[A-Z]/.test(part))) {
    return 'time zone names are case-sensitive; write it as the tz database does (e.g. America/New_York)';
  }
  return undefined;
}

function intlAccepts(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

let listed: Map<string, string> | undefined;

/** The spelling of `name` among the zones this runtime lists (plus the UTC names), found case-insensitively. */
function listedSpelling(name: string): string | undefined {
  if (listed === undefined) {
    listed = new Map();
    for (const zone of [...Intl.supportedValuesOf('timeZone'), ...utcNames]) listed.set(zone.toLowerCase(), zone);
  }
  return listed.get(name.toLowerCase());
}

/** The zone called `name` (memoized; one table per canonical zone, however many names reach it). */
export function getZone(name: string): Zone {
  let zone = zones.get(name);
  if (zone === undefined) {
    if (!isKnownTimeZone(name)) throw new RangeError(`unknown time zone "${name}"`);
    zone = utcNames.has(name) ? { name, fixedOffset: 0, table: undefined } : { name, fixedOffset: undefined, table: tableOf(name) };
    if (zones.size >= maxZoneNames) zones.delete(zones.keys().next().value!);
    zones.set(name, zone);
  }
  return zone;
}

/** The offset table of the zone `name` stands for, keyed by the canonical name Intl resolves it to. */
function tableOf(name: string): ZoneTable {
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  let table = tables.get(canonical);
  if (table === undefined) tables.set(canonical, (table = new ZoneTable(canonical)));
  return table;
}

/** How many names and tables the zone memo holds (tests check that both stay bounded). */
export function zoneMemoSize(): { names: number; tables: number } {
  return { names: zones.size, tables: tables.size };
}
