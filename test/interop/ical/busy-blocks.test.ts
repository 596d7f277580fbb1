import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineSeries, ExpansionLimitError, freeSlots, SeriesValidationError } from '../../../src/index.js';
import { busyBlocks, fromICalendar } from '../../../src/ical/index.js';
import { invalidArgument, thrown } from '../../support/thrown.js';

const google = readFileSync(new URL('fixtures/google.ics', import.meta.url), 'utf8');
const march = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('busyBlocks', () => {
  it('gives the opaque, uncancelled instances in the window, sorted', () => {
    const blocks = busyBlocks(google, march);
    expect(blocks.map((block) => block.seriesId)).not.toContain('1a2b3c4d5e@google.com'); // TRANSP:TRANSPARENT
    const keys = blocks.filter((block) => block.seriesId.startsWith('7kuk')).map((block) => block.key);
    expect(keys).not.toContain('2025-03-12T09:00'); // EXDATE
    expect(keys).not.toContain('2025-03-31T09:00'); // STATUS:CANCELLED exception
    expect(blocks.map((block) => block.start)).toEqual([...blocks.map((block) => block.start)].sort((a, b) => a - b));
  });

  it("transparent: 'include' counts show-as-free events; cancelled events never count", () => {
    const all = busyBlocks(google, march, { transparent: 'include' });
    expect(all.filter((block) => block.seriesId === '1a2b3c4d5e@google.com').map((block) => `${iso(block.start)}/${iso(block.end)}`)).toEqual(['2025-03-27T23:00/2025-03-28T23:00']);
    const cancelled = defineSeries({ id: 'c', timezone: 'UTC', start: '2025-03-03', startTime: '09:00', duration: 'PT1H', meta: { status: 'cancelled' } });
    expect(busyBlocks([cancelled], march, { transparent: 'include' })).toEqual([]);
  });

  it('takes series already read, and its blocks feed freeSlots', () => {
    const { series } = fromICalendar(google);
    expect(busyBlocks(series, march)).toEqual(busyBlocks(google, march));
    const hours = defineSeries({ id: 'hours', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '08:00', endTime: '12:00' });
    const slots = freeSlots({ availability: [hours], busy: busyBlocks(series, march), window: march, duration: 'PT1H' });
    expect(slots.map((slot) => iso(slot.start))).toEqual(['2025-03-03T07:00', '2025-03-03T09:00', '2025-03-03T10:00']);
  });

  it('bad arguments are typed errors naming the field; the limit is never a silent cut', () => {
    expect(invalidArgument(() => busyBlocks(google, { from: march.from } as never)).field).toBe('to');
    expect(invalidArgument(() => busyBlocks(google, march, { transparent: 'yes' } as never)).field).toBe('transparent');
    expect(invalidArgument(() => busyBlocks(42 as never, march)).field).toBe('calendar');
    expect(invalidArgument(() => busyBlocks(google, march, { limit: 0 })).field).toBe('limit');
    expect(thrown(() => busyBlocks(google, march, { limit: 3 }))).toBeInstanceOf(ExpansionLimitError);
    expect(thrown(() => busyBlocks('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VEVENT\nEND:VCALENDAR', march, { strict: true }))).toBeInstanceOf(SeriesValidationError);
  });
});
