// Vitest globalSetup for graders: gives node-only graders a Redis through REDIS_URL,
// starting a private redis-server when none is configured and one is installed.
import { redisServerInstalled, startRedis, type RunningRedis } from './redis-server';

let running: RunningRedis | undefined;

export async function setup(): Promise<void> {
  if (process.env.REDIS_URL || !redisServerInstalled()) return;
  running = await startRedis();
  process.env.REDIS_URL = running.url;
}

export async function teardown(): Promise<void> {
  await running?.stop();
}
