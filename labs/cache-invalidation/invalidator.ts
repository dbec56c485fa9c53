// Drops stale cache entries when their data changes: transitively through the
// dependency graph, after an update even when it fails, and in every other
// process through a bus.
import type { InvalidationBus } from './bus';
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
  /** Names this instance in the messages it publishes. Default: a random, unique id. */
  id?: string;
}

export class CacheInvalidator {
  /** This instance's id, as it appears in the `origin` of its messages. */
  readonly id: string;
  /** The graph `register` adds to and `invalidate` walks. */
  readonly graph: DependencyGraph;

  constructor(options: InvalidatorOptions) {
    this.id = options.id ?? '';
    this.graph = options.graph ?? new DependencyGraph();
    throw new Error('not implemented: CacheInvalidator constructor');
  }

  /** Declares that `cacheKey` is computed from each of `dependsOn`. */
  register(cacheKey: string, dependsOn: readonly string[]): void {
    throw new Error('not implemented: CacheInvalidator.register');
  }

  /**
   * The sources changed: deletes them and every key depending on them from the local
   * cache, each key once, then publishes one message `{ origin: id, keys }` on the bus
   * (none when there is nothing to drop). Resolves to the keys dropped, sources first.
   */
  async invalidate(sources: string | readonly string[]): Promise<string[]> {
    throw new Error('not implemented: CacheInvalidator.invalidate');
  }

  /**
   * Runs `update`, then invalidates `sources` whether it succeeded or threw. Nothing is
   * invalidated while the update runs. Resolves to what `update` returned, or rejects
   * with exactly what it threw.
   */
  async updating<T>(sources: readonly string[], update: () => T | Promise<T>): Promise<T> {
    throw new Error('not implemented: CacheInvalidator.updating');
  }

  /**
   * The same guarantee for `await using scope = invalidator.scope(keys)`: the sources
   * are invalidated when the block is left, normally or by a throw. Creating the scope
   * invalidates nothing; it keeps its own copy of `sources`.
   */
  scope(sources: readonly string[]): AsyncDisposable {
    throw new Error('not implemented: CacheInvalidator.scope');
  }

  /**
   * Starts applying other instances' invalidations; resolves once subscribed, and
   * subscribes only once however often it is called. On a message from another
   * instance, delete exactly the keys it lists: no graph walk, no publish. Ignore
   * messages whose origin is this instance's id.
   */
  async listen(): Promise<void> {
    throw new Error('not implemented: CacheInvalidator.listen');
  }

  /** Stops listening. Leaves the bus, and any connections it uses, open for their owner. */
  async close(): Promise<void> {
    throw new Error('not implemented: CacheInvalidator.close');
  }
}
