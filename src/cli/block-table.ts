import type { Block } from '../expand/types.js';
import type { Series } from '../series/types.js';
import { offsetAt } from '../time/convert.js';
import { formatLocalDateTime, formatOffset } from '../time/local-format.js';
import type { Palette } from './color.js';
import { formatTable } from './text-table.js';

/** One table row: a block, or an occurrence the `skip` policy dropped. */
export type PreviewRow = { readonly block: Block } | { readonly skippedKey: string };

function localText(epochMs: number, timezone: string): string {
  const offset = offsetAt(timezone, epochMs);
  return `${formatLocalDateTime(epochMs + offset).replace('T', ' ')} ${formatOffset(offset)}`;
}

function utcText(epochMs: number): string {
  return formatLocalDateTime(epochMs).replace('T', ' ');
}

const ambiguousNote = { earlier: 'the earlier', later: 'the later' } as const;

/** What the zone did to a block, in words. */
export function dstNote(block: Block): string {
  const notes: string[] = [];
  const { start, end } = block.adjusted ?? {};
  if (start === 'shifted') notes.push(`start shifted: ${block.key.slice(11)} does not exist`);
  if (start === 'earlier' || start === 'later') notes.push(`start ${block.key.slice(11)} happens twice: ${ambiguousNote[start]}`);
  if (end === 'shifted') notes.push('end shifted out of a gap');
  if (end === 'earlier' || end === 'later') notes.push(`end happens twice: ${ambiguousNote[end]}`);
  if (end === 'rebuilt') notes.push('end rebuilt: nominal length kept');
  return notes.join('; ');
}

/** The preview table: #, key, local start and end with offsets, the same in UTC, and DST notes. */
export function formatBlockTable(rows: readonly PreviewRow[], series: Series, colors: Palette): string {
  const header = ['#', 'key', `start (${series.timezone})`, 'end', 'start (UTC)', 'end (UTC)', 'note'];
  const cells = rows.map((row, i) => {
    if ('skippedKey' in row) {
      return [String(i + 1), row.skippedKey, '—', '—', '—', '—', `skipped: ${row.skippedKey.slice(11)} does not exist`];
    }
    const { block } = row;
    return [
      String(i + 1),
      block.key,
      localText(block.start, series.timezone),
      localText(block.end, series.timezone),
      utcText(block.start),
      utcText(block.end),
      dstNote(block),
    ];
  });
  return formatTable(header, cells, colors, (row) => row[6] !== '');
}
