// A cache that never keeps its values alive: it remembers them only for as long as
// something else does. What WeakRef and FinalizationRegistry can promise is little,
// and this class promises no more:
// - while a value is strongly held elsewhere, get() returns it;
// - once it is unreachable, the engine MAY collect it at some later time, and get()
//   then returns undefined;
// - some time after that, the registry MAY remove the dead entry from the map.
//   No timing is guaranteed, not even that it ever happens before the process exits.

export class WeakCache<K, V extends object> {
  private readonly refs = new Map<K, WeakRef<V>>();
  // Removes an entry whose value was collected. The held value is the key plus the
  // WeakRef that entry had: if the key has since been set again, the map holds a
  // different WeakRef and the new entry must stay.
  private readonly cleanup = new FinalizationRegistry<{ key: K; ref: WeakRef<V> }>(({ key, ref }) => {
    if (this.refs.get(key) === ref) this.refs.delete(key);
  });

  /** Remembers `value` without keeping it alive. Only objects can be held weakly. */
  set(key: K, value: V): this {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
      throw new TypeError('WeakCache holds only objects: a primitive cannot be weakly referenced');
    }
    const previous = this.refs.get(key);
    if (previous !== undefined) this.cleanup.unregister(previous); // its cleanup must not remove the new entry
    const ref = new WeakRef(value);
    this.refs.set(key, ref);
    // The WeakRef doubles as the unregister token: a WeakRef does not keep the value alive.
    this.cleanup.register(value, { key, ref }, ref);
    return this;
  }

  /** The value, if it is still alive. A dead entry found here is removed at once. */
  get(key: K): V | undefined {
    const ref = this.refs.get(key);
    if (ref === undefined) return undefined;
    const value = ref.deref();
    if (value === undefined) {
      this.refs.delete(key);
      this.cleanup.unregister(ref);
    }
    return value;
  }

  /** Whether get() would return a value now. */
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Forgets `key`; true when it had an entry, alive or not yet cleaned up. */
  delete(key: K): boolean {
    const ref = this.refs.get(key);
    if (ref === undefined) return false;
    this.refs.delete(key);
    this.cleanup.unregister(ref);
    return true;
  }

  /**
   * Entries in the map, dead ones not yet cleaned up included: an upper bound on the
   * live values, which drops only when the engine gets round to it.
   */
  get size(): number {
    return this.refs.size;
  }
}
