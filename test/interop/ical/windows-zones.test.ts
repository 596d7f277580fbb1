import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { windowsZones, windowsZonesCldrVersion } from '../../../src/ical/index.js';
import { isKnownTimeZone } from '../../../src/time/zone.js';
// @ts-expect-error: a plain .mjs script without types
import { windowsZoneTable } from '../../../scripts/windows-zones.mjs';

const require = createRequire(import.meta.url);
const cldr = require('cldr-core/supplemental/windowsZones.json') as { supplemental: { version: { _cldrVersion: string } } };

describe('the Windows zone table kept in src', () => {
  it('is CLDR’s windowsZones (territory 001) from the installed cldr-core, and says its version', () => {
    // Fails after a cldr-core update that changes the table: run `node scripts/windows-zones.mjs`.
    expect({ ...windowsZones }).toEqual(windowsZoneTable(cldr));
    expect(windowsZonesCldrVersion).toBe(cldr.supplemental.version._cldrVersion);
  });

  it('maps every Windows name to a zone this runtime knows', () => {
    const unknown = Object.entries(windowsZones).filter(([, zone]) => !isKnownTimeZone(zone));
    expect(unknown).toEqual([]);
    expect(windowsZones['W. Europe Standard Time']).toBe('Europe/Berlin');
    expect(windowsZones['Eastern Standard Time']).toBe('America/New_York');
  });
});
