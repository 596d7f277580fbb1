import { parseArgs } from 'node:util';
import { toEpochMs } from '../../expand/instant.js';
import { findConflicts } from '../../overlap/find-conflicts.js';
import { describe as describeSeries } from '../../series/describe.js';
import { conflictsToJson, jsonText } from '../block-json.js';
import { CliError, exitCodes } from '../cli-error.js';
import { palette } from '../color.js';
import type { CliIo } from '../io.js';
import { readSeriesFile, type SeriesEntry } from '../series-source.js';
import { formatTable } from '../text-table.js';
import { parseLimit } from '../limit.js';
import { renderView, viewFlag, viewKind, viewUsage } from '../views/render-view.js';
import { commandZone, isLocalWindowText, windowInstant } from '../window-flags.js';
import { visibleText } from '../../show-value.js';

export const checkUsage = `Usage: timeblocks check <series.json>… [options]

Lists the conflicts (overlapping blocks) within and across the given series and exits 1
when there are any, 0 when there are none. A file holds one series or a list of them;
- reads stdin. A series object may name the "resource" its blocks occupy (a room, a person).

Options:
  --from <time>, --to <time>  window: ISO 8601 with offset, or a local date or date-time in
                              --tz (or the zone all the series share); needed for series
                              that never end
  --tz <zone>                 the zone of a local --from/--to and of --view
  --by resource               only blocks of the same resource conflict (every series then
                              names a "resource"); default: all series compete
  --limit <n>                 most blocks per series (default 100000); more is an error
  --format <table|json|html>  default table
${viewUsage}  -h, --help                  this help
`;

export function check(io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...io.args],
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      tz: { type: 'string' },
      by: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'table' },
      ...viewFlag,
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(checkUsage);
    return exitCodes.ok;
  }
  if (positionals.length === 0) throw new CliError('check needs at least one series file (or - for stdin)');
  const format = values.format!;
  if (format !== 'table' && format !== 'json' && format !== 'html') throw new CliError(`--format: "${format}" is not one of table, json, html`);
  if (values.by !== undefined && values.by !== 'resource') throw new CliError(`--by: "${values.by}" is not supported (the one grouping is: --by resource)`);
  const entries: SeriesEntry[] = positionals.flatMap((path) => readSeriesFile(io, path).entries);
  const byResource = values.by === 'resource';
  if (byResource) {
    const unnamed = entries.find((entry) => entry.resource === undefined);
    if (unnamed !== undefined) throw new CliError(`--by resource: series "${unnamed.series.id}" names no "resource"`);
  }
  const seriesList = entries.map((entry) => entry.series);
  const kind = viewKind(values.view, format);
  const needsZone = kind !== undefined ? '--view' : isLocalWindowText(values.from) || isLocalWindowText(values.to) ? 'a local --from/--to' : undefined;
  const zone = commandZone(values.tz, seriesList, needsZone);
  const from = windowInstant('--from', values.from, zone);
  const to = windowInstant('--to', values.to, zone);
  const limit = values.limit === undefined ? undefined : parseLimit(values.limit);
  const resourceOf = new Map(entries.map((entry) => [entry.series.id, entry.resource]));

  if (kind !== undefined) {
    const request = {
      kind,
      format: format as 'table' | 'html',
      zone: zone!,
      from: from === undefined ? undefined : toEpochMs(from, 'from'),
      to: to === undefined ? undefined : toEpochMs(to, 'to'),
      anchorSeries: seriesList,
      source: { command: 'check' as const, series: entries, byResource },
      describe: seriesList.map((series) => `${series.id}: ${describeSeries(series)}`),
      title: `timeblocks check: ${seriesList.length} series`,
      limit,
    };
    const { text, conflicts } = renderView(io, request);
    io.stdout(text);
    return conflicts === 0 ? exitCodes.ok : exitCodes.conflicts;
  }

  const conflicts = findConflicts(seriesList, { from, to }, { limit, ...(byResource ? { by: (series) => resourceOf.get(series.id)! } : {}) });
  if (format === 'json') {
    io.stdout(jsonText(conflictsToJson(conflicts)));
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
