import { describe, expect, it } from 'vitest';
import { palette } from '../../src/cli/color.js';
import { formatTable } from '../../src/cli/text-table.js';

describe('formatTable', () => {
  it('pads columns to their widest cell', () => {
    const text = formatTable(['#', 'name'], [['1', 'a'], ['10', 'longer']], palette(false));
    expect(text).toBe(' #  name\n 1  a\n10  longer\n');
  });

  it('handles more rows than a spread of arguments can take (400 000)', () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => [String(i + 1), i === 123_456 ? 'widest cell' : 'x']);
    const lines = formatTable(['#', 'v'], rows, palette(false)).split('\n');
    expect(lines).toHaveLength(400_002);
    expect(lines[123_457]).toBe('123457  widest cell');
  });
});
