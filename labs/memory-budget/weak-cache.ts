// A cache that never keeps its values alive: it remembers them only for as long as
// something else does. Build it from a Map of WeakRefs and a FinalizationRegistry.
//
// What the graders check, and all that the engine lets you promise:
// - while a value is strongly held elsewhere, get() returns it, through any number
//   of garbage collections;
// - once nothing else holds it, it MAY be collected, at a time the engine chooses;
//   get() then returns undefined;
// - some time after that, the registry's callback MAY run and remove the dead entry
//   from the map, so `size` drops without anyone calling get(). No timing is promised.
// - if the key was set to a new value in between, that cleanup must leave the new
//   entry alone.

export class WeakCache<K, V extends object> {
  /**
   * Remembers `value` without keeping it alive and returns the cache.
   * @throws TypeError for a primitive: only objects can be weakly referenced.
   */
  set(key: K, value: V): this {
    throw new Error('not implemented: WeakCache.set');
  }

  /** The value, if it is still alive; undefined otherwise. A dead entry found here may be removed at once. */
  get(key: K): V | undefined {
    throw new Error('not implemented: WeakCache.get');
  }

  /** Whether get() would return a value now. */
  has(key: K): boolean {
    throw new Error('not implemented: WeakCache.has');
  }

  /** Forgets `key`; true when it had an entry, alive or not yet cleaned up. */
  delete(key: K): boolean {
    throw new Error('not implemented: WeakCache.delete');
  }

  /** Entries in the map, dead ones not yet cleaned up included. */
  get size(): number {
    throw new Error('not implemented: WeakCache.size');
  }
}
