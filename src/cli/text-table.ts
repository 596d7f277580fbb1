import type { Palette } from './color.js';

/** Columns padded to their widest cell, the first right-aligned (a row number), header in bold. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, colors: Palette, highlight?: (row: readonly string[]) => boolean): string {
  // A loop, not Math.max(...cells): spreading 100 000+ cells overflows the call stack.
  const widths = header.map((title) => title.length);
  for (const row of rows) {
    for (let column = 0; column < widths.length; column++) widths[column] = Math.max(widths[column]!, row[column]!.length);
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padStart(widths[0]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const body = rows.map((row) => (highlight?.(row) ? colors.warn(line(row)) : line(row)));
  return [colors.bold(line(header)), ...body].join('\n') + '\n';
}
