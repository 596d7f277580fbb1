import { defineSeries } from '../series/define.js';
import type { Series, SeriesInput } from '../series/types.js';
import { SeriesValidationError } from '../errors.js';
import { limits } from '../limits.js';
import { CliError } from './cli-error.js';
import { type CliIo, parseJson, readSource } from './io.js';

/** The flags that describe a series on the command line. */
export const seriesFlags = {
  id: { type: 'string' },
  tz: { type: 'string' },
  start: { type: 'string' },
  time: { type: 'string' },
  duration: { type: 'string' },
  repeat: { type: 'string' },
  count: { type: 'string' },
  until: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  include: { type: 'string', multiple: true },
  'dst-nonexistent': { type: 'string' },
  'dst-ambiguous': { type: 'string' },
} as const;

export type SeriesFlagValues = { [K in keyof typeof seriesFlags]?: (typeof seriesFlags)[K] extends { multiple: true } ? string[] : string };

/** The help text of `seriesFlags`, shared by the commands that take a series. */
export const seriesFlagsUsage = `Series flags:
  --tz <zone>                 IANA time zone, e.g. Europe/Berlin
  --start <YYYY-MM-DD>        local start date
  --time <HH:mm-HH:mm>        local start and end time (or --time HH:mm with --duration)
  --duration <ISO 8601>       exact length, e.g. PT45M
  --repeat <RRULE>            e.g. 'FREQ=WEEKLY;BYDAY=MO,WE,FR'
  --count <n>, --until <YYYY-MM-DD>
  --exclude <dates>           local dates to skip (repeatable, or comma-separated)
  --include <date-times>      extra local starts, YYYY-MM-DDTHH:mm
  --dst-nonexistent <shift|skip|error>, --dst-ambiguous <earlier|later>
  --id <id>                   series id (default: preview)
`;

/** Which flag a series field came from, for error messages that name what the user typed. */
const flagOfField: Array<[RegExp, string]> = [
  [/^id$/, '--id'],
  [/^timezone$/, '--tz'],
  [/^start$/, '--start'],
  [/^(startTime|endTime)$/, '--time'],
  [/^duration$/, '--duration'],
  [/^repeat\.count$/, '--count'],
  [/^repeat\.until$/, '--until'],
  [/^repeat/, '--repeat'],
  [/^exclude/, '--exclude'],
  [/^include/, '--include'],
  [/^dst\.nonexistent$/, '--dst-nonexistent'],
  [/^dst\.ambiguous$/, '--dst-ambiguous'],
];

/** Whether any series flag was given. */
export function hasSeriesFlags(values: SeriesFlagValues): boolean {
  return Object.keys(seriesFlags).some((flag) => values[flag as keyof SeriesFlagValues] !== undefined);
}

/** A series from flags: `--tz Europe/Berlin --start 2025-03-24 --time 09:30-10:00 --repeat FREQ=WEEKLY`. */
export function seriesFromFlags(values: SeriesFlagValues): Series {
  for (const required of ['tz', 'start', 'time'] as const) {
    if (values[required] === undefined) throw new CliError(`--${required} is required: a series from flags needs --tz, --start and --time (or give a JSON file, or - for stdin)`);
  }
  const [startTime, endTime, ...rest] = values.time!.split('-');
  if (rest.length > 0 || startTime === '') throw new CliError(`--time: "${values.time}" is not HH:mm-HH:mm or HH:mm (with --duration)`);
  if (endTime === undefined && values.duration === undefined) throw new CliError('--time: give an end (--time 09:30-10:00) or --duration PT30M');
  const input: SeriesInput = { id: values.id ?? 'preview', timezone: values.tz!, start: values.start!, startTime: startTime! };
  if (endTime !== undefined) input.endTime = endTime;
  if (values.duration !== undefined) input.duration = values.duration;
  if (values.repeat !== undefined || values.count !== undefined || values.until !== undefined) {
    if (values.repeat === undefined) throw new CliError('--count and --until need --repeat');
    let rule = values.repeat;
    if (values.count !== undefined) rule += `;COUNT=${values.count}`;
    if (values.until !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.until)) throw new CliError(`--until: "${values.until}" is not a date of the form YYYY-MM-DD`);
      rule += `;UNTIL=${values.until.replaceAll('-', '')}`;
    }
    input.repeat = rule;
  }
  const list = (items: string[] | undefined) => items?.flatMap((item) => item.split(',')).map((item) => item.trim());
  if (values.exclude !== undefined) input.exclude = list(values.exclude)!;
  if (values.include !== undefined) input.include = list(values.include)!;
  const dst: Record<string, string> = {};
  if (values['dst-nonexistent'] !== undefined) dst.nonexistent = values['dst-nonexistent'];
  if (values['dst-ambiguous'] !== undefined) dst.ambiguous = values['dst-ambiguous'];
  if (Object.keys(dst).length > 0) input.dst = dst as SeriesInput['dst'];
  return define(input, (path) => flagOfField.find(([pattern]) => pattern.test(path))?.[1] ?? path);
}

/** A series read from a file, with the resource it occupies when the file names one. */
export interface SeriesEntry {
  readonly series: Series;
  readonly resource?: string;
}

/** The series in a JSON file (or stdin for `-`): one series object, or a list of them. */
export function seriesFromFile(io: CliIo, path: string): Series[] {
  return readSeriesFile(io, path).entries.map((entry) => entry.series);
}

/**
 * The series in a JSON file, and whether the file held a list (even of one). Each series
 * object may name a `resource` (a room, a person: what its blocks occupy); that field is
 * the CLI's, not the series', so it is taken off before `defineSeries` sees the rest.
 */
export function readSeriesFile(io: CliIo, path: string): { entries: SeriesEntry[]; isList: boolean } {
  const source = path === '-' ? 'stdin' : path;
  const json = parseJson(readSource(io, path), source);
  const isList = Array.isArray(json);
  const inputs = isList ? json : [json];
  const where = (i: number) => (isList ? `${source}[${i}]` : source);
  const entries = inputs.map((input: unknown, i): SeriesEntry => {
    const { resource, rest } = takeResource(input, where(i));
    const series = define(rest as SeriesInput, (field) => (field === '' ? where(i) : `${where(i)}: ${field}`));
    return resource === undefined ? { series } : { series, resource };
  });
  return { entries, isList };
}

/** The most characters in a resource name, as for a series id. */
export const maxResourceLength = 200;

/** Splits an optional `resource` field off a series object, checking it is a usable name. */
function takeResource(input: unknown, where: string): { resource?: string; rest: unknown } {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('resource' in input)) return { rest: input };
  const { resource, ...rest } = input as Record<string, unknown>;
  if (typeof resource !== 'string' || resource.length === 0) throw new CliError(`${where}: resource: expected a non-empty string`);
  if (resource.length > maxResourceLength) throw new CliError(`${where}: resource: must be at most ${maxResourceLength} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(resource)) throw new CliError(`${where}: resource: must not contain control characters`);
  return { resource, rest };
}

/** `defineSeries`, with its problems as one line naming each field as the user wrote it. */
function define(input: SeriesInput, name: (path: string) => string): Series {
  try {
    return defineSeries(input);
  } catch (error) {
    if (!(error instanceof SeriesValidationError)) throw error;
    const shown = error.issues.slice(0, limits.issuesShown).map((issue) => `${name(issue.path)}: ${issue.message}`);
    if (error.issueCount > shown.length) shown.push(`… and ${error.issueCount - shown.length} more`);
    throw new CliError(shown.join('; '));
  }
}
