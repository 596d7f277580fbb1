import type { Palette } from '../color.js';
import { CliError } from '../cli-error.js';
import type { CalendarModel, Entry } from './calendar-model.js';
import { dayLabel } from './period.js';
import { visibleText } from '../../show-value.js';
import { fit, legend, minWidth, noteMark, pad, paint } from './text-common.js';

const dayWidth = 10; // "Mon 24 Mar"
const gap = '  ';
/** Room for "22:00–06:00¹ !" and a few letters of a label. */
const minColumnWidth = 18;

/** An entry as text within `width`: times, label (cut first when too long), note mark, `!` for a conflict. */
function entryText(entry: Entry, width: number): string {
  const marks = `${noteMark(entry.note)}${entry.item.conflict ? ' !' : ''}`;
  // Ids and resources show invisible characters escaped: a bidi override must not reorder the line.
  const label = visibleText(entry.item.label);
  if (label === '') return fit(`${entry.time}${marks}`, width);
  const room = width - [...entry.time].length - [...marks].length - 1;
  return room < 2 ? fit(`${entry.time}${marks}`, width) : `${entry.time} ${fit(label, room)}${marks}`;
}

/**
 * The week view for a terminal: one row per local day (weekday and date), the blocks of
 * each resource in its own column, local start–end times; DST notes as numbered marks
 * and conflicts as `!`, both listed below (colour repeats them, never replaces them).
 */
export function formatWeekView(model: CalendarModel, width: number, colors: Palette): string {
  const columns = model.columns.length;
  const columnWidth = Math.floor((width - dayWidth - gap.length * columns) / columns);
  if (columnWidth < minColumnWidth) {
    const most = Math.max(1, Math.floor((width - dayWidth) / (minColumnWidth + gap.length)));
    throw new CliError(`--view week: ${columns} resource columns do not fit in ${width} columns (at most ${most}); use a wider terminal or --format html`);
  }
  const out: string[] = [];
  model.periods.forEach((period, i) => {
    if (i > 0) out.push('');
    out.push(colors.bold(`${period.title} (${model.zone})`));
    if (columns > 1) out.push(colors.bold(`${' '.repeat(dayWidth)}${gap}${model.columns.map((name) => pad(fit(visibleText(name), columnWidth), columnWidth)).join(gap)}`.trimEnd()));
    for (const { day, cells } of period.days) {
      const height = Math.max(1, ...cells.map((cell) => cell.length));
      for (let line = 0; line < height; line++) {
        const label = line === 0 ? dayLabel(day) : '';
        const parts = cells.map((cell) => {
          const entry = cell[line];
          if (entry === undefined) return ' '.repeat(columnWidth);
          const text = entryText(entry, columnWidth);
          return paint(entry, text, colors) + ' '.repeat(columnWidth - [...text].length);
        });
        out.push(`${pad(label, dayWidth)}${gap}${parts.join(gap)}`.trimEnd());
      }
    }
  });
  return `${out.join('\n')}\n${legend(model, Math.max(width, minWidth), colors)}`;
}
