// The profiler, main-thread side: runs a profile in a fresh module Web Worker and
// watches it like the grading runtime does. A run that shows no progress for `idleMs`
// (a loop that calls nothing, so no instrumented code beats), runs past `totalMs`, or
// that the learner stops, ends with the worker terminated; what finished stays shown.
// A fresh worker per run means nothing the learner's code left behind (timers, globals)
// survives into the next profile.
import type { LabBundle } from '../core/lab';
import type { Side, SideOutcome } from './run-profile';
import type { ProfileRequest, ProfileResponse } from './profile-worker';

export interface ProfileRunRequest {
  bundle: LabBundle;
  /** The workload and any grader helper it imports, by path relative to graders/<slug>/. */
  graders: Record<string, string>;
  workload: string;
  sides: Partial<Record<Side, Record<string, string>>>;
}

export type ProfileEvent =
  | { type: 'started'; side: Side }
  /** The side's profile is done; the same workload now runs without instrumentation. */
  | { type: 'timing'; side: Side }
  | { type: 'side'; side: Side; outcome: SideOutcome };

/** Why a run ended before both sides finished. */
export interface ProfileStop {
  why: 'idle' | 'total' | 'user' | 'crash';
  /** The side that was running. */
  side?: Side;
  /** The limit that was hit, for idle and total. */
  seconds?: number;
  detail?: string;
}

export interface ProfileRunResult {
  outcomes: Partial<Record<Side, SideOutcome>>;
  stopped?: ProfileStop;
}

export interface ProfileRuntimeOptions {
  idleMs?: number;
  totalMs?: number;
  create?: () => Worker;
}

const createDefault = () => new Worker(new URL('./profile-worker.ts', import.meta.url), { type: 'module', name: 'profiler' });

export class ProfileRuntime {
  private readonly idleMs: number;
  private readonly totalMs: number;
  private readonly create: () => Worker;
  private nextId = 1;
  private abort?: () => void;

  constructor(options: ProfileRuntimeOptions = {}) {
    this.idleMs = options.idleMs ?? 10_000;
    this.totalMs = options.totalMs ?? 90_000;
    this.create = options.create ?? createDefault;
  }

  run(req: ProfileRunRequest, onEvent: (e: ProfileEvent) => void = () => {}): Promise<ProfileRunResult> {
    this.stop();
    const worker = this.create();
    const id = this.nextId++;
    return new Promise<ProfileRunResult>((resolve) => {
      const outcomes: ProfileRunResult['outcomes'] = {};
      let current: Side | undefined;
      let idleTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (extra: Pick<ProfileRunResult, 'stopped'> = {}) => {
        clearTimeout(idleTimer);
        clearTimeout(totalTimer);
        worker.terminate();
        this.abort = undefined;
        resolve({ outcomes, ...extra });
      };
      const stopped = (why: ProfileStop['why'], more: Partial<ProfileStop> = {}) =>
        finish({ stopped: { why, ...(current ? { side: current } : {}), ...more } });
      const arm = (ms = this.idleMs) => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => stopped('idle', { seconds: Math.round(ms / 1000) }), ms);
      };
      const totalTimer = setTimeout(() => stopped('total', { seconds: Math.round(this.totalMs / 1000) }), this.totalMs);
      this.abort = () => stopped('user');
      worker.addEventListener('message', (e: MessageEvent<ProfileResponse>) => {
        const msg = e.data;
        if (msg.id !== id) return;
        arm();
        if (msg.type === 'timing') {
          // An uninstrumented run sends no beats; it may stay silent about as long as the profiled run took.
          arm(Math.max(this.idleMs, 2 * msg.expectMs + 2_000));
          onEvent({ type: 'timing', side: msg.side });
        } else if (msg.type === 'started') {
          current = msg.side;
          onEvent({ type: 'started', side: msg.side });
        } else if (msg.type === 'side') {
          outcomes[msg.side] = msg.outcome;
          current = undefined;
          onEvent({ type: 'side', side: msg.side, outcome: msg.outcome });
        } else if (msg.type === 'done') {
          finish();
        } else if (msg.type === 'crash') {
          stopped('crash', { detail: msg.message.split('\n')[0] });
        }
      });
      worker.addEventListener('error', (e: ErrorEvent) => {
        e.preventDefault();
        stopped('crash', { detail: e.message || 'the profile worker stopped' });
      });
      arm();
      const msg: ProfileRequest = { type: 'profile', id, lab: req.bundle.lab, graders: req.graders, workload: req.workload, sides: req.sides };
      worker.postMessage(msg);
    });
  }

  /** Ends the run under way, if any (the learner pressed Stop). */
  stop(): void {
    this.abort?.();
  }
}
