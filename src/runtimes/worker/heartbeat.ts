// Proof of progress for the watchdog. Grader measurements (the kit's nsPerOp,
// interleavedRatio) read the clock constantly, so a long but healthy latency test
// keeps beating, while code stuck in `while (true) {}` reads no clock and goes quiet.
// Imported before the grader kit, which binds `performance.now` when it loads.
let beat: () => void = () => {};
let last = 0;
const original = performance.now.bind(performance);

performance.now = function now(): number {
  const t = original();
  if (t - last > 250) {
    last = t;
    beat();
  }
  return t;
};

/** Sets what a beat does (at most one every 250 ms). */
export function onHeartbeat(fn: () => void): void {
  beat = fn;
}
