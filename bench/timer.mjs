/**
 * A small median timer: warm up, then run `fn` in batches until both a minimum number of
 * samples and a minimum time are reached; report the median time per call.
 */
export function measure(fn, { minSamples = 25, minMs = 400, maxMs = 4000 } = {}) {
  for (let i = 0; i < 5; i++) fn();
  // Batch fast calls so each sample is at least ~1 ms.
  let batch = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - start >= 1 || batch >= 1 << 20) break;
    batch *= 2;
  }
  const samples = [];
  const begin = performance.now();
  while (samples.length < minSamples || performance.now() - begin < minMs) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - start) / batch);
    if (performance.now() - begin > maxMs && samples.length >= 5) break;
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)], samples: samples.length };
}

export function formatMs(ms) {
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  return `${ms.toFixed(2)} ms`;
}

/** Rows as a plain-text table: `columns` are [title, row => cell] pairs; columns padded to their widest cell. */
export function formatTable(rows, columns) {
  const cells = rows.map((row) => columns.map(([, value]) => String(value(row))));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((row) => row[i].length)));
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns.map(([title]) => title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * Times contenders side by side, interleaved in rounds so that a slow spell of the machine
 * hits every contender alike: each round runs one sample (a batch of calls) of each, in
 * an order that rotates. Reports each contender's median time per call, and its median
 * over rounds of the per-round ratio to `reference` (the figure targets are judged on).
 *
 * @param contenders - name → function to time; `reference` must be one of them
 * @returns name → { medianMs, ratio, rounds }
 */
export function interleave(contenders, reference, { rounds = 15, sampleMs = 5, warmupMs = 300, maxMs = 8000 } = {}) {
  const entries = Object.entries(contenders);
  // Warm up (at least 3 calls and `warmupMs`: the optimizing compiler takes a while to
  // settle), then size each batch so a sample lasts about `sampleMs`.
  const batches = entries.map(([, fn]) => {
    const start = performance.now();
    let calls = 0;
    while (calls < 3 || performance.now() - start < warmupMs) {
      fn();
      calls++;
    }
    const perCall = Math.max((performance.now() - start) / calls, 1e-6);
    return Math.max(1, Math.round(sampleMs / perCall));
  });
  const samples = entries.map(() => []);
  const begin = performance.now();
  // Two unrecorded rounds first (the optimizing compiler settles); each sample starts
  // after a full collection (with --expose-gc), so no contender pays for another's garbage.
  for (let round = -2; round < rounds; round++) {
    for (let k = 0; k < entries.length; k++) {
      const i = (k + rounds + round) % entries.length;
      const fn = entries[i][1];
      const batch = batches[i];
      globalThis.gc?.();
      const start = performance.now();
      for (let j = 0; j < batch; j++) fn();
      if (round >= 0) samples[i].push((performance.now() - start) / batch);
    }
    if (round >= 4 && performance.now() - begin > maxMs) break;
  }
  const ref = entries.findIndex(([name]) => name === reference);
  const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(
    entries.map(([name], i) => [
      name,
      { medianMs: median(samples[i]), ratio: median(samples[i].map((ms, round) => ms / samples[ref][round])), rounds: samples[i].length },
    ]),
  );
}
