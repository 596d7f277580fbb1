import { parseArgs } from 'node:util';
import { toEpochMs } from '../../expand/instant.js';
import { toZonedIso } from '../../expand/block-view.js';
import { describe as describeSeries } from '../../series/describe.js';
import { InvalidArgumentError } from '../../errors.js';
import { visibleText } from '../../show-value.js';
import { jsonText, slotsToJson } from '../block-json.js';
import { CliError, exitCodes } from '../cli-error.js';
import { palette } from '../color.js';
import { type CliIo, parseJson, readSource } from '../io.js';
import { readSeriesFile, type SeriesEntry } from '../series-source.js';
import { parseLimit } from '../limit.js';
import { type BusySpec, type SlotOptions, slotsByResource } from '../resource-slots.js';
import { formatTable } from '../text-table.js';
import { busyBlocks } from '../../interop/ical/busy-blocks.js';
import { fromICalendar } from '../../interop/ical/from-icalendar.js';
import type { TimeInterval } from '../../overlap/interval.js';
import { problemLine } from './import.js';
import { renderView, viewFlag, viewKind, viewUsage } from '../views/render-view.js';
import { commandZone, isLocalWindowText, windowInstant } from '../window-flags.js';

export const slotsUsage = `Usage: timeblocks slots --availability <series.json>… --duration <ISO 8601> --from <time> --to <time> [options]

Lists free slots: the availability series minus the busy blocks, cut into slots, each
labelled with its resource.

Options:
  --availability <file>       series JSON (one or a list): when booking is possible;
                              repeatable. Each series' resource is its "resource" field,
                              else its id; slots are found per resource
  --busy <file>               what is taken: series JSON, or a list of blocks { start, end }
                              (ISO 8601 instants with offset, or epoch ms); an entry with a
                              "resource" holds only that resource, one without holds all
  --busy-ics <file.ics>       what is taken, from a calendar (holds every resource): its
                              events' blocks in the window, cancelled and "free" events
                              left out; problems are printed on stderr as warnings
  --ics-timezone <zone>       zone of the calendar's floating and all-day times
                              (default: its X-WR-TIMEZONE)
  --duration <ISO 8601>       slot length, e.g. PT30M
  --step <ISO 8601>           distance between slot starts (default: the duration)
  --buffer <ISO 8601>         free time kept before and after each busy block
  --grid <zone>               align starts to the local :00/:30… grid of this zone
  --from <time>, --to <time>  the window: ISO 8601 with offset, or a local date or
                              date-time in --tz (or the zone the availability shares)
  --tz <zone>                 the zone of a local --from/--to and of the output
  --not-before <instant>      no slot starts earlier
  --limit <n>                 most slots (default 100000); more is an error, never a cut
  --format <table|json|html>  default table
${viewUsage}  -h, --help                  this help
`;

export function slots(io: CliIo): number {
  const { values } = parseArgs({
    args: [...io.args],
    options: {
      availability: { type: 'string', multiple: true },
      busy: { type: 'string' },
      'busy-ics': { type: 'string' },
      'ics-timezone': { type: 'string' },
      duration: { type: 'string' },
      step: { type: 'string' },
      buffer: { type: 'string' },
      grid: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      tz: { type: 'string' },
      'not-before': { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'table' },
      ...viewFlag,
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
  const format = values.format!;
  if (format !== 'table' && format !== 'json' && format !== 'html') throw new CliError(`--format: "${format}" is not one of table, json, html`);
  const availability: SeriesEntry[] = values.availability!.flatMap((path) => readSeriesFile(io, path).entries);
  const series = availability.map((entry) => entry.series);
  const kind = viewKind(values.view, format);
  const local = isLocalWindowText(values.from) || isLocalWindowText(values.to);
  // The zone of local times and of the output: --tz, else the grid's, else the one the availability shares.
  const zone = commandZone(values.tz ?? values.grid, series, kind !== undefined ? '--view' : local ? 'a local --from/--to' : undefined) ?? series[0]!.timezone;
  const window = { from: toEpochMs(windowInstant('--from', values.from, zone)!, 'from'), to: toEpochMs(windowInstant('--to', values.to, zone)!, 'to') };
  let busy: BusySpec = values.busy === undefined ? { series: [], intervals: [] } : readBusy(io, values.busy);
  if (values['busy-ics'] !== undefined) busy = { ...busy, intervals: [...busy.intervals, ...readBusyCalendar(io, values['busy-ics'], window, values['ics-timezone'])] };
  const options: SlotOptions = {
    duration: values.duration!,
    ...(values.step === undefined ? {} : { step: values.step }),
    ...(values.buffer === undefined ? {} : { buffer: values.buffer }),
    ...(values['not-before'] === undefined ? {} : { notBefore: values['not-before'] }),
    ...(values.grid === undefined ? {} : { grid: { timezone: values.grid } }),
  };
  const limit = values.limit === undefined ? undefined : parseLimit(values.limit);

  if (kind !== undefined) {
    const request = {
      kind,
      format: format as 'table' | 'html',
      zone,
      ...window,
      anchorSeries: series,
      source: { command: 'slots' as const, availability, busy, options },
      describe: series.map((one) => `${one.id}: ${describeSeries(one)}`),
      title: 'timeblocks slots',
      limit,
    };
    io.stdout(renamingFields(() => renderView(io, request)).text);
    return exitCodes.ok;
  }
  const found = renamingFields(() => slotsByResource(availability, busy, window, { ...options, ...(limit === undefined ? {} : { limit }) }));
  if (format === 'json') {
    io.stdout(jsonText(slotsToJson(found)));
    return exitCodes.ok;
  }
  const rows = found.map(({ start, end, resource }, i) => [String(i + 1), visibleText(resource), toZonedIso(start, zone), toZonedIso(end, zone)]);
  io.stdout(formatTable(['#', 'resource', `start (${zone})`, 'end'], rows, palette(io.color)));
  io.stdout(`${found.length} free slot${found.length === 1 ? '' : 's'}\n`);
  return exitCodes.ok;
}

/** Busy time from a file: series (expanded in the window later) or blocks with ISO or epoch-ms instants, each maybe naming a resource. */
function readBusy(io: CliIo, path: string): BusySpec {
  const source = path === '-' ? 'stdin' : path;
  const text = readSource(io, path);
  const json = parseJson(text, source);
  const entries = Array.isArray(json) ? json : [json];
  const looksLikeSeries = entries.every((entry) => typeof entry === 'object' && entry !== null && 'timezone' in entry);
  if (looksLikeSeries) return { series: readSeriesFile({ ...io, readStdin: () => text }, path).entries, intervals: [] };
  const intervals = entries.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw new CliError(`${source}[${i}]: expected a block { start, end }`);
    const { start, end, resource } = entry as { start: unknown; end: unknown; resource?: unknown };
    if (resource !== undefined && (typeof resource !== 'string' || resource === '')) throw new CliError(`${source}[${i}].resource: expected a non-empty string`);
    try {
      const interval = { start: toEpochMs(start as string, 'start'), end: toEpochMs(end as string, 'end') };
      return resource === undefined ? interval : { ...interval, resource: resource as string };
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new CliError(`${source}[${i}].${error.message}`);
      throw error;
    }
  });
  return { series: [], intervals };
}

/** Busy time from an iCalendar file; what could not be read is a warning on stderr. */
function readBusyCalendar(io: CliIo, path: string, window: { from: number; to: number }, timezone: string | undefined): TimeInterval[] {
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
