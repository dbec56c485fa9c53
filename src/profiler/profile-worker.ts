// The profile worker: a module Web Worker of its own, started on the first click of
// Profile (so neither the lab page nor the grading worker carries acorn or the recorder).
// One request in: the workload run against the learner's code, then against the
// reference, each instrumented and then as it is (for the honest wall time); a beat
// while instrumented code runs, each side's outcome as it is ready.
// The main thread's watchdog (./runtime.ts) ends this worker when it stops making progress.
import type { Lab } from '../core/lab';
import { profileSide, timeSide, type Side, type SideOutcome } from './run-profile';

export interface ProfileRequest {
  type: 'profile';
  id: number;
  lab: Lab;
  graders: Record<string, string>;
  workload: string;
  /** Each side's implementation, given files on top; the reference is absent when the lab has none. */
  sides: Partial<Record<Side, Record<string, string>>>;
}

export type ProfileResponse =
  | { type: 'beat'; id: number }
  | { type: 'started'; id: number; side: Side }
  /** The same workload without instrumentation starts: it sends no beats, and should take about this long at most. */
  | { type: 'timing'; id: number; side: Side; expectMs: number }
  | { type: 'side'; id: number; side: Side; outcome: SideOutcome }
  | { type: 'done'; id: number }
  | { type: 'crash'; id: number; message: string };

const post = (msg: ProfileResponse) => (self as unknown as Worker).postMessage(msg);

self.addEventListener('message', async (e: MessageEvent<ProfileRequest>) => {
  const { id, lab, graders, workload, sides } = e.data;
  try {
    for (const side of ['learner', 'reference'] as const) {
      const files = sides[side];
      if (!files) continue;
      post({ type: 'started', id, side });
      const input = {
        lab, files, graders, workload, hook: side === 'learner' ? '__wbpLearner' : '__wbpReference',
        onBeat: () => post({ type: 'beat', id }),
      };
      const outcome = await profileSide(input);
      if (outcome.ok) {
        // Uninstrumented, the run is faster than the profiled one: that bounds its silence.
        post({ type: 'timing', id, side, expectMs: outcome.profile.wallMs });
        const plainMs = await timeSide(input);
        if (plainMs !== undefined) outcome.plainMs = plainMs;
      }
      post({ type: 'side', id, side, outcome });
    }
    post({ type: 'done', id });
  } catch (err) {
    post({ type: 'crash', id, message: (err as Error)?.stack ?? String(err) });
  }
});
