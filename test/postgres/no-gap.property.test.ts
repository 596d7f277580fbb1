import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expand } from '../../src/index.js';
import { cancelSeries, extendHorizon, migrate, regenerate, saveSeries } from '../../src/postgres/index.js';
import { dailySeries } from './fixtures.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

/**
 * No gaps: whatever sequence of save / regenerate / extendHorizon / cancel calls a stored
 * never-ending series goes through, every occurrence from its start up to its horizon is
 * stored and live, unless it starts at or after the cancel point (then it is not live).
 * The oracle is `expand` over [start, horizon), with the horizon and the cancel point
 * tracked plainly here from what each call is documented to do.
 */
const day = 86_400_000;
const origin = Date.UTC(2025, 0, 6);
const at = (d: number): string => new Date(origin + d * day).toISOString();

type Op =
  | { kind: 'save'; from: number | undefined; to: number }
  | { kind: 'regenerate'; from: number }
  | { kind: 'extend'; until: number }
  | { kind: 'cancel'; from: number };

const dayIndex = fc.integer({ min: 1, max: 70 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(dayIndex, dayIndex, fc.boolean()).map(([a, b, open]): Op => ({ kind: 'save', from: open ? undefined : Math.min(a, b), to: Math.max(a, b) + 1 })),
  dayIndex.map((from): Op => ({ kind: 'regenerate', from })),
  dayIndex.map((until): Op => ({ kind: 'extend', until })),
  dayIndex.map((from): Op => ({ kind: 'cancel', from })),
);

describe('no gaps in a stored series (PGlite or a server)', () => {
  let t: TestDatabase;
  let run = 0;
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('random save / regenerate / extendHorizon / cancel sequences leave [start, horizon) stored and live before the cancel point', async () => {
    await fc.assert(
      fc.asyncProperty(dayIndex, fc.array(op, { minLength: 1, maxLength: 6 }), async (firstTo, ops) => {
        run += 1;
        const id = `gap${run}`;
        const series = dailySeries(id, '2025-01-06', '09:00', '10:00');
        const options = { ...t.options, resource: `room-${run}` };
        let horizon = origin + (firstTo + 1) * day;
        let cancelled = Infinity;
        await saveSeries(t.db, series, { ...options, window: { to: at(firstTo + 1) } });
        for (const step of ops) {
          if (step.kind === 'save') {
            await saveSeries(t.db, series, { ...options, window: { ...(step.from === undefined ? {} : { from: at(step.from) }), to: at(step.to) } });
            horizon = Math.max(horizon, origin + step.to * day);
          } else if (step.kind === 'regenerate') {
            await regenerate(t.db, series, { ...t.options, from: at(step.from) });
          } else if (step.kind === 'extend') {
            await extendHorizon(t.db, { ...t.options, until: at(step.until) });
            if (horizon < cancelled) horizon = Math.max(horizon, Math.min(origin + step.until * day, cancelled));
          } else {
            await cancelSeries(t.db, id, { ...t.options, from: at(step.from) });
            cancelled = Math.min(cancelled, origin + step.from * day);
          }
          const live = await t.sql<{ key: string; start: number; end: number }>(
            `select key, round(extract(epoch from lower(period)) * 1000)::float8 as start, round(extract(epoch from upper(period)) * 1000)::float8 as "end"
               from ${t.table('blocks')} where series_id = $1 and status <> 'cancelled' order by lower(period)`,
            [id],
          );
          const want = expand(series, { to: horizon })
            .filter((block) => block.start < cancelled)
            .map(({ key, start, end }) => ({ key, start, end }));
          expect(live, JSON.stringify(step)).toEqual(want);
        }
      }),
      { numRuns: process.env.DATABASE_URL ? 25 : 15 },
    );
  });
});
