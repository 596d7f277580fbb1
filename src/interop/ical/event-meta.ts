import type { ContentLine } from '../content-lines.js';
import { type Component, properties, property } from './components.js';
import { maxMetaText, maxAttendees } from './limits.js';
import type { EventTimes } from './event-times.js';

/**
 * What `fromICalendar` keeps of an event besides its times, as plain data on the series'
 * `meta` (the core carries it and never reads it). Absent fields were absent in the file.
 */
export type EventMeta = {
  /** SUMMARY, unescaped. */
  readonly summary?: string;
  /** LOCATION, unescaped. */
  readonly location?: string;
  /** TRANSP: `transparent` events do not block time (`busyBlocks` leaves them out by default). */
  readonly transparency?: 'opaque' | 'transparent';
  /** STATUS of the event. */
  readonly status?: 'tentative' | 'confirmed' | 'cancelled';
  /** The organizer's e-mail address (a `mailto:` URI's address). */
  readonly organizer?: string;
  /** The attendees' e-mail addresses, in file order. */
  readonly attendees?: readonly string[];
};

/** RFC 5545 §3.3.11 TEXT unescaping: `\n`, `\,`, `\;`, `\\`. */
export function unescapeText(text: string): string {
  return text.replace(/\\([nN,;\\])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

function email(line: ContentLine): string {
  const value = line.value.trim();
  return /^mailto:/i.test(value) ? value.slice(7) : value;
}

/** The metadata of one VEVENT; over-long or unknown values are problems and left out. */
export function readMeta(event: Component, times: EventTimes): EventMeta {
  const meta: Record<string, unknown> = {};
  for (const [name, field] of [['SUMMARY', 'summary'], ['LOCATION', 'location']] as const) {
    const line = property(event, name);
    if (line === undefined) continue;
    const text = unescapeText(line.value);
    if (text.length > maxMetaText) times.problem(name, `is ${text.length} characters long; at most ${maxMetaText} are kept, so it is left out`);
    else meta[field] = text;
  }
  const transp = property(event, 'TRANSP')?.value.trim().toUpperCase();
  if (transp === 'OPAQUE' || transp === 'TRANSPARENT') meta.transparency = transp.toLowerCase();
  else if (transp !== undefined) times.problem('TRANSP', `${JSON.stringify(transp.slice(0, 40))} is not OPAQUE or TRANSPARENT; left out`);
  const status = property(event, 'STATUS')?.value.trim().toUpperCase();
  if (status === 'TENTATIVE' || status === 'CONFIRMED' || status === 'CANCELLED') meta.status = status.toLowerCase();
  else if (status !== undefined) times.problem('STATUS', `${JSON.stringify(status.slice(0, 40))} is not TENTATIVE, CONFIRMED or CANCELLED; left out`);
  const fits = (name: string, address: string) => address.length <= 320 || times.problem(name, `an address of ${address.length} characters is longer than an e-mail address can be; left out`) === true;
  const organizer = property(event, 'ORGANIZER');
  if (organizer !== undefined && fits('ORGANIZER', email(organizer))) meta.organizer = email(organizer);
  const attendees = properties(event, 'ATTENDEE').map(email).filter((address) => fits('ATTENDEE', address));
  if (attendees.length > maxAttendees) times.problem('ATTENDEE', `${attendees.length} attendees; at most ${maxAttendees} are kept, so they are left out`);
  else if (attendees.length > 0) meta.attendees = attendees;
  return meta as EventMeta;
}
