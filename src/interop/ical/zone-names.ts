import { isKnownTimeZone } from '../../time/zone.js';
import { windowsZones } from './windows-zones.js';

/**
 * The IANA zone a TZID names by itself, without the file's VTIMEZONE: an IANA name as it
 * is, a Windows name (Outlook, Exchange) through CLDR's windowsZones table, or a prefixed
 * vendor name (`/mozilla.org/20050126_1/Europe/Berlin`, `/citadel.org/20190914_1/Europe/Berlin`)
 * stripped to the IANA name it ends with. Undefined when it names none of those.
 */
export function namedZone(tzid: string): string | undefined {
  const name = tzid.trim();
  if (isKnownTimeZone(name)) return name;
  const windows = Object.hasOwn(windowsZones, name) ? windowsZones[name] : undefined;
  if (windows !== undefined) return windows;
  if (!name.startsWith('/')) return undefined;
  // The longest tail of path segments that is a zone name (America/Argentina/Buenos_Aires).
  const parts = name.split('/').filter((part) => part !== '');
  for (let take = Math.min(3, parts.length); take >= 1; take--) {
    const tail = parts.slice(-take).join('/');
    if (isKnownTimeZone(tail)) return tail;
  }
  return undefined;
}
