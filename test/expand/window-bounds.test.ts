import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, type Block, type SeriesInput } from '../../src/index.js';
import { formatLocalDateTime } from '../../src/time/local-format.js';
import { KeyFormatter } from '../../src/expand/key-formatter.js';
import { BlockSink } from '../../src/expand/block-sink.js';

/**
 * expand reads the zone's offsets near the window's ends to walk only the wall times that
 * can reach it, and makes blocks without asking the zone while it is far from a
 * transition. Both must change nothing: a window's blocks are exactly the blocks of the
 * whole series that overlap it, in zones at the extremes of the offset range and across
 * their largest jumps.
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Zones with extreme offsets or jumps: +14, −11, Samoa's skipped 2011-12-30 (−10 → +14), Lord Howe's 30-minute DST, Kolkata (no DST). */
const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Apia', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/New_York', 'UTC'];

const shapes: ReadonlyArray<Partial<SeriesInput>> = [
  { startTime: '23:30', endTime: '00:30', repeat: { freq: 'daily', until: '2012-03-31' } },
  { startTime: '02:30', duration: 'P3DT2H', repeat: { freq: 'weekly', byWeekday: ['MO', 'TH'], until: '2012-06-30' } },
  { startTime: '00:00', duration: 'PT20M', repeat: { freq: 'minutely', interval: 47, until: '2012-01-20' } },
  { startTime: '01:00', duration: 'PT1H', repeat: { freq: 'hourly', interval: 5, byHour: [1, 2, 3, 11, 21, 23], until: '2012-02-28' } },
  { startTime: '12:00', endTime: '12:00', repeat: { freq: 'monthly', byMonthDay: [1, -1], until: '2013-12-31' } },
];

const overlapping = (blocks: readonly Block[], from: number, to: number) => blocks.filter((block) => block.start < to && block.end > from);

describe('a window gets exactly the whole series’ blocks that overlap it', () => {
  it('in zones with extreme offsets and jumps, for windows of a minute to a month', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...shapes),
        fc.integer({ min: -3 * 24 * 60, max: 80 * 24 * 60 }),
        fc.integer({ min: 1, max: 31 * 24 * 60 }),
        (timezone, shape, fromMinutes, lengthMinutes) => {
          const series = defineSeries({ id: 'w', timezone, start: '2011-12-20', ...shape } as SeriesInput);
          const whole = expand(series);
          const from = Date.UTC(2011, 11, 20) + fromMinutes * minute;
          const to = from + lengthMinutes * minute;
          expect(expand(series, { from, to })).toEqual(overlapping(whole, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Samoa skipped 2011-12-30: a daily series has no block that day, and windows around it agree', () => {
    const series = defineSeries({ id: 's', timezone: 'Pacific/Apia', start: '2011-12-28', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily', count: 5 } });
    const keys = expand(series).map((block) => block.key);
    expect(keys).toEqual(['2011-12-28T09:00', '2011-12-29T09:00', '2011-12-30T09:00', '2011-12-31T09:00', '2012-01-01T09:00']);
    const blocks = expand(series);
    // The 30th does not exist there: its 09:00 is shifted by the whole day (the offset before the gap).
    expect(blocks[2]).toMatchObject({ adjusted: { start: 'shifted', end: 'shifted' } });
    for (let from = Date.UTC(2011, 11, 28); from < Date.UTC(2012, 0, 2); from += 5 * hour) {
      expect(expand(series, { from, to: from + day })).toEqual(overlapping(blocks, from, from + day));
    }
  });
});

describe('KeyFormatter', () => {
  it('formats what formatLocalDateTime formats, across days, years and seconds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 * 86_400 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: -700_000, max: 2_900_000 }), (steps, firstDay) => {
        const keys = new KeyFormatter();
        let wall = firstDay * day;
        for (const seconds of steps) {
          wall += seconds * 1000;
          expect(keys.key(wall)).toBe(formatLocalDateTime(wall));
        }
      }),
    );
  });
});

describe('BlockSink', () => {
  it('hands its blocks over on finish and keeps none (expand holds on to its last sink)', () => {
    const sink = new BlockSink('s', 0, 10, 5);
    const block = { seriesId: 's', key: '1970-01-01T00:00', start: 1, end: 2 };
    sink.push(block);
    expect(sink.finish('UTC')).toEqual([block]);
    expect(sink.blocks).toEqual([]);
  });
});
