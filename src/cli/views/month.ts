import { epochDaysToCivil, epochDaysToWeekday } from '../../time/civil.js';
import type { Palette } from '../color.js';
import { CliError } from '../cli-error.js';
import type { CalendarModel, Entry } from './calendar-model.js';
import { weekdayHeaders } from './period.js';
import { visibleText } from '../../show-value.js';
import { fit, legend, noteMark, pad, paint } from './text-common.js';

const tags = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An entry in a day cell: resource tag, start–end when it fits (else the start), note mark, `!`. */
function entryText(entry: Entry, tag: string, width: number): string {
  const marks = `${noteMark(entry.note)}${entry.item.conflict ? '!' : ''}`;
  const full = `${tag}${entry.time}${marks}`;
  return [...full].length <= width ? full : fit(`${tag}${entry.startTime}${marks}`, width);
}

/**
 * The month view for a terminal: a Monday-first grid of the month's days, each cell the
 * day's blocks (start–end when the cell is wide enough, else the start); several resources
 * are tagged A, B, … with a key above the grid.
 */
export function formatMonthView(model: CalendarModel, width: number, colors: Palette): string {
  const tagged = model.columns.length > 1;
  if (model.columns.length > tags.length) throw new CliError(`--view month: ${model.columns.length} resources are more than ${tags.length}; use --view week or --format html`);
  const cellWidth = Math.floor((width - 6) / 7);
  const out: string[] = [];
  if (tagged) out.push(`Resources: ${model.columns.map((name, i) => `${tags[i]} ${visibleText(name)}`).join(', ')}`);
  model.periods.forEach((period, i) => {
    if (i > 0 || tagged) out.push('');
    out.push(colors.bold(`${period.title} (${model.zone})`));
    out.push(colors.bold(weekdayHeaders().map((name) => pad(name, cellWidth)).join(' ').trimEnd()));
    const lead = epochDaysToWeekday(period.first);
    const weeks = Math.ceil((lead + period.days.length) / 7);
    for (let week = 0; week < weeks; week++) {
      const days = Array.from({ length: 7 }, (_, d) => period.days[week * 7 + d - lead]);
      const cells = days.map((row) =>
        row === undefined ? [] : row.cells.flatMap((cell, column) => cell.map((entry) => ({ entry, tag: tagged ? `${tags[column]} ` : '' }))),
      );
      cells.forEach((cell) => cell.sort((a, b) => a.entry.item.start - b.entry.item.start));
      const height = Math.max(...cells.map((cell) => cell.length));
      out.push(days.map((row) => pad(row === undefined ? '' : String(epochDaysToCivil(row.day).day), cellWidth)).join(' ').trimEnd());
      for (let line = 0; line < height; line++) {
        const parts = cells.map((cell) => {
          const shown = cell[line];
          if (shown === undefined) return ' '.repeat(cellWidth);
          const text = entryText(shown.entry, shown.tag, cellWidth);
          return paint(shown.entry, text, colors) + ' '.repeat(cellWidth - [...text].length);
        });
        out.push(parts.join(' ').trimEnd());
      }
    }
  });
  return `${out.join('\n')}\n${legend(model, width, colors)}`;
}
