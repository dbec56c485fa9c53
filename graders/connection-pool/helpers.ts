// Test doubles for the connection-pool graders: a factory that counts what the
// pool asks of it, and a way to look at a promise without awaiting it.
import { flushMicrotasks, workClock } from '@grader-kit';

export interface FakeConn {
  id: number;
  healthy: boolean;
}

export interface FakeFactory {
  create(): Promise<FakeConn>;
  destroy(conn: FakeConn): void | Promise<void>;
  validate?(conn: FakeConn): boolean | Promise<boolean>;
  created: number;
  /** How many times each connection was destroyed (a correct pool: exactly once). */
  destroyCount: Map<FakeConn, number>;
  readonly destroyed: number;
  /** The next this-many create() calls reject with `Error('connect refused')`. */
  failCreates: number;
  /** When set, create() waits for the test to call the resolver it pushes here. */
  holdCreates: boolean;
  heldCreates: Array<() => void>;
  /** When set, destroy() is asynchronous and finishes only when the test calls the resolver it pushes here. */
  holdDestroys: boolean;
  heldDestroys: Array<() => void>;
  /** The next this-many destroy() calls reject, as closing a dead socket can. */
  failDestroys: number;
  /** destroy() calls started and not yet finished. */
  destroying: number;
}

export function fakeFactory(opts: { validate?: 'sync' | 'async' | 'throws' } = {}): FakeFactory {
  let nextId = 1;
  const factory: FakeFactory = {
    created: 0,
    destroyCount: new Map(),
    get destroyed() {
      return factory.destroyCount.size;
    },
    failCreates: 0,
    holdCreates: false,
    heldCreates: [],
    holdDestroys: false,
    heldDestroys: [],
    failDestroys: 0,
    destroying: 0,
    async create() {
      if (factory.holdCreates) await new Promise<void>((go) => factory.heldCreates.push(go));
      await Promise.resolve();
      if (factory.failCreates > 0) {
        factory.failCreates--;
        throw new Error('connect refused');
      }
      factory.created++;
      return { id: nextId++, healthy: true };
    },
    destroy(conn) {
      factory.destroyCount.set(conn, (factory.destroyCount.get(conn) ?? 0) + 1);
      const fail = factory.failDestroys > 0 && factory.failDestroys-- > 0;
      if (!factory.holdDestroys && !fail) return;
      factory.destroying++;
      return (async () => {
        if (factory.holdDestroys) await new Promise<void>((go) => factory.heldDestroys.push(go));
        else await Promise.resolve();
        factory.destroying--;
        if (fail) throw new Error('socket already closed');
      })();
    },
  };
  if (opts.validate === 'sync') factory.validate = (c) => c.healthy;
  if (opts.validate === 'async') factory.validate = async (c) => c.healthy;
  if (opts.validate === 'throws') {
    factory.validate = (c) => {
      if (!c.healthy) throw new Error('ping failed');
      return true;
    };
  }
  return factory;
}

export interface Tracked<T> {
  state: 'pending' | 'resolved' | 'rejected';
  value?: T;
  error?: unknown;
}

/** Records how a promise settles, so a test can check it is still pending. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const t: Tracked<T> = { state: 'pending' };
  promise.then(
    (value) => Object.assign(t, { state: 'resolved', value }),
    (error) => Object.assign(t, { state: 'rejected', error }),
  );
  return t;
}

export const settle = () => flushMicrotasks(50);

/** A deterministic chunk of CPU work (no clock involved), standing in for a handshake or a query. */
export function work(iterations: number): number {
  let x = iterations | 0;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  return x;
}


/**
 * Nanoseconds per awaited call, as the median of several short steps (each at
 * least `stepMs` long). On a busy machine another process takes the CPU now and
 * then; the median step is the one it did not interrupt.
 */
export async function medianNsPerOp(op: () => Promise<unknown>, { steps = 9, stepMs = 3 } = {}): Promise<number> {
  const costs: number[] = [];
  for (let s = 0; s < steps; s++) {
    let calls = 0;
    const start = workClock.now();
    let elapsed = 0;
    do {
      for (let j = 0; j < 16; j++) await op();
      calls += 16;
      elapsed = workClock.now() - start;
    } while (elapsed < stepMs);
    costs.push((elapsed * 1e6) / calls);
  }
  costs.sort((a, b) => a - b);
  return costs[costs.length >> 1];
}
