// The invalidation bus over Redis pub/sub (Node only).
import type { Redis } from 'ioredis';
import type { InvalidationBus, InvalidationMessage, MessageHandler, Unsubscribe } from './bus';

/**
 * An InvalidationBus on one Redis channel.
 *
 * - A connection that has subscribed can do nothing but pub/sub, so the bus takes two:
 *   `publisher` for PUBLISH, `subscriber` dedicated to SUBSCRIBE.
 * - Messages travel as JSON text: `{"origin":"…","keys":["…"]}`.
 * - `subscribe` resolves once Redis has confirmed the subscription.
 * - Only messages on `channel` reach the handlers (the subscriber connection may serve
 *   other channels too); text that is not a valid message is ignored, never thrown.
 * - The caller owns both connections: the bus never quits them. After the last
 *   handler unsubscribes, the bus unsubscribes from the channel.
 */
export class RedisBus implements InvalidationBus {
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    readonly channel: string,
  ) {}

  async publish(message: InvalidationMessage): Promise<void> {
    throw new Error(`not implemented: RedisBus.publish on ${this.channel}`);
  }

  async subscribe(handler: MessageHandler): Promise<Unsubscribe> {
    throw new Error(`not implemented: RedisBus.subscribe on ${this.channel}`);
  }
}
