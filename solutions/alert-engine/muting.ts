// What holds notifications back without stopping evaluation: silences (matchers over a
// time range) and inhibition (a firing source alert mutes matching targets that share
// its `equal` labels).
import type { InhibitRule, Labels, Matcher, SilenceSpec } from './types';

interface CompiledMatcher {
  name: string;
  test: (value: string) => boolean;
}

function compileMatcher(m: Matcher): CompiledMatcher {
  switch (m.op) {
    case '=':
      return { name: m.name, test: (v) => v === m.value };
    case '!=':
      return { name: m.name, test: (v) => v !== m.value };
    case '=~':
    case '!~': {
      const re = new RegExp(`^(?:${m.value})$`); // anchored, as in Prometheus
      const want = m.op === '=~';
      return { name: m.name, test: (v) => re.test(v) === want };
    }
    default:
      throw new RangeError(`unknown matcher op ${String((m as Matcher).op)}`);
  }
}

/** A missing label reads as the empty string, as in Prometheus. */
const matchesAll = (matchers: CompiledMatcher[], labels: Labels) =>
  matchers.every((m) => m.test(labels[m.name] ?? ''));

interface CompiledSilence {
  matchers: CompiledMatcher[];
  startsAt: number;
  endsAt: number;
}

export class Silences {
  private readonly byId = new Map<string, CompiledSilence>();
  private seq = 0;

  /** Mutes matching alerts in [startsAt, endsAt). Returns the silence's id. */
  add(spec: SilenceSpec): string {
    if (!(spec.endsAt > spec.startsAt)) throw new RangeError('a silence must end after it starts');
    if (spec.matchers.length === 0) throw new RangeError('a silence needs at least one matcher');
    const id = `silence-${++this.seq}`;
    this.byId.set(id, { matchers: spec.matchers.map(compileMatcher), startsAt: spec.startsAt, endsAt: spec.endsAt });
    return id;
  }

  /** Ends a silence now. False if there is no such silence. */
  expire(id: string): boolean {
    return this.byId.delete(id);
  }

  isSilenced(labels: Labels, now: number): boolean {
    for (const [id, s] of this.byId) {
      if (now >= s.endsAt) this.byId.delete(id); // expired: forget it
      else if (now >= s.startsAt && matchesAll(s.matchers, labels)) return true;
    }
    return false;
  }
}

interface CompiledInhibition {
  source: CompiledMatcher[];
  target: CompiledMatcher[];
  equal: string[];
  /** Equal-label values → fingerprints of firing alerts that match the source side. */
  sources: Map<string, Set<string>>;
}

/** Keeps, per inhibit rule, an index of the firing source alerts, updated as alerts fire and resolve. */
export class Inhibitor {
  private readonly rules: CompiledInhibition[];

  constructor(rules: InhibitRule[]) {
    this.rules = rules.map((r) => ({
      source: r.source.map(compileMatcher),
      target: r.target.map(compileMatcher),
      equal: [...r.equal],
      sources: new Map(),
    }));
  }

  fired(labels: Labels, fp: string): void {
    for (const rule of this.rules) {
      if (!matchesAll(rule.source, labels)) continue;
      const key = equalKey(rule.equal, labels);
      let set = rule.sources.get(key);
      if (!set) rule.sources.set(key, (set = new Set()));
      set.add(fp);
    }
  }

  resolved(labels: Labels, fp: string): void {
    for (const rule of this.rules) {
      const key = equalKey(rule.equal, labels);
      const set = rule.sources.get(key);
      if (set?.delete(fp) && set.size === 0) rule.sources.delete(key);
    }
  }

  /** Muted by a firing source alert with the same `equal` labels; never by itself alone. */
  isInhibited(labels: Labels, fp: string): boolean {
    for (const rule of this.rules) {
      if (!matchesAll(rule.target, labels)) continue;
      const sources = rule.sources.get(equalKey(rule.equal, labels));
      if (sources && (sources.size > 1 || (sources.size === 1 && !sources.has(fp)))) return true;
    }
    return false;
  }
}

function equalKey(names: string[], labels: Labels): string {
  let key = '';
  for (const name of names) key += JSON.stringify(labels[name] ?? '') + ',';
  return key;
}
