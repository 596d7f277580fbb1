import { describe, expect, it } from 'vitest';
import { defineSeries, InvalidArgumentError, SeriesValidationError, toZonedIso, type SeriesInput } from '../../src/index.js';

// A zone name is kept as typed and written into RRULE, ICS and the database, so it must be
// spelled as the tz database spells it: a wrong case is an error with a suggestion.

const base: SeriesInput = { id: 's', timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '09:30', endTime: '10:00' };

function timezoneIssue(timezone: string): string {
  try {
    defineSeries({ ...base, timezone });
  } catch (error) {
    expect(error).toBeInstanceOf(SeriesValidationError);
    const issue = (error as SeriesValidationError).issues.find((found) => found.path === 'timezone');
    expect(issue).toBeDefined();
    return issue!.message;
  }
  throw new Error(`expected ${timezone} to be rejected`);
}

describe('time zone names are case-sensitive', () => {
  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['utc', 'UTC'],
    ['america/new_york', 'America/New_York'],
    ['etc/utc', 'Etc/UTC'],
  ])('%s is rejected with "did you mean %s?"', (typed, right) => {
    expect(timezoneIssue(typed)).toContain(`did you mean ${right}?`);
  });

  it('a wrong-case alias this runtime does not list is rejected without a suggestion', () => {
    expect(timezoneIssue('us/pacific')).toMatch(/case-sensitive/);
  });

  it.each(['Europe/Berlin', 'UTC', 'Etc/UTC', 'GMT', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'US/Pacific'])('%s, spelled right, is kept as typed', (timezone) => {
    expect(defineSeries({ ...base, timezone }).timezone).toBe(timezone);
  });

  it('aliases are never canonicalized: both spellings of Kolkata stay as typed where the runtime knows them', () => {
    for (const timezone of ['Asia/Kolkata', 'Asia/Calcutta']) expect(defineSeries({ ...base, timezone }).timezone).toBe(timezone);
  });

  it('display helpers reject a wrong case on timezone too', () => {
    expect(() => toZonedIso(0, 'europe/berlin')).toThrow(InvalidArgumentError);
    expect(() => toZonedIso(0, 'europe/berlin')).toThrow(/did you mean Europe\/Berlin\?/);
  });
});

describe('zone checks are remembered, not changed by it', () => {
  it('the same answers however often and in whatever order a name is checked', () => {
    for (let round = 0; round < 3; round++) {
      expect(defineSeries({ ...base, timezone: 'America/New_York' }).timezone).toBe('America/New_York');
      expect(timezoneIssue('america/new_york')).toContain('did you mean America/New_York?');
      expect(timezoneIssue('Mars/Olympus_Mons')).toContain('is not a known IANA time zone');
    }
  });
});
