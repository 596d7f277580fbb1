import { formatLocalTime, formatMonthDay, formatSecondsSuffix, formatYear, packedCivil } from '../time/local-format.js';
import { milliInDay, milliInMinute } from '../time/units.js';

/** `THH:mm` of each minute of the day, made once each and shared by every formatter. */
const minuteSuffixes: Array<string | undefined> = new Array<string | undefined>(24 * 60);

/**
 * `-MM-DDTHH:mm` by month * 32 + day, one table per minute of the day, for rules with one
 * or two times a day (a key is then the year and one of these: no date string per day).
 * Few tables are made, so memory stays small whatever times series use.
 */
const dateTimeTables = new Map<number, Array<string | undefined>>();
const maxDateTimeTables = 16;

function dateTimeTable(minute: number): Array<string | undefined> | undefined {
  let table = dateTimeTables.get(minute);
  if (table === undefined && dateTimeTables.size < maxDateTimeTables) dateTimeTables.set(minute, (table = new Array<string | undefined>(13 * 32)));
  return table;
}

/**
 * Occurrence keys (`YYYY-MM-DDTHH:mm[:ss]`) of ascending wall times: the date is formatted
 * once per day (its year once per year) and the hour and minute come from a shared table,
 * so a key costs one concatenation (two with seconds). With `fewTimesADay` (day-level rules
 * at one or two times) the month, day, hour and minute come as one cached piece.
 */
export class KeyFormatter {
  readonly #fewTimesADay: boolean;
  #day = NaN;
  #year = NaN;
  #yearText = '';
  /** month * 32 + day of `#day`. */
  #monthDay = 0;
  /** `YYYY-MM-DD` of `#day`, made when first needed. */
  #date = '';
  #minute = NaN;
  #hhmm = '';
  #table: Array<string | undefined> | undefined;

  constructor(fewTimesADay = false) {
    this.#fewTimesADay = fewTimesADay;
  }

  key(wall: number): string {
    const day = Math.floor(wall / milliInDay);
    if (day !== this.#day) this.#startDay(day);
    const time = wall - day * milliInDay;
    const minute = Math.floor(time / milliInMinute);
    if (minute !== this.#minute) this.#startMinute(minute);
    const seconds = time - minute * milliInMinute;
    const table = this.#table;
    if (seconds === 0 && table !== undefined) {
      const monthDay = this.#monthDay;
      return this.#yearText + (table[monthDay] ?? (table[monthDay] = formatMonthDay(monthDay >> 5, monthDay & 31) + this.#hhmm));
    }
    if (this.#date === '') this.#date = this.#yearText + formatMonthDay(this.#monthDay >> 5, this.#monthDay & 31);
    return seconds === 0 ? this.#date + this.#hhmm : this.#date + this.#hhmm + formatSecondsSuffix(seconds);
  }

  #startDay(day: number): void {
    this.#day = day;
    const civil = packedCivil(day);
    const year = civil >> 9;
    if (year !== this.#year) {
      this.#year = year;
      this.#yearText = formatYear(year);
    }
    this.#monthDay = civil & 511;
    this.#date = '';
  }

  #startMinute(minute: number): void {
    this.#minute = minute;
    this.#hhmm = minuteSuffixes[minute] ?? (minuteSuffixes[minute] = 'T' + formatLocalTime(minute * milliInMinute));
    this.#table = this.#fewTimesADay ? dateTimeTable(minute) : undefined;
  }
}
