import { InvalidArgumentError } from '../errors.js';
import { toICalendar, toRRule } from '../interop/index.js';
import type { Series } from '../series/types.js';
import { CliError } from './cli-error.js';

/**
 * Output formats that render series rather than blocks: the whole series, never a window
 * of it. `ics` is a complete VCALENDAR (CRLF line ends, as RFC 5545 wants); `rrule` is the
 * DTSTART/RRULE/EXDATE/RDATE text of each series, a blank line between series.
 */
export const formatters: Record<string, ((series: readonly Series[]) => string) | undefined> = {
  ics: (series) => toICalendar(series),
  rrule: (series) => `${series.map(rruleText).join('\n\n')}\n`,
};

/** RRULE text cannot carry a moved occurrence: say so in the CLI's terms. */
function rruleText(series: Series): string {
  try {
    return toRRule(series);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new CliError(`--format rrule: ${error.message.replace(/use toICalendar$/, 'use --format ics')}`);
  }
}
