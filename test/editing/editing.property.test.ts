import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBlocks, defineSeries, diffBlocks, expand, splitSeries, type Block, type OverrideInput, type Series, type SeriesInput } from '../../src/index.js';
import { seriesArbitrary } from '../../src/testing/index.js';

/** The keys the rule itself produces (no excludes, includes or overrides). */
function ruleKeys(series: Series): string[] {
  const bare = defineSeries({ ...(JSON.parse(JSON.stringify(series)) as SeriesInput), exclude: [], include: [], overrides: {}, dst: {} });
  return expand(bare).map((block) => block.key);
}

const withRule = seriesArbitrary({ withDstPolicies: false, withSingle: false, maxCount: 30 }).filter((series) => ruleKeys(series).length > 0);

/** A series and one of its rule occurrence keys. */
const seriesAndKey = withRule.chain((series) => {
  const keys = ruleKeys(series);
  return fc.constantFrom(...keys).map((key) => ({ series, key }));
});

/** A series with random overrides on its occurrences: cancels and moves. */
const seriesWithOverrides = withRule.chain((series) => {
  const keys = ruleKeys(series).filter((key) => !series.exclude.includes(key.slice(0, 10)) && !series.exclude.includes(key));
  if (keys.length === 0) return fc.constant({ series, edited: series });
  const override = fc.oneof(
    fc.constant({ cancelled: true as const }),
    fc.record({ date: fc.integer({ min: -3, max: 3 }), startTime: fc.constantFrom(undefined, '07:15', '02:30', '23:00') }),
  );
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), override), { maxLength: 4, selector: ([key]) => key }).map((entries) => {
    const overrides: Record<string, OverrideInput> = {};
    for (const [key, value] of entries) {
      if ('cancelled' in value) overrides[key] = value;
      else {
        const day = new Date(Date.parse(`${key.slice(0, 10)}T00:00:00Z`) + value.date * 86_400_000).toISOString().slice(0, 10);
        overrides[key] = value.startTime === undefined ? { date: day } : { date: day, startTime: value.startTime };
      }
    }
    return { series, edited: defineSeries({ ...(JSON.parse(JSON.stringify(series)) as SeriesInput), overrides }) };
  });
});

describe('splitSeries', () => {
  it('is lossless: the two halves expand to the original blocks', () => {
    fc.assert(
      fc.property(seriesAndKey, ({ series, key }) => {
        const { before, after } = splitSeries(series, key);
        const halves = [...(before === undefined ? [] : expand(before)), ...expand(after).map((block) => ({ ...block, seriesId: series.id }))];
        expect(halves.sort(compareBlocks)).toEqual(expand(series));
        if (before !== undefined) expect(expand(before).every((block) => block.key < key || series.include.includes(block.key))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('applies the changes from the split occurrence on', () => {
    fc.assert(
      fc.property(seriesAndKey, fc.constantFrom('06:45', '12:00', '02:30'), ({ series, key }, startTime) => {
        const { after } = splitSeries(series, key, { startTime, endTime: '13:15', duration: undefined });
        expect(after.startTime).toBe(startTime);
        expect(after.id).toBe(`${series.id}~${key}`);
        for (const block of expand(after)) {
          if (after.include.includes(block.key)) continue; // includes keep their own times
          expect(block.key.slice(11)).toBe(startTime);
          expect(block.key.slice(0, 10) >= key.slice(0, 10)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('overrides', () => {
  it('never produce duplicate keys, cancelled keys never appear, moved keys keep their key', () => {
    fc.assert(
      fc.property(seriesWithOverrides, ({ series, edited }) => {
        const blocks = expand(edited);
        const keys = blocks.map((block) => block.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const [key, override] of Object.entries(edited.overrides ?? {})) {
          if ('cancelled' in override) expect(keys).not.toContain(key);
          else expect(keys.filter((k) => k === key).length).toBeLessThanOrEqual(1);
        }
        // Untouched occurrences are exactly the original's.
        const touched = new Set(Object.keys(edited.overrides ?? {}));
        expect(blocks.filter((block) => !touched.has(block.key))).toEqual(expand(series).filter((block) => !touched.has(block.key)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('diffBlocks', () => {
  it('diffBlocks(a, a) has no changes', () => {
    fc.assert(
      fc.property(withRule, (series) => {
        const blocks = expand(series);
        const diff = diffBlocks(blocks, blocks);
        expect(diff.added).toEqual([]);
        expect(diff.removed).toEqual([]);
        expect(diff.changed).toEqual([]);
        expect(diff.unchanged).toEqual(blocks);
      }),
      { numRuns: 100 },
    );
  });

  it('applying the diff to before yields after', () => {
    fc.assert(
      fc.property(seriesWithOverrides, ({ series, edited }) => {
        const before = expand(series);
        const after = expand(edited);
        const diff = diffBlocks(before, after);
        const id = (block: Block) => `${block.seriesId} ${block.key}`;
        const gone = new Set([...diff.removed, ...diff.changed.map((change) => change.before)].map(id));
        const applied = [...before.filter((block) => !gone.has(id(block))), ...diff.changed.map((change) => change.after), ...diff.added];
        expect(applied.sort(compareBlocks)).toEqual(after);
        expect(diff.unchanged.length + diff.changed.length + diff.added.length).toBe(after.length);
      }),
      { numRuns: 200 },
    );
  });
});
