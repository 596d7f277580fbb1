import { InvalidArgumentError } from '../errors.js';
import { compareBlocks } from './block-order.js';
import type { Block } from './types.js';

/** What changed between two sets of blocks, matched by (seriesId, key). */
export interface BlockDiff {
  /** In `after` only. */
  readonly added: readonly Block[];
  /** In `before` only. */
  readonly removed: readonly Block[];
  /** Same (seriesId, key), different interval. */
  readonly changed: ReadonlyArray<{ readonly before: Block; readonly after: Block }>;
  /** Same (seriesId, key) and the same interval. */
  readonly unchanged: readonly Block[];
}

/**
 * Compares two sets of blocks by identity, (seriesId, key): what an edit added, removed,
 * moved (`changed`: start or end differ) and left alone. The basis of regenerating stored
 * blocks. Each list is sorted in block order (by the `after` block for `changed`).
 *
 * @throws {InvalidArgumentError} when a list holds the same (seriesId, key) twice
 *
 * @example
 * const diff = diffBlocks(expand(series), expand(edited));
 * diff.changed.map(({ after }) => after.key); //=> ['2025-03-03T09:30']
 */
export function diffBlocks(before: readonly Block[], after: readonly Block[]): BlockDiff {
  const beforeById = indexBlocks(before, 'before');
  const afterById = indexBlocks(after, 'after');
  const added: Block[] = [];
  const removed: Block[] = [];
  const changed: Array<{ before: Block; after: Block }> = [];
  const unchanged: Block[] = [];
  for (const [id, next] of afterById) {
    const previous = beforeById.get(id);
    if (previous === undefined) added.push(next);
    else if (previous.start !== next.start || previous.end !== next.end) changed.push({ before: previous, after: next });
    else unchanged.push(next);
  }
  for (const [id, previous] of beforeById) if (!afterById.has(id)) removed.push(previous);
  added.sort(compareBlocks);
  removed.sort(compareBlocks);
  unchanged.sort(compareBlocks);
  changed.sort((a, b) => compareBlocks(a.after, b.after));
  return { added, removed, changed, unchanged };
}

function indexBlocks(blocks: readonly Block[], field: string): Map<string, Block> {
  if (!Array.isArray(blocks)) throw new InvalidArgumentError(field, 'expected an array of blocks');
  const byId = new Map<string, Block>();
  blocks.forEach((block, i) => {
    const id = `${block.seriesId}\u0000${block.key}`;
    if (byId.has(id)) throw new InvalidArgumentError(`${field}[${i}]`, `block ${block.seriesId} ${block.key} appears twice`);
    byId.set(id, block);
  });
  return byId;
}
