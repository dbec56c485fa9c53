// Test doubles for the cache-invalidation graders: a cache that counts deletions
// and a bus that records what was published.
import { flushMicrotasks } from '@grader-kit';
import type { InvalidationBus, InvalidationMessage, MessageHandler } from '@impl/cache-invalidation/bus';

/** A Map-backed local cache that also counts how often each key was deleted. */
export class CountingCache extends Map<string, unknown> {
  readonly deletions = new Map<string, number>();

  constructor(keys: Iterable<string> = []) {
    super();
    for (const key of keys) this.set(key, `value of ${key}`);
  }

  override delete(key: string): boolean {
    this.deletions.set(key, (this.deletions.get(key) ?? 0) + 1);
    return super.delete(key);
  }

  get totalDeletions(): number {
    let total = 0;
    for (const n of this.deletions.values()) total += n;
    return total;
  }
}

/**
 * A bus written for the graders, so the invalidator is graded apart from the
 * learner's own MemoryBus. It echoes to every subscriber, the publisher included,
 * one microtask later, and keeps a copy of each message.
 */
const ECHO_LIMIT = 1_000;
const echoLoop = () => new Error(`more than ${ECHO_LIMIT} messages published: are two instances echoing each other?`);

/** The learner's bus, stopped with a sentence once it carries more messages than any test sends: an echo loop must not hang the file. */
export function capped(bus: InvalidationBus): InvalidationBus {
  let published = 0;
  return {
    publish: async (message) => {
      if (++published > ECHO_LIMIT) throw echoLoop();
      return bus.publish(message);
    },
    subscribe: (handler) => bus.subscribe(handler),
  };
}

export class RecordingBus implements InvalidationBus {
  readonly published: InvalidationMessage[] = [];
  private readonly handlers = new Set<MessageHandler>();

  async publish(message: InvalidationMessage): Promise<void> {
    // Two instances that echo each other publish for ever: stop them with a sentence instead of a hang.
    if (this.published.length >= ECHO_LIMIT) throw echoLoop();
    // A copy through JSON, as a network would carry it: anything that is not plain data shows.
    const wire = JSON.parse(JSON.stringify(message)) as InvalidationMessage;
    this.published.push(wire);
    const receivers = [...this.handlers];
    queueMicrotask(() => receivers.forEach((handler) => handler(JSON.parse(JSON.stringify(wire)))));
  }

  async subscribe(handler: MessageHandler) {
    const subscription: MessageHandler = (message) => handler(message);
    this.handlers.add(subscription);
    // Leaving takes a round trip, as UNSUBSCRIBE does over a network: a close() that does not wait shows.
    return async () => {
      await nextTurn();
      this.handlers.delete(subscription);
    };
  }

  get subscribers(): number {
    return this.handlers.size;
  }
}

/** Runs `body` inside a scope and disposes it afterwards: what `await using` compiles to. */
export async function withScope<T>(scope: AsyncDisposable, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    await scope[Symbol.asyncDispose]();
  }
}

/** Edges 0 → 1 → 2 → … → length-1, named "n0", "n1", … */
export function chainEdges(length: number): Array<[string, string]> {
  return Array.from({ length: length - 1 }, (_, i) => [`n${i}`, `n${i + 1}`]);
}

/**
 * Lets every pending callback run: microtasks, then one macrotask turn. A bus may deliver on a
 * microtask (queueMicrotask) or on a later macrotask (setTimeout 0); both are asynchronous.
 */
export async function nextTurn(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await flushMicrotasks();
}
