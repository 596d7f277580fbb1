import { civilToEpochDays, daysInMonth, epochDaysToCivil, epochDaysToWeekday } from '../../time/civil.js';
import { instantToWall, wallToInstant } from '../../time/convert.js';
import { milliInDay } from '../../time/units.js';

/** The calendar views: a week runs Monday to Sunday (ISO 8601), a month is a calendar month. */
export type ViewKind = 'week' | 'month';

/** Consecutive weeks or months, by their first day (an epoch day, local to the view's zone). */
export interface Span {
  readonly kind: ViewKind;
  readonly first: number;
  readonly periods: number;
}

/** The most periods one view draws: a year of weeks or two years of months. */
export const maxPeriods: Record<ViewKind, number> = { week: 53, month: 24 };

/** The first day of the week or month holding `day`. */
export function periodStart(kind: ViewKind, day: number): number {
  if (kind === 'week') return day - epochDaysToWeekday(day);
  const { year, month } = epochDaysToCivil(day);
  return civilToEpochDays(year, month, 1);
}

/** The first day of the period `steps` periods after (or before) the one starting on `first`. */
export function shiftPeriod(kind: ViewKind, first: number, steps: number): number {
  if (kind === 'week') return first + 7 * steps;
  const { year, month } = epochDaysToCivil(first);
  const index = year * 12 + month - 1 + steps;
  return civilToEpochDays(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The day after the span's last day. */
export function spanEnd(span: Span): number {
  return shiftPeriod(span.kind, span.first, span.periods);
}

/** The local day (epoch day) of an instant in `zone`. */
export function localDay(zone: string, epochMs: number): number {
  return Math.floor(instantToWall(zone, epochMs) / milliInDay);
}

/** The first instant of a local day in `zone` (a midnight in a gap moves forward, as series times do). */
export function dayStart(zone: string, day: number): number {
  return wallToInstant(zone, day * milliInDay);
}

/** The window `[from, to)` of a span: its first local midnight to the one after its last day. */
export function spanWindow(zone: string, span: Span): { from: number; to: number } {
  return { from: dayStart(zone, span.first), to: dayStart(zone, spanEnd(span)) };
}

/** The span of whole periods covering the instants `[from, to)`; `to` absent: the one period holding `from`. */
export function spanCovering(kind: ViewKind, zone: string, from: number, to?: number): Span {
  const first = periodStart(kind, localDay(zone, from));
  if (to === undefined || to <= from) return { kind, first, periods: 1 };
  const last = periodStart(kind, localDay(zone, to - 1));
  let periods = 1;
  for (let next = shiftPeriod(kind, first, 1); next <= last && periods <= maxPeriods[kind]; next = shiftPeriod(kind, next, 1)) periods++;
  return { kind, first, periods };
}

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLongNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `Mon 24 Mar`: English names from the date alone, never from the host's locale. */
export function dayLabel(day: number): string {
  const { month, day: dayOfMonth } = epochDaysToCivil(day);
  return `${weekdayNames[epochDaysToWeekday(day)]} ${String(dayOfMonth).padStart(2, ' ')} ${monthNames[month - 1]}`;
}

/** `Mon 24 Mar 2025`. */
export function dayLabelWithYear(day: number): string {
  return `${dayLabel(day).replace(/ {2}/, ' ')} ${String(epochDaysToCivil(day).year).padStart(4, '0')}`;
}

/** The three-letter weekday names, Monday first. */
export function weekdayHeaders(): readonly string[] {
  return weekdayNames;
}

/** A period's title: `Mon 24 Mar 2025 – Sun 30 Mar 2025` or `March 2025`. */
export function periodTitle(kind: ViewKind, first: number): string {
  if (kind === 'week') return `${dayLabelWithYear(first)} – ${dayLabelWithYear(first + 6)}`;
  const { year, month } = epochDaysToCivil(first);
  return `${monthLongNames[month - 1]} ${String(year).padStart(4, '0')}`;
}

/** Days in the month starting on `first`. */
export function monthLength(first: number): number {
  const { year, month } = epochDaysToCivil(first);
  return daysInMonth(year, month);
}

/** A span's title: its one period's, or the first and last joined by `to`. */
export function spanTitle(span: Span): string {
  const title = periodTitle(span.kind, span.first);
  return span.periods === 1 ? title : `${title} to ${periodTitle(span.kind, shiftPeriod(span.kind, span.first, span.periods - 1))}`;
}
