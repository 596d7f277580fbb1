/**
 * Blocks written under simulated old tz rules: Mexico City observed DST (UTC-5 from the
 * first Sunday of April to the last Sunday of October) until the 2022 change; the running
 * tz data says UTC-6 all year. A test saves a series, then `writtenUnderOldRules` rewrites
 * its stored instants to what the old rules gave and stamps them with an old version.
 */
import type { Series } from '../../src/index.js';
import type { TestDatabase } from './harness.js';

export const oldVersion = '2022a';
export const hour = 3_600_000;

/** The oracle: was this local date (`YYYY-MM-DD`) inside Mexico City's old DST? */
export function oldRulesObserveDst(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = (month: number, dayOfMonth: number) => Date.UTC(y, month - 1, dayOfMonth);
  const firstSundayApril = [1, 2, 3, 4, 5, 6, 7].find((n) => new Date(day(4, n)).getUTCDay() === 0)!;
  const lastSundayOctober = [31, 30, 29, 28, 27, 26, 25].find((n) => new Date(day(10, n)).getUTCDay() === 0)!;
  const t = day(m, d);
  return t >= day(4, firstSundayApril) && t < day(10, lastSundayOctober);
}

/** A block's period under the old rules: an hour earlier in UTC while DST applied (the tests' wall times lie after 02:00). */
export function oldPeriod(key: string, start: number, end: number): [number, number] {
  return oldRulesObserveDst(key.slice(0, 10)) ? [start - hour, end - hour] : [start, end];
}

/**
 * Rewrites a series' stored blocks to the old rules' instants (plain SQL, outside the
 * adapter) and stamps every one with `oldVersion`; returns the keys that moved, sorted.
 */
export async function writtenUnderOldRules(t: TestDatabase, series: Series): Promise<string[]> {
  const rows = await t.sql<{ key: string; start: number; end: number }>(
    `select key, round(extract(epoch from lower(period)) * 1000)::float8 as start, round(extract(epoch from upper(period)) * 1000)::float8 as "end"
     from ${t.table('blocks')} where series_id = $1 order by key`,
    [series.id],
  );
  const moved = rows.filter((row) => oldPeriod(row.key, Number(row.start), Number(row.end))[0] !== Number(row.start));
  // Earliest first on the way back an hour, so that back-to-back blocks never meet.
  for (const row of moved) {
    const [start, end] = oldPeriod(row.key, Number(row.start), Number(row.end));
    await t.sql(`update ${t.table('blocks')} set period = tstzrange($3::timestamptz, $4::timestamptz, '[)') where series_id = $1 and key = $2`, [
      series.id,
      row.key,
      new Date(start).toISOString(),
      new Date(end).toISOString(),
    ]);
  }
  await t.sql(`update ${t.table('blocks')} set tzdata_version = $2 where series_id = $1`, [series.id, oldVersion]);
  return moved.map((row) => row.key).sort();
}
