// A generic resource pool: bounded, fair (FIFO waiters), with acquire timeouts,
// validation on borrow, idle eviction and a clean shutdown.

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

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** One caller blocked in acquire(). It is also its own node in the wait queue. */
interface Waiter<T> {
  resolve(resource: T): void;
  reject(error: unknown): void;
  timer: unknown;
  prev: Waiter<T> | undefined;
  next: Waiter<T> | undefined;
}

/**
 * FIFO queue of waiters as a doubly linked list: push, shift and removing a
 * waiter from the middle (on timeout) are all O(1). `Array#shift` is O(n) in V8
 * once an array holds more than ~16k elements.
 */
class WaitQueue<T> {
  private head: Waiter<T> | undefined;
  private tail: Waiter<T> | undefined;
  length = 0;

  push(w: Waiter<T>): void {
    w.prev = this.tail;
    w.next = undefined;
    if (this.tail) this.tail.next = w;
    else this.head = w;
    this.tail = w;
    this.length++;
  }

  shift(): Waiter<T> | undefined {
    const w = this.head;
    if (w) this.remove(w);
    return w;
  }

  remove(w: Waiter<T>): void {
    if (w.prev) w.prev.next = w.next;
    else this.head = w.next;
    if (w.next) w.next.prev = w.prev;
    else this.tail = w.prev;
    w.prev = w.next = undefined;
    this.length--;
  }
}

interface IdleEntry<T> {
  resource: T;
  since: number;
}

const checkCount = (name: string, value: number, least: number) => {
  if (!(Number.isInteger(value) || value === Infinity) || value < least) {
    throw new RangeError(`${name} must be an integer ≥ ${least}, got ${value}`);
  }
};
const checkDuration = (name: string, value: number) => {
  if (Number.isNaN(value) || value < 0) throw new RangeError(`${name} must be ≥ 0 ms, got ${value}`);
};

export class Pool<T> {
  private readonly min: number;
  private readonly max: number;
  private readonly acquireTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly maxWaiting: number;
  private readonly clock: Clock;

  /** Idle resources, oldest first: lending pops the newest, eviction trims the oldest. */
  private readonly idle: IdleEntry<T>[] = [];
  private readonly borrowed = new Set<T>();
  private readonly waiters = new WaitQueue<T>();
  private creating = 0;
  /** Idle resources taken out to be validated. */
  private checking = 0;
  /** factory.destroy() calls not yet settled; close() waits for them. */
  private destroying = 0;
  private evictionTimer: unknown = undefined;
  private readonly warmUp: Promise<void>;

  private closing = false;
  private closed: Promise<void> | undefined;
  private finishClose: (() => void) | undefined;

  constructor(private readonly factory: Factory<T>, options: PoolOptions) {
    const { min = 0, max, acquireTimeoutMs = Infinity, idleTimeoutMs = Infinity, maxWaiting = Infinity } = options;
    checkCount('max', max, 1);
    if (max === Infinity) throw new RangeError('max must be finite');
    checkCount('min', min, 0);
    if (min > max) throw new RangeError(`min (${min}) must not exceed max (${max})`);
    checkDuration('acquireTimeoutMs', acquireTimeoutMs);
    checkDuration('idleTimeoutMs', idleTimeoutMs);
    checkCount('maxWaiting', maxWaiting, 0);
    this.min = min;
    this.max = max;
    this.acquireTimeoutMs = acquireTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.maxWaiting = maxWaiting;
    this.clock = options.clock ?? realClock;

    this.warmUp = Promise.all(this.fillToMin()).then(() => undefined);
    this.warmUp.catch(() => {}); // reported through ready(); not an unhandled rejection
  }

  /** Resolves once the `min` start-up resources exist; rejects with the first create error. */
  ready(): Promise<void> {
    return this.warmUp;
  }

  get stats(): PoolStats {
    return {
      size: this.size,
      available: this.idle.length,
      borrowed: this.borrowed.size,
      pending: this.waiters.length,
      creating: this.creating,
    };
  }

  private get size(): number {
    return this.idle.length + this.borrowed.size + this.creating + this.checking;
  }

