// What makes two alerts "the same" and one alert "worse": fingerprints over sorted
// labels, and the order of severities.
// Replace each `throw new Error('not implemented: …')` with a real body.
import type { Labels, Severity } from './types';

/** Least to most severe. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

/** Whether `s` is one of SEVERITIES (and not, say, "constructor"). */
export function isSeverity(s: unknown): s is Severity {
  throw new Error('not implemented: isSeverity()');
}

/** Negative when `a` is less severe than `b`, 0 when equal, positive when more severe. */
export function compareSeverity(a: Severity, b: Severity): number {
  throw new Error('not implemented: compareSeverity()');
}

/**
 * An alert's identity: its labels sorted by name and written out unambiguously.
 * Label order does not matter; annotations are not part of it.
 */
export function fingerprint(labels: Labels): string {
  throw new Error('not implemented: fingerprint()');
}
