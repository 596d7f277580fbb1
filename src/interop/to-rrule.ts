import { requireSeries } from '../series/require-series.js';
import type { Series } from '../series/types.js';
import { recurrenceLines } from './recurrence-lines.js';

/**
 * A series as RFC 5545 text: `DTSTART;TZID=…`, `RRULE:`, and `EXDATE;TZID=…` / `RDATE;TZID=…`
 * when it has them (UTC series use the `Z` forms), one per line, joined with `\n`.
 * `fromRRule` reads it back to a series that expands to the same blocks. The length
 * (`endTime` or `duration`) and non-default DST policies are not part of RRULE text: pass
 * them to `fromRRule` (or use `toICalendar`, which carries them).
 *
 * @param series - a series from `defineSeries`, or raw input (JSON read back), which is validated the same way
 * @throws {InvalidArgumentError} when `series` is not an object, or an override moves an occurrence: only `toICalendar` can carry that
 * @throws {SeriesValidationError} when `series` is raw input that is not a valid series
 *
 * @example
 * toRRule(defineSeries({ id: 's', timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '09:30',
 *   endTime: '10:00', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10', exclude: ['2025-01-08'] }));
 * //=> 'DTSTART;TZID=Europe/Berlin:20250106T093000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10\nEXDATE;TZID=Europe/Berlin:20250108T093000'
 */
export function toRRule(series: Series): string {
  return recurrenceLines(requireSeries(series)).join('\n');
}
