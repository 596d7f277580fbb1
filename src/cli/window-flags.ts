import type { InstantInput } from '../expand/types.js';
import type { Series } from '../series/types.js';
import { wallToInstant } from '../time/convert.js';
import { parseLocalDate, parseLocalDateTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { timeZoneProblem } from '../time/zone.js';
import { CliError } from './cli-error.js';

/** A local date (`2025-03-24`) or date-time (`2025-03-24T09:00[:ss]`): no offset, no `Z`. */
const localPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;

/**
 * The zone the command reads local dates and draws calendars in: `--tz` when given, else
 * the one zone every series shares. Series in several zones and no `--tz` is an error only
 * when a zone is needed (`needed` names what needs it), never a guess.
 */
export function commandZone(tz: string | undefined, series: readonly Series[], needed?: string): string | undefined {
  if (tz !== undefined) {
    const problem = timeZoneProblem(tz.length > 60 ? `${tz.slice(0, 60)}…` : tz);
    if (problem !== undefined) throw new CliError(`--tz: ${problem}`);
    return tz;
  }
  const zones = [...new Set(series.map((one) => one.timezone))];
  if (zones.length === 1) return zones[0];
  if (needed !== undefined && zones.length > 1) {
    const shown = zones.slice(0, 3).join(', ') + (zones.length > 3 ? ', …' : '');
    throw new CliError(`${needed} needs one time zone, but the series use ${zones.length} (${shown}): give --tz`);
  }
  return undefined;
}

/** Whether a window flag is a local date or date-time, which needs a zone to name an instant. */
export function isLocalWindowText(text: string | undefined): boolean {
  return text !== undefined && localPattern.test(text);
}

/**
 * `--from`/`--to`: an ISO instant with an offset passes through to the library (which
 * checks it); a local date means that day's first instant in `zone`, a local date-time
 * that wall time there (a time in a gap moves forward, a repeated one takes the earlier
 * instant, as series times do).
 */
export function windowInstant(flag: '--from' | '--to', text: string | undefined, zone: string | undefined): InstantInput | undefined {
  if (text === undefined || !isLocalWindowText(text)) return text;
  if (zone === undefined) throw new CliError(`${flag}: "${text}" has no UTC offset; give --tz to read it as a local time, or add Z or an offset such as +01:00`);
  const wall = text.includes('T') ? parseLocalDateTime(text) : localDayWall(text);
  if (typeof wall === 'string') throw new CliError(`${flag}: ${wall}`);
  return wallToInstant(zone, wall);
}

function localDayWall(text: string): number | string {
  const day = parseLocalDate(text);
  return typeof day === 'string' ? day : day * milliInDay;
}
