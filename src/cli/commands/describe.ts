import { parseArgs } from 'node:util';
import { describe as describeSeries } from '../../series/describe.js';
import { CliError, exitCodes } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { visibleText } from '../../show-value.js';
import { hasSeriesFlags, seriesFlags, seriesFlagsUsage, readSeriesFile, seriesFromFlags } from '../series-source.js';

export const describeUsage = `Usage: timeblocks describe [<series.json> | -] [series flags]

Prints a series in plain English, e.g.
  Every 2 weeks on Monday and Thursday, 22:00–06:00 (next day), Europe/Berlin,
  from 6 Jan 2025 until 31 Dec 2025, except 3 dates
(on one line). The series comes from a JSON file, from stdin (-), or from flags. A file
holding a list of series prints one line for each, as "<id>: <description>".

${seriesFlagsUsage}
Options:
  -h, --help                  this help
`;

export function describe(io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...io.args],
    options: { ...seriesFlags, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(describeUsage);
    return exitCodes.ok;
  }
  if (positionals.length > 1) throw new CliError(`describe takes one series file (or - for stdin), got ${positionals.length}`);
  if (positionals.length === 1) {
    if (hasSeriesFlags(values)) throw new CliError('give a series file or series flags, not both');
    const { entries, isList } = readSeriesFile(io, positionals[0]!);
    // Ids are shown with invisible characters escaped: a bidi override must not reorder the line.
    const lines = entries.map(({ series: one }) => (isList ? `${visibleText(one.id)}: ${describeSeries(one)}` : describeSeries(one)));
    io.stdout(lines.map((line) => `${line}\n`).join(''));
    return exitCodes.ok;
  }
  io.stdout(`${describeSeries(seriesFromFlags(values))}\n`);
  return exitCodes.ok;
}
