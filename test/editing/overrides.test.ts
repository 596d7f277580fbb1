import { describe, expect, it } from 'vitest';
import { defineSeries, diffBlocks, expand, InvalidArgumentError, SeriesValidationError, splitSeries, type SeriesInput } from '../../src/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Mondays 09:30–10:00 in Berlin across the 2025-03-30 spring-forward. */
const mondays: SeriesInput = {
  id: 'mondays',
  timezone: 'Europe/Berlin',
  start: '2025-03-17',
  startTime: '09:30',
  endTime: '10:00',
  repeat: { freq: 'weekly', byWeekday: ['MO'], count: 4 },
};

function issuesOf(input: SeriesInput) {
  try {
    defineSeries(input);
  } catch (error) {
    if (error instanceof SeriesValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a SeriesValidationError');
}

describe('overrides', () => {
  it('cancel one occurrence; it still counts', () => {
    const series = defineSeries({ ...mondays, overrides: { '2025-03-24T09:30': { cancelled: true } } });
    expect(expand(series).map((block) => block.key)).toEqual(['2025-03-17T09:30', '2025-03-31T09:30', '2025-04-07T09:30']);
  });

  it('move one occurrence to another date and time: it keeps its key and honours the DST policy', () => {
    const series = defineSeries({ ...mondays, overrides: { '2025-03-24T09:30': { date: '2025-03-30', startTime: '02:30' } } });
    const moved = expand(series).find((block) => block.key === '2025-03-24T09:30')!;
    // 02:30 does not exist on 2025-03-30: shifted to 03:30+02:00; its 03:00 end is rebuilt to 30 minutes.
    expect(iso(moved.start)).toBe('2025-03-30T01:30:00.000Z');
    expect(iso(moved.end)).toBe('2025-03-30T02:00:00.000Z');
    expect(moved.adjusted).toEqual({ start: 'shifted', end: 'rebuilt' });
    // Sorted by instant: the moved block (30 March) comes before 31 March.
    expect(expand(series).map((block) => block.key)).toEqual(['2025-03-17T09:30', '2025-03-24T09:30', '2025-03-31T09:30', '2025-04-07T09:30']);
  });

  it('skip and error policies apply to moved starts too', () => {
    const move = { '2025-03-24T09:30': { date: '2025-03-30', startTime: '02:30' } };
    expect(expand(defineSeries({ ...mondays, overrides: move, dst: { nonexistent: 'skip' } }))).toHaveLength(3);
    expect(() => expand(defineSeries({ ...mondays, overrides: move, dst: { nonexistent: 'error' } }))).toThrow(/2025-03-24T09:30/);
  });

  it('a move may set its own end time or duration', () => {
    const longer = defineSeries({ ...mondays, overrides: { '2025-03-31T09:30': { endTime: '11:00' } } });
    const block = expand(longer).find((b) => b.key === '2025-03-31T09:30')!;
    expect([iso(block.start), iso(block.end)]).toEqual(['2025-03-31T07:30:00.000Z', '2025-03-31T09:00:00.000Z']);
    const exact = defineSeries({ ...mondays, overrides: { '2025-03-17T09:30': { startTime: '08:00', duration: 'PT2H' } } });
    const first = expand(exact)[0]!;
    expect([iso(first.start), iso(first.end)]).toEqual(['2025-03-17T07:00:00.000Z', '2025-03-17T09:00:00.000Z']);
  });

  it('window semantics apply to the moved interval, not the original date', () => {
    const series = defineSeries({ ...mondays, overrides: { '2025-03-17T09:30': { date: '2025-04-02' } } });
    const window = { from: '2025-04-02T00:00:00Z', to: '2025-04-03T00:00:00Z' };
    expect(expand(series, window).map((block) => [block.key, iso(block.start)])).toEqual([['2025-03-17T09:30', '2025-04-02T07:30:00.000Z']]);
    expect(expand(series, { from: '2025-03-17T00:00:00Z', to: '2025-03-18T00:00:00Z' })).toEqual([]);
  });

  it('rejects overrides of keys the series never produces, excluded dates, and unclear edits', () => {
    expect(issuesOf({ ...mondays, overrides: { '2025-03-25T09:30': { cancelled: true } } })).toEqual([
      { path: 'overrides.2025-03-25T09:30', message: 'is not an occurrence of this series (neither the rule nor include produces it)' },
    ]);
    expect(issuesOf({ ...mondays, overrides: { '2025-03-24T10:30': { cancelled: true } } })[0]!.path).toBe('overrides.2025-03-24T10:30');
    expect(issuesOf({ ...mondays, overrides: { '2025-04-14T09:30': { cancelled: true } } })[0]!.message).toMatch(/not an occurrence/); // beyond count
    expect(issuesOf({ ...mondays, exclude: ['2025-03-24'], overrides: { '2025-03-24T09:30': { cancelled: true } } })[0]!.message).toMatch(/excluded/);
    expect(issuesOf({ ...mondays, overrides: { '2025-03-24T09:30': { cancelled: true, date: '2025-03-25' } as never } })[0]!.message).toMatch(/cannot be combined/);
    expect(issuesOf({ ...mondays, overrides: { '2025-03-24T09:30': {} } })[0]!.message).toMatch(/cancelled: true/);
    expect(issuesOf({ ...mondays, overrides: { '2025-03-24T09:30': { endTime: '11:00', duration: 'PT1H' } } })[0]!.message).toMatch(/not both/);
    expect(issuesOf({ ...mondays, overrides: { 'next monday': { cancelled: true } } })[0]!.path).toBe('overrides.next monday');
    expect(issuesOf({ ...mondays, overrides: { '2025-03-24T09:30': { cancelled: false } as never } })[0]!.path).toBe('overrides.2025-03-24T09:30.cancelled');
  });

  it('may edit an included occurrence', () => {
    const series = defineSeries({ ...mondays, include: ['2025-03-26T15:00'], overrides: { '2025-03-26T15:00': { startTime: '16:00' } } });
    const block = expand(series).find((b) => b.key === '2025-03-26T15:00')!;
    expect(iso(block.start)).toBe('2025-03-26T15:00:00.000Z');
  });
});

describe('splitSeries: this and following', () => {
  const clinic: SeriesInput = {
    id: 'clinic',
    timezone: 'Europe/Berlin',
    start: '2025-01-06',
    startTime: '09:00',
    endTime: '12:00',
    repeat: { freq: 'weekly', byWeekday: ['MO'], until: '2025-06-30' },
    exclude: ['2025-02-17', '2025-04-21'],
  };

  it('ends the original before the split and starts the changed series at it', () => {
    const series = defineSeries(clinic);
    const { before, after } = splitSeries(series, '2025-03-03T09:00', { startTime: '10:00', endTime: '13:00' });
    expect(before!.repeat!.until).toBe('2025-03-02');
    expect(before!.exclude).toEqual(['2025-02-17']);
    expect(after.id).toBe('clinic~2025-03-03T09:00');
    expect(after.start).toBe('2025-03-03');
    expect(after.exclude).toEqual(['2025-04-21']);
    const afterBlocks = expand(after);
    expect(afterBlocks[0]!.key).toBe('2025-03-03T10:00');
    expect(iso(afterBlocks[0]!.start)).toBe('2025-03-03T09:00:00.000Z');
    // After the spring-forward, 10:00 in Berlin is 08:00Z.
    expect(iso(afterBlocks.find((b) => b.key === '2025-03-31T10:00')!.start)).toBe('2025-03-31T08:00:00.000Z');
    expect(afterBlocks.at(-1)!.key).toBe('2025-06-30T10:00');
    expect(expand(before!)).toHaveLength(7);
  });

  it('divides a count', () => {
    const series = defineSeries({ ...mondays, repeat: { freq: 'weekly', byWeekday: ['MO'], count: 10 } });
    const { before, after } = splitSeries(series, '2025-04-07T09:30');
    expect(before!.repeat!.count).toBe(3);
    expect(after.repeat!.count).toBe(7);
  });

  it('rejects a key that is not a rule occurrence', () => {
    const series = defineSeries(mondays);
    expect(() => splitSeries(series, '2025-03-25T09:30')).toThrow(InvalidArgumentError);
    expect(() => splitSeries(series, '2025-03-24T10:00')).toThrow(InvalidArgumentError);
    expect(() => splitSeries(series, 'soon')).toThrow(InvalidArgumentError);
  });
});

describe('diffBlocks', () => {
  it('reports what an edit added, removed, moved and kept', () => {
    const original = defineSeries(mondays);
    const edited = defineSeries({
      ...mondays,
      include: ['2025-03-26T15:00'],
      overrides: { '2025-03-17T09:30': { cancelled: true }, '2025-03-31T09:30': { startTime: '11:00' } },
    });
    const diff = diffBlocks(expand(original), expand(edited));
    expect(diff.added.map((b) => b.key)).toEqual(['2025-03-26T15:00']);
    expect(diff.removed.map((b) => b.key)).toEqual(['2025-03-17T09:30']);
    expect(diff.changed.map(({ before, after }) => [before.key, iso(before.start), iso(after.start)])).toEqual([
      ['2025-03-31T09:30', '2025-03-31T07:30:00.000Z', '2025-03-31T09:00:00.000Z'],
    ]);
    expect(diff.unchanged.map((b) => b.key)).toEqual(['2025-03-24T09:30', '2025-04-07T09:30']);
  });

  it('rejects duplicate identities', () => {
    const blocks = expand(defineSeries(mondays));
    expect(() => diffBlocks([...blocks, blocks[0]!], blocks)).toThrow(/before\[4\]/);
  });
});
