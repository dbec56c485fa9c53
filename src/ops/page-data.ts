// What the playground page hands its script (as JSON), and the page's fixed choices.
import type { Locale } from '../i18n/locale';

export interface PageData {
  locale: Locale;
  labs: Array<{
    slug: string;
    /** The files the learner edits (lab.json), as the workbench saves them. */
    files: string[];
    /** The correctness tasks the browser can grade: the checks saved code must pass to be used. */
    checks: string[];
  }>;
  /** The labs' grader bundles, fetched only when there is saved code to check. */
  bundlesUrl: string;
}

/** Virtual seconds per real second. */
export const SPEEDS = [1, 5, 10, 30, 60] as const;
export const DEFAULT_SPEED = 10;

/** Chart time ranges in virtual seconds, or the whole session. */
export const RANGES = ['300', '900', '3600', 'all'] as const;
