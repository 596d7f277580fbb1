/**
 * ical.js as an independent oracle: parse a VCALENDAR, register its VTIMEZONEs, and expand
 * each series' VEVENT (with its RECURRENCE-ID exceptions) to start instants.
 */
import ICAL from 'ical.js';

export interface IcalOccurrence {
  /** The occurrence's RECURRENCE-ID as a local `YYYY-MM-DDTHH:mm[:ss]` key. */
  key: string;
  start: number;
  end: number;
}

function keyOf(time: ICAL.Time): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const base = `${String(time.year).padStart(4, '0')}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}`;
  return time.second === 0 ? base : `${base}:${pad(time.second)}`;
}

/** Occurrences in ical.js's order, at most `max`, and (when given) only those whose key is before `beforeKey`. */
export function icalOccurrences(text: string, uid: string, max = 5000, beforeKey?: string): IcalOccurrence[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const timezone = new ICAL.Timezone(zone);
    if (!ICAL.TimezoneService.has(timezone.tzid)) ICAL.TimezoneService.register(timezone);
  }
  const events = calendar.getAllSubcomponents('vevent').filter((event) => event.getFirstPropertyValue('uid') === uid);
  const master = new ICAL.Event(events.find((event) => !event.hasProperty('recurrence-id'))!);
  for (const exception of events.filter((event) => event.hasProperty('recurrence-id'))) master.relateException(new ICAL.Event(exception));
  const result: IcalOccurrence[] = [];
  const iterator = master.iterator();
  for (let next = iterator.next(); next !== undefined && next !== null && result.length < max; next = iterator.next()) {
    const details = master.getOccurrenceDetails(next);
    if (beforeKey !== undefined && keyOf(details.recurrenceId) >= beforeKey) break;
    result.push({ key: keyOf(details.recurrenceId), start: details.startDate.toUnixTime() * 1000, end: details.endDate.toUnixTime() * 1000 });
  }
  return result;
}

/** Forget registered zones between cases (each VCALENDAR brings its own). */
export function resetIcalZones(): void {
  ICAL.TimezoneService.reset();
}
