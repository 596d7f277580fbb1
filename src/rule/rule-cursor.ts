import { civilToEpochDays } from '../time/civil.js';
import { maxYear } from '../time/local-format.js';
import { type CompiledRule, periodIndexAtOrBefore } from './compiled-rule.js';
import { PeriodDays } from './period-days.js';

/** No date after 9999-12-31 exists for timeblocks; a series that would go on ends there. */
const lastSupportedDay = civilToEpochDays(maxYear, 12, 31);

/**
 * Walks a rule's occurrence dates (epoch days) in order: the dates on or after the start
 * that the rule selects, up to `until` and `count`. Without `count` it seeks straight to
 * the period holding `seekDay`, so its cost grows with the window, not the series' age;
 * with `count` it must count from the start (cheaply: days only, no blocks).
 */
export class RuleCursor {
  readonly #rule: CompiledRule;
  readonly #periods: PeriodDays;
  readonly #days: number[] = [];
  #length = 0;
  #index = 0;
  #period: number;
  #produced = 0;
  #emptyRun = 0;
  #done = false;

  constructor(rule: CompiledRule, seekDay?: number) {
    this.#rule = rule;
    this.#periods = new PeriodDays(rule);
    this.#period = seekDay !== undefined && rule.count === Infinity ? periodIndexAtOrBefore(rule, seekDay) : 0;
  }

  /** The next occurrence date, or NaN when the rule has no more. */
  next(): number {
    const rule = this.#rule;
    for (;;) {
      if (this.#index < this.#length) {
        const day = this.#days[this.#index++]!;
        if (day < rule.startDay) continue;
        if (day > rule.untilDay || day > lastSupportedDay || this.#produced >= rule.count) return this.#finish();
        this.#produced++;
        return day;
      }
      if (this.#done) return NaN;
      this.#length = this.#periods.fill(this.#period, this.#days);
      this.#index = 0;
      if (this.#length > 0) {
        this.#emptyRun = 0; // its days are checked against until as they are taken
      } else {
        const periodStart = this.#periods.periodStart(this.#period);
        if (periodStart > rule.untilDay || periodStart > lastSupportedDay) return this.#finish();
        // A rule that selected nothing for a whole Gregorian cycle never will again.
        if (++this.#emptyRun > rule.cyclePeriods) return this.#finish();
      }
      this.#period++;
    }
  }

  #finish(): number {
    this.#done = true;
    this.#length = 0;
    return NaN;
  }
}

/** Whether the rule selects any date at all (within one Gregorian cycle from its start). */
export function ruleHasOccurrences(rule: CompiledRule): boolean {
  const unbounded: CompiledRule = { ...rule, count: Infinity, untilDay: Infinity };
  return !Number.isNaN(new RuleCursor(unbounded).next());
}

/** Whether `day` is one of the rule's occurrence dates (within count and until). */
export function ruleProducesDay(rule: CompiledRule, day: number): boolean {
  const cursor = new RuleCursor(rule, day);
  let next = cursor.next();
  while (next < day) next = cursor.next();
  return next === day;
}
