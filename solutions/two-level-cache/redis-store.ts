// The L2 level over Redis (Node only). One Redis key per cache key, holding JSON text, expiring with PX.
import type { Redis } from 'ioredis';
import { toJson, wholeTtlMs, type L2Store } from './l2-store';

export interface RedisStoreOptions {
  /** Prepended to every key, so several caches (or test runs) can share one Redis. Default `"cache:"`. */
  prefix?: string;
}

/**
 * An L2Store on an ioredis connection. The caller owns the connection: the store
 * never connects or quits it.
 */
export class RedisStore implements L2Store {
  private readonly prefix: string;

  constructor(private readonly redis: Redis, { prefix = 'cache:' }: RedisStoreOptions = {}) {
    this.prefix = prefix;
  }

  async get(key: string): Promise<unknown> {
    const json = await this.redis.get(this.prefix + key);
    return json === null ? undefined : JSON.parse(json);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    const ttl = wholeTtlMs(ttlMs);
    // One SET with PX writes value and expiry atomically; SET then PEXPIRE could leave a key that never expires.
    await this.redis.set(this.prefix + key, toJson(value), 'PX', ttl);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
