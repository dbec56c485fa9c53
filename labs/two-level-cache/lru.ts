// The L1 level: a bounded least-recently-used map (given complete; building it is the lru-cache lab).
// A Map finds a key's node in O(1); a doubly linked list keeps the nodes in
// recency order, so moving a node to the front or dropping the tail is O(1) too.

interface Node<K, V> {
  key: K;
  value: V;
  newer: Node<K, V> | null;
  older: Node<K, V> | null;
}

export class LRU<K, V> {
  readonly capacity: number;
  private readonly nodes = new Map<K, Node<K, V>>();
  /** Most recently used end of the list. */
  private newest: Node<K, V> | null = null;
  /** Least recently used end: the next to go when the map is full. */
  private oldest: Node<K, V> | null = null;

  /** @throws RangeError unless `capacity` is a positive integer. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`LRU capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.nodes.size;
  }

  /** The value for `key`, marking it most recently used; `undefined` when absent. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    this.moveToFront(node);
    return node.value;
  }

  /** Stores `value`, marking `key` most recently used; evicts the least recently used key when full. */
  set(key: K, value: V): void {
    const existing = this.nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.moveToFront(existing);
      return;
    }
    if (this.nodes.size === this.capacity) this.evictOldest();
    const node: Node<K, V> = { key, value, newer: null, older: this.newest };
    if (this.newest !== null) this.newest.newer = node;
    this.newest = node;
    if (this.oldest === null) this.oldest = node;
    this.nodes.set(key, node);
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    this.unlink(node);
    this.nodes.delete(key);
    return true;
  }

  clear(): void {
    this.nodes.clear();
    this.newest = this.oldest = null;
  }

  private evictOldest(): void {
    const victim = this.oldest;
    if (victim === null) return;
    this.unlink(victim);
    this.nodes.delete(victim.key);
  }

  private moveToFront(node: Node<K, V>): void {
    if (node === this.newest) return; // the common case for hot keys: nothing to relink
    this.unlink(node);
    node.older = this.newest;
    node.newer = null;
    if (this.newest !== null) this.newest.newer = node;
    this.newest = node;
    if (this.oldest === null) this.oldest = node;
  }

  private unlink(node: Node<K, V>): void {
    if (node.newer !== null) node.newer.older = node.older;
    else this.newest = node.older;
    if (node.older !== null) node.older.newer = node.newer;
    else this.oldest = node.newer;
    node.newer = node.older = null;
  }
}
