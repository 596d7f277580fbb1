import { InvalidArgumentError } from '../errors.js';
import { compileRule } from '../rule/compiled-rule.js';
import { RuleCursor } from '../rule/rule-cursor.js';
import { formatLocalDate, formatLocalDateTime, formatLocalTime, parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { defineSeries } from './define.js';
import { explicitDays } from './explicit-days.js';
import { requireSeries } from './require-series.js';
import { seriesFields } from './schema.js';
import { checkOptionKeys } from '../option-keys.js';
import type { Series, SeriesInput } from './types.js';
import { showId } from '../show-value.js';

/** What "this and following" may change: anything but the identity and the start date. */
export type SeriesChanges = Partial<Omit<SeriesInput, 'id' | 'start'>>;

/** The fields `changes` may hold: every series field but `id` and `start`. */
const changeableFields = seriesFields.filter((field) => field !== 'id' && field !== 'start');

/** The two halves of a split series. */
export interface SplitSeriesResult {
  /** The original, ended just before the split occurrence; undefined when that was the first. */
  readonly before: Series | undefined;
  /** A new series (id `<id>~<key>`) starting at the split occurrence, with the changes applied. */
  readonly after: Series;
}


/**
 * "This and following": splits a series at one rule occurrence. `before` keeps the id and
 * ends just before it (a `count` is divided; otherwise `until` becomes the previous day);
 * `after` starts at it, with a derived id `<id>~<key>` and `changes` applied. Excludes,
 * includes and overrides go to the side they belong to (all to `after` when splitting at
 * the first occurrence, since there is no `before`). Without changes, the two halves
 * expand to the original's blocks (keys and instants; the `after` blocks carry the new id).
 *
 * @param series - a series from `defineSeries`, or raw input (JSON read back), which is validated the same way
 * @param atKey - the key of a rule occurrence, e.g. `2025-03-03T09:30`
 * @param changes - what changes from that occurrence on (a new `startTime`, `endTime`, `timezone`, `repeat`, …)
 * @throws {InvalidArgumentError} when `series` is not an object, or `atKey` is not a rule occurrence of the series
 * @throws {SeriesValidationError} when `series` is raw input that is not a valid series
 * @throws {InvalidArgumentError} at the key when `changes` holds `id`, `start` or an unknown field
 * @throws {SeriesValidationError} when the changes make the `after` series invalid
 *
 * @example
 * const { before, after } = splitSeries(clinic, '2025-03-03T09:00', { startTime: '10:00', endTime: '12:00' });
 * before.repeat.until; //=> '2025-03-02'
 * after.id; //=> 'clinic~2025-03-03T09:00'
 */
export function splitSeries(series: Series, atKey: string, changes: SeriesChanges = {}): SplitSeriesResult {
  series = requireSeries(series);
  // `id` and `start` are the split's to set; anything else unknown would be a silent no-op.
  checkOptionKeys(changes, 'splitSeries (changes)', changeableFields, 'changes');
  const wall = parseLocalDateTime(atKey);
  if (typeof wall === 'string') throw new InvalidArgumentError('atKey', wall);
  const key = formatLocalDateTime(wall);
  const atDay = Math.floor(wall / milliInDay);
  const startDay = parseLocalDate(series.start) as number;
  const startMs = parseLocalTime(series.startTime) as number;
  const { count: occurrencesBefore, previous } = countRuleOccurrencesBefore(series, startDay * milliInDay + startMs, wall, key);

  // Without a `before` half (splitting at the first occurrence), everything goes after:
  // includes may lie before a series' start.
  const splitAt = occurrencesBefore > 0 ? key : '';
  const earlier = <T extends string>(values: readonly T[], bound: string) => values.filter((value) => value < bound);
  const later = <T extends string>(values: readonly T[], bound: string) => values.filter((value) => value >= bound);
  const atDate = formatLocalDate(atDay);
  const { overridesBefore, overridesAfter } = splitOverrides(series, splitAt);

  let before: Series | undefined;
  if (occurrencesBefore > 0) {
    const rule = series.repeat!;
    const { count: _count, until: _until, ...unbounded } = rule;
    before = defineSeries({
      ...plain(series),
      // Ends on the day before, unless an earlier occurrence shares the split's day (several a day).
      repeat:
        rule.count !== undefined
          ? { ...unbounded, count: occurrencesBefore }
          : { ...unbounded, until: previous >= atDay * milliInDay ? formatLocalDateTime(previous) : formatLocalDate(atDay - 1) },
      exclude: series.exclude.filter((value) => (value.includes('T') ? value < key : value <= atDate && previous >= atDay * milliInDay) || value < atDate),
      include: earlier(series.include, key),
      overrides: overridesBefore,
    });
  }

  const afterInput: SeriesInput = {
    ...plain(series),
    id: `${series.id}~${key}`,
    start: atDate,
    ...startingAt(series, wall - atDay * milliInDay, startMs),
    exclude: later(series.exclude, splitAt === '' ? '' : atDate),
    include: later(series.include, splitAt),
    overrides: overridesAfter,
  };
  if (series.repeat !== undefined) {
    const rule = explicitDays(series.repeat, startDay);
    afterInput.repeat = rule.count !== undefined ? { ...rule, count: rule.count - occurrencesBefore } : rule;
  }
  return { before, after: defineSeries(applyChanges(afterInput, series, changes)) };
}

/** The series as mutable input (a deep copy through JSON: it is plain data). */
function plain(series: Series): SeriesInput {
  return JSON.parse(JSON.stringify(series)) as SeriesInput;
}

/**
 * Rule occurrences before `atWall` and the last of them (NaN when none); throws unless
 * `key` is itself a rule occurrence.
 */
function countRuleOccurrencesBefore(series: Series, startWall: number, atWall: number, key: string): { count: number; previous: number } {
  const notOccurrence = () => new InvalidArgumentError('atKey', `${key} is not an occurrence of the rule of series ${showId(series.id)}`);
  if (series.repeat === undefined) {
    if (atWall !== startWall) throw notOccurrence();
    return { count: 0, previous: NaN };
  }
  const cursor = new RuleCursor(compileRule(series.repeat, startWall));
  let count = 0;
  let previous = NaN;
  let wall = cursor.next();
  while (wall < atWall) {
    count++;
    previous = wall;
    wall = cursor.next();
  }
  if (wall !== atWall) throw notOccurrence(); // passed it, or the rule ended (NaN)
  return { count, previous };
}

/**
 * The `after` half starts at the split occurrence's own time of day (a sub-daily rule
 * counts its periods from there; a rule of several times a day starts with it), keeping
 * the nominal length: an `endTime` moves with the start.
 */
function startingAt(series: Series, timeMs: number, startMs: number): Partial<SeriesInput> {
  if (timeMs === startMs) return {};
  const moved: Partial<SeriesInput> = { startTime: formatLocalTime(timeMs) };
  if (series.endTime !== undefined) {
    const endMs = parseLocalTime(series.endTime) as number;
    const length = endMs > startMs ? endMs - startMs : endMs + milliInDay - startMs;
    moved.endTime = formatLocalTime((timeMs + length) % milliInDay);
  }
  return moved;
}

function splitOverrides(series: Series, key: string) {
  const overridesBefore: Record<string, NonNullable<Series['overrides']>[string]> = {};
  const overridesAfter: typeof overridesBefore = {};
  for (const [overrideKey, override] of Object.entries(series.overrides ?? {})) {
    (overrideKey < key ? overridesBefore : overridesAfter)[overrideKey] = override;
  }
  return { overridesBefore, overridesAfter };
}

/** The changes on top of the `after` input; a new start time re-keys the rule occurrences' overrides. */
function applyChanges(input: SeriesInput, series: Series, changes: SeriesChanges): SeriesInput {
  const changed: SeriesInput = { ...input, ...changes };
  if (changes.endTime !== undefined && changes.duration === undefined) delete changed.duration;
  if (changes.duration !== undefined && changes.endTime === undefined) delete changed.endTime;
  const newWall = typeof changes.startTime === 'string' ? parseLocalDateTime(`2000-01-01T${changes.startTime}`) : undefined;
  // An invalid startTime is left for defineSeries to report.
  if (typeof newWall === 'number' && changes.overrides === undefined && input.overrides !== undefined) {
    const newTime = formatLocalDateTime(newWall).slice(10);
    const rekeyed: Record<string, NonNullable<SeriesInput['overrides']>[string]> = {};
    for (const [key, override] of Object.entries(input.overrides)) {
      rekeyed[key.slice(10) === `T${series.startTime}` ? key.slice(0, 10) + newTime : key] = override;
    }
    changed.overrides = rekeyed;
  }
  return changed;
}
