import { weekdayIndex } from '../rule/compiled-rule.js';
import { epochDaysToCivil, epochDaysToWeekday } from '../time/civil.js';
import type { RepeatInput, Rule, Weekday } from './types.js';

const weekdayCodes = Object.keys(weekdayIndex) as Weekday[];

/**
 * A rule whose days do not depend on its start date: the defaults RFC 5545 takes from
 * DTSTART (the weekday of a weekly rule, the day of a monthly one, the date of a yearly
 * one) written out, so moving the start to the split date keeps them.
 */
export function explicitDays(rule: Rule, startDay: number): RepeatInput {
  const copy = JSON.parse(JSON.stringify(rule)) as RepeatInput;
  if (rule.byWeekday || rule.byMonthDay || rule.byYearDay || rule.byWeekNo) return copy;
  const start = epochDaysToCivil(startDay);
  if (rule.freq === 'weekly') copy.byWeekday = [weekdayCodes[epochDaysToWeekday(startDay)]!];
  if (rule.freq === 'monthly') copy.byMonthDay = [start.day];
  if (rule.freq === 'yearly') {
    copy.byMonth ??= [start.month];
    copy.byMonthDay = [start.day];
  }
  return copy;
}

