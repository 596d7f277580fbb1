import { milliInDay, milliInHour, milliInMinute } from '../time/units.js';
import { type CompiledRule, subDailyUnitMs } from './compiled-rule.js';

/**
 * The occurrences a sub-daily rule has within one day it selects: its periods (every
 * `interval` hours, minutes or seconds of wall-clock time, counted from the start's) that
 * fall in the day and pass byHour / byMinute / bySecond, each expanded to the period's
 * offsets. Only the hours (and minutes) a limit selects are visited, so a day costs about
 * what it yields.
 */
export class DayTimes {
  readonly #rule: CompiledRule;
  /** Wall-clock step between periods. */
  readonly #step: number;
  /** Start of period 0: the start, cut to its hour, minute or second. */
  readonly #origin: number;
  readonly #hours: readonly number[];
  readonly #minutes: readonly number[];

  constructor(rule: CompiledRule) {
    this.#rule = rule;
    const unit = subDailyUnitMs[rule.freq]!;
    this.#step = rule.interval * unit;
    this.#origin = Math.floor(rule.startWall / unit) * unit;
    this.#hours = range(24).filter((h) => rule.hourMask === 0 || (rule.hourMask & (1 << h)) !== 0);
    this.#minutes = range(60).filter((m) => rule.minuteSet === undefined || rule.minuteSet[m] === 1);
  }

  /** Appends the day's occurrences (wall ms, ascending) to `out` from index `n`; returns the new length. */
  fill(day: number, out: number[], n: number): number {
    const dayStart = day * milliInDay;
    const step = this.#step;
    const freq = this.#rule.freq;
    if (freq === 'hourly' || step >= milliInHour) return this.#grid(dayStart, dayStart + milliInDay, dayStart, out, n);
    for (const hour of this.#hours) {
      const hourStart = dayStart + hour * milliInHour;
      if (freq === 'minutely' || step >= milliInMinute) {
        n = this.#grid(hourStart, hourStart + milliInHour, dayStart, out, n);
        continue;
      }
      for (const minute of this.#minutes) {
        const minuteStart = hourStart + minute * milliInMinute;
        n = this.#grid(minuteStart, minuteStart + milliInMinute, dayStart, out, n);
      }
    }
    return n;
  }

  /** The periods starting in [from, to) that pass the limits, expanded. */
  #grid(from: number, to: number, dayStart: number, out: number[], n: number): number {
    const rule = this.#rule;
    const step = this.#step;
    const origin = this.#origin;
    let period = from <= origin ? origin : origin + Math.ceil((from - origin) / step) * step;
    for (; period < to; period += step) {
      const timeOfDay = period - dayStart;
      if (rule.hourMask !== 0 && (rule.hourMask & (1 << Math.floor(timeOfDay / milliInHour))) === 0) continue;
      if (rule.minuteSet !== undefined && rule.minuteSet[Math.floor(timeOfDay / milliInMinute) % 60] !== 1) continue;
      if (rule.secondSet !== undefined && rule.secondSet[Math.floor(timeOfDay / 1000) % 60] !== 1) continue;
      for (const offset of rule.periodOffsets) out[n++] = period + offset;
    }
    return n;
  }
}

function range(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}
