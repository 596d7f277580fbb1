import { showValue } from '../../show-value.js';

/** One thing `fromICalendar` could not read; the rest of the calendar is still imported. */
export interface ImportProblem {
  /** The UID of the event it concerns; `''` for the calendar itself or an event without one. */
  readonly uid: string;
  /** The property or component at fault, e.g. `DTSTART`, `RRULE`, `TZID`, `VEVENT`. */
  readonly property: string;
  /** Why, in one bounded sentence. */
  readonly message: string;
}

/** Most problems kept: a hostile file could otherwise make the report as big as itself. */
export const maxProblems = 1000;

/** Collects problems up to `maxProblems`, counting the rest. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  dropped = 0;

  add(uid: string, property: string, message: string): void {
    if (this.items.length >= maxProblems) {
      this.dropped++;
      return;
    }
    this.items.push(Object.freeze({ uid: clip(uid, 120), property: clip(property, 60), message: clip(message, 400) }));
  }

  /** The list, ending with one summary problem when some were dropped. */
  result(): ImportProblem[] {
    if (this.dropped === 0) return this.items;
    return [...this.items, Object.freeze({ uid: '', property: 'VCALENDAR', message: `${this.dropped} more problems not listed` })];
  }
}

/** A value from the file, quoted and cut short, for a message. */
export function quote(text: string): string {
  return showValue(text);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
