import { parseArgs } from 'node:util';
import { findConflicts } from '../../overlap/find-conflicts.js';
import type { Series } from '../../series/types.js';
import { CliError, exitCodes } from '../cli-error.js';
import { palette } from '../color.js';
import type { CliIo } from '../io.js';
import { seriesFromFile } from '../series-source.js';
import { formatTable } from '../text-table.js';
import { parseLimit } from '../limit.js';
import { jsonText } from '../block-json.js';
import { visibleText } from '../../show-value.js';

export const checkUsage = `Usage: timeblocks check <series.json>… [options]

Lists the conflicts (overlapping blocks) within and across the given series and exits 1
when there are any, 0 when there are none. A file holds one series or a list of them;
- reads stdin.

Options:
  --from <instant>, --to <instant>   window, ISO 8601 with offset; needed for series that never end
  --limit <n>                 most blocks per series (default 100000); more is an error
  --format <table|json>       default table
  -h, --help                  this help
`;

export function check(io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...io.args],
    options: { from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string', default: 'table' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(checkUsage);
    return exitCodes.ok;
  }
  if (positionals.length === 0) throw new CliError('check needs at least one series file (or - for stdin)');
  if (values.format !== 'table' && values.format !== 'json') throw new CliError(`--format: "${values.format}" is not one of table, json`);
  const seriesList: Series[] = positionals.flatMap((path) => seriesFromFile(io, path));
  const limit = values.limit === undefined ? undefined : parseLimit(values.limit);
  const conflicts = findConflicts(seriesList, { from: values.from, to: values.to }, { limit });
  if (values.format === 'json') {
    const iso = (ms: number) => new Date(ms).toISOString();
    const rows = conflicts.map(({ a, b, start, end }) => ({
      a: { seriesId: a.seriesId, key: a.key },
      b: { seriesId: b.seriesId, key: b.key },
      start: iso(start),
      end: iso(end),
    }));
    io.stdout(jsonText(rows));
  } else if (conflicts.length === 0) {
    io.stdout(`no conflicts among ${seriesList.length} series\n`);
  } else {
    const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    const rows = conflicts.map(({ a, b, start, end }, i) => [String(i + 1), visibleText(a.seriesId), a.key, visibleText(b.seriesId), b.key, `${utc(start)} – ${utc(end)} UTC`]);
    io.stdout(formatTable(['#', 'series', 'key', 'conflicts with', 'key', 'overlap'], rows, palette(io.color)));
    io.stdout(`${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}\n`);
  }
  return conflicts.length === 0 ? exitCodes.ok : exitCodes.conflicts;
}
