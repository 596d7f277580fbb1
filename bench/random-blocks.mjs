// Seeded random blocks shared by the overlap and scale benchmarks, so every run measures
// the same blocks.

const minute = 60_000;
const yearStart = Date.UTC(2025, 0, 1);
const yearMinutes = 365 * 24 * 60;

/** mulberry32: a small seeded PRNG. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` blocks of 30–90 minutes at random minutes of 2025, spread over `resources` rooms. */
export function randomBlocks(count, resources, seed) {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const start = yearStart + Math.floor(next() * yearMinutes) * minute;
    return { seriesId: `s${i % 997}`, key: `k${i}`, resource: `room-${Math.floor(next() * resources)}`, start, end: start + (30 + Math.floor(next() * 61)) * minute };
  });
}
