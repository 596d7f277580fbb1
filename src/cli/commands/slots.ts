import { parseArgs } from 'node:util';
import { toEpochMs } from '../../expand/instant.js';
import { expand } from '../../expand/expand.js';
import { toZonedIso } from '../../expand/block-view.js';
import { freeSlots } from '../../overlap/free-slots.js';
import type { TimeInterval } from '../../overlap/interval.js';
import type { Series } from '../../series/types.js';
import { InvalidArgumentError } from '../../errors.js';
import { CliError, exitCodes } from '../cli-error.js';
import { palette } from '../color.js';
import { type CliIo, parseJson, readSource } from '../io.js';
import { seriesFromFile } from '../series-source.js';
import { parseLimit } from '../limit.js';
import { formatTable } from '../text-table.js';
import { jsonText } from '../block-json.js';
import { busyBlocks } from '../../interop/ical/busy-blocks.js';
import { fromICalendar } from '../../interop/ical/from-icalendar.js';
import { problemLine } from './import.js';

export const slotsUsage = `Usage: timeblocks slots --availability <series.json> --duration <ISO 8601> --from <instant> --to <instant> [options]

Lists free slots: the availability series minus the busy blocks, cut into slots.

Options:
  --availability <file>       series JSON (one or a list): when booking is possible
  --busy <file>               what is taken: series JSON, or a list of blocks { start, end }
                              (ISO 8601 instants with offset, or epoch ms)
  --busy-ics <file.ics>       what is taken, from a calendar: its events' blocks in the
                              window (cancelled and "free" events left out); problems
                              are printed on stderr as warnings
  --ics-timezone <zone>       zone of the calendar's floating and all-day times
                              (default: its X-WR-TIMEZONE)
  --duration <ISO 8601>       slot length, e.g. PT30M
  --step <ISO 8601>           distance between slot starts (default: the duration)
  --buffer <ISO 8601>         free time kept before and after each busy block
  --grid <zone>               align starts to the local :00/:30… grid of this zone
  --from <instant>, --to <instant>   the window, ISO 8601 with offset
  --not-before <instant>      no slot starts earlier
  --limit <n>                 most slots (default 100000); more is an error, never a cut
  --format <table|json>       default table
  -h, --help                  this help
`;

export function slots(io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...io.args],
    options: {
      availability: { type: 'string' },
      busy: { type: 'string' },
      'busy-ics': { type: 'string' },
      'ics-timezone': { type: 'string' },
      duration: { type: 'string' },
      step: { type: 'string' },
      buffer: { type: 'string' },
      grid: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'not-before': { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'table' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    io.stdout(slotsUsage);
    return exitCodes.ok;
  }
  for (const required of ['availability', 'duration', 'from', 'to'] as const) {
    if (values[required] === undefined) throw new CliError(`--${required} is required (see timeblocks slots --help)`);
  }
  if (values.format !== 'table' && values.format !== 'json') throw new CliError(`--format: "${values.format}" is not one of table, json`);
  const availability = seriesFromFile(io, values.availability!);
  const window = { from: values.from!, to: values.to! };
  const busy = values.busy === undefined ? [] : readBusy(io, values.busy, window);
  if (values['busy-ics'] !== undefined) busy.push(...readBusyCalendar(io, values['busy-ics'], window, values['ics-timezone']));
  const found = renamingFields(() =>
    freeSlots({
      availability,
      busy,
      window,
      duration: values.duration!,
      step: values.step,
      buffer: values.buffer,
      notBefore: values['not-before'],
      grid: values.grid === undefined ? undefined : { timezone: values.grid },
      limit: values.limit === undefined ? undefined : parseLimit(values.limit),
    }),
  );
  const zone = values.grid ?? availability[0]!.timezone;
  if (values.format === 'json') {
    io.stdout(jsonText(found.map(({ start, end }) => ({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), startMs: start, endMs: end }))));
    return exitCodes.ok;
  }
  const rows = found.map(({ start, end }, i) => [String(i + 1), toZonedIso(start, zone), toZonedIso(end, zone)]);
  io.stdout(formatTable(['#', `start (${zone})`, 'end'], rows, palette(io.color)));
  io.stdout(`${found.length} free slot${found.length === 1 ? '' : 's'}\n`);
  return exitCodes.ok;
}

/** Busy time from a file: series (expanded in the window) or blocks with ISO or epoch-ms instants. */
function readBusy(io: CliIo, path: string, window: { from: string; to: string }): TimeInterval[] {
  const source = path === '-' ? 'stdin' : path;
  const json = parseJson(readSource(io, path), source);
  const entries = Array.isArray(json) ? json : [json];
  const looksLikeSeries = entries.every((entry) => typeof entry === 'object' && entry !== null && 'timezone' in entry);
  if (looksLikeSeries) return seriesFromFile(io, path).flatMap((series: Series) => expand(series, window));
  return entries.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw new CliError(`${source}[${i}]: expected a block { start, end }`);
    const { start, end } = entry as { start: unknown; end: unknown };
    try {
      return { start: toEpochMs(start as string, 'start'), end: toEpochMs(end as string, 'end') };
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new CliError(`${source}[${i}].${error.message}`);
      throw error;
    }
  });
}

/** Busy time from an iCalendar file; what could not be read is a warning on stderr. */
function readBusyCalendar(io: CliIo, path: string, window: { from: string; to: string }, timezone: string | undefined): TimeInterval[] {
  const text = readSource(io, path);
  const { series, problems } = renamingFields(() => fromICalendar(text, { timezone }), { timezone: '--ics-timezone', text: '--busy-ics' });
  for (const problem of problems) io.stderr(`timeblocks: warning: ${path === '-' ? 'stdin' : path}: ${problemLine(problem)}\n`);
  return busyBlocks(series, window);
}

/** freeSlots' field names, as the flags the user typed. */
function renamingFields<T>(run: () => T, more: Record<string, string> = {}): T {
  const flags: Record<string, string> = { 'window.from': '--from', 'window.to': '--to', notBefore: '--not-before', 'grid.timezone': '--grid', ...more };
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    const flag = flags[error.field] ?? (error.field.startsWith('busy') ? `--busy ${error.field}` : `--${error.field}`);
    throw new CliError(`${flag}: ${error.message.slice(error.field.length + 2)}`);
  }
}
