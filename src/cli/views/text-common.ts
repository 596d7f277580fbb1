import { escapeInvisible } from '../../show-value.js';
import type { Palette } from '../color.js';
import type { CalendarModel, Entry } from './calendar-model.js';

/** The narrowest a terminal view is drawn; a wider terminal gets a wider calendar. */
export const minWidth = 80;

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A note number as superscript digits (`¹²`), so it costs one column a digit. */
export function noteMark(note: number): string {
  return note === 0 ? '' : [...String(note)].map((digit) => superscripts[Number(digit)]).join('');
}

/** `text` cut to `width` characters, the cut shown by `…`. */
export function fit(text: string, width: number): string {
  if ([...text].length <= width) return text;
  return width <= 0 ? '' : `${[...text].slice(0, width - 1).join('')}…`;
}

/** Pads by characters (superscripts and `…` are one column each). */
export function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** An entry's colour: a conflict in red, a DST-adjusted time in yellow; the marks say the same without colour. */
export function paint(entry: Entry, text: string, colors: Palette): string {
  if (entry.item.conflict) return colors.error(text);
  if (entry.note !== 0) return colors.warn(text);
  return text;
}

/** Wraps words to `width`, continuation lines indented by `indent`. */
export function wrap(line: string, width: number, indent: string): string[] {
  const lead = /^ */.exec(line)![0];
  const lines: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(' ')) {
    const next = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
    if ([...next].length > width && current.trim() !== '') {
      lines.push(current);
      current = `${indent}${word}`;
    } else {
      current = next;
    }
  }
  lines.push(current);
  // A single word longer than the line (a long id) is cut rather than overflowing.
  return lines.map((text) => fit(text, width));
}

/** The notes and conflicts under a calendar, wrapped to `width`. */
export function legend(model: CalendarModel, width: number, colors: Palette): string {
  const lines: string[] = [];
  if (model.notes.length > 0) {
    lines.push('', colors.bold('DST notes:'));
    model.notes.forEach((note, i) => lines.push(...wrap(`  ${noteMark(i + 1)} ${note}`, width, '    ').map(colors.warn)));
  }
  if (model.conflicts !== undefined && model.conflicts.length > 0) {
    lines.push('', colors.bold(`Conflicts (!): ${model.conflicts.length}`));
    for (const conflict of model.conflicts) lines.push(...wrap(`  ! ${escapeInvisible(conflict)}`, width, '    ').map(colors.error));
  }
  return lines.map((line) => `${line}\n`).join('');
}
