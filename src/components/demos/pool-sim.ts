// The connection-pool demo's model: a small but correct pool on a simulated clock,
// and the clients a learner sends at it. Time only moves when the demo calls
// `advance`, so every run is the same and a test can check each rule exactly.
//
// The pool keeps the rules the connection-pool lab grades: at most `max` connections
// (idle + borrowed + being created), `min` opened up front and refilled after a
// destroy, a FIFO line of waiters on a real deque, a waiter that gives up after
// `acquireTimeoutMs` (not an instant throw), idle connections validated before they
// are lent and evicted after `idleTimeoutMs` (never below `min`), and `use(fn)`,
// which gives the connection back even when `fn` throws.
import { FakeClock } from '../../grader-kit';
import { Deque } from './deque';

export interface PoolOptions {
  min: number;
  max: number;
  acquireTimeoutMs: number;
  idleTimeoutMs: number;
  /** How often idle connections are checked for eviction. */
  evictEveryMs: number;
}

export interface Factory<T> {
  create(): Promise<T>;
  destroy(resource: T): void;
  /** Run on an idle resource before it is lent: false means broken, destroy it. */
  validate(resource: T): boolean;
}

export class AcquireTimeoutError extends Error {
  override name = 'AcquireTimeoutError';
}

/** What the pool tells its observer; `who` is the tag the caller passed to acquire(). */
export type PoolEvent<T> =
  | { kind: 'created'; resource: T }
  | { kind: 'queued'; who: number; position: number }
  | { kind: 'lent'; resource: T; who: number; waitedMs: number }
  | { kind: 'timeout'; who: number; waitedMs: number }
  | { kind: 'released'; resource: T; who: number }
  | { kind: 'evicted'; resource: T }
  | { kind: 'discarded'; resource: T };

interface Waiter<T> {
  who: number;
  since: number;
  resolve(resource: T): void;
  reject(error: Error): void;
  timer: unknown;
  /** Set once served or timed out; a timed-out waiter stays in the deque until it reaches the front. */
  settled: boolean;
}

interface Idle<T> {
  resource: T;
  since: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
}

export class Pool<T> {
  /** Oldest returned at the front (evicted first), newest at the back (lent first: it is the warmest). */
  private readonly idle = new Deque<Idle<T>>();
  private readonly borrowed = new Map<T, number>();
  private readonly waiters = new Deque<Waiter<T>>();
  private waiting = 0;
  private creating = 0;

  constructor(
    private readonly factory: Factory<T>,
    readonly options: PoolOptions,
    private readonly clock: Clock,
    private readonly observe: (event: PoolEvent<T>) => void = () => {},
  ) {
    const { min, max } = options;
    if (!Number.isInteger(max) || max < 1 || !Number.isInteger(min) || min < 0 || min > max) {
      throw new RangeError(`need 0 ≤ min ≤ max and max ≥ 1, got min=${min}, max=${max}`);
    }
    this.dispatch(); // warm-up: opens `min` connections
    clock.setInterval(() => this.evictIdle(), options.evictEveryMs);
  }

  /** Idle + borrowed + being created: never above max. */
  get size(): number {
    return this.idle.length + this.borrowed.size + this.creating;
  }

  /** Borrows a connection: an idle one, a new one below max, or a place in line. */
  acquire(who: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { who, since: this.clock.now(), resolve, reject, timer: undefined, settled: false };
      waiter.timer = this.clock.setTimeout(() => {
        // Give up after the timeout, not at once. The waiter stays in the deque, marked;
        // nextWaiter() skips it, so a connection returned later goes to someone still waiting.
        waiter.settled = true;
        this.waiting--;
        const waitedMs = this.clock.now() - waiter.since;
        this.observe({ kind: 'timeout', who, waitedMs });
        reject(new AcquireTimeoutError(`no connection became free within ${waitedMs} ms`));
      }, this.options.acquireTimeoutMs);
      this.waiters.push(waiter);
      this.waiting++;
      this.dispatch();
      if (!waiter.settled) this.observe({ kind: 'queued', who, position: this.waiting });
    });
  }

  release(resource: T): void {
    const who = this.borrowed.get(resource);
    if (who === undefined) throw new Error('release(): this connection is not borrowed from this pool');
    this.borrowed.delete(resource);
    this.idle.push({ resource, since: this.clock.now() });
    this.observe({ kind: 'released', resource, who });
    this.dispatch();
  }

  /** Borrow, run fn, and always give the connection back, even when fn throws. */
  async use<R>(who: number, fn: (resource: T) => Promise<R>): Promise<R> {
    const resource = await this.acquire(who);
    try {
      return await fn(resource); // without this await, finally would return it while fn still runs
    } finally {
      this.release(resource);
    }
  }

  /** Destroys idle connections older than idleTimeoutMs, oldest first, never going below min. */
  evictIdle(): void {
    const cutoff = this.clock.now() - this.options.idleTimeoutMs;
    while (this.size > this.options.min) {
      const oldest = this.idle.peekFront();
      if (oldest === undefined || oldest.since > cutoff) break;
      this.idle.shift();
      this.factory.destroy(oldest.resource);
      this.observe({ kind: 'evicted', resource: oldest.resource });
    }
  }

  /** What the demo draws. Waiters in line order, timed-out ones left out. */
  view() {
    return {
      idle: [...this.idle].map((e) => ({ ...e })),
      borrowed: [...this.borrowed].map(([resource, who]) => ({ resource, who })),
      creating: this.creating,
      waiters: [...this.waiters].filter((w) => !w.settled).map((w) => ({ who: w.who, since: w.since })),
    };
  }

  /** Serves the line from idle connections, then creates for the rest within max, then refills to min. */
  private dispatch(): void {
    while (this.waiting > 0 && this.idle.length > 0) {
      const { resource } = this.idle.pop()!;
      if (!this.factory.validate(resource)) {
        this.factory.destroy(resource); // never lend a broken connection
        this.observe({ kind: 'discarded', resource });
        continue;
      }
      this.lend(resource, this.nextWaiter()!);
    }
    while (this.size < this.options.max && (this.waiting > this.creating || this.size < this.options.min)) {
      this.create();
    }
  }

  private create(): void {
    // Counted before the await: otherwise two calls could both see room and overshoot max.
    this.creating++;
    void this.factory.create().then((resource) => {
      this.creating--;
      this.observe({ kind: 'created', resource });
      this.idle.push({ resource, since: this.clock.now() });
      this.dispatch();
    });
  }

  private lend(resource: T, waiter: Waiter<T>): void {
    this.clock.clearTimeout(waiter.timer);
    this.borrowed.set(resource, waiter.who);
    this.observe({ kind: 'lent', resource, who: waiter.who, waitedMs: this.clock.now() - waiter.since });
    waiter.resolve(resource);
  }

  /** The front of the FIFO line, skipping waiters that have already timed out. */
  private nextWaiter(): Waiter<T> | undefined {
    for (let w = this.waiters.shift(); w; w = this.waiters.shift()) {
      if (w.settled) continue;
      w.settled = true;
      this.waiting--;
      return w;
    }
    return undefined;
  }
}

