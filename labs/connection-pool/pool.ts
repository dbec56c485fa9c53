// A generic resource pool: bounded, fair (FIFO waiters), with acquire timeouts,
// validation on borrow, idle eviction and a clean shutdown.
// The types and error classes are complete; the Pool's bodies are yours.

/** How the pool makes, checks and disposes of one resource (a connection, a socket, a worker). */
export interface Factory<T> {
  create(): Promise<T>;
  destroy(resource: T): Promise<void> | void;
  /** Asked before an idle resource is lent out; `false` (or a throw) means "destroy it, don't lend it". */
  validate?(resource: T): boolean | Promise<boolean>;
}

/** The only source of time the pool uses, so tests can drive it with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface PoolOptions {
  /** Resources kept alive even when idle, created at start-up. Default 0. */
  min?: number;
  /** Most resources that may exist at once (idle + borrowed + being created). At least 1. */
  max: number;
  /** How long `acquire()` may wait before it rejects with AcquireTimeoutError. Default Infinity. */
  acquireTimeoutMs?: number;
  /** Idle resources older than this are destroyed, as long as `min` remain. Default Infinity. */
  idleTimeoutMs?: number;
  /** Most callers queued while the pool is at max; one more is rejected at once with PoolFullError. Default Infinity. */
  maxWaiting?: number;
  /** Default: performance.now() and the global setTimeout/clearTimeout. */
  clock?: Clock;
}

export interface PoolStats {
  /** Resources that exist or are being created or checked: never above `max`. */
  size: number;
  /** Idle resources ready to lend. */
  available: number;
  /** Resources lent out and not yet returned. */
  borrowed: number;
  /** Callers waiting in `acquire()`. */
  pending: number;
  /** `factory.create()` calls in flight. */
  creating: number;
}

export class PoolClosedError extends Error {
  name = 'PoolClosedError';
  constructor() {
    super('the pool is closed');
  }
}

export class AcquireTimeoutError extends Error {
  name = 'AcquireTimeoutError';
  constructor(ms: number) {
    super(`no resource became free within ${ms} ms`);
  }
}

export class PoolFullError extends Error {
  name = 'PoolFullError';
  constructor(maxWaiting: number) {
    super(`already ${maxWaiting} callers waiting for a resource`);
  }
}

/** A borrowed resource that gives itself back: `await using lease = await pool.lease()`. */
export interface Lease<T> extends AsyncDisposable {
  readonly resource: T;
  /** Returns the resource to the pool. Calling it again (or disposing afterwards) does nothing. */
  release(): void;
}

export class Pool<T> {
  /**
   * Checks the options (RangeError for min > max, max < 1, a non-integer size,
   * a negative timeout or maxWaiting) and starts creating `min` resources.
   */
  constructor(factory: Factory<T>, options: PoolOptions) {
    throw new Error('not implemented: constructor');
  }

  /** Resolves once the `min` start-up resources exist; rejects with the first create error. */
  ready(): Promise<void> {
    throw new Error('not implemented: ready()');
  }

  /** A fresh snapshot of the counts. */
  get stats(): PoolStats {
    throw new Error('not implemented: stats');
  }

  /**
   * Lends a resource: an idle one if there is one (validated first when the
   * factory has `validate`), a new one while below `max`, otherwise the next
   * one given back, to callers in the order they asked. Rejects with
   * AcquireTimeoutError after `acquireTimeoutMs`, with PoolFullError when
   * `maxWaiting` callers already wait, with PoolClosedError after close(), and
   * with the factory's error when the create meant for it fails.
   */
  acquire(): Promise<T> {
    throw new Error('not implemented: acquire()');
  }

  /** Gives a borrowed resource back. Throws if this pool did not lend it or it was already returned. */
  release(resource: T): void {
    throw new Error('not implemented: release()');
  }

  /** Destroys a borrowed resource (for example a broken connection) and frees its slot. Rejects if it is not borrowed. */
  destroy(resource: T): Promise<void> {
    throw new Error('not implemented: destroy()');
  }

  /** Runs `fn` with a borrowed resource and gives it back however `fn` ends. */
  use<R>(fn: (resource: T) => R | Promise<R>): Promise<R> {
    throw new Error('not implemented: use()');
  }

  /** Borrows a resource as a lease that returns it when disposed. */
  lease(): Promise<Lease<T>> {
    throw new Error('not implemented: lease()');
  }

  /**
   * Shuts down: rejects waiting and future acquires, destroys idle resources now
   * and borrowed ones as they come back, then resolves once every resource is
   * destroyed and no timer is left. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    throw new Error('not implemented: close()');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
