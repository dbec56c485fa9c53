// Test doubles for the two-level-cache graders: an L2 that counts, fails and
// stalls on command, a promise the test settles by hand, and a plain LRU to time against.
import type { L2Store } from '@impl/two-level-cache/l2-store';

interface Stored {
  json: string;
  expiresAt: number;
}

export interface FakeL2Options {
  clock: { now(): number };
  /** false: entries never expire here, so a test can see L1 expiry on its own. */
  honourTtl?: boolean;
}

/** An L2Store in a Map, storing JSON text like Redis, with call counters and fault injection. */
export class FakeL2 implements L2Store {
  gets = 0;
  sets = 0;
  deletes = 0;
  /** The last TTL each key was written with. */
  readonly ttls = new Map<string, number>();
  failGets = false;
  failSets = false;
  failDeletes = false;
  private readonly entries = new Map<string, Stored>();
  private readonly clock: { now(): number };
  private readonly honourTtl: boolean;
  private heldReads: Array<() => void> | null = null;

  constructor({ clock, honourTtl = true }: FakeL2Options) {
    this.clock = clock;
    this.honourTtl = honourTtl;
  }

  async get(key: string): Promise<unknown> {
    this.gets++;
    if (this.failGets) throw new Error('L2 unavailable (get)');
    const snapshot = this.read(key); // what the server saw when the request arrived
    if (this.heldReads) await new Promise<void>((resolve) => this.heldReads!.push(resolve));
    return snapshot === undefined ? undefined : JSON.parse(snapshot);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.sets++;
    if (this.failSets) throw new Error('L2 unavailable (set)');
    if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) throw new RangeError(`bad TTL ${ttlMs}`);
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError('not JSON');
    this.ttls.set(key, ttlMs);
    this.entries.set(key, { json, expiresAt: this.clock.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.deletes++;
    if (this.failDeletes) throw new Error('L2 unavailable (delete)');
    this.entries.delete(key);
  }

  /** Writes straight into the store, as another process would; counts nothing. */
  seed(key: string, value: unknown, ttlMs = 1e9): void {
    this.entries.set(key, { json: JSON.stringify(value), expiresAt: this.clock.now() + ttlMs });
  }

  /** The stored value without counting a call; undefined when absent or expired. */
  peek(key: string): unknown {
    const json = this.read(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /** From now on, reads take their snapshot but answer only when `releaseReads()` is called. */
  holdReads(): void {
    this.heldReads ??= [];
  }

  releaseReads(): void {
    const waiting = this.heldReads ?? [];
    this.heldReads = null;
    for (const resolve of waiting) resolve();
  }

  private read(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.honourTtl && this.clock.now() >= entry.expiresAt) return undefined;
    return entry.json;
  }
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A loader whose calls the test settles by hand, one Deferred per call.
 * `calls` holds the keys it was called with.
 */
export function manualLoader<T>() {
  const pending: Deferred<T>[] = [];
  const calls: string[] = [];
  const load = (key: string): Promise<T> => {
    calls.push(key);
    const d = deferred<T>();
    pending.push(d);
    return d.promise;
  };
  return { load, calls, pending };
}

interface LinkNode<V> {
  key: string;
  value: V | undefined;
  prev: LinkNode<V>;
  next: LinkNode<V>;
}

/** The floor an L1 hit is timed against: a Map plus a circular linked list around a sentinel, nothing else. */
export class PlainLRU<V> {
  private readonly map = new Map<string, LinkNode<V>>();
  private readonly head: LinkNode<V>;

  constructor(private readonly capacity: number) {
    const head = { key: '', value: undefined } as LinkNode<V>;
    head.prev = head.next = head;
    this.head = head;
  }

  get(key: string): V | undefined {
    const node = this.map.get(key);
    if (node === undefined) return undefined;
    this.unlink(node);
    this.pushFront(node);
    return node.value;
  }

  set(key: string, value: V): void {
    const existing = this.map.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.unlink(existing);
      this.pushFront(existing);
      return;
    }
    if (this.map.size === this.capacity) {
      const oldest = this.head.prev;
      this.unlink(oldest);
      this.map.delete(oldest.key);
    }
    const node = { key, value } as LinkNode<V>;
    this.pushFront(node);
    this.map.set(key, node);
  }

  private unlink(node: LinkNode<V>): void {
    node.prev.next = node.next;
    node.next.prev = node.prev;
  }

  private pushFront(node: LinkNode<V>): void {
    node.next = this.head.next;
    node.prev = this.head;
    this.head.next.prev = node;
    this.head.next = node;
  }
}
