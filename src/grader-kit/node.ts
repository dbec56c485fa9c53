// Grader helpers that need Node; only `*.node.test.ts` graders import this.
import { afterAll, type TestContext } from 'vitest';
import Redis from 'ioredis';

/**
 * The Redis URL for this run. Without one, the test is skipped with a plain
 * reason, except in CI (CI=true), where a missing Redis is a failure: a green
 * run that skipped Redis would be a lie.
 */
export function requireRedis(ctx: TestContext): string {
  const url = process.env.REDIS_URL;
  if (url) return url;
  const reason = 'Redis is not available: install redis-server (apt install redis-server) or set REDIS_URL';
  if (process.env.CI) throw new Error(`${reason}. CI must run the Redis graders.`);
  ctx.skip(reason);
  return '';
}

/**
 * Redis connections for one grader file, all closed after its tests, and names (key
 * prefixes, channels) unique to this run so that runs sharing one Redis never meet.
 */
export function redisForTests(label: string) {
  const run = `${label}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
  let names = 0;
  const connections: Redis[] = [];
  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.quit()));
  });
  return {
    connect(ctx: TestContext): Redis {
      const redis = new Redis(requireRedis(ctx), { maxRetriesPerRequest: 1 });
      connections.push(redis);
      return redis;
    },
    /** A fresh name under this run's namespace, e.g. a key prefix (`fresh(':')`) or a channel. */
    fresh: (suffix = '') => `${run}:${++names}${suffix}`,
  };
}
