// Grader helpers that need Node; only `*.node.test.ts` graders import this.
import type { TestContext } from 'vitest';

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
