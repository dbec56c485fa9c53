// The invalidation bus over Redis pub/sub (Node only).
import type { Redis } from 'ioredis';
import type { InvalidationBus, InvalidationMessage, MessageHandler, Unsubscribe } from './bus';

/**
 * An InvalidationBus on one Redis channel. A connection that has subscribed can do
 * nothing but pub/sub, so it takes two: one to publish, one dedicated to
 * subscribing. The caller owns both and quits them; the bus never does.
 */
export class RedisBus implements InvalidationBus {
  private readonly handlers = new Set<MessageHandler>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    readonly channel: string,
  ) {}

  async publish(message: InvalidationMessage): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify({ origin: message.origin, keys: message.keys }));
  }

  async subscribe(handler: MessageHandler): Promise<Unsubscribe> {
    const subscription: MessageHandler = (message) => handler(message);
    if (this.handlers.size === 0) this.subscriber.on('message', this.onMessage);
    this.handlers.add(subscription);
    // Resolves once Redis confirms. Subscribing again to the same channel is harmless,
    // and waiting for it means every caller returns only once the channel is live.
    await this.subscriber.subscribe(this.channel);
    return async () => {
      if (!this.handlers.delete(subscription) || this.handlers.size > 0) return;
      this.subscriber.off('message', this.onMessage);
      await this.subscriber.unsubscribe(this.channel);
    };
  }

  // An arrow function, so that on() and off() see the same listener.
  private readonly onMessage = (channel: string, text: string): void => {
    if (channel !== this.channel) return; // the connection may serve other channels too
    const message = parseMessage(text);
    if (message === undefined) return; // someone else's junk on our channel must not crash us
    for (const handler of [...this.handlers]) handler(message);
  };
}

function parseMessage(text: string): InvalidationMessage | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return undefined;
    const { origin, keys } = data as Record<string, unknown>;
    if (typeof origin !== 'string' || !Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) return undefined;
    return { origin, keys };
  } catch {
    return undefined;
  }
}
