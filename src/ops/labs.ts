// The three labs the playground runs, seen through their public API: the same
// entry files the graders import (`@impl/<slug>/<file>`). Whoever starts a session
// hands over one module per lab: the reference solution, or the learner's code
// once it has passed the lab's checks. Nothing here knows where the code came from.

export type MetricsLab = typeof import('@impl/metrics-collector/metrics');
export type AlertEngineLab = typeof import('@impl/alert-engine/alert-engine');
export type NotifierLab = typeof import('@impl/alert-notifier/notifier') & typeof import('@impl/alert-notifier/channels');

export interface LabModules {
  'metrics-collector': MetricsLab;
  'alert-engine': AlertEngineLab;
  'alert-notifier': NotifierLab;
}

export type OpsLab = keyof LabModules;

/** In the order the data flows: measure, judge, tell. */
export const OPS_LABS: readonly OpsLab[] = ['metrics-collector', 'alert-engine', 'alert-notifier'];

/** Each lab's entry files, whose exports are merged into its module (the files the graders import). */
export const ENTRY_FILES: Record<OpsLab, readonly string[]> = {
  'metrics-collector': ['metrics.ts'],
  'alert-engine': ['alert-engine.ts'],
  'alert-notifier': ['notifier.ts', 'channels.ts'],
};

/** The exports the playground calls, per lab: a module without one of them cannot be used. */
export const REQUIRED_EXPORTS: Record<OpsLab, readonly string[]> = {
  'metrics-collector': ['Registry'],
  'alert-engine': ['AlertEngine'],
  'alert-notifier': ['Notifier', 'slackChannel', 'webhookChannel', 'emailChannel'],
};

/** Merges a lab's entry modules into one and checks it has what the playground calls. */
export function labModule<L extends OpsLab>(lab: L, entries: readonly Record<string, unknown>[]): LabModules[L] {
  const merged: Record<string, unknown> = Object.assign({}, ...entries);
  const missing = REQUIRED_EXPORTS[lab].filter((name) => typeof merged[name] !== 'function');
  if (missing.length > 0) throw new Error(`${lab} does not export ${missing.join(', ')}`);
  return merged as unknown as LabModules[L];
}
