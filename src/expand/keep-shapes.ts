/**
 * V8 holds the hidden class (map) of a class's instances only as long as some instance
 * lives: the transitions that lead to it are weak. A full collection that finds none frees
 * it and deoptimizes every optimized function that embeds it, so the next calls run
 * unoptimized until the compiler has settled again (measured after `gc()`: the first ten
 * expansions of a 3 653-block series took 1–9 ms each instead of 0.3 ms). `expand` hands
 * its last call's helpers here, which keeps their classes, and its compiled code, alive
 * across collections. They hold no blocks and no large buffers by then.
 */
let kept: readonly object[] = [];

export function keepShapes(helpers: readonly object[]): void {
  kept = helpers;
}

