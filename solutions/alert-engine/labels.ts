// What makes two alerts "the same" and one alert "worse": fingerprints over sorted
// labels, and the order of severities.
import type { Labels, Severity } from './types';

/** Least to most severe. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, critical: 2 };

export const isSeverity = (s: unknown): s is Severity => typeof s === 'string' && Object.hasOwn(SEVERITY_RANK, s);

/** Negative when `a` is less severe than `b`, 0 when equal, positive when more severe. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/**
 * An alert's identity: its labels sorted by name and written out unambiguously.
 * Label order does not matter; annotations are not part of it.
 */
export function fingerprint(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let out = '';
  for (const name of names) out += JSON.stringify(name) + ':' + JSON.stringify(labels[name]) + ',';
  return out;
}
