// The grading limits' defaults: one place for the sandbox, the CLI's options and their help.
// Measured on the reference solutions (idle, 2 cores): the slowest test takes 1.6 s and every
// lab passes under a 384 MB cap. So 10 s per test and 1024 MB per process leave a wide margin
// for a loaded machine, while a submission that hangs or allocates without end costs 15 s
// (10 s plus grade.ts's 5 s grace), not 30, and is stopped sooner. The per-test limit is lower
// than GRADER_TIME_LIMITS (src/core/grader-files.ts, 20 s), which the browser runtimes keep:
// a class is graded here, on one machine, where a hang costs everyone's time.
export const DEFAULT_LIMITS = {
  /** Wall-clock backstop per lab, seconds. */
  labSeconds: 180,
  /** Memory cap per grading process, MB, buffers included. */
  memoryMb: 1024,
  /** A test's own time limit unless its grader sets one, ms. */
  testTimeoutMs: 10_000,
} as const;
