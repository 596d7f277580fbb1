import { civilToEpochDays } from '../time/civil.js';
import { maxYear } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { type CompiledRule, isSubDaily, periodIndexAtOrBefore, pickPositions, subDailyUnitMs } from './compiled-rule.js';
import { DayTimes } from './day-times.js';
import { PeriodDays } from './period-days.js';

/** No date after 9999-12-31 exists for timeblocks; a series that would go on ends there. */
const lastSupportedDay = civilToEpochDays(maxYear, 12, 31);
const endOfSupportedDays = (lastSupportedDay + 1) * milliInDay;

/** Walls `nextBatch` gathers before it returns, whatever `stopAfter` says: bounded memory, few calls. */
const batchSize = 512;

/**
 * Walks a rule's occurrences — local wall times, ms since 1970-01-01T00:00 — in order: the
 * date-times on or after the start that the rule selects, up to `until` and `count`.
 * Without `count` it seeks straight to the period holding `seekWall`, so its cost grows
 * with the window, not the series' age (sub-daily rules too: they walk days, and a day
 * costs what it yields); with `count` it must count from the start (cheaply: wall times
 * only, no blocks).
 */
export class RuleCursor {
  readonly #rule: CompiledRule;
  readonly #periods: PeriodDays;
  readonly #dayTimes: DayTimes | undefined;
  /** A daily rule that selects every period's day (no by-day part): its walls are arithmetic. */
  readonly #everyNthDay: boolean;
  /** bySetPos picks among the period's date-times, not its days (several times a day). */
  readonly #setPosOnWalls: boolean;
  readonly #days: number[] = [];
  readonly #walls: number[] = [];
  /** What `nextBatch` returned, ascending. */
  readonly batch: number[] = [];
  #batchIndex = 0;
  #batchLength = 0;
  /** How many of `#walls` the last period filled (and `#take` has yet to take). */
  #length = 0;
  #period: number;
  #produced = 0;
  #emptyRun = 0;
  /** The last wall time returned: SKIP can move a date onto one a neighbouring period has. */
  #last = -Infinity;
  #dayCount = 0;
  #done = false;

  constructor(rule: CompiledRule, seekWall?: number) {
    this.#rule = rule;
    this.#setPosOnWalls = rule.setPos.length > 0 && rule.times.length > 1;
    this.#periods = new PeriodDays(rule, !this.#setPosOnWalls);
    this.#dayTimes = isSubDaily(rule.freq) ? new DayTimes(rule) : undefined;
    this.#everyNthDay =
      rule.freq === 'daily' &&
      rule.weekdayMask === 0 &&
      rule.nthWeekdays.length === 0 &&
      rule.monthMask === 0 &&
      rule.monthDays.length === 0 &&
      rule.yearDays.length === 0 &&
      rule.setPos.length === 0;
    const seekDay = seekWall === undefined ? undefined : Math.floor(seekWall / milliInDay);
    this.#period = seekDay !== undefined && rule.count === Infinity ? periodIndexAtOrBefore(rule, seekDay) : 0;
  }

