// Small, obviously correct LRU models the graders compare against. Not graded code.

/**
 * A list-based LRU: index 0 is the most recently used. O(capacity) per operation,
 * which is fine for the tiny capacities of the model-based test.
 */
export class ModelLRU<K, V> {
  order: Array<[K, V]> = [];
  evicted: Array<[K, V]> = [];

  constructor(public capacity: number) {}

  private find(key: K): number {
    return this.order.findIndex(([k]) => Object.is(k, key) || (k === key));
  }

  get(key: K): V | undefined {
    const i = this.find(key);
    if (i < 0) return undefined;
    const [pair] = this.order.splice(i, 1);
    this.order.unshift(pair);
    return pair[1];
  }

  set(key: K, value: V): void {
    const i = this.find(key);
    if (i >= 0) this.order.splice(i, 1);
    this.order.unshift([key, value]);
    this.shrink();
  }

  has(key: K): boolean {
    return this.find(key) >= 0;
  }

  peek(key: K): V | undefined {
    const i = this.find(key);
    return i < 0 ? undefined : this.order[i][1];
  }

  delete(key: K): boolean {
    const i = this.find(key);
    if (i < 0) return false;
    this.order.splice(i, 1);
    return true;
  }

  resize(capacity: number): void {
    this.capacity = capacity;
    this.shrink();
  }

  private shrink(): void {
    while (this.order.length > this.capacity) this.evicted.push(this.order.pop()!);
  }
}

/**
 * The throughput yardstick: a plain Map + doubly linked list LRU with only get and set,
 * written the straightforward way. Learner code must reach a fraction of its speed.
 */
interface Node {
  key: number;
  value: number;
  prev: Node | null;
  next: Node | null;
}

export class ReferenceLRU {
  private readonly map = new Map<number, Node>();
  private head: Node | null = null; // most recent
  private tail: Node | null = null; // least recent

  constructor(private readonly capacity: number) {}

  get(key: number): number | undefined {
    const node = this.map.get(key);
    if (node === undefined) return undefined;
    this.toFront(node);
    return node.value;
  }

  set(key: number, value: number): void {
    const node = this.map.get(key);
    if (node !== undefined) {
      node.value = value;
      this.toFront(node);
      return;
    }
    if (this.map.size >= this.capacity && this.tail !== null) {
      const old = this.tail;
      this.detach(old);
      this.map.delete(old.key);
    }
    const fresh: Node = { key, value, prev: null, next: null };
    this.map.set(key, fresh);
    this.attach(fresh);
  }

  private toFront(node: Node): void {
    if (this.head === node) return;
    this.detach(node);
    this.attach(node);
  }

  private attach(node: Node): void {
    node.prev = null;
    node.next = this.head;
    if (this.head !== null) this.head.prev = node;
    this.head = node;
    if (this.tail === null) this.tail = node;
  }

  private detach(node: Node): void {
    if (node.prev !== null) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next !== null) node.next.prev = node.prev;
    else this.tail = node.prev;
  }
}
