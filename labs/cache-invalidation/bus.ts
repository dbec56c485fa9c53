// How cache instances in different processes tell each other what to drop.
// Only keys travel, never values: a value on the wire may be stale by the time it
// lands, while "drop this key" is always safe to apply.
// The types below are the contract; write the MemoryBus.

export interface InvalidationMessage {
  /** The id of the instance that invalidated; it uses this to ignore its own echo. */
  origin: string;
  /** Every key that instance invalidated, each once. */
  keys: string[];
}

export type MessageHandler = (message: InvalidationMessage) => void;

/** Stops a subscription. */
export type Unsubscribe = () => Promise<void>;

/**
 * A broadcast channel. Like Redis pub/sub, every subscriber receives every message,
 * the publisher's own subscription included, and delivery is asynchronous.
 */
export interface InvalidationBus {
  publish(message: InvalidationMessage): Promise<void>;
  /** Resolves once the subscription is live: messages published after that reach `handler`. */
  subscribe(handler: MessageHandler): Promise<Unsubscribe>;
}

/**
 * An in-memory bus for one process (or the browser): several instances share one
 * MemoryBus the way several processes share one Redis channel.
 *
 * - Every current subscriber gets every message, the publisher's own included.
 * - Delivery happens later (queueMicrotask is enough), never inside publish().
 * - Messages arrive in the order they were published.
 * - After its Unsubscribe resolves, a handler receives nothing more.
 */
export class MemoryBus implements InvalidationBus {
  async publish(message: InvalidationMessage): Promise<void> {
    throw new Error('not implemented: MemoryBus.publish');
  }

  async subscribe(handler: MessageHandler): Promise<Unsubscribe> {
    throw new Error('not implemented: MemoryBus.subscribe');
  }
}
