// The contract of a lab's workload (lab.json "workload", a file in graders/<slug>/):
// what the in-page profiler and `workbook profile` both run, so the two profiles describe
// the same work. A workload imports the lab's code through `@impl/<slug>/<file>` like a
// grader, may use `@grader-kit` (seeded random numbers, Zipf keys), `@workload-kit`
// (./workload-kit.ts: a manual clock with a timer heap) and helpers beside it, and never
// imports vitest or Node modules: it runs in a browser worker too.
//
//   export function prepare() {          // not profiled: build the seeded inputs
//     const keys = …;
//     return () => { …the work… };       // profiled: a fixed amount of work, ~0.2–1 s with the reference
//   }

/** How a workload imports ./workload-kit.ts. */
export const WORKLOAD_KIT = '@workload-kit';

/** The profiled part of a workload; may be async. */
export type WorkloadRun = () => unknown;

export interface WorkloadModule {
  prepare(): WorkloadRun | Promise<WorkloadRun>;
}

/** The workload module's `prepare`, or an error that says what the file should export. */
export function workloadEntry(module: unknown, file: string): WorkloadModule['prepare'] {
  const prepare = (module as Partial<WorkloadModule> | undefined)?.prepare;
  if (typeof prepare !== 'function') throw new Error(`${file} must export a function prepare() that returns the run to profile`);
  return prepare;
}

/** Prepares a workload and runs it between `profiler.start()` and `profiler.stop()`; returns what stop returned. */
export async function runWorkload<P>(
  prepare: WorkloadModule['prepare'],
  profiler: { start(): void | Promise<void>; stop(): P | Promise<P> },
): Promise<P> {
  const run = await prepare();
  if (typeof run !== 'function') throw new Error('prepare() must return the function to profile');
  await profiler.start();
  try {
    await run();
  } catch (err) {
    await profiler.stop();
    throw err;
  }
  return profiler.stop();
}
