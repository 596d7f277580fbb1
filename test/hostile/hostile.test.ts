import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Heap the child may use: the cases took 611 MB to 1.9 GB, or ran out of heap, before the caps. */
const heapCapMb = 256;
/** Per call: none of them may hang; the slow cases took 8 s to 74 s before the caps. */
const budgetMs = 10_000;

interface Report {
  stats: { calls: number; returned: number; threw: number; slowestMs: number; slowest: string; longestMessage: number; heapUsedMb: number; maxRssMb: number };
  failures: Array<{ name: string; why: string; ms?: number }>;
  examples: string[];
}

describe('hostile input, in a child process with a heap cap and a time budget per call', () => {
  it(`every entry point returns or throws a TimeblocksError within ${budgetMs} ms and ${heapCapMb} MB of heap`, () => {
    const script = fileURLToPath(new URL('./hostile-run.mjs', import.meta.url));
    const child = spawnSync(process.execPath, [`--max-old-space-size=${heapCapMb}`, script], {
      encoding: 'utf8',
      env: { ...process.env, HOSTILE_BUDGET_MS: String(budgetMs) },
      maxBuffer: 64 * 2 ** 20,
      timeout: 180_000,
    });
    // A dead child (out of memory, a native crash) names the last case it started.
    const lastStarted = child.stderr.trim().split('\n').filter((line) => /^(example|property): /.test(line)).at(-1);
    expect({ status: child.status, signal: child.signal, lastStarted: child.status === 0 ? undefined : lastStarted }).toEqual({ status: 0, signal: null, lastStarted: undefined });
    const report = JSON.parse(child.stdout) as Report;
    expect(report.failures).toEqual([]);
    // Every case the issue lists is among the examples that ran.
    for (const name of [
      'findOverlaps: 10 000 identical blocks (50 M pairs)',
      'findConflicts: 300 identical daily series over a year',
      'defineSeries: count rule with 30 000 overrides',
      'fromRRule: 100 000 EXDATE lines',
      'fromRRule: 9 999 RDATE + 9 999 EXDATE values',
      'fromRRule: BYDAY= + 12 000 bad items',
      'fromRRule: BYDAY= + 20 000 bad items',
      "fromRRule: 'FREQ=DAILY;'.repeat(1e6)",
      'toICalendar: 20 000 moved overrides',
      'toICalendar: a bare CR in summary, prodId, uidDomain',
      'defineSeries: 10 001 exclude entries',
      'describe: ids with C1 controls, bidi overrides and U+2028',
      'freeSlots: busy in every instant form',
      'freeSlots: duration: 30 (a bare number)',
    ]) {
      expect(report.examples).toContain(name);
    }
    expect(report.stats.calls).toBeGreaterThan(400);
    expect(report.stats.returned).toBeGreaterThan(0);
    expect(report.stats.threw).toBeGreaterThan(0);
    expect(report.stats.longestMessage).toBeLessThan(20_000);
  }, 240_000);
});
