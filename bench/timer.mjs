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
