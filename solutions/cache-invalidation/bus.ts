// How cache instances in different processes tell each other what to drop.
// Only keys travel, never values: a value on the wire could be stale by the time
// it lands, while "drop this key" is always safe to apply.

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
 */
export class MemoryBus implements InvalidationBus {
  private readonly handlers = new Set<MessageHandler>();

  async publish(message: InvalidationMessage): Promise<void> {
    // Snapshot the subscribers now, as Redis does at PUBLISH time, then deliver
    // later: a handler never runs inside publish(), just as over a network.
    const receivers = [...this.handlers];
    queueMicrotask(() => {
      for (const handler of receivers) handler({ origin: message.origin, keys: [...message.keys] });
    });
  }

  async subscribe(handler: MessageHandler): Promise<Unsubscribe> {
    // Wrapped so that one handler subscribed twice gets two independent subscriptions.
    const subscription: MessageHandler = (message) => handler(message);
    this.handlers.add(subscription);
    return async () => {
      this.handlers.delete(subscription);
    };
  }
}