// ── The demo around the pool: connections, clients and what the learner sees ──

export interface Connection {
  id: number;
  /** The server closed it; the pool only finds out when it validates it. */
  broken: boolean;
}

export type ClientKind = 'use' | 'use-throws' | 'leaky-throws';
export type ClientState = 'waiting' | 'querying' | 'done' | 'failed' | 'timed-out' | 'leaked';

export interface Client {
  id: number;
  kind: ClientKind;
  state: ClientState;
  connection?: number;
  /** When its query ends (while querying). */
  until?: number;
}

/** One line of the demo's log: a pool event, or what happened to a client. */
export type LogBody =
  | PoolEvent<Connection>
  | { kind: 'leaked'; who: number; resource: Connection }
  | { kind: 'threw'; who: number };
export type LogEntry = LogBody & { at: number };

export interface DemoConfig extends Omit<PoolOptions, 'evictEveryMs'> {
  /** How long opening a connection takes. */
  createMs: number;
}

export class PoolDemo {
  readonly clock = new FakeClock();
  readonly pool: Pool<Connection>;
  readonly clients: Client[] = [];
  readonly log: LogEntry[] = [];
  readonly counts = { lent: 0, timedOut: 0, leaked: 0, created: 0, destroyed: 0 };
  private nextConnection = 1;
  private readonly connections = new Map<number, Connection>();

  constructor(readonly config: DemoConfig) {
    const factory: Factory<Connection> = {
      create: async () => {
        await this.sleep(config.createMs); // handshake, TLS, authentication
        const c = { id: this.nextConnection++, broken: false };
        this.connections.set(c.id, c);
        return c;
      },
      destroy: (c) => { this.connections.delete(c.id); },
      validate: (c) => !c.broken,
    };
    this.pool = new Pool(factory, { ...config, evictEveryMs: 250 }, this.clock, (event) => this.record(event));
  }

  /** Sends a client that borrows a connection, queries for `holdMs` and may throw. */
  send(kind: ClientKind, holdMs: number): Client {
    const client: Client = { id: this.clients.length + 1, kind, state: 'waiting' };
    this.clients.push(client);
    const query = async (c: Connection) => {
      client.state = 'querying';
      client.connection = c.id;
      client.until = this.clock.now() + holdMs;
      await this.sleep(holdMs);
      if (kind !== 'use') throw new Error('query failed');
    };
    const run = kind === 'leaky-throws'
      ? async () => {
        // ❌ the release line is skipped when the query throws: the connection never comes back
        const c = await this.pool.acquire(client.id);
        await query(c);
        this.pool.release(c);
      }
      : () => this.pool.use(client.id, query); // ✅ use() releases in finally
    run().then(
      () => { client.state = 'done'; },
      (error: Error) => {
        if (error instanceof AcquireTimeoutError) client.state = 'timed-out';
        else if (kind === 'leaky-throws') {
          client.state = 'leaked';
          this.counts.leaked++;
          this.note({ kind: 'leaked', who: client.id, resource: this.connections.get(client.connection!)! });
        } else {
          client.state = 'failed';
          this.note({ kind: 'threw', who: client.id });
        }
      },
    );
    return client;
  }

  /** The server drops the most recently returned idle connection; the pool notices when it validates it. */
  breakIdle(): Connection | undefined {
    const { idle } = this.pool.view();
    const victim = idle[idle.length - 1]?.resource;
    if (victim) victim.broken = true;
    return victim;
  }

  advance(ms: number): Promise<void> {
    return this.clock.advance(ms);
  }

  /** Lets the promise callbacks of a click run without moving time. */
  settle(): Promise<void> {
    return this.clock.advance(0);
  }

  /** Connections still out whose client has finished: nobody will ever return them. */
  leakedIds(): Set<number> {
    return new Set(this.clients.filter((c) => c.state === 'leaked').map((c) => c.connection!));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }

  private record(event: PoolEvent<Connection>): void {
    if (event.kind === 'lent') this.counts.lent++;
    if (event.kind === 'timeout') this.counts.timedOut++;
    if (event.kind === 'created') this.counts.created++;
    if (event.kind === 'evicted' || event.kind === 'discarded') this.counts.destroyed++;
    this.note(event);
  }

  private note(entry: LogBody): void {
    this.log.push({ ...entry, at: this.clock.now() });
  }
}
