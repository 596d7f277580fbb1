import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The same expansions, run by the built package in child processes whose host time zone
 * and locale differ, must print byte-identical JSON.
 */
const script = `
import { defineSeries, expand, occurrences, toZonedIso } from ${JSON.stringify(join(root, 'dist/index.js'))};
const inputs = [
  { id: 'berlin', timezone: 'Europe/Berlin', start: '2025-03-24', startTime: '02:30', endTime: '03:30', repeat: 'FREQ=DAILY;COUNT=14', dst: { nonexistent: 'shift' } },
  { id: 'ny', timezone: 'America/New_York', start: '2025-10-27', startTime: '22:00', endTime: '06:00', repeat: { freq: 'daily', count: 10 } },
  { id: 'lhi', timezone: 'Australia/Lord_Howe', start: '2025-01-31', startTime: '01:45', duration: 'PT45M', repeat: { freq: 'monthly', byWeekday: [{ day: 'SU', nth: 1 }], count: 12 }, dst: { ambiguous: 'later' } },
  { id: 'cht', timezone: 'Pacific/Chatham', start: '2024-01-01', startTime: '03:00', endTime: '04:00', repeat: 'RRULE:FREQ=YEARLY;BYMONTH=4,9;BYDAY=1SU,-1SU;UNTIL=20301231', exclude: ['2026-04-05'] },
  { id: 'hav', timezone: 'America/Havana', start: '2025-03-01', startTime: '00:00', endTime: '01:00', repeat: { freq: 'weekly', byWeekday: ['SU'] }, include: ['2025-03-12T12:00'] },
  { id: 'utc', timezone: 'UTC', start: '2024-02-29', startTime: '09:00', duration: 'PT1H', repeat: { freq: 'yearly', count: 5 } },
];
const out = inputs.map((input) => {
  const series = defineSeries(input);
  const window = { from: '2025-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z' };
  const blocks = series.repeat?.count || series.repeat?.until ? expand(series) : expand(series, window);
  const lazy = [];
  for (const block of occurrences(series, { from: '2025-03-01T00:00:00Z' })) { lazy.push(block); if (lazy.length === 5) break; }
  return { series, blocks, lazy, local: blocks.map((block) => toZonedIso(block.start, series.timezone)) };
});
process.stdout.write(JSON.stringify(out));
`;

describe('host time zone and locale independence', () => {
  it('gives byte-identical output under TZ=UTC, America/Los_Angeles, Asia/Kolkata and Pacific/Chatham', () => {
    const hosts = [
      { TZ: 'UTC', LANG: 'C' },
      { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8' },
      { TZ: 'Asia/Kolkata', LANG: 'hi_IN.UTF-8', LC_ALL: 'hi_IN.UTF-8' },
      { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    ];
    const outputs = hosts.map((host) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...host } }),
    );
    // The hosts really differ: their own clocks disagree about local midnight.
    const hostOffsets = hosts.map((host) =>
      execFileSync(process.execPath, ['-e', 'process.stdout.write(String(new Date(2025, 0, 1).getTimezoneOffset()))'], { encoding: 'utf8', env: { ...process.env, ...host } }),
    );
    expect(new Set(hostOffsets).size).toBe(hosts.length);
    // Non-trivial: every series produced blocks, some of them DST-adjusted.
    const parsed = JSON.parse(outputs[0]!) as Array<{ blocks: Array<{ adjusted?: unknown }> }>;
    expect(parsed.every((entry) => entry.blocks.length > 0)).toBe(true);
    expect(parsed.flatMap((entry) => entry.blocks).some((block) => block.adjusted !== undefined)).toBe(true);
    for (const output of outputs.slice(1)) expect(output).toBe(outputs[0]);
  });
});