  /** The next occurrence's wall time, or NaN when the rule has no more. (Use this or `nextBatch`, not both.) */
  next(): number {
    if (this.#batchIndex === this.#batchLength) {
      this.#batchLength = this.nextBatch(-Infinity);
      this.#batchIndex = 0;
      if (this.#batchLength === 0) return NaN;
    }
    return this.batch[this.#batchIndex++]!;
  }

  /**
   * The next occurrences' wall times into `batch`, ascending; returns how many, 0 when the
   * rule has no more. Whole periods are taken until one ends at or after `stopAfter` (or
   * the batch is large), so a caller walking up to a wall time gets it in few calls.
   */
  nextBatch(stopAfter: number): number {
    if (this.#everyNthDay) return this.#nextDays(stopAfter);
    let n = 0;
    for (;;) {
      n = this.#take(this.#walls, this.#length, n);
      if (this.#done || (n > 0 && (this.#last >= stopAfter || n >= batchSize))) return n;
      if (!this.#advance()) return n;
    }
  }

  /** `nextBatch` of a daily rule without by-day parts: every `interval`th day at the rule's times, no period machinery. */
  #nextDays(stopAfter: number): number {
    const { times, interval, startDay } = this.#rule;
    const walls = this.#walls;
    let n = 0;
    while (n === 0 && !this.#done) {
      // Whole days until one reaches `stopAfter` or the batch is full, then taken at once.
      let length = 0;
      let period = this.#period;
      do {
        const dayStart = (startDay + period++ * interval) * milliInDay;
        for (let i = 0; i < times.length; i++) walls[length++] = dayStart + times[i]!;
      } while (length < batchSize && walls[length - 1]! < stopAfter);
      this.#period = period;
      n = this.#take(walls, length, 0);
    }
    return n;
  }

  /**
   * Takes `walls[0..length)` (ascending) into `batch` from index `n`: those before the
   * start, or not after the last one taken (SKIP can move a date onto a neighbour's), are
   * dropped; one past `until`, `count` or year 9999 ends the rule. Returns the new `n`.
   * The state lives in locals while it runs: a double written to a field on every wall
   * costs a heap number each once the fields' shapes are shared with other rules' cursors.
   */
  #take(walls: readonly number[], length: number, n: number): number {
    const { startWall, untilWall, count } = this.#rule;
    const out = this.batch;
    let last = this.#last;
    let produced = this.#produced;
    for (let i = 0; i < length; i++) {
      const wall = walls[i]!;
      if (wall < startWall || wall <= last) continue;
      if (wall > untilWall || wall >= endOfSupportedDays || produced >= count) {
        this.#finish();
        break;
      }
      produced++;
      last = wall;
      out[n++] = wall;
    }
    this.#last = last;
    this.#produced = produced;
    this.#length = 0;
    return n;
  }

  /** Drops the buffers (a cursor kept after its walk holds no large arrays). */
  release(): void {
    this.batch.length = 0;
    this.#walls.length = 0;
    this.#days.length = 0;
  }

  /** Fills the next period's walls (its checks against until and count come as they are taken); false when the rule has ended. */
  #advance(): boolean {
    const rule = this.#rule;
    this.#length = this.#fill(this.#period);
    if (this.#length > 0 || this.#dayCount > 0) {
      // A sub-daily day whose periods all miss the limits still ends the empty run: the
      // day cycle bounds the days alone (the check for rules whose periods never meet
      // their limits is `ruleHasOccurrences`; the cursor itself stops at year 9999).
      this.#emptyRun = 0;
      if (this.#length === 0 && this.#periods.periodStart(this.#period) > lastSupportedDay) return this.#finish();
    } else {
      const periodStart = this.#periods.periodStart(this.#period);
      if (periodStart * milliInDay > rule.untilWall || periodStart > lastSupportedDay) return this.#finish();
      // A rule that selected nothing for a whole Gregorian cycle never will again.
      if (++this.#emptyRun > rule.cyclePeriods) return this.#finish();
    }
    this.#period++;
    return true;
  }

  /** The period's occurrences into `#walls`, ascending; returns how many. */
  #fill(period: number): number {
    const days = this.#days;
    const walls = this.#walls;
    const dayCount = (this.#dayCount = this.#periods.fill(period, days));
    let n = 0;
    if (this.#dayTimes !== undefined) {
      for (let i = 0; i < dayCount; i++) n = this.#dayTimes.fill(days[i]!, walls, n);
      return n;
    }
    const times = this.#rule.times;
    for (let i = 0; i < dayCount; i++) {
      const dayStart = days[i]! * milliInDay;
      for (const time of times) walls[n++] = dayStart + time;
    }
    if (!this.#setPosOnWalls) return n;
    walls.length = n;
    const picked = pickPositions(this.#rule.setPos, walls);
    for (let i = 0; i < picked.length; i++) walls[i] = picked[i]!;
    return picked.length;
  }

  #finish(): false {
    this.#done = true;
    this.#length = 0;
    return false;
  }
}

/** Whether the rule selects any date-time at all (within one Gregorian cycle from its start, and before 10000). */
export function ruleHasOccurrences(rule: CompiledRule): boolean {
  const unbounded: CompiledRule = { ...rule, count: Infinity, untilWall: Infinity };
  if (isSubDaily(rule.freq) && !periodsMeetLimits(unbounded)) return false;
  return !Number.isNaN(new RuleCursor(unbounded).next());
}

/**
 * Whether a sub-daily rule's periods ever pass its byHour / byMinute / bySecond limits,
 * day filters aside ("every 2 hours from 00:00, at 01:00" never does). The pattern of
 * periods within a day repeats after step / gcd(step, day) days, so that many suffice.
 */
function periodsMeetLimits(rule: CompiledRule): boolean {
  const step = rule.interval * subDailyUnitMs[rule.freq]!;
  const days = step / gcd(step, milliInDay);
  const times = new DayTimes(rule);
  const out: number[] = [];
  for (let day = rule.startDay; day <= rule.startDay + days; day++) {
    const n = times.fill(day, out, 0);
    for (let i = 0; i < n; i++) if (out[i]! >= rule.startWall) return true;
  }
  return false;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Whether `wall` is one of the rule's occurrences (within count and until). */
export function ruleProducesWall(rule: CompiledRule, wall: number): boolean {
  const cursor = new RuleCursor(rule, wall);
  let next = cursor.next();
  while (next < wall) next = cursor.next();
  return next === wall;
}
