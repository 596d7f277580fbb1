import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBlocks, NonexistentTimeError, type Block } from '../../src/index.js';
import { BlockSink } from '../../src/expand/block-sink.js';
import { KeyFormatter } from '../../src/expand/key-formatter.js';
import { thrown } from '../support/thrown.js';

/**
 * Two of `expand`'s shortcuts, against plain oracles. A key is the month's `YYYY-MM` joined
 * to a `-DDTHH:mm` from a table shared by every formatter (module-level), so formatters used
 * in turn must not see each other's day. The sink notes blocks that come out of order as
 * they are pushed instead of checking afterwards, and must still hand them back sorted
 * exactly as `compareBlocks` sorts.
 */

const day = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The key of a wall time, from `Date`'s UTC fields (walls are ms since 1970-01-01T00:00, read as UTC). */
function plainKey(wall: number): string {
  const date = new Date(wall);
  const seconds = date.getUTCSeconds();
  const text = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return seconds === 0 ? text : `${text}:${pad(seconds)}`;
}

const firstWall = -62_135_596_800_000; // 0001-01-01T00:00 (Date.UTC would read year 1 as 1901)
const lastWall = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Ascending walls, whole seconds: steps of seconds, minutes, days and years, so days, months and years turn. */
const ascendingWalls = fc
  .tuple(
    fc.integer({ min: Math.ceil(firstWall / 1000), max: Math.floor(lastWall / 1000) }),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 1, max: 3 * 1440 }).map((m) => m * 60), fc.integer({ min: 1, max: 800 }).map((d) => d * 86_400)), {
      maxLength: 60,
    }),
  )
  .map(([first, steps]) => {
    const walls = [first * 1000];
    for (const step of steps) walls.push(walls[walls.length - 1]! + step * 1000);
    return walls.filter((wall) => wall <= lastWall);
  });

describe('KeyFormatter', () => {
  it('formats any wall of years 0001 to 9999 as its YYYY-MM-DDTHH:mm[:ss], with formatters interleaved', () => {
    fc.assert(
      fc.property(ascendingWalls, ascendingWalls, fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), (a, b, turns) => {
        const [first, second] = [new KeyFormatter(), new KeyFormatter()];
        const got: [string[], string[]] = [[], []];
        let i = 0;
        let j = 0;
        for (const turn of turns) {
          if ((turn || j === b.length) && i < a.length) got[0].push(first.key(a[i++]!));
          else if (j < b.length) got[1].push(second.key(b[j++]!));
        }
        expect(got[0]).toEqual(a.slice(0, i).map(plainKey));
        expect(got[1]).toEqual(b.slice(0, j).map(plainKey));
      }),
      { numRuns: 500 },
    );
  });

  it('turns months and years at their last second, and reaches the first and last supported days', () => {
    const keys = new KeyFormatter();
    const walls = [firstWall, Date.UTC(2024, 1, 28, 23, 59, 59), Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 1), Date.UTC(2024, 11, 31, 23, 59), Date.UTC(2025, 0, 1, 0, 0, 1), lastWall];
    expect(walls.map((wall) => keys.key(wall))).toEqual([
      '0001-01-01T00:00',
      '2024-02-28T23:59:59',
      '2024-02-29T00:00',
      '2024-03-01T00:00',
      '2024-12-31T23:59',
      '2025-01-01T00:00:01',
      '9999-12-31T23:59:59',
    ]);
  });
});

describe('BlockSink', () => {
  const blockArb = fc
    .record({ start: fc.integer({ min: 0, max: 6 }), length: fc.integer({ min: 1, max: 3 }), key: fc.constantFrom('2025-01-01T09:00', '2025-01-01T09:30', '2025-01-02T09:00') })
    .map(({ start, length, key }): Block => ({ seriesId: 's', key, start: start * 1000, end: (start + length) * 1000 }));

  it('hands back the blocks pushed or kept, sorted exactly as compareBlocks sorts them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(blockArb, fc.boolean()), { maxLength: 30 }), (entries) => {
        const sink = new BlockSink('s', -Infinity, Infinity, 1000);
        for (const [block, viaKeep] of entries) {
          if (viaKeep) sink.keep(block, false);
          else sink.push(block);
        }
        const blocks = entries.map(([block]) => block);
        expect(sink.finish('UTC')).toEqual([...blocks].sort(compareBlocks));
      }),
      { numRuns: 1000 },
    );
  });

  it("names the first block in a gap (under 'error') in block order, whatever order they came in", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(blockArb, fc.boolean()), { minLength: 1, maxLength: 20 }), (entries) => {
        const sink = new BlockSink('s', -Infinity, Infinity, 1000);
        for (const [block, inGap] of entries) sink.keep(block, inGap);
        const inGap = entries.filter(([, gap]) => gap).map(([block]) => block);
        if (inGap.length === 0) {
          expect(sink.finish('UTC')).toEqual(entries.map(([block]) => block).sort(compareBlocks));
          return;
        }
        const error = thrown(() => sink.finish('UTC'));
        expect(error).toBeInstanceOf(NonexistentTimeError);
        expect((error as NonexistentTimeError).key).toBe([...inGap].sort(compareBlocks)[0]!.key);
      }),
      { numRuns: 500 },
    );
  });
});
