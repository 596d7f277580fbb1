import { formatLocalTime, formatMonthDay, formatSecondsSuffix, formatYear, packedCivil } from '../time/local-format.js';
import { milliInDay, milliInMinute } from '../time/units.js';

/** `THH:mm` of each minute of the day, made once each and shared by every formatter. */
const minuteSuffixes: Array<string | undefined> = new Array<string | undefined>(24 * 60);

/**
 * Occurrence keys (`YYYY-MM-DDTHH:mm[:ss]`) of ascending wall times: the date is formatted
 * once per day (its year once per year) and the hour and minute come from a shared table,
 * so a key costs one concatenation (two with seconds).
 */
export class KeyFormatter {
  #day = NaN;
  #date = '';
  #year = NaN;
  #yearText = '';

  key(wall: number): string {
    const day = Math.floor(wall / milliInDay);
    if (day !== this.#day) this.#startDay(day);
    const time = wall - day * milliInDay;
    const minute = Math.floor(time / milliInMinute);
    const hhmm = minuteSuffixes[minute] ?? (minuteSuffixes[minute] = 'T' + formatLocalTime(minute * milliInMinute));
    const seconds = time - minute * milliInMinute;
    return seconds === 0 ? this.#date + hhmm : this.#date + hhmm + formatSecondsSuffix(seconds);
  }

  #startDay(day: number): void {
    this.#day = day;
    const civil = packedCivil(day);
    const year = civil >> 9;
    if (year !== this.#year) {
      this.#year = year;
      this.#yearText = formatYear(year);
    }
    this.#date = this.#yearText + formatMonthDay((civil >> 5) & 15, civil & 31);
  }
}