  /**
   * Lends a resource: an idle one if there is one, a new one while below `max`,
   * otherwise the next one returned, in the order callers asked.
   */
  acquire(): Promise<T> {
    if (this.closing) return Promise.reject(new PoolClosedError());
    // Fast path: nobody is queued ahead, an idle resource needs no check.
    if (this.waiters.length === 0 && this.idle.length > 0 && !this.factory.validate) {
      const { resource } = this.idle.pop()!;
      this.borrowed.add(resource);
      return Promise.resolve(resource);
    }
    if (this.size >= this.max && this.waiters.length >= this.maxWaiting) {
      return Promise.reject(new PoolFullError(this.maxWaiting));
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { resolve, reject, timer: undefined, prev: undefined, next: undefined };
      if (this.acquireTimeoutMs !== Infinity) {
        waiter.timer = this.clock.setTimeout(() => {
          this.waiters.remove(waiter);
          reject(new AcquireTimeoutError(this.acquireTimeoutMs));
        }, this.acquireTimeoutMs);
      }
      this.waiters.push(waiter);
      this.dispatch();
    });
  }

  /** Gives a borrowed resource back. Throws if this pool did not lend it or it was already returned. */
  release(resource: T): void {
    if (!this.borrowed.delete(resource)) {
      throw new Error('release(): this resource is not borrowed from this pool (foreign, or already released)');
    }
    if (this.closing) {
      this.destroyResource(resource);
      return;
    }
    this.idle.push({ resource, since: this.clock.now() });
    this.dispatch();
  }

  /** Destroys a borrowed resource (for example a broken connection) and frees its slot. */
  async destroy(resource: T): Promise<void> {
    if (!this.borrowed.delete(resource)) {
      throw new Error('destroy(): this resource is not borrowed from this pool');
    }
    const done = this.destroyResource(resource);
    this.fillToMin();
    this.dispatch();
    await done;
  }

  /** Runs `fn` with a borrowed resource and gives it back however `fn` ends. */
  async use<R>(fn: (resource: T) => R | Promise<R>): Promise<R> {
    const resource = await this.acquire();
    try {
      return await fn(resource);
    } finally {
      this.release(resource);
    }
  }

  /** Borrows a resource as a lease that returns it when disposed. */
  async lease(): Promise<Lease<T>> {
    const resource = await this.acquire();
    let returned = false;
    const release = () => {
      if (returned) return;
      returned = true;
      this.release(resource);
    };
    return { resource, release, [Symbol.asyncDispose]: async () => release() };
  }

  /**
   * Shuts down: rejects waiting and future acquires, destroys idle resources now
   * and borrowed ones as they come back, then resolves once every resource is
   * destroyed and no timer is left. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    if (this.closed) return this.closed;
    this.closing = true;
    this.closed = new Promise<void>((resolve) => (this.finishClose = resolve));
    for (let w = this.waiters.shift(); w; w = this.waiters.shift()) this.fail(w, new PoolClosedError());
    this.clock.clearTimeout(this.evictionTimer);
    this.evictionTimer = undefined;
    for (const { resource } of this.idle.splice(0)) this.destroyResource(resource);
    this.maybeFinishClose();
    return this.closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- internals ----

  /** Matches idle resources to waiters, then creates what the remaining waiters still need. */
  private dispatch(): void {
    if (this.closing) return;
    while (this.waiters.length > this.checking && this.idle.length > 0) {
      const { resource } = this.idle.pop()!;
      if (this.factory.validate) this.checkThenLend(resource);
      else this.lend(resource);
    }
    // Each waiter not covered by a check or a create in flight gets a create, up to max.
    while (this.waiters.length > this.checking + this.creating && this.size < this.max) {
      this.createOne().catch(() => {}); // the error already went to a waiter
    }
    this.scheduleEviction();
  }

  /** Hands a resource to the longest-waiting caller, or parks it as idle. */
  private lend(resource: T): void {
    const waiter = this.waiters.shift();
    if (!waiter) {
      this.idle.push({ resource, since: this.clock.now() });
      this.scheduleEviction();
      return;
    }
    this.clock.clearTimeout(waiter.timer);
    this.borrowed.add(resource);
    waiter.resolve(resource);
  }

  private async checkThenLend(resource: T): Promise<void> {
    this.checking++;
    let valid = false;
    try {
      valid = (await this.factory.validate!(resource)) === true;
    } catch {
      valid = false; // a validator that throws has found a broken resource
    }
    this.checking--;
    if (valid && !this.closing) this.lend(resource);
    else {
      this.destroyResource(resource);
      this.fillToMin();
    }
    this.dispatch();
    this.maybeFinishClose();
  }

  /** One factory.create(); a failure rejects the longest-waiting caller. */
  private async createOne(): Promise<void> {
    this.creating++;
    let resource: T;
    try {
      resource = await this.factory.create();
    } catch (error) {
      this.creating--;
      const waiter = this.waiters.shift();
      if (waiter) this.fail(waiter, error);
      this.dispatch();
      this.maybeFinishClose();
      throw error;
    }
    this.creating--;
    if (this.closing) this.destroyResource(resource);
    else this.lend(resource); // fresh: no need to validate
    this.dispatch();
  }

  /** Starts creates until `min` resources exist; returns them for warm-up. */
  private fillToMin(): Promise<void>[] {
    const creates: Promise<void>[] = [];
    while (!this.closing && this.size < this.min) {
      const create = this.createOne();
      create.catch(() => {});
      creates.push(create);
    }
    return creates;
  }

  private fail(waiter: Waiter<T>, error: unknown): void {
    this.clock.clearTimeout(waiter.timer);
    waiter.reject(error);
  }

  private destroyResource(resource: T): Promise<void> {
    this.destroying++;
    return (async () => {
      try {
        await this.factory.destroy(resource);
      } catch {
        // A resource that fails to close is gone all the same.
      } finally {
        this.destroying--;
        this.maybeFinishClose();
      }
    })();
  }

  private maybeFinishClose(): void {
    if (this.closing && this.size === 0 && this.destroying === 0 && this.finishClose) {
      this.finishClose();
      this.finishClose = undefined;
    }
  }

  /** Keeps one timer, due when the oldest idle resource expires, while anything can be evicted. */
  private scheduleEviction(): void {
    if (this.evictionTimer !== undefined || this.idleTimeoutMs === Infinity) return;
    if (this.closing || this.idle.length === 0 || this.size <= this.min) return;
    const due = this.idle[0].since + this.idleTimeoutMs;
    this.evictionTimer = this.clock.setTimeout(() => {
      this.evictionTimer = undefined;
      this.evictIdle();
    }, Math.max(0, due - this.clock.now()));
  }

  private evictIdle(): void {
    const cutoff = this.clock.now() - this.idleTimeoutMs;
    let expired = 0;
    while (expired < this.idle.length && this.idle[expired].since <= cutoff && this.size - expired > this.min) expired++;
    for (const { resource } of this.idle.splice(0, expired)) this.destroyResource(resource);
    this.scheduleEviction();
  }
}
