import { instantToWall } from '../../time/convert.js';
import { formatLocalTime } from '../../time/local-format.js';
import { milliInDay } from '../../time/units.js';
import { dayLabelWithYear, monthLength, periodTitle, shiftPeriod, spanEnd, type Span } from './period.js';
import type { CalendarItem, ConflictEntry, ViewResult } from './view-data.js';

/** An item as drawn on one day: `09:30–10:00`, or `22:00–…` / `…–06:00` for the days of an overnight block. */
export interface Entry {
  readonly item: CalendarItem;
  readonly time: string;
  readonly startTime: string;
  /** 1-based number of the item's DST note; 0 when it has none. */
  readonly note: number;
  /** The item began on an earlier day (it is drawn again here). */
  readonly continued: boolean;
}

/** One local day: its entries per column, in the view's column order. */
export interface DayRow {
  readonly day: number;
  readonly cells: readonly (readonly Entry[])[];
}

/** One week or month of the view. */
export interface Period {
  readonly first: number;
  readonly title: string;
  readonly days: readonly DayRow[];
}

/** A view laid out by local day, with its numbered notes and its conflicts in words. */
export interface CalendarModel {
  readonly zone: string;
  readonly span: Span;
  readonly columns: readonly string[];
  readonly periods: readonly Period[];
  readonly notes: readonly string[];
  /** Undefined where conflicts do not apply (free slots). */
  readonly conflicts: readonly string[] | undefined;
}

/** The wall time of an instant in `zone`, as `HH:mm[:ss]`. */
function wallTime(zone: string, epochMs: number): { day: number; time: string; midnight: boolean } {
  const wall = instantToWall(zone, epochMs);
  const day = Math.floor(wall / milliInDay);
  const ms = wall - day * milliInDay;
  return { day, time: formatLocalTime(ms), midnight: ms === 0 };
}

/** Lays out a view's items by local day in `zone`, for the days of `span`. */
export function calendarModel(zone: string, span: Span, result: ViewResult): CalendarModel {
  const notes: string[] = [];
  const noteNumber = (note: string) => {
    if (note === '') return 0;
    const at = notes.indexOf(note);
    return at >= 0 ? at + 1 : notes.push(note);
  };
  const columnIndex = new Map(result.columns.map((column, i) => [column, i]));
  const periods: Array<{ first: number; title: string; days: Array<{ day: number; cells: Entry[][] }> }> = [];
  const rowOf = new Map<number, Entry[][]>();
  for (let i = 0, first = span.first; i < span.periods; i++, first = shiftPeriod(span.kind, first, 1)) {
    const length = span.kind === 'week' ? 7 : monthLength(first);
    const days = Array.from({ length }, (_, d) => ({ day: first + d, cells: result.columns.map((): Entry[] => []) }));
    for (const row of days) rowOf.set(row.day, row.cells);
    periods.push({ first, title: periodTitle(span.kind, first), days });
  }
  for (const item of result.items) {
    const start = wallTime(zone, item.start);
    const end = wallTime(zone, item.end);
    // A block ending at midnight ends on the day before, at 24:00.
    const lastDay = end.midnight && end.day > start.day ? end.day - 1 : end.day;
    const endText = end.midnight && end.day > start.day ? '24:00' : end.time;
    const note = noteNumber(item.note);
    const column = columnIndex.get(item.column) ?? 0;
    // Only the days inside the span: a long block costs its overlap with the view, not its length.
    for (let day = Math.max(start.day, span.first); day <= Math.min(lastDay, spanEnd(span) - 1); day++) {
      const cells = rowOf.get(day)!;
      const from = day === start.day ? start.time : '…';
      const to = day === lastDay ? endText : '…';
      cells[column]!.push({ item, time: `${from}–${to}`, startTime: from, note, continued: day !== start.day });
    }
  }
  return { zone, span, columns: result.columns, periods, notes, conflicts: result.conflicts?.map((conflict) => conflictText(zone, conflict)) };
}

/** `a 2025-03-24T09:30 × b 2025-03-24T09:45: Mon 24 Mar 2025 09:45–10:00`, the overlap in local time. */
function conflictText(zone: string, { a, b, start, end }: ConflictEntry): string {
  const from = wallTime(zone, start);
  const to = wallTime(zone, end);
  const until = to.day === from.day ? to.time : `${dayLabelWithYear(to.day)} ${to.time}`;
  return `${a.seriesId} ${a.key} × ${b.seriesId} ${b.key}: ${dayLabelWithYear(from.day)} ${from.time}–${until}`;
}
