// Proof of progress for the watchdog. Grader measurements (the kit's nsPerOp,
// interleavedRatio) read the clock constantly, so a long but healthy latency test
// keeps beating, while code stuck in `while (true) {}` reads no clock and goes quiet.
// Printing counts as progress too (see console.ts): a loop that logs is doing work.
// Imported before the grader kit, which binds `performance.now` when it loads.
let beat: () => void = () => {};
let last = 0;
const original = performance.now.bind(performance);

/** Beats at most once every 250 ms, however often it is called. */
export function progress(): void {
  const t = original();
  if (t - last > 250) {
    last = t;
    beat();
  }
}

performance.now = function now(): number {
  progress();
  return original();
};

/** Sets what a beat does. */
export function onHeartbeat(fn: () => void): void {
  beat = fn;
}

/** The clock before the wrapper: for code that must not count as progress itself. */
export const realNow = original;
