import type { Palette } from './color.js';

/** Columns padded to their widest cell, the first right-aligned (a row number), header in bold. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, colors: Palette, highlight?: (row: readonly string[]) => boolean): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padStart(widths[0]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const body = rows.map((row) => (highlight?.(row) ? colors.warn(line(row)) : line(row)));
  return [colors.bold(line(header)), ...body].join('\n') + '\n';
}
