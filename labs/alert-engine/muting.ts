// What holds notifications back without stopping evaluation: silences (matchers over a
// time range) and inhibition (a firing source alert mutes matching targets that share
// its `equal` labels).
// Replace each `throw new Error('not implemented: …')` with a real body.
import type { InhibitRule, Labels, SilenceSpec } from './types';

// Matchers: `=`, `!=`, `=~`, `!~`; regexes match the whole label value (anchor them
// as ^(?:…)$, as Prometheus does); a missing label reads as the empty string.

export class Silences {
  /** Mutes matching alerts in [startsAt, endsAt). Returns the silence's id. RangeError when it ends before it starts or has no matcher. */
  add(spec: SilenceSpec): string {
    throw new Error('not implemented: Silences.add()');
  }

  /** Ends a silence now. False if there is no such silence. */
  expire(id: string): boolean {
    throw new Error('not implemented: Silences.expire()');
  }

  /** Whether an active silence matches these labels at `now`. */
  isSilenced(labels: Labels, now: number): boolean {
    throw new Error('not implemented: Silences.isSilenced()');
  }
}

/** Keeps, per inhibit rule, an index of the firing source alerts, updated as alerts fire and resolve. */
export class Inhibitor {
  constructor(rules: InhibitRule[]) {
    throw new Error('not implemented: Inhibitor');
  }

  /** An alert with these labels and fingerprint started firing. */
  fired(labels: Labels, fp: string): void {
    throw new Error('not implemented: Inhibitor.fired()');
  }

  /** That alert resolved. */
  resolved(labels: Labels, fp: string): void {
    throw new Error('not implemented: Inhibitor.resolved()');
  }

  /** Muted by a firing source alert with the same `equal` labels; never by itself alone. */
  isInhibited(labels: Labels, fp: string): boolean {
    throw new Error('not implemented: Inhibitor.isInhibited()');
  }
}
