import { describe, expect, it } from 'vitest';
import { instantToWall } from '../../src/time/convert.js';
import { getZone, isKnownTimeZone, zoneMemoSize } from '../../src/time/zone.js';

/**
 * An alias the runtime does not list (Canada/Newfoundland, US/Pacific) is accepted in
 * every spelling whose parts start with a capital, so a caller can reach the zone memo
 * under thousands of names; it must stay bounded, and every spelling must still answer
 * as the zone it names.
 */

/** `Canada/Newfoundland` in up to 2^16 spellings: the letters after each part's capital in every case. */
function spellings(count: number): string[] {
  const base = 'Canada/Newfoundland';
  const flexible = [...base].map((char, i) => i > 0 && base[i - 1] !== '/' && base[i - 1] !== '_' && /[a-z]/.test(char));
  const positions = flexible.flatMap((yes, i) => (yes ? [i] : []));
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    const chars = [...base];
    positions.forEach((at, bit) => {
      if ((n >> bit) & 1) chars[at] = chars[at]!.toUpperCase();
    });
    names.push(chars.join(''));
  }
  return names;
}

describe('the zone memo is bounded', () => {
  it('thousands of accepted spellings of one alias keep at most 1 024 names and one table', () => {
    const names = spellings(3000);
    expect(new Set(names).size).toBe(3000);
    const tablesBefore = zoneMemoSize().tables;
    const reference = instantToWall('America/St_Johns', Date.UTC(2025, 0, 1));
    for (const name of names) {
      expect(isKnownTimeZone(name)).toBe(true);
      expect(getZone(name).name).toBe(name);
    }
    const { names: held, tables } = zoneMemoSize();
    expect(held).toBeLessThanOrEqual(1024);
    expect(tables).toBeLessThanOrEqual(tablesBefore + 1);
    // Every spelling still reads the zone's own offsets, before and after eviction.
    for (const name of [names[0]!, names[1500]!, names[2999]!]) expect(instantToWall(name, Date.UTC(2025, 0, 1))).toBe(reference);
  });

  it('a name evicted and asked again is the same zone as before', () => {
    const [first] = spellings(1);
    const before = getZone(first!);
    for (const name of spellings(2000)) getZone(name);
    const after = getZone(first!);
    expect(after.name).toBe(first);
    expect(after.table).toBe(before.table);
  });
});
