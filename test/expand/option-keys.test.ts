import { describe, expect, it } from 'vitest';
import {
  defineSeries,
  expand,
  findConflicts,
  findOverlaps,
  fromRRule,
  occurrences,
  splitSeries,
  toICalendar,
  type Block,
  type Series,
} from '../../src/index.js';
import { invalidArgument } from '../support/thrown.js';

// An unknown option key is a typo that would be ignored and give a silently wrong result.

const daily = defineSeries({ id: 'd', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00', repeat: { freq: 'daily', count: 5 } });
const window = { from: '2025-01-02T00:00:00Z', to: '2025-01-03T00:00:00Z' };


describe('unknown option keys are errors naming the key and the accepted ones', () => {
  it.each<[string, () => unknown, string, string]>([
    ['expand { start, end }', () => expand(daily, { start: 0, end: 1 } as never), 'start', 'from, to, limit'],
    ['occurrences { from, to }', () => occurrences(daily, { from: 0, to: 1 } as never).next(), 'to', 'from'],
    ['findOverlaps { group }', () => findOverlaps([], { group: 'room' } as never), 'group', 'by'],
    ['findConflicts options { resource }', () => findConflicts([daily], window, { resource: () => 'x' } as never), 'resource', 'by, limit'],
    ['findConflicts window { start }', () => findConflicts([daily], { start: 0 } as never), 'start', 'from, to'],
    ['toICalendar { title }', () => toICalendar([daily], { title: 'x' } as never), 'title', 'prodId, uidDomain, dtstamp, summary, horizonYears'],
    ['fromRRule { tzid }', () => fromRRule('DTSTART:20250101T100000Z\nRRULE:FREQ=DAILY', { id: 'x', endTime: '11:00', tzid: 'UTC' } as never), 'tzid', 'id, endTime'],
    ['splitSeries changes { colour }', () => splitSeries(daily, '2025-01-03T10:00', { colour: 'red' } as never), 'colour', 'timezone, startTime'],
  ])('%s', (_, run, key, accepted) => {
    const error = invalidArgument(run);
    expect(error.field).toBe(key);
    expect(error.message).toContain(accepted);
  });

  it('splitSeries changes may not set id or start: the split owns them', () => {
    expect(invalidArgument(() => splitSeries(daily, '2025-01-03T10:00', { id: 'other' } as never)).field).toBe('id');
    expect(invalidArgument(() => splitSeries(daily, '2025-01-03T10:00', { start: '2025-01-04' } as never)).field).toBe('start');
  });

  it('known keys still work', () => {
    expect(expand(daily, { ...window, limit: 10 }).map((block) => block.key)).toEqual(['2025-01-02T10:00']);
    expect(occurrences(daily, { from: window.from }).next().value?.key).toBe('2025-01-02T10:00');
  });
});

describe('findOverlaps by a property name', () => {
  const [first, second] = expand(defineSeries({ id: 'x', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', duration: 'PT25H', repeat: { freq: 'daily', count: 2 } }));
  const withRoom = (block: Block, room?: string): Block & { room?: string } => (room === undefined ? { ...block } : { ...block, room });

  it('a block lacking the property names `by` and the block index', () => {
    const error = invalidArgument(() => findOverlaps([withRoom(first!, 'A'), withRoom(second!)], { by: 'room' as never }));
    expect(error.field).toBe('by');
    expect(error.message).toContain('blocks[1]');
    expect(error.message).toContain('"room"');
  });

  it('blocks having it are grouped by it', () => {
    expect(findOverlaps([withRoom(first!, 'A'), withRoom(second!, 'B')], { by: 'room' })).toEqual([]);
    expect(findOverlaps([withRoom(first!, 'A'), withRoom(second!, 'A')], { by: 'room' })).toHaveLength(1);
  });
});

describe('toICalendar options have the right types', () => {
  it.each<[string, object, string]>([
    ['summary text', { summary: 'text' }, 'summary'],
    ['summary giving a number', { summary: () => 42 }, 'summary'],
    ['prodId number', { prodId: 7 }, 'prodId'],
    ['uidDomain empty', { uidDomain: '' }, 'uidDomain'],
  ])('%s', (_, options, field) => {
    expect(invalidArgument(() => toICalendar([daily], options as never)).field).toBe(field);
  });

  it('summary: a function giving a string is used', () => {
    expect(toICalendar([daily], { summary: (series: Series) => `Daily ${series.id}` })).toContain('SUMMARY:Daily d\r\n');
  });
});
