// The built-in methods the profiler times at their call sites. A built-in such as
// Array.prototype.indexOf has no source to instrument, so its time would vanish into
// the caller's self time; these are the ones whose cost grows with the data (scans,
// copies, shifts, sorts), so "indexOf (built-in), called from get" can show up in the
// table. Cheap built-ins (Map#get, Math.*) are left out on purpose: timing them would
// cost more than they do.

/** Instance methods by owner, shown as `Array#indexOf`. */
const METHODS: Record<string, readonly string[]> = {
  Array: [
    'indexOf', 'lastIndexOf', 'includes', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'map', 'forEach',
    'reduce', 'reduceRight', 'some', 'every', 'splice', 'slice', 'shift', 'unshift', 'sort', 'reverse', 'concat', 'join',
    'flat', 'flatMap', 'fill', 'toSorted', 'toSpliced', 'toReversed',
  ],
  TypedArray: ['indexOf', 'lastIndexOf', 'includes', 'find', 'findIndex', 'filter', 'map', 'forEach', 'reduce', 'sort', 'slice', 'fill', 'join', 'set'],
  String: ['indexOf', 'lastIndexOf', 'includes', 'split', 'replace', 'replaceAll', 'repeat', 'padStart', 'padEnd'],
  Map: ['forEach'],
  Set: ['forEach'],
};

/** Static functions, shown as `Array.from`. */
const STATICS: Record<string, readonly string[]> = {
  Array: ['from'],
  Object: ['keys', 'values', 'entries', 'assign', 'fromEntries'],
  JSON: ['stringify', 'parse'],
};

/** Method names worth rewriting at a call site: `x.indexOf(…)` is timed only when `x.indexOf` turns out to be the built-in. */
export const TIMED_METHOD_NAMES: ReadonlySet<string> = new Set([...Object.values(METHODS).flat(), ...Object.values(STATICS).flat()]);

/** The built-in functions of this realm, by identity, with the label the profile shows. */
export function builtinLabels(): Map<unknown, string> {
  const owners: Record<string, object> = {
    Array: Array.prototype,
    TypedArray: Object.getPrototypeOf(Int8Array.prototype) as object,
    String: String.prototype,
    Map: Map.prototype,
    Set: Set.prototype,
  };
  const statics: Record<string, object> = { Array, Object, JSON };
  const labels = new Map<unknown, string>();
  for (const [owner, names] of Object.entries(METHODS)) {
    for (const name of names) {
      const fn = (owners[owner] as Record<string, unknown>)[name];
      if (typeof fn === 'function' && !labels.has(fn)) labels.set(fn, `${owner}#${name}`);
    }
  }
  for (const [owner, names] of Object.entries(STATICS)) {
    for (const name of names) {
      const fn = (statics[owner] as Record<string, unknown>)[name];
      if (typeof fn === 'function') labels.set(fn, `${owner}.${name}`);
    }
  }
  return labels;
}
