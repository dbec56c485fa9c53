// The L2 level over Redis (Node only). One Redis key per cache key, holding JSON text, expiring with PX.
import type { Redis } from 'ioredis';
import type { L2Store } from './l2-store';

export interface RedisStoreOptions {
  /** Prepended to every key, so several caches (or test runs) can share one Redis. Default `"cache:"`. */
  prefix?: string;
}

/**
 * An L2Store on an ioredis connection, following the contract in l2-store.ts.
 * The caller owns the connection: the store never connects or quits it.
 * Redis's `PX` takes whole milliseconds, and a value with its expiry should be
 * written in one command.
 */
export class RedisStore implements L2Store {
  private readonly prefix: string;

  constructor(private readonly redis: Redis, { prefix = 'cache:' }: RedisStoreOptions = {}) {
    this.prefix = prefix;
  }

  async get(key: string): Promise<unknown> {
    throw new Error(`not implemented: RedisStore.get(${this.prefix}${key})`);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    throw new Error(`not implemented: RedisStore.set(${this.prefix}${key}, …, ${ttlMs})`);
  }

  async delete(key: string): Promise<void> {
    throw new Error(`not implemented: RedisStore.delete(${this.prefix}${key})`);
  }
}
