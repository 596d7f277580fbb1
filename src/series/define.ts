import type { $ZodError } from 'zod/v4/core';
import { SeriesValidationError, type ValidationIssue } from '../errors.js';
import { type CompiledRule, compileRule, isSubDaily, untilWallOf } from '../rule/compiled-rule.js';
import { RuleCursor, ruleHasOccurrences, ruleProducesWall } from '../rule/rule-cursor.js';
import { instantToWall } from '../time/convert.js';
import { formatLocalDate, formatLocalDateTime, formatLocalTime, parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { freezeMeta } from './meta.js';
import { parseDuration } from './duration.js';
import { inputSizeIssues, keyCount } from './input-caps.js';
import { type ParsedOverride, type ParsedSeries, parsedSeriesOf, rememberParsed } from './parsed-series.js';
import { parseRRuleText, type ParsedRRule } from './rrule-text.js';
import { acceptsRepeatObject, acceptsSeriesInput, repeatObjectSchema, seriesInputSchema, show, weekdayCodes } from './schema.js';
import { safeParse } from './zod-schema.js';
import type { Override, OverrideInput, RepeatInput, Rule, Series, SeriesInput, Weekday, WeekdaySpec } from './types.js';

/**
 * Validates and normalizes a series input (plain JSON) into a frozen `Series`.
 *
 * Normalization fills defaults (`interval: 1`, `weekStart: 'MO'`, `dst`), sorts and
 * deduplicates lists, turns an RRULE string into the structured rule and writes times
 * in their shortest form (`09:30`). `defineSeries(series)` returns an equal series.
 *
 * @param input - the series: `id`, `timezone`, `start`, `startTime`, `endTime` or `duration`, optional `repeat`, `exclude`, `include`, `dst`
 * @returns the normalized series
 * @throws {SeriesValidationError} listing every problem with its path, e.g. `repeat.byWeekday[2]: "XX" is not a weekday`;
 *   a list or string past its size cap (docs/limits.md) is reported alone, before anything else is checked
 *
 * @example
 * defineSeries({ id: 'standup', timezone: 'Europe/Berlin', start: '2025-01-06',
 *   startTime: '09:30', endTime: '10:00', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10' }).repeat;
 * //=> { freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], weekStart: 'MO', count: 10 }
 */
export function defineSeries(input: SeriesInput): Series {
  // A series defineSeries returned is valid and normalized: it is its own normal form.
  if (isDefinedSeries(input)) return input;
  const isRecord = typeof input === 'object' && input !== null && !Array.isArray(input);
  const fields = input as unknown as Record<string, unknown>;
  if (isRecord) {
    // Sizes first: an oversized list is refused before any of its entries is read.
    const sizeIssues = inputSizeIssues(fields);
    if (sizeIssues.length > 0) throw new SeriesValidationError(sizeIssues);
  }
  const issues: ValidationIssue[] = [];
  // The compiled acceptor answers for valid input; zod runs, for its issues, when it says no.
  if (!acceptsSeriesInput(input)) {
    const checked = safeParse(seriesInputSchema, input);
    if (!checked.success) for (const issue of toIssues(checked.error, '')) issues.push(issue);
    if (!isRecord) throw new SeriesValidationError(issues);
  }

  const startDay = validOr(fields.start, parseLocalDate);
  const startMs = validOr(fields.startTime, parseLocalTime);
  if (fields.endTime !== undefined && fields.duration !== undefined) {
    issues.push({ path: 'duration', message: 'give either endTime or duration, not both' });
  } else if (fields.endTime === undefined && fields.duration === undefined) {
    issues.push({ path: 'endTime', message: 'endTime or duration is required' });
  }

  const repeat = readRepeat(fields.repeat, fields, startDay, startMs, issues);
  if (issues.length > 0) throw new SeriesValidationError(issues);

  const { series, parsed, repeatedKeyIssues } = normalize(input, repeat, startDay!, startMs!);
  if (parsed.rule !== undefined && !ruleHasOccurrences(parsed.rule)) {
    throw new SeriesValidationError([
      {
        path: 'repeat',
        message: 'the rule never produces an occurrence (like February 30, a bySetPos beyond every set, or byHour 1 every 2 hours from 00:00)',
      },
    ]);
  }
  checkOverrides(series, parsed, issues);
  for (const issue of repeatedKeyIssues) issues.push(issue);
  if (issues.length > 0) throw new SeriesValidationError(issues);
  rememberParsed(series, parsed); // before freezing: the record is a field added to the series
  return Object.freeze(series);
}

/** Whether `value` is a series returned by `defineSeries` (not merely shaped like one). */
export function isDefinedSeries(value: unknown): value is Series {
  return typeof value === 'object' && value !== null && parsedSeriesOf(value) !== undefined;
}

/**
 * Each override must name an occurrence the series has, and say one clear thing. Linear
 * in the overrides: excludes and includes are looked up in sets, and a `count` rule is
 * walked once for all of them (it must be counted from the start).
 */
function checkOverrides(series: Series, parsed: ParsedSeries, issues: ValidationIssue[]): void {
  if (parsed.overrides.length === 0) return;
  const { rule, startDay, startMs, excludedDays, excludedWalls } = parsed;
  const included = new Set(series.include);
  const ruleWalls = rule === undefined ? new Set([startDay * milliInDay + startMs]) : ruleWallsAmong(rule, overrideWalls(parsed));
  for (const { key, wallMs: wall, override } of parsed.overrides) {
    // The path is made only for a problem: tens of thousands of overrides have none.
    const fields = keyCount(override);
    if ('cancelled' in override && fields > 1) {
      issues.push({ path: `overrides.${key}`, message: 'cancelled cannot be combined with a move' });
    } else if (fields === 0) {
      issues.push({ path: `overrides.${key}`, message: 'give { cancelled: true } or a move (date, startTime, endTime or duration)' });
    } else if ('endTime' in override && 'duration' in override) {
      issues.push({ path: `overrides.${key}`, message: 'give either endTime or duration, not both' });
    }
    if (Number.isNaN(wall)) {
      issues.push({ path: `overrides.${key}`, message: `the key ${parseLocalDateTime(key) as string}` });
      continue;
    }
    const day = Math.floor(wall / milliInDay);
    if (excludedDays.has(day) || excludedWalls.has(wall)) {
      issues.push({ path: `overrides.${key}`, message: `${excludedDays.has(day) ? formatLocalDate(day) : key} is excluded, so it has no occurrence to edit` });
      continue;
    }
    if (!ruleWalls.has(wall) && !included.has(key)) {
      issues.push({ path: `overrides.${key}`, message: 'is not an occurrence of this series (neither the rule nor include produces it)' });
    }
  }
}

/** The wall times of the override keys, ascending and distinct. */
function overrideWalls(parsed: ParsedSeries): Float64Array {
  const walls = new Float64Array(parsed.overrides.length);
  let n = 0;
  for (const { wallMs } of parsed.overrides) if (!Number.isNaN(wallMs)) walls[n++] = wallMs;
  walls.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (distinct === 0 || walls[i] !== walls[distinct - 1]) walls[distinct++] = walls[i]!;
  return walls.subarray(0, distinct);
}

/**
 * Which of `walls` (ascending) the rule produces. A rule with `count` must be counted from
 * its start, so it is walked once for all of them, a batch at a time; any other rule
 * seeks to each.
 */
function ruleWallsAmong(rule: CompiledRule, walls: Float64Array): Set<number> {
  const produced = new Set<number>();
  if (rule.count === Infinity) {
    for (const wall of walls) if (ruleProducesWall(rule, wall)) produced.add(wall);
    return produced;
  }
  if (walls.length === 0) return produced;
  const cursor = new RuleCursor(rule);
  const batch = cursor.batch;
  const last = walls[walls.length - 1]!;
  let w = 0;
  for (let n = cursor.nextBatch(last); n > 0 && w < walls.length; n = cursor.nextBatch(last)) {
    for (let i = 0; i < n && w < walls.length; i++) {
      const next = batch[i]!;
      while (w < walls.length && walls[w]! < next) w++;
      if (w < walls.length && walls[w] === next) produced.add(next);
    }
  }
  return produced;
}

/** The parsed value of a field whose own check may have failed (then undefined). */
function validOr(value: unknown, parse: (text: string) => number | string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const result = parse(value);
  return typeof result === 'number' ? result : undefined;
}

function toIssues(error: $ZodError, prefix: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const path = joinPath(prefix, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: joinPath(path, [key]), message: 'is not a known field' });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let text = prefix;
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** Validates `repeat` (object or RRULE string) and its cross-field rules; undefined when absent or invalid. */
function readRepeat(
  value: unknown,
  fields: Record<string, unknown>,
  startDay: number | undefined,
  startMs: number | undefined,
  issues: ValidationIssue[],
): RepeatInput | undefined {
  if (value === undefined) return undefined;
  let candidate: unknown = value;
  let fromText: ParsedRRule | undefined;
  if (typeof value === 'string') {
    const result = rruleTextOf(value);
    if (result.value === undefined) {
      for (const issue of result.issues) issues.push(issue);
      return undefined;
    }
    fromText = result.value;
    candidate = fromText.repeat;
  }
  if (!acceptsRepeatObject(candidate)) {
    const parsed = safeParse(repeatObjectSchema, candidate);
    if (!parsed.success) {
      for (const issue of toIssues(parsed.error, 'repeat')) issues.push(issue);
      return undefined;
    }
  }
  const repeat = repeatFieldsOf(candidate as RepeatInput);
  const before = issues.length;
  if (fromText?.until !== undefined && startMs !== undefined && typeof fields.timezone === 'string') {
    repeat.until = untilFromText(fromText, repeat, fields.timezone, startMs);
  }
  checkRuleShape(repeat, issues);
  if (startMs !== undefined) dropRestatedTimes(repeat, startMs);
  if (repeat.count !== undefined && repeat.until !== undefined) {
    issues.push({ path: 'repeat.until', message: 'give either count or until, not both' });
  }
  if (repeat.until !== undefined && startDay !== undefined && untilWallOf(repeat.until) < startDay * milliInDay + (startMs ?? 0)) {
    issues.push({ path: 'repeat.until', message: `${show(repeat.until)} is before start ${show(fields.start)}` });
  }
  return issues.length === before ? repeat : undefined;
}

/**
 * The fields of a valid repeat object, read once each into a fresh object of one shape
 * (absent ones undefined): `readRepeat` edits it, never the caller's.
 */
function repeatFieldsOf(source: RepeatInput): RepeatInput {
  // A literal, not a loop over the names: one shape, built fast, on every defineSeries with a rule.
  return {
    freq: source.freq,
    interval: source.interval,
    byWeekday: source.byWeekday,
    byMonthDay: source.byMonthDay,
    byMonth: source.byMonth,
    bySetPos: source.bySetPos,
    byYearDay: source.byYearDay,
    byWeekNo: source.byWeekNo,
    byHour: source.byHour,
    byMinute: source.byMinute,
    bySecond: source.bySecond,
    weekStart: source.weekStart,
    skip: source.skip,
    count: source.count,
    until: source.until,
  };
}

/** The number lists of a rule, in the order a normalized rule lists them. */
const numberLists = ['byMonthDay', 'byMonth', 'bySetPos', 'byYearDay', 'byWeekNo', 'byHour', 'byMinute', 'bySecond'] as const;

/** RRULE texts already parsed, valid ones only: the same rule text is parsed once. */
const parsedRRules = new Map<string, ParsedRRule>();
/** Texts longer than this are parsed every time (real rules are far shorter), so the memo stays small. */
const maxRememberedRRuleChars = 512;
const maxRememberedRRules = 256;

/** `parseRRuleText` of `text` against `repeat`, remembered for valid texts (the result is frozen: callers share it). */
function rruleTextOf(text: string): { value?: ParsedRRule; issues: readonly ValidationIssue[] } {
  const remembered = parsedRRules.get(text);
  if (remembered !== undefined) return { value: remembered, issues: [] };
  const result = parseRRuleText(text, 'repeat');
  if (result.value !== undefined && text.length <= maxRememberedRRuleChars) {
    const repeat = result.value.repeat as Record<string, unknown>;
    for (const key in repeat) if (Array.isArray(repeat[key])) Object.freeze(repeat[key]);
    Object.freeze(repeat);
    if (parsedRRules.size >= maxRememberedRRules) parsedRRules.delete(parsedRRules.keys().next().value!);
    parsedRRules.set(text, Object.freeze(result.value));
  }
  return result;
}

/**
 * UNTIL (RFC 5545: inclusive) in the series' zone. A rule with one time of day keeps the
 * last local date whose occurrence starts no later than it; one with several times a day,
 * or a sub-daily one, keeps the local date-time itself.
 */
function untilFromText(parsed: ParsedRRule, repeat: RepeatInput, timezone: string, startMs: number): string {
  const until = parsed.until!;
  if (until.form === 'date') return formatLocalDate(until.epochDays);
  const wall = until.form === 'local' ? until.wallMs : instantToWall(timezone, until.epochMs);
  const oneTimeOfDay = !isSubDaily(repeat.freq) && [repeat.byHour, repeat.byMinute, repeat.bySecond].every((list) => list === undefined || list.length === 1);
  if (!oneTimeOfDay) return formatLocalDateTime(Math.floor(wall / 1000) * 1000);
  const timeMs = timeOfDay(repeat, startMs);
  return formatLocalDate(Math.floor((wall - timeMs) / milliInDay));
}

/** The one time of day of a rule whose time parts name at most one value each. */
function timeOfDay(repeat: RepeatInput, startMs: number): number {
  const hour = repeat.byHour?.[0] ?? Math.floor(startMs / 3_600_000);
  const minute = repeat.byMinute?.[0] ?? Math.floor(startMs / 60_000) % 60;
  const second = repeat.bySecond?.[0] ?? Math.floor(startMs / 1000) % 60;
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

/**
 * A time part below the frequency that names only the start's own value says what the
 * default says (`FREQ=DAILY;BYHOUR=9` from 09:30): it is dropped, so equal rules normalize
 * equally.
 */
function dropRestatedTimes(repeat: RepeatInput, startMs: number): void {
  const { freq } = repeat;
  if (repeat.byHour !== undefined && !isSubDaily(freq) && onlyNames(repeat.byHour, Math.floor(startMs / 3_600_000))) repeat.byHour = undefined;
  if (repeat.byMinute !== undefined && freq !== 'minutely' && freq !== 'secondly' && onlyNames(repeat.byMinute, Math.floor(startMs / 60_000) % 60)) {
    repeat.byMinute = undefined;
  }
  if (repeat.bySecond !== undefined && freq !== 'secondly' && onlyNames(repeat.bySecond, Math.floor(startMs / 1000) % 60)) repeat.bySecond = undefined;
}

/** Whether every item of `list` is `value`. */
function onlyNames(list: readonly number[], value: number): boolean {
  for (const item of list) if (item !== value) return false;
  return true;
}

/** RFC 5545's restrictions on which parts go with which frequency. */
function checkRuleShape(repeat: RepeatInput, issues: ValidationIssue[]): void {
  const { freq } = repeat;
  repeat.byWeekday?.forEach((spec, i) => {
    if (typeof spec === 'string') return;
    const path = `repeat.byWeekday[${i}]`;
    if (freq !== 'monthly' && freq !== 'yearly') {
      issues.push({ path, message: `{ day: "${spec.day}", nth: ${spec.nth} }: nth positions need freq monthly or yearly` });
    } else if (freq === 'monthly' && Math.abs(spec.nth) > 5) {
      issues.push({ path, message: `nth ${spec.nth}: a month has at most 5 of each weekday` });
    } else if (freq === 'yearly' && repeat.byWeekNo !== undefined) {
      issues.push({ path, message: 'nth positions cannot be combined with byWeekNo (RFC 5545)' });
    }
  });
  if (repeat.byWeekNo !== undefined && freq !== 'yearly') {
    issues.push({ path: 'repeat.byWeekNo', message: 'is only allowed with freq yearly' });
  }
  if (repeat.byYearDay !== undefined && (freq === 'daily' || freq === 'weekly' || freq === 'monthly')) {
    issues.push({ path: 'repeat.byYearDay', message: `is not allowed with freq ${freq} (RFC 5545: yearly, hourly, minutely or secondly)` });
  }
  if (repeat.byMonthDay !== undefined && freq === 'weekly') {
    issues.push({ path: 'repeat.byMonthDay', message: 'is not allowed with freq weekly' });
  }
  const selectors = [repeat.byWeekday, repeat.byMonthDay, repeat.byMonth, repeat.byYearDay, repeat.byWeekNo, repeat.byHour, repeat.byMinute, repeat.bySecond];
  if (repeat.bySetPos !== undefined && selectors.every((list) => list === undefined)) {
    issues.push({ path: 'repeat.bySetPos', message: 'needs another by-part (byWeekday, byMonthDay, byHour, …) to pick positions from' });
  }
}

const weekdayOrder = new Map<string, number>(weekdayCodes.map((code, i) => [code, i]));

function normalizeWeekdays(specs: readonly WeekdaySpec[]): WeekdaySpec[] {
  const seen = new Map<string, WeekdaySpec>();
  for (const spec of specs) {
    const normalized = typeof spec === 'string' ? spec : Object.freeze({ day: spec.day, nth: spec.nth });
    seen.set(typeof spec === 'string' ? spec : `${spec.nth}${spec.day}`, normalized);
  }
  const rank = (spec: WeekdaySpec) =>
    typeof spec === 'string' ? [weekdayOrder.get(spec)!, -100] : [weekdayOrder.get(spec.day)!, spec.nth];
  return [...seen.values()].sort((a, b) => {
    const [dayA, nthA] = rank(a);
    const [dayB, nthB] = rank(b);
    return dayA! - dayB! || nthA! - nthB!;
  });
}

function sortedUnique<T extends number | string>(values: readonly T[]): T[] {
  if (values.length < 2) return values.slice(); // most lists are empty: no Set, no sort
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function normalizeRule(repeat: RepeatInput): Rule {
  const rule: Record<string, unknown> = { freq: repeat.freq, interval: repeat.interval ?? 1 };
  if (repeat.byWeekday) rule.byWeekday = Object.freeze(normalizeWeekdays(repeat.byWeekday));
  for (const name of numberLists) if (repeat[name]) rule[name] = Object.freeze(sortedUnique(repeat[name]));
  rule.weekStart = repeat.weekStart ?? ('MO' satisfies Weekday);
  if (repeat.skip !== undefined && repeat.skip !== 'omit') rule.skip = repeat.skip;
  if (repeat.count !== undefined) rule.count = repeat.count;
  if (repeat.until !== undefined) rule.until = canonicalDateOrDateTime(repeat.until);
  return Object.freeze(rule) as unknown as Rule;
}

/** A date as given, a date-time in its shortest form (`T09:30:00` → `T09:30`). */
function canonicalDateOrDateTime(text: string): string {
  return text.includes('T') ? formatLocalDateTime(parseLocalDateTime(text) as number) : text;
}

// Shared by every series without excludes, includes or a dst setting: frozen, so sharing is safe.
const noTexts: readonly string[] = Object.freeze([]);
const noNumbers: readonly number[] = Object.freeze([]);
const noDays: ReadonlySet<number> = new Set();
const defaultDst = Object.freeze({ nonexistent: 'shift', ambiguous: 'earlier' } as const);

/** The normalized series (its caller freezes it), and the numbers read from its strings on the way (each parsed once). */
function normalize(
  input: SeriesInput,
  repeat: RepeatInput | undefined,
  startDay: number,
  startMs: number,
): { series: Series; parsed: ParsedSeries; repeatedKeyIssues: readonly ValidationIssue[] } {
  const series: Record<string, unknown> = {
    id: input.id,
    timezone: input.timezone,
    start: input.start,
    startTime: formatLocalTime(startMs),
  };
  let durationMs: number | undefined;
  let wallLengthMs: number;
  if (input.duration !== undefined) {
    series.duration = input.duration;
    durationMs = wallLengthMs = parseDuration(input.duration, { allowZero: true }) as number;
  } else {
    const endMs = parseLocalTime(input.endTime!) as number;
    series.endTime = formatLocalTime(endMs);
    wallLengthMs = endMs > startMs ? endMs - startMs : endMs + milliInDay - startMs;
  }
  const rule = repeat === undefined ? undefined : normalizeRule(repeat);
  if (rule !== undefined) series.repeat = rule;
  // Dates remove a day's occurrences, date-times one occurrence: both kept, dates first per day.
  let excludedDays: readonly number[] = noNumbers;
  let excludedWalls: readonly number[] = noNumbers;
  series.exclude = noTexts;
  if (input.exclude !== undefined && input.exclude.length > 0) {
    const days: number[] = [];
    const walls: number[] = [];
    for (const text of input.exclude) {
      if (text.includes('T')) walls.push(parseLocalDateTime(text) as number);
      else days.push(parseLocalDate(text) as number);
    }
    excludedDays = sortedUnique(days);
    excludedWalls = sortedUnique(walls);
    series.exclude = Object.freeze([...excludedDays.map(formatLocalDate), ...excludedWalls.map(formatLocalDateTime)].sort());
  }
  let includeWalls: readonly number[] = noNumbers;
  series.include = noTexts;
  if (input.include !== undefined && input.include.length > 0) {
    includeWalls = sortedUnique(
      input.include.map((text) => (text.includes('T') ? (parseLocalDateTime(text) as number) : (parseLocalDate(text) as number) * milliInDay + startMs)),
    );
    series.include = Object.freeze(includeWalls.map(formatLocalDateTime));
  }
  const dst = input.dst;
  series.dst =
    dst === undefined || (dst.nonexistent === undefined && dst.ambiguous === undefined)
      ? defaultDst
      : Object.freeze({ nonexistent: dst.nonexistent ?? 'shift', ambiguous: dst.ambiguous ?? 'earlier' });
  const parsedOverrides: ParsedOverride[] = [];
  // A key (`09:30:00`) naming the occurrence of another (`09:30`) is an error, not a silent overwrite.
  const repeatedKeyIssues: ValidationIssue[] = [];
  const overrideKeys = Object.keys(input.overrides ?? {}).sort();
  if (overrideKeys.length > 0) {
    const overrides: Record<string, Override> = {};
    for (const key of overrideKeys) {
      // Keys in their canonical form (`09:30:00` → `09:30`); invalid keys (NaN) are reported by `checkOverrides`.
      const wall = parseLocalDateTime(key);
      const wallMs = typeof wall === 'number' ? wall : NaN;
      // An already canonical key is kept as it is: the same (internalized) string is a
      // much cheaper property key than a fresh one, with tens of thousands of them.
      const canonical = typeof wall === 'number' && key.length === 19 && key.endsWith(':00') ? formatLocalDateTime(wall) : key;
      // The canonical key sorts before its `:00` form, so it is already here.
      if (canonical !== key && Object.hasOwn(overrides, canonical)) {
        repeatedKeyIssues.push({ path: `overrides.${key}`, message: `names the same occurrence as overrides.${canonical}` });
        continue;
      }
      const override = normalizeOverride(input.overrides![key]!);
      overrides[canonical] = override;
      parsedOverrides.push({ key: canonical, wallMs, override });
    }
    series.overrides = Object.freeze(overrides);
  }
  const parsed: ParsedSeries = {
    startDay,
    startMs,
    durationMs,
    wallLengthMs,
    rule: rule === undefined ? undefined : compileRule(rule, startDay * milliInDay + startMs),
    excludedDays: excludedDays.length === 0 ? noDays : new Set(excludedDays),
    excludedWalls: excludedWalls.length === 0 ? noDays : new Set(excludedWalls),
    includeWalls,
    overrides: parsedOverrides,
  };
  if (input.meta !== undefined) series.meta = freezeMeta(input.meta);
  return { series: series as unknown as Series, parsed, repeatedKeyIssues };
}

function normalizeOverride(override: OverrideInput): Override {
  const result: Record<string, unknown> = {};
  const fields = override as Record<string, unknown>;
  for (const name of overrideFields) {
    const value = fields[name];
    // Times in their shortest form (`09:30:00` → `09:30`).
    if (value !== undefined) result[name] = name === 'startTime' || name === 'endTime' ? formatLocalTime(parseLocalTime(value as string) as number) : value;
  }
  return Object.freeze(result) as Override;
}

const overrideFields = ['cancelled', 'date', 'startTime', 'endTime', 'duration'] as const;
