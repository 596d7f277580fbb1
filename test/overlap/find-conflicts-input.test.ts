import { describe, expect, it } from 'vitest';
import { defineSeries, findConflicts, InvalidArgumentError, SeriesValidationError, type Series } from '../../src/index.js';
import { invalidArgument } from '../support/thrown.js';

const finite = defineSeries({ id: 'a', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '12:00', repeat: { freq: 'daily', count: 3 } });
const other = defineSeries({ id: 'b', timezone: 'UTC', start: '2025-01-02', startTime: '11:00', endTime: '11:30' });
const endless = defineSeries({ id: 'c', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00', repeat: { freq: 'daily' } });


describe('findConflicts: the window, as in expand', () => {
  it('may be omitted when every series ends', () => {
    const conflicts = findConflicts([finite, other]);
    expect(conflicts.map(({ a, b }) => [a.key, b.key])).toEqual([['2025-01-02T10:00', '2025-01-02T11:00']]);
    expect(findConflicts([finite, other], {})).toEqual(conflicts);
    expect(findConflicts([finite, other], { from: '2025-01-01T00:00:00Z' })).toEqual(conflicts);
  });

  it('needs an end when a series never ends: an error on `to`, naming the series', () => {
    const error = invalidArgument(() => findConflicts([finite, endless]));
    expect(error.field).toBe('to');
    expect(error.message).toContain('"c"');
  });

  it.each([null, 'soon', 42, []])('%j is an InvalidArgumentError on window', (window) => {
    expect(invalidArgument(() => findConflicts([finite], window as never)).field).toBe('window');
  });
});

describe('findConflicts: the list and by', () => {
  it.each([null, undefined, 'x'])('an entry %j names seriesList[i]', (entry) => {
    expect(invalidArgument(() => findConflicts([finite, entry as unknown as Series])).field).toBe('seriesList[1]');
  });

  it('a raw valid entry works like its defined series; a raw invalid one is a SeriesValidationError with its index', () => {
    const raw = JSON.parse(JSON.stringify(other)) as Series;
    expect(findConflicts([finite, raw])).toEqual(findConflicts([finite, other]));
    const run = () => findConflicts([finite, { ...raw, timezone: 'Mars/Base' }]);
    expect(run).toThrow(SeriesValidationError);
    try {
      run();
    } catch (error) {
      expect((error as SeriesValidationError).issues.map((issue) => issue.path)).toContain('seriesList[1].timezone');
    }
  });

  it.each(['room', 42, {}])('by %j (not a function) is an InvalidArgumentError on by', (by) => {
    expect(invalidArgument(() => findConflicts([finite, other], {}, { by: by as never })).field).toBe('by');
  });

  it('by giving neither a string nor a number names by and the entry', () => {
    const error = invalidArgument(() => findConflicts([finite, other], {}, { by: (series) => (series.id === 'b' ? (undefined as never) : 'r') }));
    expect(error.field).toBe('by');
    expect(error.message).toContain('seriesList[1]');
  });

  it('by separates resources', () => {
    expect(findConflicts([finite, other], {}, { by: (series) => series.id })).toEqual([]);
  });
});
