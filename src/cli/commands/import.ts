import { parseArgs } from 'node:util';
import { fromICalendar } from '../../interop/ical/from-icalendar.js';
import type { ImportProblem } from '../../interop/ical/problems.js';
import { describe as describeSeries } from '../../series/describe.js';
import { visibleText } from '../../show-value.js';
import { jsonText } from '../block-json.js';
import { CliError, exitCodes } from '../cli-error.js';
import { type CliIo, readSource } from '../io.js';

export const importUsage = `Usage: timeblocks import <calendar.ics | -> [options]

Reads an iCalendar file (Google, Outlook, Apple… exports and feeds) and prints what was
read: one line per series (its id, the event's summary, and the series in plain English),
then one line per problem (an event left out, and why). --format json prints
{ "series": [...], "problems": [...] }; the series are input for preview, check and slots.

Options:
  --timezone <zone>           IANA zone of floating and all-day times (default: the
                              calendar's X-WR-TIMEZONE; without one, such events are problems)
  --strict                    any problem is an error (exit 2)
  --format <text|json>        default text
  -h, --help                  this help
`;

export function importCalendar(io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...io.args],
    options: { timezone: { type: 'string' }, strict: { type: 'boolean' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(importUsage);
    return exitCodes.ok;
  }
  if (positionals.length !== 1) throw new CliError(`import takes one calendar file (or - for stdin), got ${positionals.length}`);
  if (values.format !== 'text' && values.format !== 'json') throw new CliError(`--format: "${values.format}" is not one of text, json`);
  const { series, problems } = fromICalendar(readSource(io, positionals[0]!), { timezone: values.timezone, strict: values.strict });
  if (values.format === 'json') {
    io.stdout(jsonText({ series, problems }));
    return exitCodes.ok;
  }
  const lines = series.map((one) => {
    const summary = typeof one.meta?.summary === 'string' ? ` "${visibleText(one.meta.summary.replace(/\s+/g, ' ').slice(0, 60))}"` : '';
    return `${visibleText(one.id)}${summary}: ${describeSeries(one)}`;
  });
  for (const problem of problems) lines.push(problemLine(problem));
  lines.push(`${series.length} series, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  io.stdout(lines.map((line) => `${line}\n`).join(''));
  return exitCodes.ok;
}

/** One problem as a line: where (UID, property) and why, invisible characters escaped. */
export function problemLine(problem: ImportProblem): string {
  return `problem: ${problem.uid === '' ? '' : `${visibleText(problem.uid)} `}${problem.property}: ${visibleText(problem.message)}`;
}
