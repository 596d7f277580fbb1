import type * as z from 'zod/mini';
import { SeriesValidationError, type ValidationIssue } from '../errors.js';
import { type CompiledRule, compileRule } from '../rule/compiled-rule.js';
import { ruleHasOccurrences, ruleProducesDay } from '../rule/rule-cursor.js';
import { instantToWall } from '../time/convert.js';
import { formatLocalDate, formatLocalDateTime, formatLocalTime, parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { parseRRuleText, type ParsedRRule } from './rrule-text.js';
import { repeatObjectSchema, seriesInputSchema, show, weekdayCodes } from './schema.js';
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
 * @throws {SeriesValidationError} listing every problem with its path, e.g. `repeat.byWeekday[2]: "XX" is not a weekday`
 *
 * @example
 * defineSeries({ id: 'standup', timezone: 'Europe/Berlin', start: '2025-01-06',
 *   startTime: '09:30', endTime: '10:00', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10' }).repeat;
 * //=> { freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], weekStart: 'MO', count: 10 }
 */
export function defineSeries(input: SeriesInput): Series {
  const issues: ValidationIssue[] = [];
  const parsed = seriesInputSchema.safeParse(input);
  if (!parsed.success) issues.push(...toIssues(parsed.error, ''));
  const raw = (parsed.success ? parsed.data : {}) as Partial<SeriesInput>;
  if (!parsed.success && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw new SeriesValidationError(issues);
  }

  const fields = input as unknown as Record<string, unknown>;
  const startDay = validOr(fields.start, parseLocalDate);
  const startMs = validOr(fields.startTime, parseLocalTime);
  if (fields.endTime !== undefined && fields.duration !== undefined) {
    issues.push({ path: 'duration', message: 'give either endTime or duration, not both' });
  } else if (fields.endTime === undefined && fields.duration === undefined) {
    issues.push({ path: 'endTime', message: 'endTime or duration is required' });
  }

  const repeat = readRepeat(fields.repeat, fields, startDay, startMs, issues);
  if (issues.length > 0) throw new SeriesValidationError(issues);

  const series = normalize(raw as SeriesInput, repeat);
  const rule = series.repeat === undefined ? undefined : compileRule(series.repeat, startDay!);
  if (rule !== undefined && !ruleHasOccurrences(rule)) {
    throw new SeriesValidationError([
      { path: 'repeat', message: 'the rule never produces an occurrence (like February 30, or a bySetPos beyond every set)' },
    ]);
  }
  checkOverrides(series, rule, startDay!, issues);
  if (issues.length > 0) throw new SeriesValidationError(issues);
  definedSeries.add(series);
  return series;
}

/** Every series `defineSeries` returned: already valid, frozen, normalized. */
const definedSeries = new WeakSet<object>();

/** Whether `value` is a series returned by `defineSeries` (not merely shaped like one). */
export function isDefinedSeries(value: unknown): value is Series {
  return typeof value === 'object' && value !== null && definedSeries.has(value);
}

/** Each override must name an occurrence the series has, and say one clear thing. */
function checkOverrides(series: Series, rule: CompiledRule | undefined, startDay: number, issues: ValidationIssue[]): void {
  for (const [key, override] of Object.entries(series.overrides ?? {})) {
    const path = `overrides.${key}`;
    const fields = Object.keys(override);
    if ('cancelled' in override && fields.length > 1) {
      issues.push({ path, message: 'cancelled cannot be combined with a move' });
    } else if (fields.length === 0) {
      issues.push({ path, message: 'give { cancelled: true } or a move (date, startTime, endTime or duration)' });
    } else if ('endTime' in override && 'duration' in override) {
      issues.push({ path, message: 'give either endTime or duration, not both' });
    }
    const wall = parseLocalDateTime(key);
    if (typeof wall === 'string') {
      issues.push({ path, message: `the key ${wall}` });
      continue;
    }
    const day = Math.floor(wall / milliInDay);
    if (series.exclude.includes(formatLocalDate(day))) {
      issues.push({ path, message: `${formatLocalDate(day)} is excluded, so it has no occurrence to edit` });
      continue;
    }
    const atStartTime = formatLocalDateTime(wall) === `${formatLocalDate(day)}T${series.startTime}`;
    const fromRule = atStartTime && (rule === undefined ? day === startDay : ruleProducesDay(rule, day));
    if (!fromRule && !series.include.includes(formatLocalDateTime(wall))) {
      issues.push({ path, message: 'is not an occurrence of this series (neither the rule nor include produces it)' });
    }
  }
}

/** The parsed value of a field whose own check may have failed (then undefined). */
function validOr(value: unknown, parse: (text: string) => number | string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const result = parse(value);
  return typeof result === 'number' ? result : undefined;
}

function toIssues(error: z.core.$ZodError, prefix: string): ValidationIssue[] {
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
    const result = parseRRuleText(value, 'repeat');
    issues.push(...result.issues);
    if (result.value === undefined) return undefined;
    fromText = result.value;
    candidate = fromText.repeat;
  }
  const parsed = repeatObjectSchema.safeParse(candidate);
  if (!parsed.success) {
    issues.push(...toIssues(parsed.error, 'repeat'));
    return undefined;
  }
  const repeat: RepeatInput = { ...(parsed.data as RepeatInput) };
  const before = issues.length;
  if (fromText !== undefined) {
    if (fromText.until !== undefined && startMs !== undefined && typeof fields.timezone === 'string') {
      repeat.until = untilFromText(fromText, fields.timezone, startMs);
    }
    checkTimeParts(fromText, startMs, issues);
  }
  checkRuleShape(repeat, issues);
  if (repeat.count !== undefined && repeat.until !== undefined) {
    issues.push({ path: 'repeat.until', message: 'give either count or until, not both' });
  }
  if (repeat.until !== undefined && startDay !== undefined && (parseLocalDate(repeat.until) as number) < startDay) {
    issues.push({ path: 'repeat.until', message: `${show(repeat.until)} is before start ${show(fields.start)}` });
  }
  return issues.length === before ? repeat : undefined;
}

/** UNTIL as the last local date whose occurrence starts no later than it (RFC 5545: inclusive). */
function untilFromText(parsed: ParsedRRule, timezone: string, startMs: number): string {
  const until = parsed.until!;
  if (until.form === 'date') return formatLocalDate(until.epochDays);
  const wall = until.form === 'local' ? until.wallMs : instantToWall(timezone, until.epochMs);
  return formatLocalDate(Math.floor((wall - startMs) / milliInDay));
}

/** BYHOUR/BYMINUTE/BYSECOND may only restate the start time: a series has one time of day. */
function checkTimeParts(parsed: ParsedRRule, startMs: number | undefined, issues: ValidationIssue[]): void {
  const start = startMs === undefined ? undefined : [Math.floor(startMs / 3_600_000), Math.floor(startMs / 60_000) % 60, Math.floor(startMs / 1000) % 60];
  const parts: Array<[string, readonly number[] | undefined, number]> = [
    ['BYHOUR', parsed.byHour, 0],
    ['BYMINUTE', parsed.byMinute, 1],
    ['BYSECOND', parsed.bySecond, 2],
  ];
  for (const [name, values, index] of parts) {
    if (values === undefined || start === undefined) continue;
    if (values.length !== 1 || values[0] !== start[index]) {
      issues.push({
        path: 'repeat',
        message: `${name}=${values.join(',')} disagrees with startTime ${formatLocalTime(startMs!)}: a series has one time of day (use freeSlots for slots within a day)`,
      });
    }
  }
}

/** RFC 5545's restrictions on which parts go with which frequency. */
function checkRuleShape(repeat: RepeatInput, issues: ValidationIssue[]): void {
  const { freq } = repeat;
  repeat.byWeekday?.forEach((spec, i) => {
    if (typeof spec === 'string') return;
    const path = `repeat.byWeekday[${i}]`;
    if (freq === 'daily' || freq === 'weekly') {
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
  if (repeat.byYearDay !== undefined && freq !== 'yearly') {
    issues.push({ path: 'repeat.byYearDay', message: 'is only allowed with freq yearly' });
  }
  if (repeat.byMonthDay !== undefined && freq === 'weekly') {
    issues.push({ path: 'repeat.byMonthDay', message: 'is not allowed with freq weekly' });
  }
  const selectors = [repeat.byWeekday, repeat.byMonthDay, repeat.byMonth, repeat.byYearDay, repeat.byWeekNo];
  if (repeat.bySetPos !== undefined && selectors.every((list) => list === undefined)) {
    issues.push({ path: 'repeat.bySetPos', message: 'needs another by-part (byWeekday, byMonthDay, …) to pick positions from' });
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
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function normalizeRule(repeat: RepeatInput): Rule {
  const rule: Record<string, unknown> = { freq: repeat.freq, interval: repeat.interval ?? 1 };
  if (repeat.byWeekday) rule.byWeekday = Object.freeze(normalizeWeekdays(repeat.byWeekday));
  if (repeat.byMonthDay) rule.byMonthDay = Object.freeze(sortedUnique(repeat.byMonthDay));
  if (repeat.byMonth) rule.byMonth = Object.freeze(sortedUnique(repeat.byMonth));
  if (repeat.bySetPos) rule.bySetPos = Object.freeze(sortedUnique(repeat.bySetPos));
  if (repeat.byYearDay) rule.byYearDay = Object.freeze(sortedUnique(repeat.byYearDay));
  if (repeat.byWeekNo) rule.byWeekNo = Object.freeze(sortedUnique(repeat.byWeekNo));
  rule.weekStart = repeat.weekStart ?? ('MO' satisfies Weekday);
  if (repeat.count !== undefined) rule.count = repeat.count;
  if (repeat.until !== undefined) rule.until = repeat.until;
  return Object.freeze(rule) as unknown as Rule;
}

function normalize(input: SeriesInput, repeat: RepeatInput | undefined): Series {
  const startTime = formatLocalTime(parseLocalTime(input.startTime) as number);
  const series: Record<string, unknown> = {
    id: input.id,
    timezone: input.timezone,
    start: input.start,
    startTime,
  };
  if (input.endTime !== undefined) series.endTime = formatLocalTime(parseLocalTime(input.endTime) as number);
  if (input.duration !== undefined) series.duration = input.duration;
  if (repeat !== undefined) series.repeat = normalizeRule(repeat);
  series.exclude = Object.freeze(sortedUnique(input.exclude ?? []));
  const includes = (input.include ?? []).map((text) =>
    formatLocalDateTime(text.includes('T') ? (parseLocalDateTime(text) as number) : (parseLocalDate(text) as number) * milliInDay + (parseLocalTime(startTime) as number)),
  );
  series.include = Object.freeze(sortedUnique(includes));
  series.dst = Object.freeze({ nonexistent: input.dst?.nonexistent ?? 'shift', ambiguous: input.dst?.ambiguous ?? 'earlier' });
  const overrideKeys = Object.keys(input.overrides ?? {}).sort();
  if (overrideKeys.length > 0) {
    const overrides: Record<string, Override> = {};
    for (const key of overrideKeys) overrides[normalizeKey(key)] = normalizeOverride(input.overrides![key]!);
    series.overrides = Object.freeze(overrides);
  }
  return Object.freeze(series) as unknown as Series;
}

/** Keys in their canonical form (`09:30:00` → `09:30`); invalid keys are reported by `checkOverrides`. */
function normalizeKey(key: string): string {
  const wall = parseLocalDateTime(key);
  return typeof wall === 'number' ? formatLocalDateTime(wall) : key;
}

function normalizeOverride(override: OverrideInput): Override {
  const result: Record<string, unknown> = {};
  if ('cancelled' in override && override.cancelled !== undefined) result.cancelled = override.cancelled;
  if ('date' in override && override.date !== undefined) result.date = override.date;
  const time = (text: string | undefined) => (text === undefined ? undefined : formatLocalTime(parseLocalTime(text) as number));
  if ('startTime' in override && override.startTime !== undefined) result.startTime = time(override.startTime);
  if ('endTime' in override && override.endTime !== undefined) result.endTime = time(override.endTime);
  if ('duration' in override && override.duration !== undefined) result.duration = override.duration;
  return Object.freeze(result) as Override;
}
