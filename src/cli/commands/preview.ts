import { parseArgs } from 'node:util';
import { expand } from '../../expand/expand.js';
import { occurrences } from '../../expand/occurrences.js';
import type { Block, InstantInput } from '../../expand/types.js';
import { toEpochMs } from '../../expand/instant.js';
import { describe as describeSeries } from '../../series/describe.js';
import { defineSeries } from '../../series/define.js';
import type { Series } from '../../series/types.js';
import { TimeblocksError } from '../../errors.js';
import { type PreviewRow, formatBlockTable } from '../block-table.js';
import { CliError, exitCodes } from '../cli-error.js';
import { palette } from '../color.js';
import type { CliIo } from '../io.js';
import { blocksToJson, jsonText } from '../block-json.js';
import { hasSeriesFlags, seriesFlags, seriesFlagsUsage, seriesFromFile, seriesFromFlags } from '../series-source.js';
import { formatters } from '../formats.js';
import { parseLimit } from '../limit.js';
import { renderView, viewFlag, viewKind, viewUsage } from '../views/render-view.js';
import { commandZone, windowInstant } from '../window-flags.js';

export const previewUsage = `Usage: timeblocks preview [<series.json> | -] [series flags] [options]

Shows the blocks of one series: from a JSON file, from stdin (-), or from flags.

${seriesFlagsUsage}
Options:
  --from <time>, --to <time>  window: an ISO 8601 instant with offset (2025-03-01T00:00:00Z),
                              or a local date or date-time (2025-03-24, 2025-03-24T09:00)
                              in the series' zone (--tz with a file names another zone);
                              without --to: the first 20 occurrences from --from or the
                              series' start (a note on stderr says when there are more)
  --limit <n>                 most blocks (default 20 without --to, 100000 with it)
  --format <table|json|ics|rrule|html>   default table; ics and rrule render the whole
                              series (iCalendar, RFC 5545 text), so they take no window
${viewUsage}  -h, --help                  this help
`;

const defaultPreviewCount = 20;

export function preview(io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...io.args],
    options: {
      ...seriesFlags,
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'table' },
      ...viewFlag,
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(previewUsage);
    return exitCodes.ok;
  }
  const series = readOneSeries(io, positionals, values);
  const format = values.format!;
  const formatter = formatters[format];
  if (formatter !== undefined) {
    for (const flag of ['from', 'to', 'limit', 'view'] as const) {
      if (values[flag] !== undefined) throw new CliError(`--${flag}: does not apply to --format ${format}, which renders the whole series`);
    }
    io.stdout(formatter([series]));
    return exitCodes.ok;
  }
  if (format !== 'table' && format !== 'json' && format !== 'html') throw new CliError(`--format: "${format}" is not one of table, json, html, ics, rrule`);

  const limit = values.limit === undefined ? undefined : parseLimit(values.limit);
  // With a file, --tz names the zone of a local --from/--to; with flags it is the series' zone anyway.
  const zone = commandZone(positionals.length === 1 ? values.tz : undefined, [series])!;
  const from = windowInstant('--from', values.from, zone);
  const to = windowInstant('--to', values.to, zone);
  const kind = viewKind(values.view, format);
  if (kind !== undefined) {
    const request = {
      kind,
      format: format as 'table' | 'html',
      zone,
      from: from === undefined ? undefined : toEpochMs(from, 'from'),
      to: to === undefined ? undefined : toEpochMs(to, 'to'),
      anchorSeries: [series],
      source: { command: 'preview' as const, series: [{ series }], byResource: false },
      describe: [`${series.id}: ${describeSeries(series)}`],
      title: `timeblocks preview: ${series.id}`,
      limit,
    };
    io.stdout(renderView(io, request).text);
    return exitCodes.ok;
  }
  const { blocks, more } = previewBlocks(series, from, to, limit);
  // stderr, so that stdout (json above all) stays exactly the blocks.
  if (more) io.stderr(`timeblocks: showing the first ${blocks.length === 1 ? 'occurrence' : `${blocks.length} occurrences`}; use --to or --limit for more\n`);
  if (format === 'json') {
    io.stdout(jsonText(blocksToJson(blocks)));
    return exitCodes.ok;
  }
  io.stdout(formatBlockTable(withSkipped(series, blocks, from, to), series, palette(io.color)));
  return exitCodes.ok;
}

function readOneSeries(io: CliIo, positionals: string[], values: Parameters<typeof seriesFromFlags>[0]): Series {
  if (positionals.length > 1) throw new CliError(`preview takes one series, got ${positionals.length} files`);
  if (positionals.length === 1) {
    if (hasSeriesFlags({ ...values, tz: undefined })) throw new CliError('give a series file or series flags, not both (with a file, --tz only names the zone of --from/--to)');
    const list = seriesFromFile(io, positionals[0]!);
    if (list.length !== 1) throw new CliError(`preview takes one series; ${positionals[0]} holds ${list.length}`);
    return list[0]!;
  }
  return seriesFromFlags(values);
}

/**
 * With a window end: `expand`. Without: the first `limit` (20) blocks from `from` or the
 * start, and whether there are more (one more is pulled to find out).
 */
function previewBlocks(series: Series, from: InstantInput | undefined, to: InstantInput | undefined, limit: number | undefined): { blocks: Block[]; more: boolean } {
  if (to !== undefined) return { blocks: expand(series, { from, to, limit }), more: false };
  const blocks: Block[] = [];
  const count = limit ?? defaultPreviewCount;
  const all = occurrences(series, { from });
  for (let next = all.next(); !next.done; next = all.next()) {
    blocks.push(next.value);
    if (blocks.length === count) break;
  }
  if (blocks.length < count) return { blocks, more: false };
  try {
    return { blocks, more: all.next().done !== true };
  } catch (error) {
    // The next one exists but fails (`dst.nonexistent: 'error'`): still "more", shown with --to.
    if (error instanceof TimeblocksError) return { blocks, more: true };
    throw error;
  }
}

/**
 * Rows for the table. Under `dst.nonexistent: 'skip'` the dropped occurrences are shown
 * too, as "skipped" rows: they are the blocks the `shift` policy would have shifted.
 */
function withSkipped(series: Series, blocks: Block[], from?: InstantInput, to?: InstantInput): PreviewRow[] {
  if (series.dst.nonexistent !== 'skip') return blocks.map((block) => ({ block }));
  const shifted = defineSeries({ ...(JSON.parse(JSON.stringify(series)) as Series), dst: { ...series.dst, nonexistent: 'shift' } });
  const kept = new Map(blocks.map((block) => [block.key, block]));
  const candidates = to === undefined ? occurrences(shifted, { from }) : expand(shifted, { from, to });
  const rows: PreviewRow[] = [];
  let shown = 0;
  for (const block of candidates) {
    if (to === undefined && shown === blocks.length) break;
    const real = kept.get(block.key);
    if (real !== undefined) {
      rows.push({ block: real });
      shown++;
    } else if (block.adjusted?.start === 'shifted') {
      rows.push({ skippedKey: block.key });
    }
  }
  return rows;
}
