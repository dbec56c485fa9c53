// What every browser runtime is given and what it gives back. The UI talks to a
// runtime only through these types, so the worker and WebContainer stay interchangeable.
import type { LabBundle } from '../core/lab';
import type { Locale } from '../i18n/locale';
import type { GradeReport } from '../core/report';

export type { LabBundle };

export interface RunRequest {
  bundle: LabBundle;
  /** The learner's current files, by name. */
  files: Record<string, string>;
  locale: Locale;
  /** Run only these tasks' tests (the others show as skipped): `?tasks=` on the page, for measuring. */
  only?: string[];
}

/** Streamed while a run is under way. */
export type RunEvent =
  | { type: 'test-start'; name: string; task: string }
  | { type: 'test-end'; name: string; task: string; status: string }
  | { type: 'output'; text: string }
  /** The grading thread is busy but alive (it read the clock); keeps the watchdog from firing. */
  | { type: 'heartbeat' };

export interface Runtime {
  readonly name: 'worker' | 'webcontainer';
  run(req: RunRequest, onEvent?: (e: RunEvent) => void): Promise<GradeReport>;
  dispose(): void;
}

/** Paths inside a run: learner files live under /impl/<slug>/, graders under /graders/<slug>/. */
export const implPath = (slug: string, file: string) => `/impl/${slug}/${file}`;
export const graderPath = (slug: string, file: string) => `/graders/${slug}/${file}`;
