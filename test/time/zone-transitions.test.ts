import { describe, expect, it } from 'vitest';
import { instantToWall, offsetAt, wallToInstant } from '../../src/time/convert.js';
import { getZone, isKnownTimeZone } from '../../src/time/zone.js';

const at = (iso: string) => Date.parse(iso);
const hour = 3_600_000;

describe('zone transition tables', () => {
  it('regression, sampling blind spot: America/Boa_Vista had DST for one week (2000-10-08 → 2000-10-15); both transitions are found', () => {
    // Offsets are sampled every 5 days, so a change undone within 5 days would be missed.
    // The closest pair of transitions in tzdata 1900–2060 is this one, 7 days apart.
    expect(offsetAt('America/Boa_Vista', at('2000-10-07T12:00:00Z'))).toBe(-4 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-10T12:00:00Z'))).toBe(-3 * hour);
    expect(offsetAt('America/Boa_Vista', at('2000-10-16T12:00:00Z'))).toBe(-4 * hour);
    const table = getZone('America/Boa_Vista').table!;
    const transitions = table.starts.filter((start) => start >= at('2000-10-01T00:00:00Z') && start < at('2000-11-01T00:00:00Z'));
    expect(transitions.map((start) => new Date(start).toISOString())).toEqual(['2000-10-08T04:00:00.000Z', '2000-10-15T03:00:00.000Z']);
  });

  it('locates transitions to the second', () => {
    // Berlin springs forward at 01:00Z on 2025-03-30.
    expect(offsetAt('Europe/Berlin', at('2025-03-30T00:59:59Z'))).toBe(1 * hour);
    expect(offsetAt('Europe/Berlin', at('2025-03-30T01:00:00Z'))).toBe(2 * hour);
  });

  it('Pacific/Apia skipped 2011-12-30 entirely: a wall time that day moves 24 hours forward', () => {
    expect(new Date(wallToInstant('Pacific/Apia', at('2011-12-30T12:00:00Z'))).toISOString()).toBe('2011-12-30T22:00:00.000Z');
    expect(new Date(instantToWall('Pacific/Apia', at('2011-12-30T22:00:00Z'))).toISOString()).toBe('2011-12-31T12:00:00.000Z');
  });

  it('extends the table backwards and forwards on demand', () => {
    expect(offsetAt('America/New_York', at('1950-07-01T12:00:00Z'))).toBe(-4 * hour);
    expect(offsetAt('America/New_York', at('2300-01-01T12:00:00Z'))).toBe(-5 * hour);
    expect(offsetAt('America/New_York', at('1960-01-01T12:00:00Z'))).toBe(-5 * hour);
  });

  it('keeps historical offsets with seconds when Intl reports them', () => {
    // Before 1880 Africa/Monrovia kept local mean time, −0:43:08.
    expect(offsetAt('Africa/Monrovia', at('1900-01-01T12:00:00Z'))).toBe(-(43 * 60 + 8) * 1000);
  });

  it('UTC and its aliases have one fixed offset', () => {
    for (const name of ['UTC', 'Etc/UTC', 'GMT']) {
      expect(getZone(name).fixedOffset).toBe(0);
      expect(offsetAt(name, at('2025-06-01T00:00:00Z'))).toBe(0);
    }
  });

  it('knows IANA names and refuses the rest', () => {
    expect(isKnownTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isKnownTimeZone('Mars/Base')).toBe(false);
    expect(isKnownTimeZone('+05:00')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
