import { formatLocalTime, formatMonthDay, formatSecondsSuffix, formatYear, packedCivil } from '../time/local-format.js';
import { milliInDay, milliInMinute } from '../time/units.js';

/**
 * `-DDTHH:mm` of each day of the month and minute of the day, made on first use and
 * shared by every formatter: at most 31 × 1 440 short strings, and most series use a few.
 */
const daySuffixes: Array<Array<string | undefined> | undefined> = new Array<Array<string | undefined> | undefined>(32);

/**
 * Occurrence keys (`YYYY-MM-DDTHH:mm[:ss]`) of ascending wall times. A key is the month
 * (`YYYY-MM`, formatted once per month) joined to a shared `-DDTHH:mm`, so it costs one
 * concatenation (two with seconds) and holds one new string: a daily series' 100 000 keys
 * make no date string of their own, which is a fifth of the memory its blocks take.
 */
export class KeyFormatter {
  #day = NaN;
  #dayOfMonth = 0;
  #month = NaN;
  #monthText = '';
  #suffixes: Array<string | undefined> = [];

  key(wall: number): string {
    const day = Math.floor(wall / milliInDay);
    if (day !== this.#day) this.#startDay(day);
    const time = wall - day * milliInDay;
    const minute = Math.floor(time / milliInMinute);
    const suffix = this.#suffixes[minute] ?? this.#makeSuffix(minute);
    const seconds = time - minute * milliInMinute;
    return seconds === 0 ? this.#monthText + suffix : this.#monthText + suffix + formatSecondsSuffix(seconds);
  }

  #startDay(day: number): void {
    this.#day = day;
    const civil = packedCivil(day);
    const month = civil >> 5; // year and month
    if (month !== this.#month) {
      this.#month = month;
      this.#monthText = formatYear(civil >> 9) + formatMonthDay(month & 15, 1).slice(0, 3);
    }
    this.#dayOfMonth = civil & 31;
    this.#suffixes = daySuffixes[this.#dayOfMonth] ??= new Array<string | undefined>(24 * 60);
  }

  #makeSuffix(minute: number): string {
    return (this.#suffixes[minute] = formatMonthDay(1, this.#dayOfMonth).slice(3) + 'T' + formatLocalTime(minute * milliInMinute));
  }
}
