// Drops stale cache entries when their data changes: transitively through the
// dependency graph, after an update even when it fails, and in every other
// process through a bus.
import type { InvalidationBus, InvalidationMessage, Unsubscribe } from './bus';
import { DependencyGraph } from './dependency-graph';

/** This instance's own cache: a Map, an LRU, anything that can delete a key. */
export interface LocalCache {
  delete(key: string): unknown;
}

export interface InvalidatorOptions {
  cache: LocalCache;
  /** Shared with other code when given; a fresh graph otherwise. */
  graph?: DependencyGraph;
  /** Where invalidations are announced to, and heard from, other instances. */
  bus?: InvalidationBus;
  /** Names this instance in the messages it publishes. Default: a random id. */
  id?: string;
}

export class CacheInvalidator {
  readonly id: string;
  readonly graph: DependencyGraph;
  private readonly cache: LocalCache;
  private readonly bus: InvalidationBus | undefined;
  private unsubscribe: Unsubscribe | undefined;

  constructor({ cache, graph = new DependencyGraph(), bus, id = randomId() }: InvalidatorOptions) {
    this.cache = cache;
    this.graph = graph;
    this.bus = bus;
    this.id = id;
  }

  /** Declares that `cacheKey` is computed from each of `dependsOn`. */
  register(cacheKey: string, dependsOn: readonly string[]): void {
    for (const source of dependsOn) this.graph.addEdge(source, cacheKey);
  }

  /**
   * The sources changed: drops them and everything depending on them from the local
   * cache, each key once, then announces the keys on the bus in one message.
   * Returns the keys dropped, sources first.
   */
  async invalidate(sources: string | readonly string[]): Promise<string[]> {
    const keys = this.graph.affectedByAll(typeof sources === 'string' ? [sources] : sources);
    if (keys.length === 0) return keys;
    for (const key of keys) this.cache.delete(key);
    await this.bus?.publish({ origin: this.id, keys });
    return keys;
  }

  /**
   * Runs `update`, then invalidates `sources` whether it succeeded or threw.
   * Resolves to what `update` returned, or rejects with what it threw.
   */
  async updating<T>(sources: readonly string[], update: () => T | Promise<T>): Promise<T> {
    try {
      return await update(); // `await` here, so the finally waits for the update to settle
    } finally {
      await this.invalidate(sources);
    }
  }

  /**
   * The same guarantee for `await using`: the sources are invalidated when the
   * block is left, normally or by a throw.
   */
  scope(sources: readonly string[]): AsyncDisposable {
    const keys = [...sources]; // the caller may change its array before the block ends
    return { [Symbol.asyncDispose]: async () => void (await this.invalidate(keys)) };
  }

  /** Starts applying other instances' invalidations. Resolves once subscribed. */
  async listen(): Promise<void> {
    if (this.bus === undefined || this.unsubscribe !== undefined) return;
    this.unsubscribe = await this.bus.subscribe((message) => this.receive(message));
  }

  /** Stops listening. Leaves the bus, and whatever connections it uses, open for their owner. */
  async close(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.();
  }

  private receive(message: InvalidationMessage): void {
    // Our own message coming back: those keys are already gone here.
    if (message.origin === this.id) return;
    // The sender already walked the graph, so the message lists every key: drop exactly
    // those, and publish nothing, or two instances would echo each other for ever.
    for (const key of message.keys) this.cache.delete(key);
  }
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
