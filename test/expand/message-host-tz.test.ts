import { describe, expect, it } from 'vitest';
import { defineSeries, expand, findOverlaps, toICalendar, toZonedIso, viewBlock, type Block } from '../../src/index.js';
import { invalidArgument } from '../support/thrown.js';

const messageOf = (run: () => unknown): string => invalidArgument(run).message;

// An error message must not depend on the host: a Date in it is written as ISO, never with
// Date.toString() (host time zone and locale).

const daily = defineSeries({ id: 'd', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00', repeat: { freq: 'daily', count: 2 } });
const date = new Date(0);


describe('messages about a Date show it as ISO, never in the host time zone', () => {
  it.each<[string, () => unknown, string]>([
    ['toZonedIso(new Date(0))', () => toZonedIso(date as never, 'UTC'), 'epochMs: expected a finite number of epoch milliseconds, got a Date (1970-01-01T00:00:00.000Z)'],
    ['viewBlock with a Date end', () => viewBlock({ ...expand(daily)[0]!, end: date as never }, 'UTC'), 'block.end: expected a finite number of epoch milliseconds, got a Date (1970-01-01T00:00:00.000Z)'],
    ['findOverlaps with a Date start', () => findOverlaps([{ ...expand(daily)[0]!, start: date as never } as Block]), 'blocks[0].start: a Date (1970-01-01T00:00:00.000Z) is not a finite instant'],
    ['expand with a Date limit', () => expand(daily, { limit: date as never }), 'limit: a Date (1970-01-01T00:00:00.000Z) is not a positive integer'],
    ['toICalendar with a Date horizonYears', () => toICalendar([daily], { horizonYears: date as never }), 'horizonYears: a Date (1970-01-01T00:00:00.000Z) is not a number of years from 1 to 1000'],
    ['an invalid Date', () => toZonedIso(new Date(Number.NaN) as never, 'UTC'), 'epochMs: expected a finite number of epoch milliseconds, got an invalid Date'],
  ])('%s', (_, run, message) => {
    const text = messageOf(run);
    expect(text).toBe(message);
    expect(text).not.toContain(date.toString());
    expect(text).not.toMatch(/GMT|Coordinated|Standard Time|Daylight Time/);
  });
});
