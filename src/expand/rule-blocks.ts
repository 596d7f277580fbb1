import type { BlockBuilder } from './block-builder.js';
import type { BlockSink } from './block-sink.js';
import type { CompiledSeries } from './compiled-series.js';
import type { KeyFormatter } from './key-formatter.js';
import { RuleCursor } from '../rule/rule-cursor.js';
import { isSkipped, wallRange } from './window-walls.js';

/**
 * The rule's blocks that overlap the sink's window, in wall-time order: `expand`'s hot loop.
 * Returns the cursor it walked (released), or undefined for a series without a rule.
 *
 * Most occurrences lie well inside one stretch of constant offset (transitions are rare
 * next to occurrences), so the start clock's exact range is tested here and such a block
 * is made directly, in its final shape: start = wall − offset, end = start + the wall
 * length (an end wall time in the same stretch resolves with the same offset). Only
 * occurrences near a transition, and series whose length is zero, go through the
 * `BlockBuilder`, which applies the `dst` policies; it moves the clock on, so the next
 * stretch is fast again.
 */
export function addRuleBlocks(compiled: CompiledSeries, builder: BlockBuilder, keys: KeyFormatter, sink: BlockSink): RuleCursor | undefined {
  const { from, to } = sink;
  const { firstWall, lastWall } = wallRange(compiled, from, to);
  const { rule, excludedDays, skippedWalls } = compiled;
  const checkSkipped = excludedDays.size > 0 || skippedWalls.size > 0;
  if (rule === undefined) {
    const wall = compiled.startWall;
    if (wall >= firstWall && wall <= lastWall && !(checkSkipped && isSkipped(compiled, wall))) sink.keep(builder.build(wall, keys.key(wall)), builder.startInGap);
    return undefined;
  }
  const seriesId = compiled.series.id;
  const length = compiled.wallLengthMs;
  // With an end time, the end wall must lie in the exact range too; a duration ends where the start says.
  const endReach = compiled.durationMs === undefined ? length : 0;
  const direct = compiled.durationMs !== 0;
  const clock = builder.startClock;
  const cursor = new RuleCursor(rule, firstWall);
  const walls = cursor.batch;
  walk: for (let n = cursor.nextBatch(lastWall); n > 0; n = cursor.nextBatch(lastWall)) {
    for (let i = 0; i < n; i++) {
      const wall = walls[i]!;
      if (wall > lastWall) break walk;
      if (wall < firstWall || (checkSkipped && isSkipped(compiled, wall))) continue;
      if (direct && wall >= clock.exactFrom && wall + endReach < clock.exactTo) {
        const start = wall - clock.offset;
        const end = start + length;
        if (start < to && end > from) sink.push({ seriesId, key: keys.key(wall), start, end });
      } else {
        sink.keep(builder.build(wall, keys.key(wall)), builder.startInGap);
      }
    }
  }
  cursor.release();
  return cursor;
}
